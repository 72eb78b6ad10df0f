"""Words of backups and restoring: what was done, and why something was refused.

``reason`` is what the system said (or a message of the store's); paths and file names
are shown as they are.
"""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    # Making a backup.
    "backup.no-database": N_("There is no database at {path} to back up."),
    "backup.database-is-folder": N_("{path} is a folder, not a database."),
    "backup.target-is-folder": N_("{path} is a folder; give a file name for the backup."),
    "backup.target-is-database": N_(
        "{path} is the database itself; choose another file name for the backup."
    ),
    "backup.target-not-a-file": N_(
        "Cannot write {path}: a backup must be a file, not a device, a pipe or the standard output."
    ),
    # Restoring: what was done.
    "restore.done": N_("Restored {database} from {backup}."),
    "restore.nothing-kept": N_("There was no earlier database to keep."),
    "restore.kept": N_("The database as it was before is kept in {kept}."),
    "restore.kept-damaged": N_("The damaged database as it was is kept, unchanged, in {kept}."),
    "restore.upgraded-on-open": N_(
        "The backup was made by an older version of Mission Planner; it is upgraded when "
        "the database is next opened."
    ),
    # Restoring: refused, and nothing was restored.
    "restore.no-file": N_("There is no file {path}. Nothing was restored."),
    "restore.is-folder": N_("{path} is a folder, not a backup. Nothing was restored."),
    "restore.is-the-database": N_(
        "{path} is the database itself, not a backup of it. Nothing was restored."
    ),
    "restore.unreadable": N_("{path} cannot be read ({reason}). Nothing was restored."),
    "restore.not-ours": N_(
        "{name} is not a Mission Planner database ({why}). Nothing was restored."
    ),
    "restore.why.empty": N_("it is an empty file"),
    "restore.why.not-sqlite": N_("it is not a database file at all"),
    "restore.why.foreign": N_("it is another application's database"),
    "restore.why.corrupt": N_("it is damaged"),
    "restore.why.no-version": N_("its version record is missing or empty"),
    "restore.too-new": N_(
        "{name} was written by a newer version of Mission Planner (schema {revision}). "
        "Install the newer version to restore it. Nothing was restored."
    ),
    "restore.disk-full": N_(
        "The disk holding {name} is full. Free some space and try again; nothing was "
        "restored or changed."
    ),
    "restore.cannot-keep": N_(
        "Could not keep a copy of the current database ({reason}). Nothing was restored."
    ),
    "restore.target-foreign": N_(
        "{name} is another application's database; it was not replaced. Nothing was restored."
    ),
    "restore.in-use": N_(
        "{name} is in use by another window or program. Close it, then restore again. "
        "Nothing was restored."
    ),
    "restore.busy": N_(
        "{name} is being used by another Mission Planner (an import, a command or an "
        "open window). Let it finish or close it, then restore again. Nothing was restored."
    ),
    "restore.copy-failed": N_(
        "{name} could not be restored: it failed its check or could not be copied next to "
        "the database ({reason}). Nothing was restored."
    ),
    "restore.cannot-replace": N_("Could not replace {path} ({reason}). Nothing was restored."),
    # File sizes.
    "size.bytes": NP_("{n} byte", "{n} bytes"),
    "size.kilobytes": N_("{value} KB"),
    "size.megabytes": N_("{value} MB"),
    "size.gigabytes": N_("{value} GB"),
}
