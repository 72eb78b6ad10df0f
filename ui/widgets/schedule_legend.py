"""The schedule's legend: what the colours, the hatching and the markers mean."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from missionplanner.domain.enums import MeetingStatus
from ui.widgets.schedule_colors import (
    STATUS_COLORS,
    STATUS_ORDER,
    TENTATIVE,
    block_fill,
    line_color,
    mix,
    paint_marker,
    paint_travel_fill,
    status_color,
)
from ui.widgets.schedule_layout import status_label


class ScheduleLegend(QWidget):
    """The status colours, travel and problem markers, in one painted row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Legend"))
        self.setAccessibleDescription(", ".join(text for _, text in self._items()))
        self.setToolTip(
            self.tr("Colours: meeting status. Hatched: travel. Markers: schedule problems.")
        )

    def _items(self) -> list[tuple[str, str]]:
        items = [(status, status_label(status)) for status in STATUS_ORDER]
        items += [
            ("travel", self.tr("Travel")),
            ("error", self.tr("Error")),
            ("warning", self.tr("Warning")),
        ]
        return items

    def _swatch(self) -> float:
        return QFontMetricsF(self.font()).height() * 0.9

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        width = sum(
            self._swatch_width(key) + 5 + metrics.horizontalAdvance(text) + 14
            for key, text in self._items()
        )
        return QSize(math.ceil(width), math.ceil(metrics.height() + 6))

    def _swatch_width(self, key: str) -> float:
        swatch = self._swatch()
        return swatch * 1.4 if key in STATUS_COLORS or key == "travel" else swatch

    def minimumSizeHint(self) -> QSize:
        # It gives way in a narrow window: items that do not fit are left out (all of
        # them are in the tooltip), so the legend never makes the view wider.
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = QFontMetricsF(self.font())
        swatch = self._swatch()
        x = 0.0
        middle = self.height() / 2
        for key, text in self._items():
            if x + self._swatch_width(key) + 5 + metrics.horizontalAdvance(text) > self.width():
                break
            box = QRectF(x, middle - swatch / 2, self._swatch_width(key), swatch)
            if key in STATUS_COLORS:
                path = QPainterPath()
                path.addRoundedRect(box, 3, 3)
                painter.fillPath(path, block_fill(palette, key))
                painter.save()
                painter.setClipPath(path)
                painter.fillRect(QRectF(box.left(), box.top(), 3, box.height()), status_color(key))
                painter.restore()
                pen = QPen(mix(palette.color(QPalette.ColorRole.Base), status_color(key), 0.8), 1)
                if key in TENTATIVE or key == MeetingStatus.CANCELLED.value:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawPath(path)
            elif key == "travel":
                path = QPainterPath()
                path.addRoundedRect(box, 3, 3)
                paint_travel_fill(painter, path, palette)
                painter.setPen(QPen(line_color(palette, 0.35), 1))
                painter.drawPath(path)
            else:
                box = QRectF(x, middle - swatch / 2, swatch, swatch)
                paint_marker(painter, box.center(), swatch, key)
            x = box.right() + 5
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            font = QFont(self.font())
            font.setStrikeOut(key == MeetingStatus.CANCELLED.value)
            painter.setFont(font)
            painter.drawText(
                QRectF(x, 0, metrics.horizontalAdvance(text) + 2, self.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += metrics.horizontalAdvance(text) + 14
        painter.end()
