"""A travel segment: from, to, carrier, and departure and arrival in their own zones."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDateTimeEdit, QListView, QWidget

from missionplanner.domain.enums import TravelMode
from missionplanner.domain.forms import TravelForm
from missionplanner.domain.plan import MissionPlan
from missionplanner.services.commands import RecordCommand
from ui import labels
from ui.dialogs.common import RecordDialog, line_edit
from ui.dialogs.meeting import WALL_CLOCK, _from_qt, _to_qt
from ui.dialogs.mission import _zone_box, choice_combo, translate
from ui.operations import Operations

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TravelDialog(RecordDialog):
    def __init__(
        self,
        operations: Operations,
        plan: MissionPlan,
        form: TravelForm,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        creating = version is None
        super().__init__(
            operations,
            translate("TravelDialog", "Add travel")
            if creating
            else translate("TravelDialog", "Edit travel"),
            parent,
        )
        self.original, self.version = form, version
        self.origin = line_edit(form, "origin")
        self.destination = line_edit(form, "destination")
        self.mode = choice_combo(TravelMode, labels.travel_mode, form.mode)
        self.carrier = line_edit(form, "carrier")
        self.reference = line_edit(form, "reference")
        self.depart = QDateTimeEdit(_to_qt(form.depart_local))
        self.arrive = QDateTimeEdit(_to_qt(form.arrive_local))
        for edit in (self.depart, self.arrive):
            edit.setTimeZone(WALL_CLOCK)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.depart_zone = _zone_box(form.depart_timezone)
        self.arrive_zone = _zone_box(form.arrive_timezone)
        self.travellers = QStandardItemModel(self)
        everyone = not form.participant_ids
        for participant in plan.participants:
            item = QStandardItem(participant.name)
            item.setData(participant.id, ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            on = everyone or participant.id in form.participant_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.travellers.appendRow(item)
        travellers = QListView()
        travellers.setModel(self.travellers)
        travellers.setMaximumHeight(120)
        self.add_field(self.tr("&From"), self.origin, "origin")
        self.add_field(self.tr("&To"), self.destination, "destination")
        self.add_field(self.tr("&Mode"), self.mode, "mode")
        self.add_field(self.tr("&Carrier"), self.carrier, "carrier")
        self.add_field(self.tr("&Reference"), self.reference, "reference")
        self.add_field(self.tr("&Departs (local time)"), self.depart, "depart_local")
        self.add_field(self.tr("Departure time &zone"), self.depart_zone, "depart_timezone")
        self.add_field(self.tr("&Arrives (local time)"), self.arrive, "arrive_local")
        self.add_field(self.tr("Arrival time z&one"), self.arrive_zone, "arrive_timezone")
        self.add_field(self.tr("Tra&vellers"), travellers, "participant_ids")
        self.setMinimumWidth(520)

    def command(self) -> RecordCommand:
        chosen = [
            str(self.travellers.item(row).data(ID_ROLE))
            for row in range(self.travellers.rowCount())
            if self.travellers.item(row).checkState() == Qt.CheckState.Checked
        ]
        form = replace(
            self.original,
            origin=self.origin.text(),
            destination=self.destination.text(),
            mode=str(self.mode.currentData()),
            carrier=self.carrier.text(),
            reference=self.reference.text(),
            depart_local=_from_qt(self.depart.dateTime()),
            arrive_local=_from_qt(self.arrive.dateTime()),
            depart_timezone=self.depart_zone.text().strip(),
            arrive_timezone=self.arrive_zone.text().strip(),
            participant_ids=[] if len(chosen) == self.travellers.rowCount() else chosen,
        )
        label = f"{form.origin} → {form.destination}"
        if self.version is None:
            return RecordCommand.create(self.tr("Add travel {0}").format(label), form)
        return RecordCommand.edit(
            self.tr("Edit travel {0}").format(label), self.original, form, self.version
        )
