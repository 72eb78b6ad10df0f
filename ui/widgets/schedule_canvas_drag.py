"""The schedule canvas under the mouse: which block is where, selecting, dragging a
meeting to a new time and double-clicking to open one or make one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from missionplanner.domain.days import MINUTES_PER_DAY
from ui.widgets.schedule_canvas_base import CanvasBase, Drag
from ui.widgets.schedule_layout import SNAP_MINUTES, ScheduleBlock, snap_down, snap_nearest


class CanvasDragPart(CanvasBase):
    """Hit-testing, the mouse, and dragging meetings."""

    # hit testing

    def block_at(self, pos: QPointF) -> ScheduleBlock | None:
        grid = self._grid
        layout, geometry = grid.schedule_layout(), grid.geometry_model()
        if not layout.days:
            return None
        day = geometry.day_at(pos.x())
        for block in reversed(layout.blocks_in_day(day)):
            if geometry.block_rect(block).contains(pos):
                return block
        return None

    # mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        block = self.block_at(pos)
        if block is None:
            self._grid.set_selection("")
        elif block.is_meeting:
            self._grid.set_selection(block.id)
        if block is not None and block.is_meeting and not self._grid.is_read_only():
            geometry = self._grid.geometry_model()
            pressed = geometry.minute_at(pos.y())
            grab = pressed - block.start_minute + block.offset_minutes
            self._drag = Drag(block, pos, grab, day=block.day)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        drag = self._drag
        if drag is None:
            self._update_cursor(pos)
            return
        if not drag.active:
            moved = (pos - drag.press).manhattanLength()
            if moved < QApplication.startDragDistance():
                return
            drag.active = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        geometry = self._grid.geometry_model()
        drag.day = geometry.day_at(pos.x())
        start = snap_nearest(geometry.minute_at(pos.y()) - drag.grab_minutes)
        low = self._grid.schedule_layout().first_minute
        high = self._grid.schedule_layout().last_minute - SNAP_MINUTES
        drag.start = max(low, min(high, start))
        self._grid.ensureVisible(round(pos.x()), round(pos.y()), 16, 16)
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if event.button() != Qt.MouseButton.LeftButton or drag is None:
            super().mouseReleaseEvent(event)
            return
        self._update_cursor(event.position())
        if drag.active:
            self.update()
            layout = self._grid.schedule_layout()
            day = layout.days[drag.day].date
            new_start = datetime.combine(day, time()) + timedelta(minutes=drag.start)
            if new_start != drag.block.span.start:
                self._grid.move_requested.emit(drag.block.id, new_start)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self._cancel_drag()
        pos = event.position()
        block = self.block_at(pos)
        grid = self._grid
        if block is not None:
            if block.is_meeting:
                grid.set_selection(block.id)
                grid.edit_requested.emit(block.id)
        elif not grid.is_read_only() and grid.schedule_layout().days:
            geometry = grid.geometry_model()
            layout = grid.schedule_layout()
            day = geometry.day_at(pos.x())
            minute = snap_down(geometry.minute_at(pos.y()))
            minute = max(0, min(MINUTES_PER_DAY - SNAP_MINUTES, minute))
            start = datetime.combine(layout.days[day].date, time()) + timedelta(minutes=minute)
            grid.create_requested.emit(start, layout.stop_at(day, minute))
        event.accept()

    def _update_cursor(self, pos: QPointF) -> None:
        block = self.block_at(pos)
        if block is not None and block.is_meeting and not self._grid.is_read_only():
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif block is not None and block.is_meeting:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.unsetCursor()

    def _cancel_drag(self) -> bool:
        drag, self._drag = self._drag, None
        if drag is not None and drag.active:
            self.unsetCursor()
            self.update()
            return True
        return False

    def is_dragging(self) -> bool:
        return self._drag is not None and self._drag.active
