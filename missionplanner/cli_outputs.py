"""The command line's ``-o FILE``: checked before the database is opened.

A wrong output (the database itself, a missing folder, a PDF for the terminal) is
refused before any work is done and before the database is touched. ``-o -`` sends a
text export (mission file, calendar, CSV sheet) to standard output; the line saying what
was written then goes to standard error, so it never mixes with the data.
"""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from missionplanner.errors import MissionPlannerError
from missionplanner.io.targets import is_standard_output, resolve_output
from missionplanner.messages import Message

# Commands whose output is not text: refused on a terminal.
BINARY_COMMANDS = frozenset({"itinerary", "briefing"})


def _binary(args: argparse.Namespace) -> bool:
    if args.command in BINARY_COMMANDS:
        return True
    return args.command == "export-sheet" and Path(args.output).suffix.lower() == ".xlsx"


def check_output(args: argparse.Namespace, database: Path) -> None:
    """Refuse a bad ``-o`` at once, with one line; nothing has been opened yet."""
    output = getattr(args, "output", None)
    if args.command == "backup":
        if getattr(args, "list", False) and output is not None:
            raise MissionPlannerError(Message("cli.list-no-output"))
        return  # the backup checks its target itself, the same way
    if output is not None:
        resolve_output(output, protect=database, binary=_binary(args))


def to_standard_output(args: argparse.Namespace) -> bool:
    output = getattr(args, "output", None)
    return output is not None and is_standard_output(output)


class Terminated(KeyboardInterrupt):
    """A request to stop (``kill``, a closed terminal): unwound like Ctrl+C, so a file
    being written is removed instead of left half-written."""


def _terminate(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def termination_unwinds() -> Iterator[None]:
    """While a command runs, a termination request cleans up like Ctrl+C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [signal.SIGTERM, *(s for s in [getattr(signal, "SIGHUP", None)] if s is not None)]
    # A signal already ignored (nohup) or handled by whoever runs us stays so.
    before = {n: h for n in wanted if (h := signal.getsignal(n)) is signal.SIG_DFL}
    for number in before:
        signal.signal(number, _terminate)
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
