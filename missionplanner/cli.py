"""The ``missionplanner`` command line.

Exit codes: 0 fine; 1 ``check`` found error-level problems; 2 bad input or a database
that cannot be opened. Errors are one clear line on stderr (an import with several
problems lists them below it), never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from missionplanner import __version__, desktop_entry, terminal, wording
from missionplanner.errors import MissionPlannerError
from missionplanner.logs import log_file, setup_logging
from missionplanner.messages import Message, Words
from missionplanner.paths import (
    DATABASE_ENV,
    DEMO_DATABASE_FILENAME,
    default_database_path,
    user_data_dir,
)

if TYPE_CHECKING:
    from missionplanner.checks import Problem
    from missionplanner.services.missions import MissionSummary
    from missionplanner.store.database import Database

# The store, checks and services are imported by the commands that use them, so that
# --version and --help answer at once.

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
# The shell's status of a command whose reader went away (SIGPIPE).
EXIT_PIPE_CLOSED = 128 + 13
DEMO_DATABASE = DEMO_DATABASE_FILENAME

log = logging.getLogger(__name__)


def _global_options(parser: argparse.ArgumentParser, *, in_subcommand: bool) -> None:
    # In sub-commands the defaults are suppressed so an option given before the
    # command is not overwritten by the sub-parser's default.
    default = argparse.SUPPRESS if in_subcommand else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="the database file (default: $MISSIONPLANNER_DB, else missionplanner.sqlite "
        "in your user data folder)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if in_subcommand else False,
        help="open the database without changing it",
    )


class _Parser(argparse.ArgumentParser):
    """Usage, help and argparse's own errors (which repeat what was typed) print safely."""

    def _print_message(self, message: str, file: terminal.Stream | None = None) -> None:
        if message:
            terminal.write(message, file or sys.stderr, end="")

    def error(self, message: str) -> NoReturn:
        """One line naming what was not understood, and where the options are told."""
        from missionplanner.cli_arguments import explain

        said = wording.render(explain(self.prog, message))
        self.exit(EXIT_BAD_INPUT, f"missionplanner: {said}\n")


# A gap longer than a day between meetings is no gap to warn about.
MAX_MIN_GAP = 24 * 60


