"""The schedule grid: a painted day-by-day time grid of a mission's meetings and travel.

:class:`ScheduleGrid` is a ``QScrollArea`` whose widget is a
:class:`~ui.widgets.schedule_canvas.ScheduleCanvas` (the painted days and hours). A sticky
header of days and a sticky time column (:mod:`ui.widgets.schedule_margins`) sit in the
scroll area's margins and follow its scroll bars. Where each block goes is decided by
:mod:`ui.widgets.schedule_layout`; this module keeps what is shown, the selection and the
scrolling. The grid only paints and turns mouse and keys into signals. It never writes
anything: the main window connects the signals to the core.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QWidget

from missionplanner.checks import Problem
from missionplanner.domain.plan import MissionPlan
from ui.widgets.schedule_canvas import ScheduleCanvas
from ui.widgets.schedule_geometry import GridGeometry
from ui.widgets.schedule_layout import ScheduleIndex, ScheduleLayout, build_layout
from ui.widgets.schedule_margins import Corner, DayHeader, TimeRuler
from ui.widgets.schedule_texts import GridTextsPart


class ScheduleGrid(GridTextsPart):
    """A mission's days side by side, hours down, meetings and travel as blocks.

    Signals (the grid never changes data itself):
      ``edit_requested(meeting_id)``: a meeting block was double-clicked or Enter pressed;
      ``move_requested(meeting_id, new_start)``: a block was dragged; ``new_start`` is a
      naive local ``datetime`` on a 15-minute step, the duration is unchanged and the
      receiver resolves the zone;
      ``create_requested(start, stop_id)``: an empty slot was double-clicked; ``start``
      is a naive local ``datetime`` on a 15-minute step, ``stop_id`` the stop the delegation
      is in then ("" when none);
      ``selected(meeting_id)``: the selected meeting changed ("" when none).
    """

    edit_requested = Signal(str)
    move_requested = Signal(str, object)
    create_requested = Signal(object, str)
    selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName(self.tr("Mission schedule"))
        self._plan: MissionPlan | None = None
        self._index: ScheduleIndex | None = None
        self._layout = ScheduleLayout()
        self._geometry = GridGeometry(160, 48, 7 * 60, 21 * 60, 0)
        self._participant = ""
        self._show_cancelled = True
        self._read_only = False
        self._selected = ""
        self._pending: list[Callable[[], None]] = []
        self.canvas = ScheduleCanvas(self)
        self.setWidget(self.canvas)
        self._header = DayHeader(self)
        self._ruler = TimeRuler(self)
        self._corner = Corner(self)
        self.horizontalScrollBar().valueChanged.connect(self._header.update)
        self.verticalScrollBar().valueChanged.connect(self._ruler.update)
        # Labels of blocks cut by the top edge follow it: repaint the view, not a strip.
        self.verticalScrollBar().valueChanged.connect(self.canvas.update)
        self._update_margins()

    # public API

    def set_plan(self, plan: MissionPlan, problems: Sequence[Problem] = ()) -> None:
        """Show a plan and its problems; the same mission again keeps scroll and selection."""
        same = self._plan is not None and self._plan.id == plan.id
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        self._plan = plan
        self._index = ScheduleIndex(plan, problems)
        self._layout = build_layout(self._index, self._participant, self._show_cancelled)
        self._update_geometry()
        if same:
            self._scroll_to(*scroll)
            if self._selected and self._layout.block(self._selected) is None:
                self.set_selection("")
        else:
            self.set_selection("")
            self._scroll_to(0, round(self._geometry.y_of(self._layout.initial_minute)))
        self._refresh()

    def plan(self) -> MissionPlan | None:
        return self._plan

    def clear(self) -> None:
        """Show no mission."""
        self._plan, self._index = None, None
        self._layout = ScheduleLayout()
        self.set_selection("")
        self._update_geometry()
        self._refresh()

    def set_participant_filter(self, participant_id: str) -> None:
        """Show only what one participant attends ("" for everyone)."""
        if participant_id != self._participant:
            self._participant = participant_id
            self._relayout()

    def participant_filter(self) -> str:
        return self._participant

    def set_show_cancelled(self, show: bool) -> None:
        if show != self._show_cancelled:
            self._show_cancelled = show
            self._relayout()

    def show_cancelled(self) -> bool:
        return self._show_cancelled

    def set_read_only(self, read_only: bool) -> None:
        """Read-only: no dragging and no creating; double-click still opens a meeting."""
        self._read_only = read_only
        if read_only:
            self.canvas._cancel_drag()

    def is_read_only(self) -> bool:
        return self._read_only

    def select_meeting(self, meeting_id: str) -> bool:
        """Select a meeting and scroll it into view; False when it is not shown."""
        block = self._layout.block(meeting_id)
        if block is None:
            return False
        self.set_selection(meeting_id)
        rect = self._geometry.block_rect(block)
        self._when_shown(lambda: self._ensure_rect_visible(rect))
        return True

    def selected_meeting(self) -> str:
        return self._selected

    def schedule_layout(self) -> ScheduleLayout:
        """What is shown: days, blocks, lanes and hours (for tests and tools)."""
        return self._layout

    def geometry_model(self) -> GridGeometry:
        return self._geometry

    def block_rect(self, record_id: str) -> QRect:
        """The canvas rectangle of a meeting's (or trip's) first piece; empty if not shown."""
        block = self._layout.block(record_id)
        if block is None:
            return QRect()
        return self._geometry.block_rect(block).toAlignedRect()

    def slot_point(self, day: int, minute: float) -> QPoint:
        """The canvas point of a local time in a day column, in the free strip of the column."""
        g = self._geometry
        x = g.x_of_day(day) + g.column_width - g.free_right / 2
        return QPoint(round(x), round(g.y_of(minute)))

    def visible_canvas_rect(self) -> QRect:
        """The part of the canvas the viewport shows."""
        return QRect(
            self.horizontalScrollBar().value(),
            self.verticalScrollBar().value(),
            self.viewport().width(),
            self.viewport().height(),
        )

    def header_widget(self) -> QWidget:
        return self._header

    # selection

    def set_selection(self, meeting_id: str) -> None:
        if meeting_id == self._selected:
            return
        self._selected = meeting_id
        block = self._layout.block(meeting_id) if meeting_id else None
        self.canvas.setAccessibleDescription(self._accessible_text(block))
        self.canvas.update()
        self._header.update()
        self.selected.emit(meeting_id)

    def neighbour(self, meeting_id: str, direction: str) -> str:
        """The meeting an arrow key goes to from ``meeting_id`` (reading order by day)."""
        blocks = self._layout.meeting_blocks()
        if not blocks:
            return ""
        current = self._layout.block(meeting_id) if meeting_id else None
        if current is None or direction == "first":
            return blocks[0].id if direction != "last" else blocks[-1].id
        if direction == "last":
            return blocks[-1].id
        at = next(i for i, b in enumerate(blocks) if b.id == current.id)
        if direction == "down":
            return blocks[min(len(blocks) - 1, at + 1)].id
        if direction == "up":
            return blocks[max(0, at - 1)].id
        step = 1 if direction == "right" else -1
        day = current.day + step
        while 0 <= day < len(self._layout.days):
            candidates = [b for b in blocks if b.day == day]
            if candidates:
                best = min(
                    candidates,
                    key=lambda b: (abs(b.start_minute - current.start_minute), b.lane),
                )
                return best.id
            day += step
        return current.id

    # geometry and scrolling

    def _relayout(self) -> None:
        if self._index is None:
            return
        scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        self._layout = build_layout(self._index, self._participant, self._show_cancelled)
        if self._selected and self._layout.block(self._selected) is None:
            self.set_selection("")
        self._update_geometry()
        self._scroll_to(*scroll)
        self._refresh()

    def _refresh(self) -> None:
        self.canvas.update()
        self._header.update()
        self._ruler.update()

    def _minimum_cell(self) -> tuple[float, float]:
        metrics = QFontMetricsF(self.font())
        column = max(150.0, metrics.averageCharWidth() * 22)
        hour = max(44.0, metrics.height() * 2.7)
        return column, hour

    def _update_margins(self) -> None:
        self.setViewportMargins(
            self._ruler.preferred_width(), self._header.preferred_height(), 0, 0
        )
        self._place_margin_widgets()

    def _place_margin_widgets(self) -> None:
        viewport = self.viewport().geometry()
        left, top = self._ruler.preferred_width(), self._header.preferred_height()
        self._header.setGeometry(viewport.x(), viewport.y() - top, viewport.width(), top)
        self._ruler.setGeometry(viewport.x() - left, viewport.y(), left, viewport.height())
        self._corner.setGeometry(viewport.x() - left, viewport.y() - top, left, top)

    def _update_geometry(self) -> None:
        layout = self._layout
        viewport = self.viewport().size()
        min_column, min_hour = self._minimum_cell()
        days = len(layout.days)
        hours = max(1, layout.hours)
        if days == 0:
            width, height = viewport.width(), viewport.height()
            column, hour = min_column, min_hour
        else:
            width = max(viewport.width(), math.ceil(min_column * days))
            column = width / days
            height = max(viewport.height(), math.ceil(min_hour * hours))
            hour = height / hours
        self._geometry = GridGeometry(column, hour, layout.first_minute, layout.last_minute, days)
        if self.canvas.size() != QSize(width, height):
            self.canvas.resize(width, height)

    def _scroll_to(self, x: int, y: int) -> None:
        def apply() -> None:
            self.horizontalScrollBar().setValue(x)
            self.verticalScrollBar().setValue(y)

        self._when_shown(apply)

    def _ensure_rect_visible(self, rect: QRectF) -> None:
        centre = rect.center()
        self.ensureVisible(
            round(centre.x()),
            round(centre.y()),
            round(rect.width() / 2 + 12),
            round(min(rect.height() / 2 + 12, self.viewport().height() / 2)),
        )

    def _when_shown(self, action: Callable[[], None]) -> None:
        """Scrolling needs real scroll bar ranges: act now if shown, else once shown."""
        if self.isVisible():
            action()
        else:
            self._pending.append(action)

    # events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_geometry()
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_geometry()
        self._place_margin_widgets()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_margins()
            self._update_geometry()
            self._refresh()

    def sizeHint(self) -> QSize:
        return QSize(960, 640)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)
