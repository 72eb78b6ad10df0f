"""One window's database session: the file, its instance lock, its writes, its backups.

Built in one place (:func:`open_session`) and closed with its window: the last backup is
made, a running write finishes, the engine lets go of the file and the lock is released.
File → Open makes a new session for the new window, so the lock moves with the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from missionplanner.domain.changes import Changes
from missionplanner.store.database import Database, open_database
from missionplanner.store.in_use import InUse
from missionplanner.store.instance import InstanceLock
from ui.backup_scheduler import BackupScheduler
from ui.operations import Operations


class Session:
    """A database opened for one window, with what belongs to it."""

    def __init__(
        self, db: Database, lock: InstanceLock | None = None, in_use: InUse | None = None
    ) -> None:
        self.db = db
        self.lock = lock
        # Shared with other users of the file; a restore elsewhere then refuses.
        self.in_use = in_use
        # Whether another Mission Planner has the same file open (we then share it).
        self.shared = lock is not None and lock.other_pid is not None
        self.operations: Operations | None = None
        self.backup_scheduler: BackupScheduler | None = None
        self.closed = False

    @property
    def path(self) -> Path | None:
        return self.db.path

    def attach(self, window: QWidget) -> Operations:
        """The window's writes and automatic backups, owned by ``window``."""
        self.operations = Operations(self.db, window)
        if self.db.path is not None and not self.db.read_only:
            self.backup_scheduler = BackupScheduler(self.db.path, window)
            self.operations.changed.connect(self._note_change)
        return self.operations

    def _note_change(self, changes: Changes) -> None:
        if self.backup_scheduler is not None:
            self.backup_scheduler.note_change(changes)

    def close(self) -> None:
        """Finish what runs, make the closing backup, let go of the file and the lock."""
        if self.closed:
            return
        self.closed = True
        if self.operations is not None:
            self.operations.wait()
        if self.backup_scheduler is not None:
            self.backup_scheduler.on_close()
        self.db.close()
        if self.in_use is not None:
            self.in_use.release()
        if self.lock is not None:
            self.lock.release()

    def let_go(self) -> None:
        """Give up the file for a restore of it, keeping the instance lock.

        The automatic backups wait (the restore keeps its own copy of the file as it
        was); :meth:`take_back` undoes this if the restore does not happen.
        """
        if self.operations is not None:
            self.operations.wait()
        if self.backup_scheduler is not None:
            self.backup_scheduler.wait()
        self.db.close()
        if self.in_use is not None:
            self.in_use.release()

    def take_back(self) -> None:
        """The restore did not happen: use the file again as before."""
        if self.in_use is not None:
            self.in_use.share()


def open_session(path: Path, read_only: bool = False) -> Session:
    """Open ``path`` and take its instance lock; raises the core's error if refused."""
    in_use = InUse(path)
    in_use.share()
    try:
        db = open_database(path, read_only=read_only)
    except BaseException:
        in_use.release()
        raise
    lock = InstanceLock(path)
    lock.acquire()
    return Session(db, lock, in_use)
