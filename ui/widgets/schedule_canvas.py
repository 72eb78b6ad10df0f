"""The schedule canvas: the painted days × hours area of the grid, with its keys and tooltips."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QHelpEvent, QKeyEvent
from PySide6.QtWidgets import QToolTip

from ui.widgets.schedule_canvas_drag import CanvasDragPart
from ui.widgets.schedule_canvas_paint import CanvasPaintPart

if TYPE_CHECKING:
    from ui.widgets.schedule_grid import ScheduleGrid


class ScheduleCanvas(CanvasPaintPart, CanvasDragPart):
    """The days × hours area with its blocks: painting, mouse, keys and tooltips."""

    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self._grid = grid
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Schedule"))
        self.setAccessibleDescription(
            self.tr(
                "Meetings by day and local time. Arrow keys move between meetings, "
                "Enter opens the selected meeting."
            )
        )
        self._drag = None

    # keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._cancel_drag():
            event.accept()
            return
        grid = self._grid
        moves: dict[int, str] = {
            Qt.Key.Key_Up.value: "up",
            Qt.Key.Key_Down.value: "down",
            Qt.Key.Key_Left.value: "left",
            Qt.Key.Key_Right.value: "right",
            Qt.Key.Key_Home.value: "first",
            Qt.Key.Key_End.value: "last",
        }
        if key in moves and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            target = grid.neighbour(grid.selected_meeting(), moves[key])
            if target:
                grid.select_meeting(target)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and grid.selected_meeting():
            grid.edit_requested.emit(grid.selected_meeting())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._cancel_drag()
        self.update()
        super().focusOutEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    # tooltips

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            block = self.block_at(QPointF(event.pos()))
            if block is None:
                QToolTip.hideText()
                event.ignore()
            else:
                rect = self._grid.geometry_model().block_rect(block).toAlignedRect()
                QToolTip.showText(event.globalPos(), self._grid.tooltip_html(block), self, rect)
            return True
        return super().event(event)
