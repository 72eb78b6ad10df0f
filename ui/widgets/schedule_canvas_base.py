"""What the parts of the schedule canvas share: its grid and the drag under way.

The canvas is one widget split by job: painting (``ui.widgets.schedule_canvas_paint``),
hit-testing and drag and drop (``ui.widgets.schedule_canvas_drag``); the canvas itself
(``ui.widgets.schedule_canvas``) adds keys, focus and tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from ui.widgets.schedule_layout import ScheduleBlock

if TYPE_CHECKING:
    from ui.widgets.schedule_grid import ScheduleGrid


@dataclass(slots=True)
class Drag:
    block: ScheduleBlock
    press: QPointF
    grab_minutes: float  # from the record's local start to the pressed point
    active: bool = False
    day: int = -1
    start: int = 0  # the record's new local start, minutes after midnight of ``day``


class CanvasBase(QWidget):
    """The state every part of the schedule canvas reads."""

    _grid: ScheduleGrid
    _drag: Drag | None
