"""Writing files so that a failure never leaves a half-written file at the target.

Where the bytes go is decided first (:mod:`missionplanner.io.targets`):

- a file (new or existing) is written under a temporary name in the same folder, then
  renamed over it. An existing file keeps its permissions (and its owner where the
  system allows); a new one is readable by its owner only (0600).
- a symbolic link is left in place and its target is written, the same way, beside it.
- a device or named pipe (``/dev/null``, a FIFO) cannot be renamed over: the export is
  made in memory, then written to it directly.
- ``-`` is standard output, written the same way.

Temporary files are named ``.missionplanner-<name>.<random>.tmp`` and removed when the
write fails, is cancelled or interrupted (Ctrl+C, and on the command line also a
termination request). A process killed outright (``kill -9``, a power cut) cannot remove
its own: the next write of the same file removes such leftovers once an hour old.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from missionplanner.io.targets import (
    NEW_FILE_MODE,
    Output,
    OutputKind,
    cannot_write,
    resolve_output,
)

TEMPORARY_PREFIX = ".missionplanner-"
TEMPORARY_SUFFIX = ".tmp"
# Leftovers of a killed write older than this are removed by the next write of the file.
STALE_TEMPORARY_SECONDS = 3600
# Room for the prefix and the random part within the 255 bytes most systems allow a name.
_NAME_PART = 120


def write_atomically(
    path: Path | str,
    write: Callable[[BinaryIO], None],
    *,
    protect: Path | None = None,
    binary: bool = True,
) -> Output:
    """Call ``write`` with a stream for ``path`` and put the result in place, all or nothing.

    ``protect`` is the database being worked on: ``path`` may not reach it, its side
    files or its backups. ``binary`` marks a PDF or workbook (refused on a terminal).
    If ``write`` raises (a rendering error, a cancelled export, a full disk) the target
    is left exactly as it was. Returns where the bytes went.
    """
    target = resolve_output(path, protect=protect, binary=binary)
    if target.kind in (OutputKind.SPECIAL, OutputKind.STANDARD_OUTPUT):
        _write_directly(target, write)
    else:
        _replace(target, write)
    return target


def temporary_name(name: str) -> str:
    """A name beside ``name`` for its temporary file: hidden, and recognisably ours."""
    return f"{TEMPORARY_PREFIX}{name[:_NAME_PART]}.{secrets.token_hex(6)}{TEMPORARY_SUFFIX}"


def remove_stale_temporaries(folder: Path, name: str) -> None:
    """Remove what a killed write of ``name`` left in ``folder``, once clearly abandoned."""
    prefix = f"{TEMPORARY_PREFIX}{name[:_NAME_PART]}."
    limit = time.time() - STALE_TEMPORARY_SECONDS
    try:
        leftovers = [
            entry
            for entry in os.scandir(folder)
            if entry.name.startswith(prefix) and entry.name.endswith(TEMPORARY_SUFFIX)
        ]
    except OSError:
        return
    for entry in leftovers:
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
        except OSError:
            pass


def _replace(target: Output, write: Callable[[BinaryIO], None]) -> None:
    folder = target.real.parent
    remove_stale_temporaries(folder, target.real.name)
    temporary = folder / temporary_name(target.real.name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temporary, flags, NEW_FILE_MODE)
    except OSError as error:
        raise cannot_write(target.shown, error) from error
    try:
        _take_over_permissions(handle, target)
        with os.fdopen(handle, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target.real)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise cannot_write(target.shown, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _take_over_permissions(handle: int, target: Output) -> None:
    """Replacing a file keeps who may read it: its mode, and its owner where allowed."""
    if target.kind is not OutputKind.FILE or target.mode is None:
        return
    if target.owner is not None and hasattr(os, "fchown"):
        status = os.fstat(handle)
        if (status.st_uid, status.st_gid) != target.owner:
            # Only the superuser gives files away; the mode still holds.
            with contextlib.suppress(OSError):
                os.fchown(handle, *target.owner)
    if hasattr(os, "fchmod"):  # Windows keeps no Unix mode
        os.fchmod(handle, target.mode)


def _write_directly(target: Output, write: Callable[[BinaryIO], None]) -> None:
    """Devices, pipes and standard output: made in memory first, so a failed export
    sends nothing at all."""
    buffer = io.BytesIO()
    write(buffer)
    data = buffer.getvalue()
    try:
        if target.kind is OutputKind.STANDARD_OUTPUT:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        # Never created: if the device went away, nothing takes its place.
        handle = os.open(target.real, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
    except OSError as error:
        raise cannot_write(target.shown, error) from error


def write_text_atomically(path: Path | str, text: str, *, protect: Path | None = None) -> Output:
    """Write ``text`` as UTF-8 with Unix line ends, all or nothing."""
    data = text.encode("utf-8")

    def write(out: BinaryIO) -> None:
        out.write(data)

    return write_atomically(path, write, protect=protect, binary=False)
