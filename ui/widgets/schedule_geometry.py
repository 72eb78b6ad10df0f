"""Where things are on the schedule canvas: pixels to (day, local minute) and back."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from ui.widgets.schedule_layout import MIN_BLOCK_MINUTES, ScheduleBlock


@dataclass(frozen=True, slots=True)
class GridGeometry:
    """Canvas pixels ↔ (day, local minute) for one layout at one size."""

    column_width: float
    hour_height: float
    first_minute: int
    last_minute: int
    days: int
    lane_gap: float = 2.0
    # Room left free at the right of each column, to double-click for a new meeting.
    free_right: float = 10.0

    def x_of_day(self, day: int) -> float:
        return day * self.column_width

    def y_of(self, minute: float) -> float:
        return (minute - self.first_minute) * self.hour_height / 60

    def minute_at(self, y: float) -> float:
        return self.first_minute + y * 60 / self.hour_height

    def day_at(self, x: float) -> int:
        if self.days <= 0:
            return -1
        return max(0, min(self.days - 1, int(x // self.column_width)))

    def block_rect(self, block: ScheduleBlock) -> QRectF:
        return self.slot_rect(
            block.day,
            block.start_minute,
            max(block.end_minute, block.start_minute + MIN_BLOCK_MINUTES),
            block.lane,
            block.lanes,
        )

    def slot_rect(
        self, day: int, start: float, end: float, lane: int = 0, lanes: int = 1
    ) -> QRectF:
        usable = self.column_width - self.free_right - 3
        width = usable / max(1, lanes)
        left = self.x_of_day(day) + 3 + lane * width
        top = self.y_of(max(start, self.first_minute))
        bottom = self.y_of(min(end, self.last_minute))
        return QRectF(left, top, width - self.lane_gap, max(2.0, bottom - top - 1))
