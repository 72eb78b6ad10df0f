"""What every record dialog shares: labelled fields with their error messages, saving."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.forms import Form
from missionplanner.errors import FieldErrors, MissionPlannerError
from missionplanner.messages import Words
from missionplanner.services.commands import RecordCommand
from missionplanner.services.records import Saved
from missionplanner.store.kinds import limit
from missionplanner.wording import render
from ui.errors import show_error
from ui.focus import focus_first
from ui.operations import Operations


def line_edit(form: object, name: str) -> QLineEdit:
    """A one-line field for a form's text field, holding no more than its column does."""
    edit = QLineEdit(str(getattr(form, name)))
    most = limit(type(form), name)
    if most is not None:
        edit.setMaxLength(most)
    return edit


class ErrorLabel(QLabel):
    """A message under a field; hidden while the field is fine."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #c62828;")
        self.hide()

    def show_message(self, message: Words | None) -> None:
        text = render(message) if message else ""
        self.setText(text)
        self.setVisible(bool(text))


def focus_first_field(dialog: QWidget, buttons: QDialogButtonBox) -> None:
    """Open a dialog ready to type in its first field.

    The buttons exist before the fields that subclasses add, so Qt would start on Save
    (where Enter saves at once). Tab still goes round: the fields in order, Save, Cancel.
    """
    focused = dialog.focusWidget()
    if focused is not None and not buttons.isAncestorOf(focused):
        return
    focus_first(dialog, skip=buttons)


class RecordDialog(QDialog):
    """A dialog of labelled fields that saves one record through a core command."""

    def __init__(self, operations: Operations, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.setWindowTitle(title)
        self.errors: dict[str, ErrorLabel] = {}
        self.saved_id: str | None = None
        self.fields = QFormLayout()
        self.general_error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not operations.read_only)
        layout = QVBoxLayout(self)
        layout.addLayout(self.fields)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def add_field(
        self, label: str, field: QWidget | QLayout, *names: str, accessible: str = ""
    ) -> None:
        if isinstance(field, QWidget):
            field.setAccessibleName(accessible or label.replace("&", ""))
        error = add_labelled_row(self.fields, label, field)
        for name in names:
            self.errors[name] = error

    def showEvent(self, event: QShowEvent) -> None:
        focus_first_field(self, self.buttons)
        super().showEvent(event)

    def show_errors(self, errors: Mapping[str, Words]) -> None:
        show_field_errors(errors, self.errors, self.general_error)

    def command(self) -> RecordCommand:
        raise NotImplementedError

    def record_command(
        self, original: Form, version: int | None, form: Form, added: str, edited: str
    ) -> RecordCommand:
        """Add ``form``, or change ``original`` into it, by whether the record exists yet.

        ``added`` and ``edited`` name the change in the Edit menu (Undo “…”).
        """
        if version is None:
            return RecordCommand.create(added, form)
        return RecordCommand.edit(edited, original, form, version)

    def save(self) -> None:
        try:
            command = self.command()
        except FieldErrors as error:
            self.show_errors(error.errors)
            return
        save_record(self, self.operations, command, self.save_button, self.show_errors, self.saved)

    def saved(self, saved: Saved) -> None:
        self.saved_id = saved.id
        self.accept()


def add_labelled_row(form: QFormLayout, label: str, field: QWidget | QLayout) -> ErrorLabel:
    """A row of ``form``: the caption, the field, and under it the field's error line.

    The field and its error sit in a widget of their own: nested layouts without a
    widget have been seen to be deleted twice when the dialog goes.
    """
    cell = QWidget()
    box = QVBoxLayout(cell)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    if isinstance(field, QWidget):
        box.addWidget(field)
    else:
        box.addLayout(field)
    error = ErrorLabel()
    box.addWidget(error)
    caption = QLabel(label)
    # The mnemonic (Alt+letter) goes to the field, or to a layout's first widget.
    first = None if isinstance(field, QWidget) else field.itemAt(0)
    buddy = field if isinstance(field, QWidget) else first.widget() if first else None
    if buddy is not None:
        caption.setBuddy(buddy)
    form.addRow(caption, cell)
    return error


def show_field_errors(
    errors: Mapping[str, Words],
    labels: Mapping[str, ErrorLabel],
    general: ErrorLabel,
    elsewhere: Callable[[str], bool] = lambda _name: False,
) -> None:
    """Each error under its field; those with no field of their own under the form.

    ``elsewhere(name)`` says a field's error is shown by the dialog itself (the meeting
    dialog lists follow-up errors on their own tab).
    """
    for each in labels.values():
        each.show_message(None)
    leftovers: list[str] = []
    shown: set[int] = set()
    for name, message in errors.items():
        label = labels.get(name)
        if elsewhere(name):
            continue
        if label is None:
            leftovers.append(render(message))
        elif id(label) not in shown:
            label.show_message(message)
            shown.add(id(label))
    general.show_message("\n".join(leftovers) or None)


def save_record(
    dialog: QDialog,
    operations: Operations,
    command: RecordCommand,
    button: QWidget,
    show_errors: Callable[[Mapping[str, Words]], None],
    saved: Callable[[Saved], None],
) -> None:
    """Save through the window's writes; the dialog closes once the record is saved.

    The save runs off the GUI thread: Save is disabled meanwhile so it cannot be pressed
    twice, and field errors come back next to their fields with the dialog still open.
    """

    def done(result: Saved) -> None:
        button.setEnabled(True)
        saved(result)

    def failed(error: BaseException) -> None:
        button.setEnabled(True)
        if isinstance(error, FieldErrors):
            show_errors(error.errors)
        elif isinstance(error, MissionPlannerError):
            show_error(dialog, error)
        else:
            raise error

    button.setEnabled(False)
    if not operations.run(command, done, failed):
        button.setEnabled(True)
