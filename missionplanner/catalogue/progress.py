"""Words of long work: what cancelling it did."""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    "progress.cancelled": N_("Cancelled: nothing was changed."),
}
