"""Noticing another Mission Planner already working on the same database file.

Two windows on one file are safe (every edit checks the record's version), but people
should know, rather than discover it through refused edits; and a restore must not swap
the file under an app that has it open. A small lock file in the user data folder names
the process that has the database open. The desktop app takes it; the command line's
restore reads it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from missionplanner.paths import user_data_dir


def lock_path(database: Path) -> Path:
    key = hashlib.sha256(str(database.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_data_dir() / "locks" / f"{key}.lock"


def process_alive(pid: int) -> bool:
    """Whether ``pid`` is another process that is still running (never this one)."""
    if pid <= 0 or pid == os.getpid():
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
    """Held while a window has the database open."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self.other_pid: int | None = None

    def acquire(self) -> bool:
        """Take the lock; False if another live process holds it (we then share the file)."""
        try:
            pid = int(self.path.read_text(encoding="utf-8").strip() or 0)
        except (OSError, ValueError):
            pid = 0
        if process_alive(pid):
            self.other_pid = pid
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass  # a read-only home folder must not stop the app
        return True

    def release(self) -> None:
        if self.other_pid is not None:
            return
        try:
            if self.path.read_text(encoding="utf-8").strip() == str(os.getpid()):
                self.path.unlink()
        except OSError:
            pass


def holder(database: Path) -> int | None:
    """The id of another live process that has ``database`` open, if any."""
    try:
        pid = int(lock_path(database).read_text(encoding="utf-8").strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if process_alive(pid) else None
