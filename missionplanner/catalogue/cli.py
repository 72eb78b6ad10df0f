"""Words the command line prints itself (its --help texts stay in the parser)."""

from __future__ import annotations

from missionplanner.messages import N_, NP_, Plural

ENTRIES: dict[str, str | Plural] = {
    "cli.no-database": N_(
        "There is no database at {path}. Check the path, or create one with "
        "'missionplanner --db PATH import FILE.json' (or 'demo')."
    ),
    "cli.no-database-yet": N_(
        "You have no database yet (it will be {path}). Start one with 'missionplanner' "
        "(the app) or 'missionplanner import FILE.json'; try the demo missions with "
        "'missionplanner --demo missions'."
    ),
    "cli.desktop-unavailable": N_(
        "The desktop app cannot start ({reason}). The command-line commands still work: "
        "see 'missionplanner --help'."
    ),
    "cli.no-display": N_(
        "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop app "
        "cannot open; the command line still works: see 'missionplanner --help'."
    ),
    "cli.missing-libraries": N_(
        "The desktop app needs system libraries that are missing; on Debian or Ubuntu: "
        "sudo apt install {packages}. The command line still works: see "
        "'missionplanner --help'."
    ),
    "cli.no-desktop": N_(
        "No command given. The desktop app starts with 'missionplanner'; for the commands "
        "see --help."
    ),
    "cli.interrupted": N_("interrupted"),
    "cli.list-no-output": N_(
        "-o does not apply to 'backup --list', which only lists the backups kept; leave "
        "it out, or run 'backup -o FILE' to make a backup."
    ),
    "cli.went-wrong": N_("something went wrong ({kind}: {error}). Details are in {log}."),
    # Bringing missions in and out.
    "cli.demo-loaded": N_("Demo missions loaded into {path}."),
    "cli.imported": N_("Imported {name}."),
    "cli.exported": N_("Exported {missions} to {path}."),
    "cli.standard-output": N_("standard output"),
    # The list of missions.
    "cli.no-missions": N_("No missions yet. Import a mission file, or run 'missionplanner demo'."),
    "cli.mission": N_("    {dates} · {status} · {cities} · {participants}, {stops}, {meetings}"),
    "cli.dates": N_("{start:iso} – {end:iso}"),
    "cli.no-dates": N_("no dates yet"),
    "cli.cities": N_("{names:commas}"),
    "cli.no-cities": N_("no cities"),
    "cli.count.stops": NP_("{n} stop", "{n} stops"),
    # The delegation of a mission.
    "cli.participants": NP_(
        "{title:quoted}: {n} participant (give an id to --participant):",
        "{title:quoted}: {n} participants (give an id to --participant):",
    ),
    "cli.no-participants": N_("{title:quoted} has no participants yet."),
    # Checking a mission.
    "cli.min-gap": N_("{value:quoted} is not a number of minutes from 0 to {most}"),
    "cli.no-problems": N_("No problems found in {title:quoted}."),
    "cli.problems": N_("{title:quoted}: {errors}, {warnings}."),
    # Backups.
    "cli.no-backups": N_("No backups of {name} yet; they go to {folder}."),
    "cli.before-restore": N_("(before a restore)"),
    "cli.backed-up": N_("Backed up {name} to {path} ({size}, verified)."),
    "cli.backups-kept": NP_(
        "Backups are kept in {folder}: the last {last} and one a day for {days} day.",
        "Backups are kept in {folder}: the last {last} and one a day for {days} days.",
        count="days",
    ),
    "cli.restore-read-only": N_("restore replaces the database, so it cannot run --read-only."),
    # Contact imports.
    "cli.dry-run": N_("Dry run: nothing was changed."),
    "cli.count.rows": NP_("{n} row", "{n} rows"),
    "cli.rows-rejected-dry-run": N_(
        "{rows} rejected: importing would change nothing unless the rows are corrected or "
        "--good-rows is given."
    ),
    "cli.rows-rejected": N_(
        "{rows} rejected, so nothing was imported. Correct the file, or add --good-rows to "
        "import the other rows."
    ),
    # Spreadsheets and documents written.
    "cli.sheet-exported": N_("Exported the {sheet} ({rows}) to {path}."),
    "cli.itinerary-written": N_("Wrote the itinerary to {path} ({pages})."),
    "cli.briefing-written": N_("Wrote the briefing pack to {path} ({pages})."),
}
