"""Automatic backups while the app runs: after changes, at most every 30 minutes, and on close.

The core decides whether a backup is due and makes it (``services.backups``); this object
only remembers whether anything changed, asks now and then off the GUI thread (a large
database takes seconds to copy and verify), and makes a last backup when the window closes.

A change is noticed two ways: every write of this window reaches
:meth:`BackupScheduler.note_change` through the window's change broadcast, and the
database file or its WAL file changing size or time since the last backup catches
writes from another process (the command line, another window).
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from missionplanner.domain.changes import Changes
from missionplanner.errors import MissionPlannerError
from missionplanner.services import backups
from missionplanner.services.backups import BackupInfo

log = logging.getLogger(__name__)

# How often the scheduler asks whether a backup is due (the core keeps the 30 minutes).
CHECK_EVERY_MS = 60_000


class BackupScheduler(QObject):
    """Backs up the database at ``db_path`` after changes, at most every ``interval``."""

    backup_made = Signal(object)  # BackupInfo
    backup_failed = Signal(str)  # a message for people
    # From the worker thread to this object's thread: an outcome is waiting.
    _finished = Signal()

    def __init__(
        self,
        db_path: Path,
        parent: QObject | None = None,
        *,
        check_every_ms: int = CHECK_EVERY_MS,
        interval: timedelta = backups.BACKUP_INTERVAL,
    ) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.interval = interval
        self.changed = False
        existing = backups.list_backups(self.db_path)
        self.last: datetime | None = existing[0].created if existing else None
        self._seen = self._signature()
        self._stopped = False
        self._worker: threading.Thread | None = None
        # What the worker thread found: (the backup or None, the error or None).
        self._outcome: tuple[BackupInfo | None, BaseException | None] | None = None
        self._finished.connect(self._deliver)
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def _signature(self) -> tuple[tuple[int, int], ...]:
        """Size and time of the database file and its WAL: they move with every commit."""
        marks = []
        for path in (self.db_path, self.db_path.with_name(self.db_path.name + "-wal")):
            try:
                status = path.stat()
            except OSError:
                marks.append((0, 0))
            else:
                marks.append((status.st_size, status.st_mtime_ns))
        return tuple(marks)

    def _notice_file_changes(self) -> None:
        seen = self._signature()
        if seen != self._seen:
            self.changed = True
        self._seen = seen

    def note_change(self, _changes: Changes | None = None) -> None:
        """This window wrote something (``Operations.changed`` is connected here)."""
        self.changed = True

    def record_backup(self, info: BackupInfo) -> None:
        """A backup made elsewhere (File → Backups → Back Up Now) covers the changes so far."""
        self.last = info.created if self.last is None else max(self.last, info.created)
        self.changed = False
        self._seen = self._signature()

    def check(self) -> bool:
        """Start a backup in the background if one is due; True if one was started."""
        if self._stopped:
            return False
        if self._outcome is not None:
            self._deliver()  # a backup that ended before its signal arrived: take it in
        if self.busy:
            return False
        self._notice_file_changes()
        if not self.changed:
            return False
        now = datetime.now(UTC)
        if not backups.backup_is_due(self.last, now, self.changed, self.interval):
            return False
        # Changes made while the copy is written are caught by the next backup.
        self.changed = False
        self._worker = threading.Thread(
            target=self._run, args=(self.last, now), name="backup", daemon=True
        )
        self._worker.start()
        return True

    def _run(self, last: datetime | None, now: datetime) -> None:
        try:
            info = backups.backup_if_due(self.db_path, last, now, True, interval=self.interval)
        except Exception as error:
            self._outcome = (None, error)
        else:
            self._outcome = (info, None)
        self._finished.emit()

    def _deliver(self) -> None:
        """Take in what the worker found (once: from its signal, or from :meth:`wait`)."""
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        # Handing the outcome over was the worker's last act: let its thread end, so the
        # next check is not refused as busy by a thread that is only winding down.
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join()
        info, error = outcome
        if error is not None:
            self._failed(error)
        elif info is not None:
            self.last = info.created
            self.backup_made.emit(info)

    def _failed(self, error: BaseException) -> None:
        self.changed = True  # try again at the next check
        if isinstance(error, MissionPlannerError):
            message = str(error)
            log.warning("automatic backup failed: %s", message)
        else:
            log.error("automatic backup failed", exc_info=(type(error), error, None))
            message = self.tr("The automatic backup failed ({name}).").format(
                name=type(error).__name__
            )
        self.backup_failed.emit(message)

    def wait(self) -> None:
        """Wait for a backup being written to finish (before a restore, or on close)."""
        worker = self._worker
        if worker is not None:
            worker.join()
        self._deliver()
        if self._worker is not None:  # ended without an outcome: still let go of it
            self._worker = None

    def stop(self) -> None:
        """No more backups of this database (after a restore replaced it): not even on close."""
        self.timer.stop()
        self.wait()
        self._stopped = True
        self.changed = False

    def on_close(self) -> BackupInfo | None:
        """The window is closing: back up now if anything changed since the last backup.

        Runs on the calling thread (the app is closing; the user waits). Returns the
        backup, or None if nothing changed or the backup failed (``backup_failed`` says
        why).
        """
        self.timer.stop()
        self.wait()
        if self._stopped:
            return None
        self._notice_file_changes()
        if not self.changed:
            return None
        now = datetime.now(UTC)
        try:
            info = backups.backup_if_due(
                self.db_path, self.last, now, self.changed, interval=timedelta(0)
            )
        except Exception as error:
            self._failed(error)
            return None
        self.changed = False
        if info is not None:
            self.last = info.created
            self.backup_made.emit(info)
        return info
