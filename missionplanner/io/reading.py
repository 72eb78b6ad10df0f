"""Reading a file someone hands in to import (a mission file, a contacts sheet).

A path can name more than a file: a named pipe would keep the read waiting for a writer
for ever, a device such as ``/dev/zero`` never ends. So the path is looked at before it
is opened and only a regular file no larger than :data:`MAX_INPUT_BYTES` is read; the
file is opened without waiting and looked at again, in case it was swapped meanwhile,
and never more than the limit is read, in case it grows.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message

# Far above any real mission file or contacts sheet, far below what would exhaust memory.
MAX_INPUT_BYTES = 200 * 1024 * 1024
_MEGABYTE = 1024 * 1024
# Opening a pipe for reading without this waits for a writer.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def read_input(
    path: Path,
    fail: Callable[[Message], MissionPlannerError],
    folder: Message,
    limit: int = MAX_INPUT_BYTES,
) -> bytes:
    """The bytes of ``path``, or ``fail(words)`` raised naming why it cannot be read.

    ``folder`` is what to say when the path is a folder ("not a mission file").
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise fail(Message("input.not-found", path=path)) from error
    except OSError as error:
        raise fail(_unreadable(path, error)) from error
    _refuse(path, info, fail, folder, limit)
    try:
        handle = os.open(path, os.O_RDONLY | _NO_WAIT | _BINARY)
    except OSError as error:
        raise fail(_unreadable(path, error)) from error
    with os.fdopen(handle, "rb") as file:
        try:
            _refuse(path, os.fstat(file.fileno()), fail, folder, limit)
            data = file.read(limit + 1)
        except OSError as error:
            raise fail(_unreadable(path, error)) from error
    if len(data) > limit:
        raise fail(_too_large(path, len(data), limit))
    return data


def _refuse(
    path: Path,
    info: os.stat_result,
    fail: Callable[[Message], MissionPlannerError],
    folder: Message,
    limit: int,
) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise fail(folder)
    if not stat.S_ISREG(info.st_mode):
        raise fail(Message("input.not-a-file", path=path))
    if info.st_size > limit:
        raise fail(_too_large(path, info.st_size, limit))


def _too_large(path: Path, size: int, limit: int) -> Message:
    return Message(
        "input.too-large",
        path=path,
        size=-(-size // _MEGABYTE),  # rounded up: never "200 MB, larger than 200 MB"
        limit=limit // _MEGABYTE,
    )


def _unreadable(path: Path, error: OSError) -> Message:
    return Message("input.unreadable", path=path, reason=error.strerror or str(error))
