"""The meeting editor: every field of a meeting, with errors shown next to their fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QModelIndex, Qt, QTime, QTimer, QTimeZone
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.enums import MeetingKind, MeetingStatus
from missionplanner.domain.forms import MeetingForm
from missionplanner.domain.plan import MissionPlan
from missionplanner.domain.zones import is_ambiguous
from missionplanner.messages import Words
from missionplanner.services.commands import RecordCommand
from missionplanner.services.missions import ContactChoice, OrganizationChoice
from missionplanner.services.records import Saved
from missionplanner.wording import render
from ui import labels
from ui.dialogs.common import (
    ErrorLabel,
    add_labelled_row,
    line_edit,
    save_record,
    show_field_errors,
)
from ui.dialogs.follow_ups import FollowUpsEditor
from ui.operations import Operations

ID_ROLE = Qt.ItemDataRole.UserRole + 1


# Wall-clock times are held as UTC in the editors: Qt would otherwise apply this
# computer's own zone and silently shift a time that its clocks skip.
WALL_CLOCK = QTimeZone(QTimeZone.Initialization.UTC)


def _to_qt(value: datetime) -> QDateTime:
    return QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute), WALL_CLOCK
    )


def _from_qt(value: QDateTime) -> datetime:
    date, time = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())


class _Picker(QWidget):
    """Chosen records as a list, added by typing a name (with completion)."""

    def __init__(self, label: str, choices: list[tuple[str, str]], chosen: list[str]) -> None:
        super().__init__()
        self._labels = dict(choices)
        self.chosen = QStandardItemModel(self)
        self.available = QStandardItemModel(self)
        for record_id, text in choices:
            item = QStandardItem(text)
            item.setData(record_id, ID_ROLE)
            self.available.appendRow(item)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Type a name to add…"))
        self.entry.setAccessibleName(label)
        completer = QCompleter(self.available, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        # activated comes in str and QModelIndex flavours; the index carries the id.
        completer.activated[QModelIndex].connect(  # type: ignore[index]  # overloaded signal
            self._add_index
        )
        self.entry.setCompleter(completer)
        self._completer = completer
        self.view = QListView()
        self.view.setModel(self.chosen)
        self.view.setAccessibleName(label)
        self.view.setMaximumHeight(90)
        remove = QPushButton(self.tr("Remove"))
        remove.setAccessibleName(self.tr("Remove from {label}").format(label=label))
        remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view)
        for record_id in chosen:
            self.add(record_id)

    def _add_index(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.add(str(record_id))
        # The completer writes the chosen name into the box after this signal; clear it
        # once that is done, ready for the next name.
        QTimer.singleShot(0, self.entry.clear)

    def add(self, record_id: str) -> None:
        if record_id in self.ids():
            return
        item = QStandardItem(self._labels.get(record_id, record_id))
        item.setData(record_id, ID_ROLE)
        item.setEditable(False)
        self.chosen.appendRow(item)

    def _remove_selected(self) -> None:
        for index in sorted(self.view.selectedIndexes(), key=lambda i: -i.row()):
            self.chosen.removeRow(index.row())

    def ids(self) -> list[str]:
        return [str(self.chosen.item(row).data(ID_ROLE)) for row in range(self.chosen.rowCount())]


class MeetingDialog(QDialog):
    """Create or edit a meeting. Saving runs through the core; errors keep the dialog open."""

    def __init__(
        self,
        operations: Operations,
        plan: MissionPlan,
        form: MeetingForm,
        version: int | None,
        organizations: list[OrganizationChoice],
        contacts: list[ContactChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.operations = operations
        self.plan = plan
        self.original = form
        self.version = version
        self.saved_id: str | None = None
        creating = version is None
        self.setWindowTitle(self.tr("New meeting") if creating else self.tr("Edit meeting"))
        self.setMinimumWidth(640)
        self.errors: dict[str, ErrorLabel] = {}

        self.title = line_edit(form, "title")
        self.title.setAccessibleName(self.tr("Title"))
        self.kind = self._combo(MeetingKind, labels.meeting_kind, form.kind, self.tr("Kind"))
        self.status = self._combo(
            MeetingStatus, labels.meeting_status, form.status, self.tr("Status")
        )
        self.stop = QComboBox()
        self.stop.setAccessibleName(self.tr("City"))
        for stop in plan.stops:
            self.stop.addItem(f"{stop.city} ({stop.arrive:%d %b} – {stop.depart:%d %b})", stop.id)
        self.stop.setCurrentIndex(max(0, self.stop.findData(form.stop_id)))
        self.start = QDateTimeEdit(_to_qt(form.start_local))
        self.end = QDateTimeEdit(_to_qt(form.end_local))
        for edit, name in ((self.start, self.tr("Start")), (self.end, self.tr("End"))):
            edit.setTimeZone(WALL_CLOCK)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
        self.zone = QLabel()
        self.zone.setAccessibleName(self.tr("Time zone"))
        self.venue = line_edit(form, "venue")
        self.venue.setAccessibleName(self.tr("Venue"))
        self.address = line_edit(form, "address")
        self.address.setAccessibleName(self.tr("Address"))
        self.organizations = _Picker(
            self.tr("Organizations"), [(o.id, o.label) for o in organizations],
            form.organization_ids,
        )  # fmt: skip
        org_names = {o.id: o.name for o in organizations}
        self.contacts = _Picker(
            self.tr("Contacts"),
            [
                (c.id, f"{c.name} — {c.title + ', ' if c.title else ''}"
                 f"{org_names.get(c.organization_id, '')}")
                for c in contacts
            ],
            form.contact_ids,
        )  # fmt: skip
        self.attendees = QStandardItemModel(self)
        everyone = not form.attendee_ids
        for participant in plan.participants:
            item = QStandardItem(participant.name)
            item.setData(participant.id, ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            checked = everyone or participant.id in form.attendee_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.attendees.appendRow(item)
        attendees_view = QListView()
        attendees_view.setModel(self.attendees)
        attendees_view.setAccessibleName(self.tr("Attendees"))
        self.objectives = self._text(form.objectives, self.tr("Objectives"))
        self.talking_points = self._text(form.talking_points, self.tr("Talking points"))
        self.notes = self._text(form.notes, self.tr("Notes"))

        when = QHBoxLayout()
        when.addWidget(self.start)
        when.addWidget(QLabel("–"))
        when.addWidget(self.end)
        when.addWidget(self.zone, 1)
        main = QWidget()
        fields = QFormLayout(main)
        self._row(fields, self.tr("&Title"), self.title, "title")
        self._row(fields, self.tr("&Kind"), self.kind, "kind")
        self._row(fields, self.tr("&Status"), self.status, "status")
        self._row(fields, self.tr("&City"), self.stop, "stop_id")
        self._row(fields, self.tr("&When"), when, "start_local", extra=("end_local", "timezone"))
        self._row(fields, self.tr("&Venue"), self.venue, "venue")
        self._row(fields, self.tr("&Address"), self.address, "address")
        self._row(fields, self.tr("&Organizations"), self.organizations, "organization_ids")
        self._row(fields, self.tr("C&ontacts"), self.contacts, "contact_ids")
        self._row(fields, self.tr("Atte&ndees"), attendees_view, "attendee_ids")
        texts = QWidget()
        text_fields = QFormLayout(texts)
        self._row(text_fields, self.tr("Ob&jectives"), self.objectives, "objectives")
        self._row(text_fields, self.tr("Talking &points"), self.talking_points, "talking_points")
        self._row(text_fields, self.tr("N&otes"), self.notes, "notes")
        tabs = QTabWidget()
        tabs.addTab(main, self.tr("Meeting"))
        tabs.addTab(texts, self.tr("Briefing"))
        self.follow_ups = FollowUpsEditor(form.follow_ups)
        follow_page = QWidget()
        follow_layout = QVBoxLayout(follow_page)
        follow_layout.addWidget(self.follow_ups)
        self.follow_up_error = ErrorLabel()
        follow_layout.addWidget(self.follow_up_error)
        tabs.addTab(follow_page, self.tr("Follow-ups"))
        self.tabs = tabs
        self.general_error = ErrorLabel()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(not operations.read_only)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.stop.currentIndexChanged.connect(self._update_zone)
        self.start.dateTimeChanged.connect(self._keep_duration)
        self.start.dateTimeChanged.connect(self._update_zone)
        self.end.dateTimeChanged.connect(self._update_zone)
        self._duration = form.end_local - form.start_local
        self._update_zone()
        # The dialog opens ready to type the title, not on the tab bar.
        self.title.setFocus()

    # --- building ---------------------------------------------------------------------

    def _combo(
        self, values: Iterable[str], label: Callable[[str], str], current: str, name: str
    ) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for value in values:
            combo.addItem(label(value), value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _text(self, value: str, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(value)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        return edit

    def _row(
        self,
        layout: QFormLayout,
        label: str,
        field: QWidget | QHBoxLayout,
        name: str,
        extra: tuple[str, ...] = (),
    ) -> None:
        error = add_labelled_row(layout, label, field)
        for key in (name, *extra):
            self.errors[key] = error

    # --- behaviour --------------------------------------------------------------------

    def _zone_name(self) -> str:
        stop = self.plan.stop(str(self.stop.currentData() or ""))
        return self.original.timezone or (stop.timezone if stop else "")

    def _update_zone(self) -> None:
        zone = self._zone_name()
        note = ""
        if zone and is_ambiguous(_from_qt(self.start.dateTime()), zone):
            note = self.tr(" — this time happens twice (clocks go back); the first is used")
        self.zone.setText(self.tr("local time, {zone}").format(zone=zone or "?") + note)

    def _keep_duration(self) -> None:
        self.end.blockSignals(True)
        self.end.setDateTime(_to_qt(_from_qt(self.start.dateTime()) + self._duration))
        self.end.blockSignals(False)

    def form(self) -> MeetingForm:
        attendees = [
            str(self.attendees.item(row).data(ID_ROLE))
            for row in range(self.attendees.rowCount())
            if self.attendees.item(row).checkState() == Qt.CheckState.Checked
        ]
        if len(attendees) == self.attendees.rowCount():
            attendees = []  # everyone: new members of the delegation attend too
        return replace(
            self.original,
            title=self.title.text(),
            kind=str(self.kind.currentData()),
            status=str(self.status.currentData()),
            stop_id=str(self.stop.currentData() or ""),
            start_local=_from_qt(self.start.dateTime()),
            end_local=_from_qt(self.end.dateTime()),
            venue=self.venue.text(),
            address=self.address.text(),
            organization_ids=self.organizations.ids(),
            contact_ids=self.contacts.ids(),
            attendee_ids=attendees,
            objectives=self.objectives.toPlainText(),
            talking_points=self.talking_points.toPlainText(),
            notes=self.notes.toPlainText(),
            follow_ups=self.follow_ups.follow_ups()[0],
        )

    def show_errors(self, errors: Mapping[str, Words]) -> None:
        follow_up_messages = [render(m) for n, m in errors.items() if n.startswith("follow_ups[")]
        self.follow_up_error.show_message("\n".join(follow_up_messages) or None)
        if follow_up_messages:
            self.tabs.setCurrentIndex(self.tabs.count() - 1)
        show_field_errors(
            errors, self.errors, self.general_error, lambda name: name.startswith("follow_ups[")
        )

    def save(self) -> None:
        form = self.form()
        bad_dates = self.follow_ups.follow_ups()[1]
        if bad_dates:
            self.show_errors(bad_dates)
            return
        if self.version is None:
            command = RecordCommand.create(self.tr("Add meeting “{0}”").format(form.title), form)
        else:
            command = RecordCommand.edit(
                self.tr("Edit meeting “{0}”").format(form.title), self.original, form, self.version
            )
        save_record(self, self.operations, command, self.save_button, self.show_errors, self.saved)

    def saved(self, saved: Saved) -> None:
        self.saved_id = saved.id
        self.accept()


def new_meeting_form(plan: MissionPlan, stop_id: str, start: datetime) -> MeetingForm:
    return MeetingForm(
        id=None,
        mission_id=plan.id,
        stop_id=stop_id or (plan.stops[0].id if plan.stops else ""),
        title="",
        start_local=start,
        end_local=start + timedelta(hours=1),
    )
