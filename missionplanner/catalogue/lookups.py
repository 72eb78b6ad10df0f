"""Words of records asked for by id that are not there."""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    "not-found.mission": N_("There is no mission with the id {id:quoted}."),
    "not-found.participant": N_("{title:quoted} has no participant with the id {id:quoted}."),
    "not-found.organization": N_("There is no organization with the id {id:quoted}."),
}
