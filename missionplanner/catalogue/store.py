"""Words of the database file: opening, creating, upgrading, copying, and its errors.

``reason`` and ``detail`` are what the system or SQLite said, as it said it.
"""

from __future__ import annotations

from missionplanner.messages import N_, Plural

ENTRIES: dict[str, str | Plural] = {
    # Units of work.
    "store.read-only": N_("The database is open read-only; changes are not allowed."),
    "store.stale-record": N_(
        "This record was changed elsewhere (in another window or program) since it was "
        "read. Reload it and make the change again."
    ),
    "store.conflict": N_("The change conflicts with other records and was not saved ({detail})."),
    # What SQLite reported, for people.
    "store.sqlite.disk-full": N_(
        "The disk is full (there is no room to write the database), so the change was "
        "not saved and nothing was changed. Free some space and try again."
    ),
    "store.sqlite.busy": N_(
        "The database is busy in another window or program. Wait a moment and try again."
    ),
    "store.sqlite.read-only": N_("The database file cannot be written (it is read-only)."),
    "store.sqlite.damaged": N_("The database file is damaged. Restore it from a backup."),
    "store.sqlite.cannot-open": N_(
        "The database file could not be opened (check that its folder exists)."
    ),
    "store.sqlite.too-long": N_(
        "The database took longer than {seconds} seconds to answer, so the request was "
        "stopped. Nothing was changed; if this happens again, restore a backup."
    ),
    "store.sqlite.other": N_("The database reported a problem: {detail}"),
    # Opening and creating a file.
    "store.no-database": N_("There is no database at {path}."),
    "store.upgrade-first": N_(
        "{name} was made by an older version of Mission Planner and must be upgraded "
        "first: open it once without read-only."
    ),
    "store.refused.empty": N_(
        "{name} is an empty file, not a Mission Planner database. It was left as it is; "
        "to start a new plan, choose a new file name."
    ),
    "store.refused.not-sqlite": N_(
        "{name} is not a Mission Planner database (it is not a database file at all). "
        "It was left as it is."
    ),
    "store.refused.foreign": N_(
        "{name} is a database of another application, not of Mission Planner. It was left as it is."
    ),
    "store.refused.corrupt": N_(
        "{name} is damaged and cannot be opened. It was left as it is; restore it from a backup."
    ),
    "store.refused.too-new": N_(
        "{name} was written by a newer version of Mission Planner (schema {revision}). "
        "Install the newer version to open it; the file was left as it is."
    ),
    "store.refused.unexpected": N_(
        "{name} is not a database as Mission Planner makes it: {problem}. It was left as "
        "it is and not opened."
    ),
    "store.refused.no-version": N_(
        "{name} is not a database as Mission Planner makes it: its version record is "
        "missing or empty. It was left as it is and not opened."
    ),
    "store.refused.disk-full": N_(
        "The disk holding {name} is full, so it cannot be opened. Free some space and "
        "try again; nothing was changed."
    ),
    "store.refused.unreadable": N_(
        "{name} cannot be read just now ({problem}). It was left as it is."
    ),
    "store.interrupted-change": N_(
        "{name} holds a change that was cut short when the program making it stopped. "
        "Open it once without read-only so the unfinished change is undone; nothing "
        "was changed."
    ),
    "store.not-writable": N_(
        "{name} or its folder cannot be written (it is read-only), so changes could not "
        "be saved. Open it read-only to look at it; nothing was changed."
    ),
    "store.read-only-folder-wal": N_(
        "{name} holds changes not yet folded into it (its -wal file) and its folder "
        "cannot be written, so it cannot be read here. Open it once where it can be "
        "written; nothing was changed."
    ),
    # What cannot be a database file at all.
    "store.location.address": N_(
        "{path} is the address of a database server, not a file: Mission Planner "
        "keeps a plan in a database file (database servers are not supported yet). "
        "Give the path of a file."
    ),
    "store.location.folder": N_(
        "{path} is a folder, not a database file. Give the path of a file in it, for "
        "example {path}/missionplanner.sqlite."
    ),
    "store.location.not-a-file": N_(
        "{path} is not a regular file (a device or a pipe), so it cannot be a database."
    ),
    "store.cannot-create-folder": N_("Cannot create the folder for {path}: {reason}"),
    "store.cannot-create": N_("Cannot create the database {path}: {reason}"),
    "store.upgrade-broken-links": N_(
        "The database could not be upgraded: some records point to records that do not "
        "exist. Nothing was changed."
    ),
    # Copies through SQLite's backup API.
    "store.copy.failed-check": N_(
        "The copy of {name} failed its integrity check, so it was not kept. The database "
        "itself may be damaged."
    ),
    "store.copy.failed": N_("Could not copy {name} to {target}: {reason}."),
    "store.copy.not-written": N_("Could not write the copy {target}: {reason}."),
    "store.copy.damaged": N_("the database is damaged"),
    "store.copy.disk-full": N_("the disk is full"),
    "store.copy.cannot-open": N_("the file could not be opened"),
    # What differs from the schema Mission Planner makes (the {problem} above).
    "schema.extra": N_("it holds the {kind} {name:quoted}, which Mission Planner does not make"),
    "schema.changed": N_("its {kind} {name:quoted} is not as Mission Planner makes it"),
    "schema.missing": N_("its {kind} {name:quoted} is missing"),
    "schema.kind.table": N_("table"),
    "schema.kind.index": N_("index"),
    "schema.kind.view": N_("view"),
    "schema.kind.trigger": N_("trigger"),
}
