"""Work off the GUI thread: one runner per window, one task at a time.

The window never waits inside a nested event loop: :meth:`Runner.start` returns at once,
the work runs on a worker thread, and ``done`` (or ``failed``) is called back on the GUI
thread when it ends. While a task runs the runner is ``busy``; windows disable the
actions that would conflict (``busy_changed``), and a second task is refused.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from missionplanner.errors import MissionPlannerError
from missionplanner.progress import Cancelled, Progress
from ui.errors import show_error

T = TypeVar("T")

# A progress dialog appears only for work that takes longer than this.
PROGRESS_DELAY_MS = 300


class _Worker(QObject):
    step = Signal(str)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], cancel: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.cancel = cancel

    def run(self) -> None:
        progress = Progress(report=self.step.emit, cancelled=self.cancel.is_set)
        try:
            result = self.work(progress)
        except BaseException as error:  # handed to the GUI thread, shown there
            self.failed.emit(error)
            return
        self.done.emit(result)


def _ignore(_value: object) -> None:
    """A finished task's callbacks: the real ones are let go once called."""


class _Task(QObject):
    """One running piece of work: its thread, worker and progress dialog.

    A QObject of the GUI thread, so the worker's signals reach its slots there.
    """

    def __init__(
        self,
        runner: Runner,
        title: str,
        work: Callable[[Progress], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        progress: bool,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.done = done
        self.failed = failed
        self.cancel = threading.Event()
        self.dialog: QProgressDialog | None = None
        if progress:
            self.dialog = QProgressDialog(
                title, QCoreApplication.translate("Tasks", "Cancel"), 0, 0, runner.parent_widget
            )
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            self.dialog.canceled.connect(self.cancel.set)
        self.worker_thread = QThread()
        self.worker = _Worker(work, self.cancel)
        self.worker.moveToThread(self.worker_thread)
        if self.dialog is not None:
            self.worker.step.connect(self.dialog.setLabelText)
        # Queued: the callbacks run on the GUI thread, after the worker's slot returned.
        self.worker.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.worker_thread.started.connect(self.worker.run)
        # The worker is let go on its own thread, the way Qt expects.
        self.worker_thread.finished.connect(self.worker.deleteLater)

    def start(self) -> None:
        self.worker_thread.start()

    def _end(self) -> None:
        self.worker_thread.quit()
        self.worker_thread.wait()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.runner._ended(self)

    @Slot(object)
    def _finished(self, result: object) -> None:
        self._end()
        done, self.done, self.failed = self.done, _ignore, _ignore
        try:
            done(result)
        finally:
            self.runner.idle.emit()

    @Slot(object)
    def _failed(self, error: object) -> None:
        self._end()
        failed, self.done, self.failed = self.failed, _ignore, _ignore
        assert isinstance(error, BaseException)
        try:
            failed(error)
        finally:
            self.runner.idle.emit()


class Runner(QObject):
    """Runs one task at a time off the GUI thread, for one window."""

    busy_changed = Signal(bool)
    # A task ended (after its ``done`` or ``failed`` callback ran).
    idle = Signal()

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self._task: _Task | None = None
        self._ended_task: _Task | None = None

    @property
    def busy(self) -> bool:
        return self._task is not None

    def start(
        self,
        title: str,
        work: Callable[[Progress], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
        *,
        progress: bool = True,
    ) -> bool:
        """Run ``work`` on a worker thread; ``done(result)`` on the GUI thread after.

        ``failed`` gets the error; by default a project error is shown in one message
        box and a cancelled task ends quietly. Returns False (and runs nothing) if
        another task is still running.
        """
        if self._task is not None:
            return False
        self._task = _Task(self, title, work, done, failed or self.show_failure, progress)
        self.busy_changed.emit(True)
        self._task.start()
        return True

    def show_failure(self, error: BaseException) -> None:
        """The default for a failed task: one message box, nothing for Cancel."""
        if isinstance(error, Cancelled):
            return
        if isinstance(error, MissionPlannerError):
            show_error(self.parent_widget, error)
            return
        raise error

    def wait(self) -> None:
        """Block until the running task (if any) has ended; for closing a window."""
        task = self._task
        if task is not None:
            task.cancel.set()
            task.worker_thread.wait()
            QCoreApplication.sendPostedEvents()

    def _ended(self, task: _Task) -> None:
        if self._task is task:
            self._task = None
            # Kept until the next task starts: it is still inside its own slot now.
            self._ended_task = task
            self.busy_changed.emit(False)
