"""The schedule grid's sticky margins: the day header, the time column and their corner."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from ui.widgets.schedule_colors import fit_route, mix, readable_accent
from ui.widgets.schedule_layout import minutes_text

if TYPE_CHECKING:
    from ui.widgets.schedule_grid import ScheduleGrid


class DayHeader(QWidget):
    """Dates, cities and zones of the day columns; scrolls sideways with the grid."""

    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self._grid = grid
        self.setAutoFillBackground(False)

    def preferred_height(self) -> int:
        metrics = QFontMetricsF(self.font())
        return math.ceil(metrics.height() * 3 + 12)

    def day_at(self, x: float) -> int:
        offset = self._grid.horizontalScrollBar().value()
        return self._grid.geometry_model().day_at(x + offset)

    def paintEvent(self, event: QPaintEvent) -> None:
        grid = self._grid
        layout, geometry = grid.schedule_layout(), grid.geometry_model()
        palette = self.palette()
        painter = QPainter(self)
        window = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(self.rect(), window)
        line = mix(window, palette.color(QPalette.ColorRole.WindowText), 0.25)
        painter.setPen(QPen(line, 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        if not layout.days:
            return
        offset = grid.horizontalScrollBar().value()
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetricsF(font)
        first = geometry.day_at(offset)
        last = geometry.day_at(offset + self.width())
        accent = readable_accent(palette)
        selected_day = -1
        chosen = layout.block(grid.selected_meeting()) if grid.selected_meeting() else None
        if chosen is not None:
            selected_day = chosen.day
        for day in range(first, last + 1):
            column = layout.days[day]
            x = geometry.x_of_day(day) - offset
            cell = QRectF(x, 0, geometry.column_width, self.height() - 1)
            if column.zone_change:
                painter.fillRect(cell, mix(window, accent, 0.10))
            elif column.is_weekend:
                painter.fillRect(
                    cell, mix(window, palette.color(QPalette.ColorRole.WindowText), 0.04)
                )
            if day == selected_day:
                painter.fillRect(
                    QRectF(cell.left(), cell.bottom() - 2, cell.width(), 3),
                    palette.color(QPalette.ColorRole.Highlight),
                )
            painter.setPen(QPen(line, 1))
            painter.drawLine(
                QPointF(math.floor(x) - 0.5, 0), QPointF(math.floor(x) - 0.5, cell.bottom())
            )
            inner = cell.adjusted(8, 5, -6, -4)
            height = metrics.height()
            route = fit_route(column.places, metrics, inner.width())
            texts: list[tuple[str, QFont, QColor]] = [
                (column.title, bold, palette.color(QPalette.ColorRole.WindowText)),
                (route, font, palette.color(QPalette.ColorRole.WindowText)),
                (
                    column.zone_text,
                    bold if column.zone_change else font,
                    accent
                    if column.zone_change
                    else palette.color(QPalette.ColorRole.PlaceholderText),
                ),
            ]
            for row, (text, row_font, colour) in enumerate(texts):
                painter.setFont(row_font)
                painter.setPen(colour)
                row_metrics = QFontMetricsF(row_font)
                elided = row_metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
                painter.drawText(
                    QRectF(inner.left(), inner.top() + row * height, inner.width(), height),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    elided,
                )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            layout = self._grid.schedule_layout()
            day = self.day_at(event.pos().x())
            if 0 <= day < len(layout.days):
                QToolTip.showText(event.globalPos(), self._grid.day_tooltip_html(day), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class TimeRuler(QWidget):
    """Hour labels down the left; scrolls up and down with the grid."""

    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self._grid = grid

    def preferred_width(self) -> int:
        return math.ceil(QFontMetricsF(self._label_font()).horizontalAdvance("00:00") + 16)

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        grid = self._grid
        layout, geometry = grid.schedule_layout(), grid.geometry_model()
        palette = self.palette()
        painter = QPainter(self)
        window = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(self.rect(), window)
        line = mix(window, palette.color(QPalette.ColorRole.WindowText), 0.25)
        painter.setPen(QPen(line, 1))
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        if not layout.days:
            return
        offset = grid.verticalScrollBar().value()
        font = self._label_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for minute in range(layout.first_minute, layout.last_minute + 1, 60):
            y = geometry.y_of(minute) - offset
            if y < -metrics.height() or y > self.height() + metrics.height():
                continue
            box = QRectF(0, y + 2, self.width() - 8, metrics.height())
            if minute == layout.last_minute:
                box.moveBottom(y - 2)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, minutes_text(minute)
            )
        painter.end()


class Corner(QWidget):
    def __init__(self, grid: ScheduleGrid) -> None:
        super().__init__(grid)
        self.setToolTip(self.tr("Times are local to the city of each meeting and trip."))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        window = palette.color(QPalette.ColorRole.Window)
        painter.fillRect(self.rect(), window)
        painter.setPen(QPen(mix(window, palette.color(QPalette.ColorRole.WindowText), 0.25), 1))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRectF(self.rect()).adjusted(2, 2, -4, -6),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
            self.tr("Local time"),
        )
        painter.end()
