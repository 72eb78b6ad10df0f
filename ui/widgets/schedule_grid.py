"""The schedule grid: a painted day-by-day time grid of a mission's meetings and travel.

:class:`ScheduleGrid` is a ``QScrollArea`` whose widget is a :class:`ScheduleCanvas`
(the painted days and hours). A sticky header of days and a sticky time column sit in
the scroll area's margins and follow its scroll bars. Where each block goes is decided
by :mod:`ui.widgets.schedule_layout`; this module only paints and turns mouse and keys
into signals. It never writes anything: the main window connects the signals to the
core.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QToolTip, QWidget

from missionplanner.checks import Problem, Severity
from missionplanner.domain.days import MINUTES_PER_DAY
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import MissionPlan
from ui.widgets.schedule_layout import (
    MIN_BLOCK_MINUTES,
    SNAP_MINUTES,
    ScheduleBlock,
    ScheduleIndex,
    ScheduleLayout,
    build_layout,
    clock_text,
    day_title,
    long_day_title,
    minutes_text,
    snap_down,
    snap_nearest,
    status_label,
)

# --- colours ----------------------------------------------------------------------

# Mid-tone hues that keep their meaning on a light and on a dark background: blocks are
# filled with a tint of them over the palette's base colour and carry a solid stripe.
STATUS_COLORS: dict[str, QColor] = {
    MeetingStatus.PROPOSED.value: QColor("#8e6fd1"),  # violet
    MeetingStatus.REQUESTED.value: QColor("#2d8fd5"),  # blue
    MeetingStatus.CONFIRMED.value: QColor("#2e9e5b"),  # green
    MeetingStatus.HELD.value: QColor("#6b7f8e"),  # slate
    MeetingStatus.CANCELLED.value: QColor("#9a9a9a"),  # grey
}
STATUS_ORDER: tuple[str, ...] = tuple(STATUS_COLORS)
ERROR_COLOR = QColor("#d93025")
WARNING_COLOR = QColor("#f2a600")
# Statuses not settled yet get a dashed outline, so they read without colour too.
TENTATIVE = frozenset({MeetingStatus.PROPOSED.value, MeetingStatus.REQUESTED.value})


def status_color(status: str) -> QColor:
    return QColor(STATUS_COLORS.get(status, STATUS_COLORS[MeetingStatus.PROPOSED.value]))


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0–1) of the way towards ``b``."""
    t = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _line_color(palette: QPalette, amount: float) -> QColor:
    return mix(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), amount
    )


def block_fill(palette: QPalette, status: str) -> QColor:
    base = palette.color(QPalette.ColorRole.Base)
    if status == MeetingStatus.CANCELLED.value:
        return mix(base, status_color(status), 0.10)
    return mix(base, status_color(status), 0.30 if is_dark(palette) else 0.18)


def paint_travel_fill(painter: QPainter, path: QPainterPath, palette: QPalette) -> None:
    """Travel's grey fill with diagonal hatching, spaced in logical pixels (hi-dpi safe)."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    painter.fillPath(path, mix(base, text, 0.07))
    painter.save()
    painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(mix(base, text, 0.20), 1))
    rect = path.boundingRect()
    step = 7.0
    lines: list[QLineF] = []
    offset = -rect.height()
    while offset < rect.width():
        x = rect.left() + offset
        lines.append(QLineF(x, rect.bottom(), x + rect.height(), rect.top()))
        offset += step
    painter.drawLines(lines)
    painter.restore()


def paint_marker(painter: QPainter, centre: QPointF, size: float, severity: str) -> None:
    """The problem marker: a red disc with "!" for errors, an amber triangle for warnings."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(painter.font())
    font.setBold(True)
    font.setStrikeOut(False)
    font.setPixelSize(max(7, round(size * 0.72)))
    painter.setFont(font)
    half = size / 2
    if severity == Severity.ERROR.value:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ERROR_COLOR)
        painter.drawEllipse(centre, half, half)
        painter.setPen(QColor("white"))
        box = QRectF(centre.x() - half, centre.y() - half, size, size)
    else:
        triangle = QPolygonF(
            [
                QPointF(centre.x(), centre.y() - half),
                QPointF(centre.x() + half * 1.1, centre.y() + half * 0.85),
                QPointF(centre.x() - half * 1.1, centre.y() + half * 0.85),
            ]
        )
        painter.setPen(QPen(QColor("#7a5200"), 1))
        painter.setBrush(WARNING_COLOR)
        painter.drawPolygon(triangle)
        painter.setPen(QColor("black"))
        box = QRectF(centre.x() - half, centre.y() - half * 0.55, size, size)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "!")
    painter.restore()


