"""The one place that runs edits: core command, undo stack, errors, change broadcast."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from missionplanner.errors import MissionPlannerError, StaleRecordError
from missionplanner.services.commands import RecordCommand
from missionplanner.services.records import Saved
from missionplanner.store.database import Database
from ui.errors import show_error


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
        self._operations._apply(lambda: self._command.redo(self._operations.db), self)

    def undo(self) -> None:
        self._operations._apply(lambda: self._command.undo(self._operations.db), self)


class Operations(QObject):
    """Runs record commands for the views and tells everyone what changed."""

    # The mission whose records changed ("" for the directory), and the record id.
    changed = Signal(str, str)

    def __init__(self, db: Database, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self.db = db
        self.parent_widget = parent_widget
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def run(self, command: RecordCommand) -> Saved:
        """Do ``command`` now and put it on the undo stack; errors propagate to the caller.

        Dialogs call this and show validation errors next to their fields.
        """
        try:
            saved = command.redo(self.db)
        except StaleRecordError:
            # Someone else changed the record: show everyone the latest version.
            self.changed.emit("", "")
            raise
        self.undo_stack.push(_UndoAdapter(self, command))
        self.changed.emit(saved.mission_id or "", saved.id)
        return saved

    def try_run(self, command: RecordCommand) -> Saved | None:
        """Like :meth:`run`, but errors are shown in a dialog (for drags and menu actions)."""
        try:
            return self.run(command)
        except MissionPlannerError as error:
            show_error(self.parent_widget, error)
            return None

    def _apply(self, step: object, adapter: QUndoCommand) -> None:
        try:
            saved = step()  # type: ignore[operator]
        except MissionPlannerError as error:
            # The record moved on (or is gone): this step can no longer be undone.
            adapter.setObsolete(True)
            show_error(self.parent_widget, error)
            self.changed.emit("", "")
            return
        self.changed.emit(saved.mission_id or "", saved.id)