def _gap_minutes(text: str) -> int:
    """--min-gap: whole minutes within a range a time can be moved by."""
    try:
        minutes = int(text)
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= MAX_MIN_GAP:
        raise argparse.ArgumentTypeError(
            wording.render(Message("cli.min-gap", value=text, most=MAX_MIN_GAP))
        )
    return minutes


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="missionplanner",
        description="Plan, review and print trade missions.",
        epilog="Run 'missionplanner COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a separate demo database loaded with the demo missions",
    )
    _global_options(parser, in_subcommand=False)
    desktop_entry.add_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _global_options(sub, in_subcommand=True)
        return sub

    command("demo", "load the built-in demo missions (loading them again changes nothing)")
    sub = command("import", "import a mission file (all or nothing) and say what changed")
    sub.add_argument("file", type=Path, metavar="FILE.json")
    sub = command("export-json", "export missions to a mission file")
    sub.add_argument("missions", nargs="*", metavar="MISSION", help="mission ids (default: all)")
    sub.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="- for standard output"
    )
    sub = command("missions", "list the missions: id, title, dates, status, counts")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = command(
        "participants", "list a mission's participants: the ids --participant takes, who they are"
    )
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub = command("check", "check a mission's schedule for problems (exit 1 on errors)")
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument("--json", action="store_true", help="print JSON")
    sub.add_argument(
        "--min-gap",
        type=_gap_minutes,
        default=30,
        metavar="MINUTES",
        help="warn when consecutive meetings at different venues are closer "
        f"(default 30, at most {MAX_MIN_GAP})",
    )
    sub = command("ics", "export a mission's meetings and travel as a calendar file (.ics)")
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.ics", help="- for standard output"
    )
    sub.add_argument(
        "--participant",
        metavar="ID",
        help="only what this participant attends or travels on (their own calendar)",
    )
    sub = command("backup", "make a verified backup of the database and say where it is")
    sub.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the backup to FILE (default: the database's backups folder, rotated)",
    )
    sub.add_argument("--list", action="store_true", help="list the backups kept, newest first")
    sub = command("restore", "replace the database with a backup, keeping a copy of it first")
    sub.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    sub = command(
        "import-contacts",
        "import organizations and contacts from a CSV or Excel (.xlsx) file; if a row is "
        "rejected nothing is imported, unless --good-rows",
    )
    sub.add_argument("file", type=Path, metavar="FILE")
    sub.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="the field a column holds, when the guess from its header is wrong (repeatable); "
        "FIELD is organization, kind, city, country, website, sectors, profile, name, "
        "first_name, last_name, title, email, phone, notes, or ignore",
    )
    sub.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    sub.add_argument(
        "--good-rows", action="store_true", help="import the good rows, skip the rejected ones"
    )
    sub.add_argument(
        "--country",
        default="",
        metavar="COUNTRY",
        help="the country of phone numbers on rows that name none (for example CO)",
    )
    sub = command("export-sheet", "export a mission's meetings, participants or contacts")
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument("sheet", choices=["meetings", "participants", "contacts"])
    sub.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="a .csv or .xlsx file; - for CSV on standard output",
    )
    sub = command("itinerary", "write a mission's itinerary as a PDF, day by day in local times")
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    sub.add_argument(
        "--participant",
        metavar="ID",
        help="only what this participant attends or travels on (their own itinerary)",
    )
    sub.add_argument(
        "--paper",
        choices=["letter", "a4"],
        help="paper size (default: from your locale)",
    )
    sub = command("briefing", "write a mission's briefing pack as a PDF (a brief per meeting)")
    sub.add_argument("mission", metavar="MISSION", help="the mission's id")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    sub.add_argument(
        "--confidential",
        metavar="TEXT",
        help="a confidentiality line for the cover and the foot of every page",
    )
    sub.add_argument(
        "--paper",
        choices=["letter", "a4"],
        help="paper size (default: from your locale)",
    )
    return parser


def _database_path(args: argparse.Namespace) -> Path:
    if args.db is not None:
        return Path(args.db)
    if args.demo:
        return user_data_dir() / DEMO_DATABASE
    return default_database_path()


# Commands that bring data in may start a new database file; the others read what is
# there, so a mistyped --db path is reported instead of quietly becoming an empty file,
# and a first read on a new machine leaves no empty database for the app to open.
CREATING_COMMANDS = frozenset({"demo", "import", "import-contacts"})


def _open(args: argparse.Namespace) -> Database:
    from missionplanner.store.database import open_database

    path = _database_path(args)
    named = args.db is not None or bool(os.environ.get(DATABASE_ENV, "").strip())
    create = args.command in CREATING_COMMANDS or args.demo
    if not create and not path.exists():
        # Without --db the user has not started yet: say how to, not that a path is wrong.
        code = "cli.no-database" if named else "cli.no-database-yet"
        raise MissionPlannerError(Message(code, path=path))
    return open_database(path, read_only=args.read_only)


def _say(words: Words) -> None:
    terminal.write(wording.render(words))


def _tell(args: argparse.Namespace, words: Words) -> None:
    """What an export wrote; on stderr when the export itself went to stdout (-o -)."""
    from missionplanner.cli_outputs import to_standard_output

    if to_standard_output(args):
        if isinstance(words, Message) and "path" in words.values:
            # "Wrote … to standard output", not "to -".
            named = {**words.values, "path": wording.render(Message("cli.standard-output"))}
            words = Message(words.code, **named)
        _complain(words)
    else:
        _say(words)