def wrap_text(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width``; the last one elided."""
    if max_lines <= 0 or width <= 0:
        return []
    lines: list[str] = []
    words = text.split()
    current = ""
    for number, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
            continue
        if len(lines) == max_lines - 1:
            current = " ".join([current, *words[number:]])
            break
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def fit_route(places: Sequence[str], metrics: QFontMetricsF, width: float) -> str:
    """ "A → B → C → D", or "A → … → D" when that does not fit (the ends matter most)."""
    full = " → ".join(places)
    if metrics.horizontalAdvance(full) <= width or len(places) <= 2:
        return metrics.elidedText(full, Qt.TextElideMode.ElideRight, width)
    short = f"{places[0]} → … → {places[-1]}"
    return metrics.elidedText(short, Qt.TextElideMode.ElideMiddle, width)


# --- geometry ----------------------------------------------------------------------


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


# --- drag state ------------------------------------------------------------------


@dataclass(slots=True)
class _Drag:
    block: ScheduleBlock
    press: QPointF
    grab_minutes: float  # from the record's local start to the pressed point
    active: bool = False
    day: int = -1
    start: int = 0  # the record's new local start, minutes after midnight of ``day``


# --- the painted body --------------------------------------------------------------


def readable_accent(palette: QPalette) -> QColor:
    """The link colour, lightened or darkened until it reads on the window colour."""
    accent = palette.color(QPalette.ColorRole.Link)
    window = palette.color(QPalette.ColorRole.Window)
    if abs(accent.lightnessF() - window.lightnessF()) < 0.35:
        accent = accent.lighter(220) if window.lightnessF() < 0.5 else accent.darker(220)
    return accent


class ScheduleCanvas(QWidget):
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
        self._drag: _Drag | None = None

    # painting

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
        weekend = _line_color(palette, 0.035)
        for day in range(first_day, last_day + 1):
            if layout.days[day].is_weekend:
                x = geometry.x_of_day(day)
                painter.fillRect(
                    QRectF(x, exposed.top(), geometry.column_width, exposed.height()), weekend
                )
        hour_pen = QPen(_line_color(palette, 0.16), 1)
        half_pen = QPen(_line_color(palette, 0.07), 1)
        left, right = exposed.left(), exposed.right() + 1
        for minute in range(layout.first_minute, layout.last_minute, 30):
            y = math.floor(geometry.y_of(minute)) + 0.5
            if y < exposed.top() - 1 or y > exposed.bottom() + 1:
                continue
            painter.setPen(hour_pen if minute % 60 == 0 else half_pen)
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setPen(QPen(_line_color(palette, 0.24), 1))
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
            pen = QPen(_line_color(palette, 0.35), 1)
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

    def _paint_ghost(self, painter: QPainter, geometry: GridGeometry, drag: _Drag) -> None:
        block = drag.block
        palette = self.palette()
        end = min(MINUTES_PER_DAY, drag.start + block.duration_minutes)
        rect = geometry.slot_rect(drag.day, drag.start, end)
        color = status_color(block.status) if block.is_meeting else _line_color(palette, 0.5)
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
            self._drag = _Drag(block, pos, grab, day=block.day)
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


# --- sticky header and time column --------------------------------------------------


class _DayHeader(QWidget):
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


class _TimeRuler(QWidget):
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


class _Corner(QWidget):
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


# --- the grid ----------------------------------------------------------------------


class ScheduleGrid(QScrollArea):
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
        self._header = _DayHeader(self)
        self._ruler = _TimeRuler(self)
        self._corner = _Corner(self)
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

    # texts

    def empty_text(self) -> str:
        if self._plan is None:
            return self.tr("No mission to show.")
        return self.tr("This mission has no stops, travel or meetings yet.")

    def tooltip_html(self, block: ScheduleBlock) -> str:
        """The tooltip of a block: what, when, where, who, status and its problems."""
        esc = html.escape
        day = long_day_title(block.span.start.date())
        rows = [f"<b>{esc(block.title)}</b>", esc(f"{day}, {block.time_text}")]
        if block.meeting is not None:
            meeting = block.meeting
            if meeting.venue:
                rows.append(esc(meeting.venue))
            count = len(meeting.organization_ids)
            if count == 1:
                rows.append(esc(self.tr("1 organization")))
            elif count:
                rows.append(esc(self.tr("{count} organizations").format(count=count)))
            if meeting.attendee_ids:
                total = len(self._plan.participants) if self._plan else 0
                rows.append(
                    esc(
                        self.tr("Attending: {count} of {total} participants").format(
                            count=len(meeting.attendee_ids), total=total
                        )
                    )
                )
            else:
                rows.append(esc(self.tr("Attending: the whole delegation")))
            rows.append(
                esc(self.tr("Status: {status}").format(status=status_label(meeting.status)))
            )
        elif block.travel is not None:
            rows.append(esc(block.travel.label))
        for problem in block.problems:
            if problem.severity == Severity.ERROR:
                label, colour = self.tr("Error"), ERROR_COLOR.name()
            else:
                label, colour = self.tr("Warning"), "#b07800"
            details = esc(str(problem.message))
            rows.append(f'<span style="color:{colour}"><b>{esc(label)}:</b></span> {details}')
        return "<p style='white-space:pre-wrap'>" + "<br>".join(rows) + "</p>"

    def day_tooltip_html(self, day: int) -> str:
        column = self._layout.days[day]
        esc = html.escape
        rows = [f"<b>{esc(long_day_title(column.date))}</b>"]
        if column.place_text:
            rows.append(esc(column.place_text))
        if column.zone_change:
            rows.append(esc(self.tr("Clocks change: {zones}").format(zones=column.zone_text)))
        elif column.zone_text:
            rows.append(esc(self.tr("Local time: {zone}").format(zone=column.zone_text)))
        return "<br>".join(rows)

    def _accessible_text(self, block: ScheduleBlock | None) -> str:
        if block is None:
            return self.tr("No meeting selected.")
        return self.tr("{title}, {day}, {time}, {status}").format(
            title=block.title,
            day=day_title(block.span.start.date()),
            time=block.time_text,
            status=status_label(block.status),
        )

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


# --- legend ------------------------------------------------------------------------


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
                painter.setPen(QPen(_line_color(palette, 0.35), 1))
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
