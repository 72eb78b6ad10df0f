"""Words of single-record writes: stale copies, records gone, deletes refused."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "record.too-many-meetings": N_(
        "This mission already holds {most:,} meetings, the most a mission may hold (more "
        "could not be checked or printed); start another mission for the rest."
    ),
    "record.gone": N_("The {kind} {id:quoted} no longer exists (it may have been deleted)."),
    "record.stale": N_(
        "The {kind} was changed elsewhere (in another window or program) since you "
        "opened it. Reload it to see the latest version, then make your change again."
    ),
    "record.no-id": N_("cannot update a {kind} without its id"),
    "record.called": N_("{kind} {name:quoted}"),
    "record.sole-attendee": N_(
        "{name} is the only person named for {titles:quoted-and}; change who attends or "
        "travels there first (an empty list means the whole delegation)"
    ),
    "record.sole-attendee-more": N_(
        "{name} is the only person named for {titles:quoted-and} and {more} more; change "
        "who attends or travels there first (an empty list means the whole delegation)"
    ),
    "record.city-has-meetings": NP_(
        "{city} still has {n} meeting; move or delete it first",
        "{city} still has {n} meetings; move or delete them first",
    ),
    "record.organization-has-meetings": NP_(
        "{name} cannot be deleted: {n} meeting names it, and the directory keeps it for "
        "its history. Nothing was changed.",
        "{name} cannot be deleted: {n} meetings name it, and the directory keeps it for "
        "their history. Nothing was changed.",
    ),
}
