"""Words of records asked for by id that are not there."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "not-found.mission": N_("There is no mission with the id {id:quoted}."),
    "not-found.participant": N_(
        "{title:quoted} has no participant with the id {id:quoted}; its participants are {known}."
    ),
    "not-found.participant-none": N_(
        "{title:quoted} has no participant with the id {id:quoted}; it has no participants yet."
    ),
    "participant.id-name": N_("{id:quoted} ({name})"),
    "participant.more": NP_("{n} more", "{n} more"),
    # A database written elsewhere may hold what the rules refuse on every road in.
    "plan.date-out-of-range": N_(
        "{title:quoted} holds a date Mission Planner cannot show: {value:iso} ({what}) is "
        "not between {first} and {last}. Correct it in the app and try again."
    ),
    "not-found.organization": N_("There is no organization with the id {id:quoted}."),
}