def _complain(words: Words) -> None:
    """A line on stderr, named after the program as errors are."""
    terminal.error(f"missionplanner: {wording.render(words)}")


def _print_report(lines: Sequence[Words]) -> None:
    for line in lines:
        _say(line)


def cmd_demo(db: Database, _args: argparse.Namespace) -> int:
    from missionplanner.services import transfer

    report = transfer.load_demo(db)
    _say(Message("cli.demo-loaded", path=db.path))
    _print_report(report.lines())
    return EXIT_OK


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services import transfer

    report = transfer.import_file(db, args.file)
    _say(Message("cli.imported", name=args.file.name))
    _print_report(report.lines())
    return EXIT_OK


def cmd_export(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services import transfer

    count = transfer.export_file(db, args.output, args.missions or None)
    missions = Message("count.missions", n=count)
    _tell(args, Message("cli.exported", missions=missions, path=args.output))
    return EXIT_OK


def _mission_line(summary: MissionSummary) -> Message:
    """ "2026-10-05 – 2026-10-09 · planning · Santiago, Bogotá · 3 participants, …" """
    if summary.start is None or summary.end is None:
        dates = Message("cli.no-dates")
    else:
        dates = Message("cli.dates", start=summary.start, end=summary.end)
    cities = (
        Message("cli.cities", names=tuple(summary.cities))
        if summary.cities
        else Message("cli.no-cities")
    )
    return Message(
        "cli.mission",
        dates=dates,
        status=summary.status,
        cities=cities,
        participants=Message("count.participants", n=summary.participants),
        stops=Message("cli.count.stops", n=summary.stops),
        meetings=wording.meeting_count(summary.meetings, summary.cancelled),
    )


def cmd_missions(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services.missions import list_missions

    summaries = list_missions(db)
    if args.json:
        terminal.write(json.dumps([s.as_json() for s in summaries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not summaries:
        _say(Message("cli.no-missions"))
        return EXIT_OK
    for s in summaries:
        terminal.write(f"{terminal.one_line(s.id)}  {terminal.one_line(s.title)}")
        _say(_mission_line(s))
    return EXIT_OK


def cmd_participants(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.cli_participants import print_participants

    return print_participants(db, args.mission, as_json=args.json)


def _problem_json(problem: Problem) -> dict[str, object]:
    """A problem for scripts: its words, and what they say as values ("params": names,
    ISO 8601 times with their offset, durations in minutes, nested codes)."""
    return {
        "severity": problem.severity.value,
        "code": problem.code,
        "message": str(problem.message),
        "refs": list(problem.refs),
        "params": problem.message.as_data()["params"],
        **({"more": problem.more} if problem.more else {}),
    }


def cmd_check(db: Database, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from missionplanner.checks import CheckSettings, check, tally
    from missionplanner.services.missions import load_plan

    plan = load_plan(db, args.mission)
    problems = check(plan, CheckSettings(min_gap=timedelta(minutes=args.min_gap)))
    errors, warnings = tally(problems)
    if args.json:
        problems_json = {"problems": [_problem_json(p) for p in problems]}
        terminal.write(json.dumps(problems_json, ensure_ascii=False))
    elif not problems:
        _say(Message("cli.no-problems", title=plan.title))
    else:
        _say(
            Message(
                "cli.problems",
                title=plan.title,
                errors=Message("check.count.errors", n=errors),
                warnings=Message("check.count.warnings", n=warnings),
            )
        )
        for p in problems:
            terminal.write(f"{p.severity.value:<7}  {p.code:<16}  {wording.render(p.message)}")
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_ics(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services.calendars import export_calendar

    written = export_calendar(db, args.mission, args.output, args.participant)
    _tell(args, written.summary())
    return EXIT_OK


def cmd_backup(path: Path, args: argparse.Namespace) -> int:
    from missionplanner.services import backups

    if args.list:
        found = backups.list_backups(path)
        if not found:
            _say(Message("cli.no-backups", name=path.name, folder=backups.backup_folder(path)))
        for info in found:
            when = info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            shown = wording.render(backups.describe_size(info.size))
            note = [wording.render(Message("cli.before-restore"))] if info.before_restore else []
            terminal.write("  ".join([when, f"{shown:>10}", str(info.path), *note]))
        return EXIT_OK
    if args.output is not None:
        info = backups.backup_to_file(path, args.output)
    else:
        info = backups.make_backup(path)
    size = backups.describe_size(info.size)
    _say(Message("cli.backed-up", name=path.name, path=info.path, size=size))
    if args.output is None:
        _say(
            Message(
                "cli.backups-kept",
                folder=info.path.parent,
                last=backups.KEEP_LAST,
                days=backups.KEEP_DAYS,
            )
        )
    return EXIT_OK


def cmd_restore(path: Path, args: argparse.Namespace) -> int:
    from missionplanner.services import backups

    if args.read_only:
        raise MissionPlannerError(Message("cli.restore-read-only"))
    result = backups.restore(args.file, path)
    _print_report(wording.lines(result.messages()))
    return EXIT_OK


def cmd_import_contacts(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.io.sheets import read_sheet
    from missionplanner.services import contact_import

    sheet = read_sheet(args.file)
    guessed = contact_import.guess_mapping(sheet.headers)
    mapping = contact_import.mapping_with(sheet.headers, guessed, args.mapping)
    if args.dry_run:
        plan = contact_import.plan_import(db, sheet, mapping, default_country=args.country)
        _print_report(plan.lines())
        _say(Message("cli.dry-run"))
        if plan.rejected and not args.good_rows:
            rows = Message("cli.count.rows", n=len(plan.rejected))
            _complain(Message("cli.rows-rejected-dry-run", rows=rows))
            return EXIT_BAD_INPUT
        return EXIT_OK
    try:
        plan = contact_import.import_contacts(
            db, sheet, mapping, good_rows=args.good_rows, default_country=args.country
        )
    except contact_import.RowsRejectedError as error:
        _print_report(error.plan.lines())
        rows = Message("cli.count.rows", n=len(error.plan.rejected))
        _complain(Message("cli.rows-rejected", rows=rows))
        return EXIT_BAD_INPUT
    _print_report(plan.lines())
    return EXIT_OK


def cmd_export_sheet(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.io.sheet_export import export_sheet

    count = export_sheet(db, args.mission, args.sheet, args.output)
    rows = Message("cli.count.rows", n=count)
    _tell(args, Message("cli.sheet-exported", sheet=args.sheet, rows=rows, path=args.output))
    return EXIT_OK


# Commands on the database file itself: they never open (or create) it as a plan.
FILE_COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
}


def cmd_itinerary(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services.documents import export_itinerary

    pages = export_itinerary(
        db,
        args.mission,
        args.output,
        participant_id=args.participant,
        paper=args.paper,
    )
    pages_written = Message("count.pages", n=pages)
    _tell(args, Message("cli.itinerary-written", path=args.output, pages=pages_written))
    return EXIT_OK


def cmd_briefing(db: Database, args: argparse.Namespace) -> int:
    from missionplanner.services.documents import export_briefing

    pages = export_briefing(
        db, args.mission, args.output, confidential=args.confidential, paper=args.paper
    )
    pages_written = Message("count.pages", n=pages)
    _tell(args, Message("cli.briefing-written", path=args.output, pages=pages_written))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "import": cmd_import,
    "export-json": cmd_export,
    "missions": cmd_missions,
    "participants": cmd_participants,
    "check": cmd_check,
    "itinerary": cmd_itinerary,
    "briefing": cmd_briefing,
    "ics": cmd_ics,
    "import-contacts": cmd_import_contacts,
    "export-sheet": cmd_export_sheet,
}


# Objects the youngest generation gathers before the collector runs; Python's default is
# 700. See adopt_collector_policy.
COLLECT_THRESHOLD = 100_000


def adopt_collector_policy() -> Callable[[], None]:
    """The garbage collector's policy for one command; returns what puts it back.

    A command is one short bulk job (an import, an export, a briefing pack) that builds
    hundreds of thousands of objects which stay alive together and hardly ever form
    cycles. With Python's defaults the collector walks them again and again as they
    pile up. What is already loaded is frozen out of its sight, and it runs far less
    often; it still runs, so a job that does leave cycles behind does not grow without
    bound. Figures in benchmarks/README.md. (Putting it back matters only to callers
    in a longer-lived process, such as the tests.)
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(COLLECT_THRESHOLD, *threshold[1:])

    def restore() -> None:
        gc.set_threshold(*threshold)
        gc.unfreeze()

    return restore


@dataclass(frozen=True)
class DesktopRequest:
    """What the desktop app is asked to open when no command is given."""

    database: Path
    read_only: bool
    # Without --db, --demo or MISSIONPLANNER_DB the app reopens the last database used.
    reopen_last: bool


# Opens the desktop app and returns its exit code. The core cannot start it itself: the
# entry point that can (ui.launch) hands one in.
Desktop = Callable[[DesktopRequest], int]


def run(argv: Sequence[str] | None = None, desktop: Desktop | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    if desktop_entry.asked(args):
        _say(desktop_entry.run(args))
        return EXIT_OK
    if args.command is None:
        return _open_desktop_app(args, desktop)
    from missionplanner.cli_outputs import check_output, termination_unwinds
    from missionplanner.store.database import check_location

    restore_collector = adopt_collector_policy()
    try:
        check_location(_database_path(args))
        check_output(args, _database_path(args))
        with termination_unwinds():
            return _run_command(args)
    finally:
        restore_collector()


def _run_command(args: argparse.Namespace) -> int:
    if args.command in FILE_COMMANDS:
        return FILE_COMMANDS[args.command](_database_path(args), args)
    from missionplanner.store.in_use import InUse

    # Held while the command works on the file: a restore meanwhile refuses.
    with InUse(_database_path(args)):
        db = _open(args)
        try:
            if args.demo and not args.read_only:
                from missionplanner.services import transfer

                # Loading is idempotent: it only adds or restores what the demo holds.
                transfer.load_demo(db)
            return COMMANDS[args.command](db, args)
        finally:
            db.close()


def _open_desktop_app(args: argparse.Namespace, desktop: Desktop | None) -> int:
    """With no command, the desktop app opens (on the demo database with --demo)."""
    if desktop is None:
        raise MissionPlannerError(Message("cli.no-desktop"))
    path = _database_path(args)
    if args.demo and not args.read_only:
        from missionplanner.services import transfer
        from missionplanner.store.database import open_database

        with open_database(path) as db:
            transfer.load_demo(db)
    chosen = args.db is not None or args.demo or bool(os.environ.get(DATABASE_ENV, "").strip())
    return desktop(DesktopRequest(path, read_only=args.read_only, reopen_last=not chosen))


def main(argv: Sequence[str] | None = None, desktop: Desktop | None = None) -> int:
    """The command line; ``desktop`` opens the app when no command is given."""
    setup_logging()
    try:
        code = run(argv, desktop)
        terminal.flush()
        return code
    except BrokenPipeError:
        # The reader stopped early (| head) and a write missed the terminal module.
        terminal.pipe_closed(sys.stdout)
        return EXIT_PIPE_CLOSED
    except MissionPlannerError as error:
        _complain(str(error))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _complain(Message("cli.interrupted"))
        return 130
    except Exception as error:
        log.exception("unexpected error")
        went_wrong = Message(
            "cli.went-wrong", kind=type(error).__name__, error=str(error), log=log_file()
        )
        _complain(went_wrong)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
