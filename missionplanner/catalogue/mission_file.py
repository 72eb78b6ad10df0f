"""Words of reading mission files (missionplanner.io.parse) and of their imports."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "file.problem": N_("{where}: {problem}"),
    "file.record-problem": N_("{problem} ({what})"),
    "file.problems": NP_(
        # One problem is said on one line, like every other refusal.
        "The mission file has {n} problem; nothing was imported. {problems}",
        "The mission file has {n} problems; nothing was imported.\n{problems:lines}",
    ),
    "file.more-problems": N_("…and {n} more"),
    "file.too-many-meetings": N_(
        "holds {n:,} meetings; a mission may hold at most {most:,} (split it into several missions)"
    ),
    "file.repeated-key": N_("appears more than once in the same object; keep only one"),
    "file.unknown-key": N_("is not a field of a {kind}"),
    "file.unknown-key-hint": N_("is not a field of a {kind}; did you mean {hint:quoted}?"),
    "file.empty": N_("{source} is empty; it is not a mission file."),
    "file.not-utf8": N_("{source} is not a mission file (it is not UTF-8 text)."),
    "file.bad-json": N_(
        "{source} is not valid JSON (line {line}, column {column}: {reason}); nothing was imported."
    ),
    "file.too-deep": N_(
        "{source} is not a mission file (its contents are nested too deeply); nothing was imported."
    ),
    "file.bad-number": N_(
        "{source} is not a mission file (it holds a number too long to read); nothing was imported."
    ),
    "file.not-an-object": N_("This is not a mission file: it must be a JSON object."),
    "file.no-format": N_(
        'format: missing; a mission file starts with "format": "{format}". Nothing was imported.'
    ),
    "file.other-format": N_(
        "format: {found:quoted} is not a format this version reads (it reads {format}); "
        "the file may come from a newer Mission Planner. Nothing was imported."
    ),
    "file.not-a-mission-file-folder": N_("{path} is a folder, not a mission file."),
    "file.owned-elsewhere": N_(
        "{where}.id: the {kind} id {id:quoted} already belongs to another {owner} in this "
        "database ({other:quoted}); give it a different id. Nothing was imported."
    ),
    "import.added": N_("Added: {parts}."),
    "import.updated": N_("Updated: {parts}."),
    "import.removed": N_("Removed: {parts}."),
    "import.unchanged": N_("Unchanged: {parts}."),
    "import.nothing": N_("The file holds no organizations and no missions."),
    "import.reading": N_("Reading {name}…"),
    "import.checking": N_("Checking the file…"),
    "import.importing": N_("Importing {kind}…"),
    "import.saving": N_("Saving…"),
}
