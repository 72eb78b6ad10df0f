"""Words of the day model: zone changes and clock changes, as the documents print them."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    # A move to another zone: "Santiago UTC-03 → Bogotá UTC-05 (clocks go back 2 h)".
    "days.zone-change": N_("{before_place} {before:zone} → {after_place} {after:zone} ({shift})"),
    # The clocks of one city change: "Santiago UTC-04 → UTC-03 (clocks go forward 1 h)".
    "days.clock-change": N_("{place} {before:zone} → {after:zone} ({shift})"),
    "days.clocks-forward": N_("clocks go forward {length}"),
    "days.clocks-back": N_("clocks go back {length}"),
    "days.clocks-same": N_("same clock time"),
    # Heads the list of a day's changes.
    "days.zone-changes": NP_("Time zone change:", "Time zone changes:"),
}
