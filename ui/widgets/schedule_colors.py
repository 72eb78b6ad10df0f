"""The schedule's colours and the painting helpers its grid, header and legend share.

Status colours, fills, travel hatching, problem markers, and fitting text into a block.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from missionplanner.checks import Severity
from missionplanner.domain.enums import MeetingStatus

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


def line_color(palette: QPalette, amount: float) -> QColor:
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


def readable_accent(palette: QPalette) -> QColor:
    """The link colour, lightened or darkened until it reads on the window colour."""
    accent = palette.color(QPalette.ColorRole.Link)
    window = palette.color(QPalette.ColorRole.Window)
    if abs(accent.lightnessF() - window.lightnessF()) < 0.35:
        accent = accent.lighter(220) if window.lightnessF() < 0.5 else accent.darker(220)
    return accent
