"""The one road for writes in the app: core operations run off the GUI thread.

Every write (a record edit or delete, a mission-file or contact import, a restore, the
demo) is a core function that returns what it changed (a ``Changes`` value, or a result
carrying one as ``.changes``). :class:`Operations` runs it through the window's
:class:`~ui.tasks.Runner`, puts undoable record commands on the undo stack, shows an
error once, and broadcasts the ``Changes`` so each view updates only what changed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from missionplanner.domain.changes import Changes
from missionplanner.errors import MissionPlannerError, StaleRecordError
from missionplanner.progress import Progress
from missionplanner.services.commands import RecordCommand
from missionplanner.services.records import Saved
from missionplanner.store.database import Database
from ui.errors import show_error
from ui.tasks import Runner

T = TypeVar("T")


def changes_of(result: object) -> Changes:
    """What a core operation's result says it changed."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else Changes.all()


class _UndoAdapter(QUndoCommand):
    """A core RecordCommand on Qt's undo stack. The first redo already happened."""

    def __init__(self, operations: Operations, command: RecordCommand) -> None:
        super().__init__(command.text)
        self._operations = operations
        self._command = command
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        self._operations._step(self, self._command.redo)

    def undo(self) -> None:
        self._operations._step(self, self._command.undo)


class Operations(QObject):
    """Runs a window's writes and tells its views what changed."""

    changed = Signal(object)  # Changes

    def __init__(
        self, db: Database, parent_widget: QWidget | None = None, runner: Runner | None = None
    ) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.parent_widget = parent_widget
        self.runner = runner or Runner(parent_widget)
        self.undo_stack = QUndoStack(self)
        # Undo and redo steps asked for while a task runs wait for it, in order.
        self._pending: deque[tuple[QUndoCommand, Callable[[Database], Saved]]] = deque()
        self.runner.idle.connect(self._next_step)

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def busy(self) -> bool:
        """Work is running, or an undo or redo waits for its turn."""
        return self.runner.busy or bool(self._pending)

    def perform(
        self,
        title: str,
        work: Callable[[Database, Progress], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        progress: bool = True,
    ) -> bool:
        """Run the write ``work(db, progress)`` off the GUI thread, then broadcast.

        ``done`` gets the result after the views were told what changed; ``failed``
        (default: one message box) gets the error. False if another task is running.
        """

        def finished(result: T) -> None:
            self._broadcast(changes_of(result))
            if done is not None:
                done(result)

        def failure(error: BaseException) -> None:
            if isinstance(error, StaleRecordError):
                # Someone else changed the record: show everyone the latest version.
                self._broadcast(Changes.all())
            (failed or self.runner.show_failure)(error)

        db = self.db
        return self.runner.start(title, lambda p: work(db, p), finished, failure, progress=progress)

    def run(
        self,
        command: RecordCommand,
        done: Callable[[Saved], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> bool:
        """Do ``command`` and, once it succeeded, put it on the undo stack.

        Dialogs pass ``failed`` to show validation errors next to their fields; without
        it an error is shown in a message box.
        """

        def finished(saved: Saved) -> None:
            self.undo_stack.push(_UndoAdapter(self, command))
            if done is not None:
                done(saved)

        return self.perform(
            command.text,
            lambda db, _progress: command.redo(db),
            finished,
            failed,
            progress=False,
        )

    def _step(self, adapter: QUndoCommand, step: Callable[[Database], Saved]) -> None:
        """An undo or redo: run now, or as soon as the running task has ended."""
        self._pending.append((adapter, step))
        self._next_step()

    def _next_step(self) -> None:
        if not self._pending or self.runner.busy:
            return
        adapter, step = self._pending.popleft()

        def failed(error: BaseException) -> None:
            if isinstance(error, MissionPlannerError):
                # The record moved on (or is gone): this step can no longer be undone.
                adapter.setObsolete(True)
                show_error(self.parent_widget, error)
                self._broadcast(Changes.all())
                return
            raise error

        self.perform(adapter.text(), lambda db, _progress: step(db), None, failed, progress=False)

    def _broadcast(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def wait(self) -> None:
        """Let the running write finish (used when the window closes, and by tests)."""
        self.runner.wait()
