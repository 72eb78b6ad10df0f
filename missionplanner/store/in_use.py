"""A database in use: shared while it is read or written, taken alone to replace it.

Every process that opens a database (each window of the app, each command of the command
line) holds a shared operating-system lock on a small file of its own for that database;
a restore takes the lock alone, without waiting, so it never swaps the file under an
import, an open app or another restore: it refuses and says why. The operating system
lets go of the lock when a process ends, however it ends, so a crashed import never
blocks a restore for ever.

On Windows, whose file locks are exclusive only, sharing is not enforced: a restore there
relies on the instance lock (``store.instance.holder``) alone.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from missionplanner.store.instance import lock_path


def _use_path(database: Path) -> Path:
    return lock_path(database).with_suffix(".in-use")


class InUse:
    """One process's hold on one database file."""

    def __init__(self, database: Path) -> None:
        self.path = _use_path(database)
        self._file: IO[bytes] | None = None

    def _open(self) -> IO[bytes] | None:
        if self._file is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                self._file = open(self.path, "a+b")  # noqa: SIM115 - held until release()
            except OSError:
                return None  # a read-only home folder must not stop the work
        return self._file

    def share(self) -> None:
        """Hold the database as one of its users; waits while a restore replaces it."""
        held = self._open()
        if held is None or sys.platform == "win32":
            return
        import fcntl

        fcntl.flock(held.fileno(), fcntl.LOCK_SH)

    def take_alone(self) -> bool:
        """Hold the database alone, now or never: False if anyone else uses it."""
        held = self._open()
        if held is None or sys.platform == "win32":
            return True
        import fcntl

        try:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def release(self) -> None:
        if self._file is not None:
            # Closing the file lets go of the lock.
            self._file.close()
            self._file = None

    def __enter__(self) -> InUse:
        self.share()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
