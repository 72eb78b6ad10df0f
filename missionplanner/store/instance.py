"""Noticing another Mission Planner already working on the same database file.

Two windows on one file are safe (every edit checks the record's version), but people
should know, rather than discover it through refused edits; and a restore must not swap
the file under an app that has it open. A small lock file in the user data folder names
the process that has the database open: the desktop app takes it to tell a second window
"already open". Whether anyone uses the file at all (so a restore must refuse) is the
operating system's lock in ``store.in_use``, which a crashed process never leaves behind.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import IO

from missionplanner.paths import user_data_dir


def lock_path(database: Path) -> Path:
    key = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / "locks" / f"{key}.lock"


def process_alive(pid: int) -> bool:
    """Whether ``pid`` is another process that is still running (never this one)."""
    if pid <= 0 or pid == os.getpid() or pid > 2**31:
        return False
    if sys.platform == "win32":
        # On Windows, os.kill(pid, 0) sends Ctrl+C rather than asking.
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


if sys.platform == "win32":

    def _windows_process_alive(pid: int) -> bool:
        import ctypes

        kernel32 = ctypes.windll.kernel32
        query_limited_information, still_active = 0x1000, 259
        handle = kernel32.OpenProcess(query_limited_information, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            known = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return bool(known) and code.value == still_active
        finally:
            kernel32.CloseHandle(handle)


class InstanceLock:
    """Held while a window has the database open.

    The lock file names the first window's process, for the notice; whether that window
    is still there is the operating system's lock on the file (on Windows, whether the
    named process still runs), so a crash or a number that names another program never
    keeps a database "open".
    """

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self.other_pid: int | None = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False if another process holds it too (we then share the file)."""
        if sys.platform == "win32":
            return self._acquire_by_pid()
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            held = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - until release()
        except OSError:
            return True  # a read-only home folder must not stop the app
        self._file = held
        try:
            fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            # Someone has it: share it with them, and say who.
            fcntl.flock(held.fileno(), fcntl.LOCK_SH)
            self.other_pid = _pid_in(self.path) or -1
            return False
        held.seek(0)
        held.truncate()
        held.write(str(os.getpid()))
        held.flush()
        fcntl.flock(held.fileno(), fcntl.LOCK_SH)
        return True

    def _acquire_by_pid(self) -> bool:
        pid = _pid_in(self.path)
        if pid is not None and process_alive(pid):
            self.other_pid = pid
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass  # a read-only home folder must not stop the app
        return True

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # lets go of the operating system's lock
            self._file = None
            return
        if self.other_pid is not None:
            return
        try:
            if self.path.read_text(encoding="utf-8").strip() == str(os.getpid()):
                self.path.unlink()
        except OSError:
            pass


def _pid_in(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    # A lock file is a handful of digits; anything else was not written by us.
    return int(text) if text.isdigit() and len(text) <= 10 else None


def holder(database: Path) -> int | None:
    """The id of another process that has ``database`` open in a window, if any."""
    path = lock_path(database)
    if sys.platform == "win32":
        pid = _pid_in(path)
        return pid if pid is not None and process_alive(pid) else None
    import fcntl

    try:
        probe = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        return None
    with probe:
        try:
            fcntl.flock(probe.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pid = _pid_in(path)
            # Our own window holds it too; whether others do, a restore's own lock tells.
            return None if pid == os.getpid() else (pid or -1)
    return None
