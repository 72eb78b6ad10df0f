"""Where an export may go, checked before a byte is written.

Every writer (documents, calendars, sheets, mission files, backups chosen by the user)
asks :func:`resolve_output` first, from the command line and from the app alike. It
refuses the database being worked on, its SQLite side files, its lock and its backups
(however the path reaches them: through symbolic links, ``..`` or another name of the
same file), a missing folder and a folder that is a file, each with one line. It then
says how the bytes must go: a regular file is replaced by a rename (keeping its mode),
a symbolic link has its target written, a device or named pipe is written directly, and
``-`` is standard output.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message
from missionplanner.paths import backup_folder
from missionplanner.store.backup import sidecars
from missionplanner.store.instance import lock_path

STANDARD_OUTPUT = "-"
# Exports are private to their owner until they choose otherwise.
NEW_FILE_MODE = 0o600


class OutputKind(Enum):
    NEW = "new"  # no file yet: created beside, then renamed into place
    FILE = "file"  # a regular file: replaced by a rename, keeping its mode
    SPECIAL = "special"  # a device or named pipe: written directly, never replaced
    STANDARD_OUTPUT = "standard-output"


@dataclass(frozen=True)
class Output:
    """Where the bytes of an export go."""

    shown: Path  # the path as the user gave it, for messages
    real: Path  # symbolic links followed: the file that is written
    kind: OutputKind
    mode: int | None = None  # an existing file's permission bits
    owner: tuple[int, int] | None = None  # an existing file's user and group


def is_standard_output(path: Path | str) -> bool:
    return str(path) == STANDARD_OUTPUT


def is_special(path: Path | str) -> bool:
    """A device or named pipe (``/dev/null``, a FIFO): written directly, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return any(test(mode) for test in (stat.S_ISCHR, stat.S_ISBLK, stat.S_ISFIFO))


def cannot_write(path: Path | str, error: OSError) -> MissionPlannerError:
    return MissionPlannerError(
        Message("file.cannot-write", path=path, reason=error.strerror or str(error))
    )


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_protected(path: Path | str, database: Path | None) -> None:
    """Refuse a path that would write over ``database``, its side files or its backups."""
    if database is None or is_standard_output(path):
        return
    path, database = Path(path), Path(database)
    real = _real(path)
    own = [database, *sidecars(database), lock_path(database)]
    resolved = Path(os.path.realpath(database))
    own += [resolved, *sidecars(resolved)]
    if real in {_real(p) for p in own} or any(_same_file(path, p) for p in own):
        raise MissionPlannerError(Message("output.is-database", path=path))
    backups = _real(backup_folder(database))
    if real == backups or real.startswith(backups + os.sep):
        raise MissionPlannerError(Message("output.in-backups", path=path))


def refuse_binary_to_terminal() -> None:
    """A PDF or a workbook shown on a terminal is noise that can upset the terminal."""
    if sys.stdout.isatty():
        raise MissionPlannerError(Message("output.binary-to-terminal"))


def resolve_output(path: Path | str, *, protect: Path | None = None, binary: bool = True) -> Output:
    """Check ``path`` as an export's destination and say how to write it.

    ``protect`` is the database being worked on; ``binary`` outputs (PDF, XLSX) are
    refused on a terminal when ``path`` is ``-`` (standard output).
    """
    if is_standard_output(path):
        if binary:
            refuse_binary_to_terminal()
        return Output(Path(STANDARD_OUTPUT), Path(STANDARD_OUTPUT), OutputKind.STANDARD_OUTPUT)
    shown = Path(path)
    refuse_protected(shown, protect)
    real = Path(os.path.realpath(shown))
    try:
        status = os.stat(real)
    except FileNotFoundError:
        _require_folder(shown, real.parent)
        return Output(shown, real, OutputKind.NEW)
    except NotADirectoryError as error:
        _require_folder(shown, shown.parent)
        raise cannot_write(shown, error) from error
    except OSError as error:
        raise cannot_write(shown, error) from error
    if stat.S_ISDIR(status.st_mode):
        raise MissionPlannerError(Message("file.is-folder", path=shown))
    if stat.S_ISREG(status.st_mode):
        return Output(
            shown,
            real,
            OutputKind.FILE,
            mode=stat.S_IMODE(status.st_mode),
            owner=(status.st_uid, status.st_gid),
        )
    if is_special(real):
        return Output(shown, real, OutputKind.SPECIAL)
    raise MissionPlannerError(Message("file.not-a-file", path=shown))


def _require_folder(shown: Path, folder: Path) -> None:
    """The folder a new file goes in must be there: a typo is not a folder to create."""
    for place in (folder, *folder.parents):
        if place.is_dir():
            if place != folder:
                break
            return
        if place.exists():
            raise MissionPlannerError(Message("file.folder-is-file", path=shown, folder=place))
    raise MissionPlannerError(Message("file.no-folder", path=shown, folder=shown.parent))
