"""Dialogs for a mission's own fields, its cities and its delegation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QLineEdit, QPlainTextEdit, QWidget

from missionplanner.domain import places
from missionplanner.domain.enums import Direction, MissionStatus
from missionplanner.domain.forms import MissionForm, ParticipantForm, StopForm
from missionplanner.domain.zones import available_zones
from missionplanner.errors import ValidationError
from missionplanner.services.commands import RecordCommand
from ui import labels
from ui.dialogs.common import RecordDialog, line_edit
from ui.operations import Operations

# Window titles are set before the dialog object exists: each is a literal
# translate(context, text) call, so that lupdate finds it.
translate = QCoreApplication.translate


def choice_combo(values: Iterable[str], label: Callable[[str], str], current: str) -> QComboBox:
    """A drop-down of stored values shown by their translated names (``label``)."""
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _zone_box(current: str) -> QLineEdit:
    box = QLineEdit(current)
    completer = QCompleter(sorted(available_zones()), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    return box


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class MissionDialog(RecordDialog):
    def __init__(
        self,
        operations: Operations,
        form: MissionForm,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        creating = version is None
        super().__init__(
            operations,
            translate("MissionDialog", "New mission")
            if creating
            else translate("MissionDialog", "Edit mission"),
            parent,
        )
        self.original, self.version = form, version
        self.title = line_edit(form, "title")
        self.organizer = line_edit(form, "organizer")
        self.direction = choice_combo(Direction, labels.direction, form.direction)
        self.status = choice_combo(MissionStatus, labels.mission_status, form.status)
        self.home = _zone_box(form.home_timezone)
        self.objectives = QPlainTextEdit(form.objectives)
        self.objectives.setTabChangesFocus(True)
        self.add_field(self.tr("&Title"), self.title, "title")
        self.add_field(self.tr("&Organizer"), self.organizer, "organizer")
        self.add_field(self.tr("&Direction"), self.direction, "direction")
        self.add_field(self.tr("&Status"), self.status, "status")
        self.add_field(self.tr("&Home time zone"), self.home, "home_timezone")
        self.add_field(self.tr("O&bjectives"), self.objectives, "objectives")
        self.setMinimumWidth(520)

    def command(self) -> RecordCommand:
        form = replace(
            self.original,
            title=self.title.text(),
            organizer=self.organizer.text(),
            direction=str(self.direction.currentData()),
            status=str(self.status.currentData()),
            home_timezone=self.home.text().strip(),
            objectives=self.objectives.toPlainText(),
        )
        return self.record_command(
            self.original,
            self.version,
            form,
            self.tr("Add mission “{0}”").format(form.title),
            self.tr("Edit mission “{0}”").format(form.title),
        )


class StopDialog(RecordDialog):
    """A city of the mission: typing the city fills in its country and zone."""

    def __init__(
        self,
        operations: Operations,
        form: StopForm,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        creating = version is None
        super().__init__(
            operations,
            translate("StopDialog", "Add city")
            if creating
            else translate("StopDialog", "Edit city"),
            parent,
        )
        self.original, self.version = form, version
        self.city = line_edit(form, "city")
        self.city.setPlaceholderText(self.tr("Start typing a city…"))
        self.suggestions = QStringListModel(self)
        completer = QCompleter(self.suggestions, self.city)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[str].connect(self._chosen)  # type: ignore[index]  # overloaded signal
        self.city.setCompleter(completer)
        self.city.textEdited.connect(self._suggest)
        self.city.editingFinished.connect(self._fill_in)
        self._places: dict[str, places.Place] = {}
        self.country = line_edit(form, "country")
        self.country.setMaxLength(2)
        self.zone = _zone_box(form.timezone)
        self.zone.setPlaceholderText(self.tr("filled in from the city"))
        self.arrive = QDateEdit(_to_qdate(form.arrive))
        self.depart = QDateEdit(_to_qdate(form.depart))
        for edit in (self.arrive, self.depart):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.hotel = line_edit(form, "hotel")
        self.add_field(self.tr("&City"), self.city, "city")
        self.add_field(self.tr("C&ountry (ISO code)"), self.country, "country",
                       accessible=self.tr("Country"))  # fmt: skip
        self.add_field(self.tr("Time &zone"), self.zone, "timezone")
        self.add_field(self.tr("&Arrive"), self.arrive, "arrive")
        self.add_field(self.tr("&Depart"), self.depart, "depart")
        self.add_field(self.tr("&Hotel"), self.hotel, "hotel")
        self.setMinimumWidth(480)

    def _suggest(self, text: str) -> None:
        found = places.search(text, limit=15) if len(text.strip()) >= 2 else []
        self._places = {
            f"{p.city}, {places.countries().get(p.country, p.country)}": p for p in found
        }
        self.suggestions.setStringList(list(self._places))

    def _chosen(self, label: str) -> None:
        place = self._places.get(label)
        if place is None:
            return
        self.city.setText(place.city)
        self.country.setText(place.country)
        self.zone.setText(place.timezone)

    def _fill_in(self) -> None:
        """A typed city with a known country gets its zone, as the gazetteer has it."""
        if "," in self.city.text():
            self._chosen(self.city.text())
            return
        if self.city.text().strip() and self.country.text().strip() and not self.zone.text():
            try:
                place = places.locate(self.city.text(), self.country.text())
            except ValidationError:
                return
            self.zone.setText(place.timezone)

    def command(self) -> RecordCommand:
        self._fill_in()
        form = replace(
            self.original,
            city=self.city.text(),
            country=self.country.text(),
            timezone=self.zone.text().strip(),
            arrive=_from_qdate(self.arrive.date()),
            depart=_from_qdate(self.depart.date()),
            hotel=self.hotel.text(),
        )
        return self.record_command(
            self.original,
            self.version,
            form,
            self.tr("Add city {0}").format(form.city),
            self.tr("Edit city {0}").format(form.city),
        )


class ParticipantDialog(RecordDialog):
    def __init__(
        self,
        operations: Operations,
        form: ParticipantForm,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        creating = version is None
        super().__init__(
            operations,
            translate("ParticipantDialog", "Add participant")
            if creating
            else translate("ParticipantDialog", "Edit participant"),
            parent,
        )
        self.original, self.version = form, version
        self.name = line_edit(form, "name")
        self.role = line_edit(form, "role")
        self.organization = line_edit(form, "organization")
        self.email = line_edit(form, "email")
        self.phone = line_edit(form, "phone")
        self.add_field(self.tr("&Name"), self.name, "name")
        self.add_field(self.tr("&Role"), self.role, "role")
        self.add_field(self.tr("&Organization"), self.organization, "organization")
        self.add_field(self.tr("&Email"), self.email, "email")
        self.add_field(self.tr("&Phone"), self.phone, "phone")

    def command(self) -> RecordCommand:
        form = replace(
            self.original,
            name=self.name.text(),
            role=self.role.text(),
            organization=self.organization.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )
        return self.record_command(
            self.original,
            self.version,
            form,
            self.tr("Add participant {0}").format(form.name),
            self.tr("Edit participant {0}").format(form.name),
        )
