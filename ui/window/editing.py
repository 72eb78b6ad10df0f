"""Record editing from the main window: the dialogs, deletes with confirmation, moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
)

from missionplanner.domain.forms import (
    Form,
    MeetingForm,
    MissionForm,
    OrganizationForm,
    ParticipantForm,
    StopForm,
    TravelForm,
)
from missionplanner.domain.plan import MissionPlan, TravelInfo
from missionplanner.errors import MissionPlannerError
from missionplanner.services import records
from missionplanner.services.commands import RecordCommand
from missionplanner.services.missions import (
    load_plan,
    organization_choices,
)
from ui import labels
from ui.dialogs.meeting import MeetingDialog, new_meeting_form
from ui.dialogs.mission import MissionDialog, ParticipantDialog, StopDialog
from ui.dialogs.organization import OrganizationDialog
from ui.dialogs.travel import TravelDialog
from ui.errors import show_error
from ui.models.table import KEY_ROLE
from ui.window.base import WindowBase

F = TypeVar("F", bound=Form)

translate = QCoreApplication.translate


def mission_contents(plan: MissionPlan) -> str:
    """What a mission holds, in words: "2 cities, 1 trip, 14 meetings and 3 participants"."""
    parts = [
        labels.cities(len(plan.stops)),
        labels.trips(len(plan.travel)),
        labels.meetings(len(plan.meetings)),
        labels.participants(len(plan.participants)),
    ]
    return translate("MainWindow", "{list} and {last}").format(
        list=", ".join(parts[:-1]), last=parts[-1]
    )


def _stop_reached(plan: MissionPlan, trip: TravelInfo) -> int | None:
    """The index of the city ``trip`` takes the delegation to ("Bogotá (BOG)" is Bogotá)."""
    place = trip.destination.casefold()
    for index, stop in enumerate(plan.stops):
        if stop.city and place.startswith(stop.city.casefold()):
            return index
    arrived = trip.arrive_local.date()
    for index, stop in enumerate(plan.stops):
        if stop.timezone == trip.arrive_timezone and stop.arrive <= arrived <= stop.depart:
            return index
    return None


def next_leg(plan: MissionPlan) -> TravelForm:
    """A new trip as the next leg of the route: on from where the last trip arrived.

    With no travel yet it is the first city to the second. Otherwise it leaves the last
    trip's destination for the following city of the route, on that city's arrival day,
    else the day after the last trip.
    """
    stops = plan.stops
    if not plan.travel:
        first = stops[0] if stops else None
        second = stops[1] if len(stops) > 1 else first
        day = first.depart if first else date.today()
        start = datetime(day.year, day.month, day.day, 9, 0)
        return TravelForm(
            None,
            plan.id,
            first.city if first else "",
            second.city if second else "",
            start,
            first.timezone if first else plan.home_timezone,
            start + timedelta(hours=2),
            second.timezone if second else plan.home_timezone,
        )
    last = max(plan.travel, key=lambda t: (t.depart_utc, t.arrive_utc))
    landed = last.arrive_local.replace(tzinfo=None)
    reached = _stop_reached(plan, last)
    if reached is not None:
        following = stops[reached + 1] if reached + 1 < len(stops) else None
    else:  # the trip went somewhere off the route: on to the next city still to come
        following = next((s for s in stops if s.arrive >= landed.date()), None)
    start = datetime.combine(landed.date() + timedelta(days=1), time(9, 0))
    if following is not None:
        on_arrival = datetime.combine(following.arrive, time(9, 0))
        if on_arrival > landed:
            start = on_arrival
    return TravelForm(
        None,
        plan.id,
        last.destination,
        following.city if following else "",
        start,
        last.arrive_timezone,
        start + timedelta(hours=2),
        following.timezone if following else plan.home_timezone,
    )


class EditingPart(WindowBase):
    """Opens the record dialogs and runs deletes and moves through the window's writes."""

    # --- editing ----------------------------------------------------------------------

    def _load(self, form_type: type[F], record_id: str) -> tuple[F, int] | None:
        """A record to edit, as it is now; None (after saying why) if it cannot be."""
        try:
            return records.load(self.db, form_type, record_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return None

    def _show(self, dialog: QDialog) -> bool:
        """Run a record dialog; it is let go once closed. True if it was accepted."""
        accepted = bool(dialog.exec())
        dialog.deleteLater()
        return accepted

    def _open_meeting_dialog(self, form: MeetingForm, version: int | None) -> None:
        assert self.plan is not None
        organizations, contacts = organization_choices(self.db)
        self._show(
            MeetingDialog(self.operations, self.plan, form, version, organizations, contacts, self)
        )

    def edit_meeting(self, meeting_id: str) -> None:
        loaded = self._load(MeetingForm, meeting_id)
        if loaded is None:
            return
        form, version = loaded
        self._open_meeting_dialog(form, version)

    def new_meeting_here(self) -> None:
        """A new meeting on the first day of the mission (from a menu or button)."""
        self.new_meeting(None, "")

    def new_meeting(self, start: datetime | None, stop_id: str) -> None:
        if self.plan is None or self.db.read_only:
            return
        if not self.plan.stops:
            QMessageBox.information(
                self, self.tr("New meeting"), self.tr("Add a city to the mission first.")
            )
            return
        first = self.plan.stops[0]
        start = start or datetime(first.arrive.year, first.arrive.month, first.arrive.day, 9)
        self._open_meeting_dialog(new_meeting_form(self.plan, stop_id, start), None)

    def move_meeting(self, meeting_id: str, new_start: datetime) -> None:
        if self.db.read_only:
            return
        try:
            before, version = records.load(self.db, MeetingForm, meeting_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        duration = before.end_local - before.start_local
        after = replace(before, start_local=new_start, end_local=new_start + duration)
        self.operations.run(
            RecordCommand.edit(
                self.tr("Move meeting “{0}”").format(before.title), before, after, version
            )
        )

    def new_mission(self) -> None:
        form = MissionForm(None, "", home_timezone=self.settings_home_zone())
        dialog = MissionDialog(self.operations, form, None, self)
        if self._show(dialog) and dialog.saved_id:
            self.mission_list.select(dialog.saved_id)

    def settings_home_zone(self) -> str:
        if self.plan is not None:
            return self.plan.home_timezone
        return "UTC"

    def edit_mission(self) -> None:
        if self.plan is None:
            return
        loaded = self._load(MissionForm, self.plan.id)
        if loaded is None:
            return
        form, version = loaded
        self._show(MissionDialog(self.operations, form, version, self))

    def add_city(self) -> None:
        if self.plan is None:
            return
        start = self.plan.stops[-1].depart if self.plan.stops else date.today()
        form = StopForm(None, self.plan.id, "", "", start, start + timedelta(days=2))
        self._show(StopDialog(self.operations, form, None, self))

    def add_participant(self) -> None:
        if self.plan is None:
            return
        self._show(
            ParticipantDialog(self.operations, ParticipantForm(None, self.plan.id, ""), None, self)
        )

    def edit_stop(self, stop_id: str) -> None:
        loaded = self._load(StopForm, stop_id)
        if loaded is None:
            return
        form, version = loaded
        self._show(StopDialog(self.operations, form, version, self))

    def add_travel(self) -> None:
        if self.plan is None:
            return
        form = next_leg(self.plan)
        self._show(TravelDialog(self.operations, self.plan, form, None, self))

    def edit_travel(self, travel_id: str) -> None:
        if self.plan is None:
            return
        loaded = self._load(TravelForm, travel_id)
        if loaded is None:
            return
        form, version = loaded
        self._show(TravelDialog(self.operations, self.plan, form, version, self))

    def edit_participant(self, participant_id: str) -> None:
        loaded = self._load(ParticipantForm, participant_id)
        if loaded is None:
            return
        form, version = loaded
        self._show(ParticipantDialog(self.operations, form, version, self))

    def _delete(self, form_type: type[Form], record_id: str, text: str) -> None:
        if self.db.read_only:
            return
        try:
            command = RecordCommand.delete(self.db, text, form_type, record_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        self.operations.run(command)

    def delete_stop(self, stop_id: str) -> None:
        self._delete(StopForm, stop_id, self.tr("Delete city"))

    def delete_travel(self, travel_id: str) -> None:
        self._delete(TravelForm, travel_id, self.tr("Delete travel"))

    def delete_participant(self, participant_id: str) -> None:
        self._delete(ParticipantForm, participant_id, self.tr("Remove participant"))

    def selected_meeting(self) -> str:
        if self.workspace.currentWidget() is self.schedule:
            return self.schedule.selected_meeting() or ""
        index = self.meetings.table.currentIndex()
        return str(index.data(KEY_ROLE)) if index.isValid() else ""

    def delete_selected_meeting(self) -> None:
        meeting_id = self.selected_meeting()
        if not meeting_id or self.db.read_only:
            return
        try:
            command = RecordCommand.delete(
                self.db, self.tr("Delete meeting"), MeetingForm, meeting_id
            )
        except MissionPlannerError as error:
            show_error(self, error)
            return
        assert isinstance(command.before, MeetingForm)
        command.text = self.tr("Delete meeting “{0}”").format(command.before.title)
        self.operations.run(command)

    def delete_mission(self) -> None:
        """Delete the shown mission and all it holds, once the user confirms; undoable."""
        if self.plan is None or self.db.read_only:
            return
        mission_id = self.plan.id
        try:
            command = RecordCommand.delete(self.db, "", MissionForm, mission_id)
            plan = load_plan(self.db, mission_id)
        except MissionPlannerError as error:
            show_error(self, error)
            return
        assert isinstance(command.before, MissionForm)
        title = command.before.title
        command.text = self.tr("Delete mission “{0}”").format(title)
        if self.confirm_delete_mission(title, plan):
            self.operations.run(command)

    def confirm_delete_mission(self, title: str, plan: MissionPlan) -> bool:
        """Ask before deleting a mission, naming it and what goes with it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete mission"))
        box.setText(self.tr("Delete the mission “{title}”?").format(title=title))
        box.setInformativeText(
            self.tr(
                "It holds {contents}; they are deleted with it. Edit → Undo brings everything back."
            ).format(contents=mission_contents(plan))
        )
        delete = box.addButton(self.tr("&Delete mission"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_organization(self, org_id: str) -> None:
        """Delete an organization and its contacts (undoable); one that met is kept."""
        if self.db.read_only:
            return
        title = self.tr("Organization not deleted")
        try:
            command = RecordCommand.delete(self.db, "", OrganizationForm, org_id)
        except MissionPlannerError as error:
            show_error(self, error, title)
            return
        assert isinstance(command.before, OrganizationForm)
        command.text = self.tr("Delete organization {0}").format(command.before.name)

        def failed(error: BaseException) -> None:
            if not isinstance(error, MissionPlannerError):
                raise error
            show_error(self, error, title)

        self.operations.run(command, failed=failed)

    def edit_organization(self, org_id: str) -> None:
        loaded = self._load(OrganizationForm, org_id)
        if loaded is None:
            return
        form, version = loaded
        self._show(OrganizationDialog(self.operations, form, version, self))

    def new_organization(self) -> None:
        dialog = OrganizationDialog(self.operations, OrganizationForm(None, ""), None, self)
        if self._show(dialog) and dialog.saved_id:
            self.directory.select_organization(dialog.saved_id)

    def show_meeting(self, mission_id: str, meeting_id: str) -> None:
        self.pages.setCurrentIndex(0)
        self.mission_list.select(mission_id)
        self.workspace.setCurrentWidget(self.meetings)
        self.meetings.select(meeting_id)

    def jump_to(self, refs: list[str]) -> None:
        """Show the first record a problem names: a meeting, a trip or a city."""
        if self.plan is None:
            return
        meeting_ids = {m.id for m in self.plan.meetings}
        route_ids = {t.id for t in self.plan.travel} | {s.id for s in self.plan.stops}
        for ref in refs:
            if ref in meeting_ids:
                self.workspace.setCurrentWidget(self.schedule)
                self.schedule.select_meeting(ref)
                return
            if ref in route_ids:
                self.workspace.setCurrentWidget(self.route)
                self.route.select(ref)
                return
