"""Writing files so that a failure never leaves a half-written file at the target."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a temporary file next to ``path``, then move it into place.

    If ``write`` raises (a rendering error, a cancelled export, a full disk) the target
    is left exactly as it was and the temporary file is removed.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise MissionPlannerError(Message("file.is-folder", path=path))
    # Not tempfile.mkstemp: its files are private (0600) and the export would stay so;
    # os.open with 0o666 gives the permissions of any other file the user saves (umask).
    temporary = str(directory / f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temporary, flags, 0o666)
    except OSError as error:
        raise _cannot_write(path, error) from error
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(path, error) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _cannot_write(path: Path, error: OSError) -> MissionPlannerError:
    return MissionPlannerError(
        Message("file.cannot-write", path=path, reason=error.strerror or str(error))
    )


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with Unix line ends, all or nothing."""
    data = text.encode("utf-8")

    def write(out: BinaryIO) -> None:
        out.write(data)

    write_atomically(path, write)
