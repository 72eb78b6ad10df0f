"""The Schedule view of a mission: a day-by-day calendar of its meetings and travel.

A row of controls (whose meetings to show, whether to show cancelled ones, a legend of
the status colours) above a :class:`~ui.widgets.schedule_grid.ScheduleGrid`. The view
only shows and asks: its signals go to the main window, which runs the core operations
and calls :meth:`ScheduleView.set_plan` again with the changed plan.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from missionplanner.checks import Problem
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MissionPlan
from ui.widgets.schedule_grid import ScheduleGrid
from ui.widgets.schedule_legend import ScheduleLegend


class ScheduleView(QWidget):
    """A mission's schedule, with a participant filter and a "Show cancelled" switch.

    Signals (re-exposed from the grid):
      ``edit_requested(str meeting_id)``: open a meeting (double-click or Enter);
      ``move_requested(str meeting_id, datetime new_start)``: a block was dragged to a new
      naive local start on a 15-minute step, same duration; the receiver resolves the zone;
      ``create_requested(datetime start, str stop_id)``: an empty slot was double-clicked;
      naive local start on a 15-minute step, and the stop of that day and time ("" if none);
      ``selected(str meeting_id)``: the selected meeting changed ("" when none).
    """

    edit_requested = Signal(str)
    move_requested = Signal(str, object)
    create_requested = Signal(object, str)
    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: MissionPlan | None = None

        self.participant_combo = QComboBox(self)
        self.participant_combo.setAccessibleName(self.tr("Show the schedule of"))
        self.participant_combo.setToolTip(
            self.tr("Show only the meetings and travel of one participant")
        )
        self.participant_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.participant_combo.setMinimumContentsLength(18)
        self.participant_combo.addItem(self.tr("Everyone"), "")
        participant_label = QLabel(self.tr("&Schedule of:"), self)
        participant_label.setBuddy(self.participant_combo)

        self.cancelled_check = QCheckBox(self.tr("Show &cancelled"), self)
        self.cancelled_check.setAccessibleName(self.tr("Show cancelled meetings"))
        self.cancelled_check.setChecked(True)

        self.legend = ScheduleLegend(self)
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self.grid = ScheduleGrid(self)
        self.grid.setAccessibleName(self.tr("Mission schedule"))
        self.grid.canvas.setAccessibleName(self.tr("Schedule grid"))

        controls = QHBoxLayout()
        controls.setContentsMargins(8, 6, 8, 6)
        controls.setSpacing(8)
        controls.addWidget(participant_label)
        controls.addWidget(self.participant_combo)
        controls.addSpacing(8)
        controls.addWidget(self.cancelled_check)
        controls.addStretch(1)
        controls.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(controls)
        layout.addWidget(self.grid, 1)

        self.participant_combo.currentIndexChanged.connect(self._participant_changed)
        self.cancelled_check.toggled.connect(self.grid.set_show_cancelled)
        self.grid.edit_requested.connect(self.edit_requested)
        self.grid.move_requested.connect(self.move_requested)
        self.grid.create_requested.connect(self.create_requested)
        self.grid.selected.connect(self.selected)
        # Tab goes: participant, Show cancelled, the grid (one stop: the scroll area itself
        # takes none; the canvas handles arrows, Enter and Delete). A focus proxy would
        # make Tab jump from the tab bar straight to the grid, past the two controls.
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the view (``setFocus``) goes to the grid."""
        self.grid.canvas.setFocus(event.reason())

    # public API

    def set_plan(self, plan: MissionPlan, problems: Sequence[Problem] = ()) -> None:
        """Show a plan and its problems (from ``missionplanner.checks.check``).

        Showing the same mission again keeps the scroll position, the selection and the
        participant filter (when that participant is still in the mission).
        """
        same = self._plan is not None and self._plan.id == plan.id
        keep = self.participant_combo.currentData() if same else ""
        self._plan = plan
        combo = self.participant_combo
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self.tr("Everyone"), "")
            for participant in plan.participants:
                combo.addItem(participant.name, participant.id)
                if participant.role:
                    combo.setItemData(
                        combo.count() - 1,
                        f"{participant.name}\n{participant.role}",
                        Qt.ItemDataRole.ToolTipRole,
                    )
            found = combo.findData(keep) if keep else 0
            combo.setCurrentIndex(max(0, found))
        finally:
            combo.blockSignals(False)
        self.grid.set_participant_filter(combo.currentData() or "")
        self.grid.set_plan(plan, problems)

    def plan(self) -> MissionPlan | None:
        return self._plan

    def select_meeting(self, meeting_id: str) -> bool:
        """Scroll to a meeting and select it, showing it first if a filter hides it."""
        if self.grid.select_meeting(meeting_id):
            return True
        meeting = (
            next((m for m in self._plan.meetings if m.id == meeting_id), None)
            if self._plan
            else None
        )
        if meeting is None:
            return False
        if meeting.status == MeetingStatus.CANCELLED.value:
            self.cancelled_check.setChecked(True)
        if self.grid.select_meeting(meeting_id):
            return True
        self.set_participant("")
        return self.grid.select_meeting(meeting_id)

    def selected_meeting(self) -> str:
        return self.grid.selected_meeting()

    def set_read_only(self, read_only: bool) -> None:
        """No dragging or creating; double-click still opens a meeting for viewing."""
        self.grid.set_read_only(read_only)

    def is_read_only(self) -> bool:
        return self.grid.is_read_only()

    def set_participant(self, participant_id: str) -> None:
        """Filter to one participant's meetings ("" for everyone)."""
        index = self.participant_combo.findData(participant_id)
        self.participant_combo.setCurrentIndex(max(0, index))

    # internals

    def _participant_changed(self, index: int) -> None:
        self.grid.set_participant_filter(self.participant_combo.itemData(index) or "")
