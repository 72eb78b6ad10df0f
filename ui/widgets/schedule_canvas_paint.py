"""Painting the schedule canvas: the hour lines, the blocks and their labels, the drag ghost."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)

from missionplanner.checks import Severity
from missionplanner.domain.days import MINUTES_PER_DAY
from ui.widgets.schedule_canvas_base import CanvasBase, Drag
from ui.widgets.schedule_colors import (
    ERROR_COLOR,
    TENTATIVE,
    block_fill,
    line_color,
    mix,
    paint_marker,
    paint_travel_fill,
    status_color,
    wrap_text,
)
from ui.widgets.schedule_geometry import GridGeometry
from ui.widgets.schedule_layout import (
    MIN_BLOCK_MINUTES,
    ScheduleBlock,
    ScheduleLayout,
    clock_text,
    minutes_text,
)


class CanvasPaintPart(CanvasBase):
    """Paints the days × hours area and its blocks."""

    def paintEvent(self, event: QPaintEvent) -> None:
        grid = self._grid
        layout, geometry = grid.schedule_layout(), grid.geometry_model()
        painter = QPainter(self)
        palette = self.palette()
        exposed = QRectF(event.rect()).intersected(QRectF(grid.visible_canvas_rect()))
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Base))
        if exposed.isEmpty():
            painter.end()
            return
        if not layout.days:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            visible = QRectF(grid.visible_canvas_rect())
            painter.drawText(visible, Qt.AlignmentFlag.AlignCenter, grid.empty_text())
            painter.end()
            return
        first_day = geometry.day_at(exposed.left())
        last_day = geometry.day_at(exposed.right())
        first_minute = geometry.minute_at(exposed.top()) - MIN_BLOCK_MINUTES
        last_minute = geometry.minute_at(exposed.bottom()) + 1
        self._paint_background(painter, layout, geometry, exposed, first_day, last_day)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for day in range(first_day, last_day + 1):
            for block in layout.blocks_between(day, first_minute, last_minute):
                self._paint_block(painter, geometry, block)
        if self._drag is not None and self._drag.active:
            self._paint_ghost(painter, geometry, self._drag)
        painter.end()

    def _paint_background(
        self,
        painter: QPainter,
        layout: ScheduleLayout,
        geometry: GridGeometry,
        exposed: QRectF,
        first_day: int,
        last_day: int,
    ) -> None:
        palette = self.palette()
        weekend = line_color(palette, 0.035)
        for day in range(first_day, last_day + 1):
            if layout.days[day].is_weekend:
                x = geometry.x_of_day(day)
                painter.fillRect(
                    QRectF(x, exposed.top(), geometry.column_width, exposed.height()), weekend
                )
        hour_pen = QPen(line_color(palette, 0.16), 1)
        half_pen = QPen(line_color(palette, 0.07), 1)
        left, right = exposed.left(), exposed.right() + 1
        for minute in range(layout.first_minute, layout.last_minute, 30):
            y = math.floor(geometry.y_of(minute)) + 0.5
            if y < exposed.top() - 1 or y > exposed.bottom() + 1:
                continue
            painter.setPen(hour_pen if minute % 60 == 0 else half_pen)
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(QPen(line_color(palette, 0.24), 1))
        for day in range(first_day, last_day + 2):
            x = math.floor(geometry.x_of_day(day)) - 0.5
            painter.drawLine(QPointF(x, exposed.top()), QPointF(x, exposed.bottom() + 1))

    def _paint_block(self, painter: QPainter, geometry: GridGeometry, block: ScheduleBlock) -> None:
        rect = geometry.block_rect(block)
        selected = block.is_meeting and block.id == self._grid.selected_meeting()
        dragging = self._drag is not None and self._drag.active and self._drag.block.id == block.id
        palette = self.palette()
        painter.save()
        if dragging:
            painter.setOpacity(0.45)
        path = QPainterPath()
        path.addRoundedRect(rect, 4, 4)
        if block.is_meeting:
            color = status_color(block.status)
            painter.fillPath(path, block_fill(palette, block.status))
            painter.save()
            painter.setClipPath(path)
            painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), color)
            painter.restore()
            pen = QPen(mix(palette.color(QPalette.ColorRole.Base), color, 0.8), 1)
            if block.status in TENTATIVE or block.cancelled:
                pen.setStyle(Qt.PenStyle.DashLine)
        else:
            paint_travel_fill(painter, path, palette)
            pen = QPen(line_color(palette, 0.35), 1)
        if block.severity == Severity.ERROR.value:
            pen = QPen(ERROR_COLOR, 2)
        if selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2.5)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if selected and block.severity == Severity.ERROR.value:
            painter.setPen(QPen(ERROR_COLOR, 1))
            painter.drawRoundedRect(rect.adjusted(2.5, 2.5, -2.5, -2.5), 3, 3)
        visible_top = float(self._grid.verticalScrollBar().value())
        label_rect = QRectF(rect)
        if rect.top() < visible_top < rect.bottom() - 4:
            # Scrolled past its top: the labels stay in sight at the top of the view.
            label_rect.setTop(visible_top)
        self._paint_labels(painter, label_rect, block)
        painter.restore()

    def _paint_labels(self, painter: QPainter, rect: QRectF, block: ScheduleBlock) -> None:
        palette = self.palette()
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        if block.cancelled:
            font.setStrikeOut(True)
            bold.setStrikeOut(True)
        metrics, bold_metrics = QFontMetricsF(font), QFontMetricsF(bold)
        line = metrics.height()
        marker = line * 0.95 if block.severity else 0.0
        left_pad = 8.0 if block.is_meeting else 5.0
        text_rect = rect.adjusted(left_pad, 2, -4, -2)
        if marker:
            paint_marker(
                painter,
                QPointF(rect.right() - marker / 2 - 3, rect.top() + marker / 2 + 3),
                marker,
                block.severity,
            )
        colour = palette.color(
            QPalette.ColorRole.PlaceholderText if block.cancelled else QPalette.ColorRole.Text
        )
        painter.setPen(colour)
        if text_rect.width() < 12 or text_rect.height() < line * 0.6:
            return
        time_line = self._time_line(block, metrics, text_rect.width())
        room = max(1, int((text_rect.height() + 2) // line))
        title_width = text_rect.width() - (marker + 2 if marker else 0)
        lines: list[tuple[str, QFont, float]]
        if room == 1:
            # One line: "10:00 Title".
            start = clock_text(block.span.start) if not block.continues_before else "↳"
            text = bold_metrics.elidedText(
                f"{start} {block.title}", Qt.TextElideMode.ElideRight, max(0.0, title_width)
            )
            lines = [(text, bold, title_width)]
        else:
            detail = 1 if block.detail and room >= 4 else 0
            title_lines = max(1, min(3, room - 1 - detail))
            wrapped = wrap_text(block.title, bold_metrics, text_rect.width(), title_lines)
            if wrapped and bold_metrics.horizontalAdvance(wrapped[0]) > title_width:
                # The first line shares its row with the problem marker.
                wrapped = wrap_text(block.title, bold_metrics, title_width, title_lines)
            lines = [(text, bold, text_rect.width()) for text in wrapped]
            lines.append((time_line, font, text_rect.width()))
            if block.detail and len(lines) < room:
                lines.append((block.detail, font, text_rect.width()))
        y = text_rect.top()
        for text, line_font, width in lines:
            if y + line > text_rect.bottom() + 2:
                break
            painter.setFont(line_font)
            elided = QFontMetricsF(line_font).elidedText(
                text, Qt.TextElideMode.ElideRight, max(0.0, width)
            )
            painter.drawText(
                QRectF(text_rect.left(), y, width, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )
            y += line

    @staticmethod
    def _time_line(block: ScheduleBlock, metrics: QFontMetricsF, width: float) -> str:
        """The time range, shortened before it is elided: without zones, then one end."""
        prefix = "↳ " if block.continues_before else ""
        span = block.span
        start, end = clock_text(span.start), clock_text(span.end)
        later = (span.end.date() - span.start.date()).days
        suffix = f" (+{later})" if later > 0 else ""
        separator = "–" if span.start_abbr == span.end_abbr else " → "
        # Cut short, a piece after midnight tells when it ends, the first piece when it starts.
        shortest = f"→ {end}" if block.continues_before else start
        for shown in (prefix + block.time_text, f"{prefix}{start}{separator}{end}{suffix}"):
            if metrics.horizontalAdvance(shown) <= width:
                return shown
        return shortest

    def _paint_ghost(self, painter: QPainter, geometry: GridGeometry, drag: Drag) -> None:
        block = drag.block
        palette = self.palette()
        end = min(MINUTES_PER_DAY, drag.start + block.duration_minutes)
        rect = geometry.slot_rect(drag.day, drag.start, end)
        color = status_color(block.status) if block.is_meeting else line_color(palette, 0.5)
        painter.save()
        path = QPainterPath()
        path.addRoundedRect(rect, 4, 4)
        fill = QColor(color)
        fill.setAlphaF(0.28)
        painter.fillPath(path, fill)
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetricsF(bold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        layout = self._grid.schedule_layout()
        when = f"{minutes_text(drag.start)}–{minutes_text(end)}"
        if drag.day != block.day and 0 <= drag.day < len(layout.days):
            when = f"{layout.days[drag.day].title}, {when}"
        inner = rect.adjusted(8, 2, -4, -2)
        painter.drawText(
            QRectF(inner.left(), inner.top(), inner.width(), metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(when, Qt.TextElideMode.ElideRight, max(0.0, inner.width())),
        )
        painter.restore()
