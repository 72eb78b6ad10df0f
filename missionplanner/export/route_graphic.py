"""The route of a mission drawn as a reportlab graphic: the cities in order, with dates.

Cities sit on a line, numbered in the order they are visited, each with its name above
and its dates below. A long route snakes over several rows (left to right, then right to
left) so that twenty cities still read in order on one page. Everything is vector
drawing (reportlab graphics), with text in the bundled fonts, so it prints sharply and
its text can be searched and extracted like the rest of the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from missionplanner.domain.plan import StopInfo
from missionplanner.export.document import fit_text, text_width
from missionplanner.export.fonts import SANS, SANS_BOLD, register_fonts, runs
from missionplanner.export.styles import ACCENT, INK, MUTED, RULE

_ROW_HEIGHT = 66.0
_MIN_SLOT = 92.0  # the narrowest room for one city's labels
_RADIUS = 8.0
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def stay_label(arrive: date, depart: date) -> str:
    """ "13–15 Sep", "30 Sep – 2 Oct", "17 Sep" (a visit within one day)."""
    if arrive == depart:
        return f"{arrive.day} {_MONTHS[arrive.month - 1]}"
    if (arrive.year, arrive.month) == (depart.year, depart.month):
        return f"{arrive.day}–{depart.day} {_MONTHS[depart.month - 1]}"
    return f"{arrive.day} {_MONTHS[arrive.month - 1]} – {depart.day} {_MONTHS[depart.month - 1]}"


def nights_label(arrive: date, depart: date) -> str:
    nights = (depart - arrive).days
    if nights <= 0:
        return "same day"
    return "1 night" if nights == 1 else f"{nights} nights"


def _text(
    x: float, y: float, text: str, font: str, size: float, colour: colors.Color, anchor: str
) -> Group:
    """User text as Strings, one per font run (Chinese falls back to the CJK font)."""
    group = Group()
    pieces = list(runs(text))
    total = sum(pdfmetrics.stringWidth(r.text, r.font or font, size) for r in pieces)
    left = x - total / 2 if anchor == "middle" else (x - total if anchor == "end" else x)
    for run in pieces:
        face = run.font or font
        group.add(String(left, y, run.text, fontName=face, fontSize=size, fillColor=colour))
        left += pdfmetrics.stringWidth(run.text, face, size)
    return group


def _arrow(x1: float, y1: float, x2: float, y2: float) -> Group:
    """A line from (x1, y1) to (x2, y2) with a small head at the end; horizontal or vertical."""
    group = Group()
    group.add(Line(x1, y1, x2, y2, strokeColor=RULE, strokeWidth=1.4))
    head = 4.0
    if y1 == y2:
        sign = 1 if x2 > x1 else -1
        points = [x2, y2, x2 - sign * head * 1.6, y2 + head, x2 - sign * head * 1.6, y2 - head]
    else:
        sign = 1 if y2 > y1 else -1
        points = [x2, y2, x2 - head, y2 - sign * head * 1.6, x2 + head, y2 - sign * head * 1.6]
    group.add(Polygon(points, fillColor=RULE, strokeColor=RULE, strokeWidth=0.5))
    return group


def route_drawings(stops: Sequence[StopInfo], width: float, max_rows: int = 8) -> list[Drawing]:
    """The route in drawings of at most ``max_rows`` rows, so none is taller than a page."""
    per_row = max(2, int(width // _MIN_SLOT))
    chunk = per_row * max_rows
    drawings = []
    for start in range(0, len(stops), chunk):
        drawing = route_drawing(stops[start : start + chunk], width, first_number=start + 1)
        if drawing is not None:
            drawings.append(drawing)
    return drawings


def route_drawing(stops: Sequence[StopInfo], width: float, first_number: int = 1) -> Drawing | None:
    """The cities of ``stops`` in order, ``width`` points wide; None without cities."""
    register_fonts()
    count = len(stops)
    if count == 0:
        return None
    per_row = min(count, max(2, int(width // _MIN_SLOT)))
    rows = -(-count // per_row)
    slot = width / per_row
    height = rows * _ROW_HEIGHT
    drawing = Drawing(width, height)
    drawing.hAlign = "LEFT"
    centres: list[tuple[float, float]] = []
    for index in range(count):
        row, column = divmod(index, per_row)
        offset = (column + 0.5) * slot
        x = offset if row % 2 == 0 else width - offset
        y = height - row * _ROW_HEIGHT - 30
        centres.append((x, y))
    # Connections first, so the circles cover the line ends.
    edge = 3.0
    for index in range(count - 1):
        (x1, y1), (x2, y2) = centres[index], centres[index + 1]
        if y1 == y2:
            sign = 1 if x2 > x1 else -1
            drawing.add(_arrow(x1 + sign * _RADIUS, y1, x2 - sign * (_RADIUS + 1.5), y2))
        else:
            # The end of a row: out to the margin, down, and back in to the next city.
            side = width - edge if x1 > width / 2 else edge
            drawing.add(Line(x1, y1, side, y1, strokeColor=RULE, strokeWidth=1.4))
            drawing.add(Line(side, y1, side, y2, strokeColor=RULE, strokeWidth=1.4))
            sign = 1 if x2 > side else -1
            drawing.add(_arrow(side, y2, x2 - sign * (_RADIUS + 1.5), y2))
    room = slot - 8
    for number, (stop, (x, y)) in enumerate(zip(stops, centres, strict=True), start=first_number):
        drawing.add(Circle(x, y, _RADIUS, fillColor=ACCENT, strokeColor=colors.white))
        label = str(number)
        drawing.add(
            String(
                x - pdfmetrics.stringWidth(label, SANS_BOLD, 7.5) / 2,
                y - 2.7,
                label,
                fontName=SANS_BOLD,
                fontSize=7.5,
                fillColor=colors.white,
            )
        )
        city = fit_text(stop.city, SANS_BOLD, 9, room)
        drawing.add(_text(x, y + _RADIUS + 5, city, SANS_BOLD, 9, INK, "middle"))
        dates = stay_label(stop.arrive, stop.depart)
        if text_width(dates, SANS, 7.5) > room:
            dates = fit_text(dates, SANS, 7.5, room)
        drawing.add(_text(x, y - _RADIUS - 10, dates, SANS, 7.5, INK, "middle"))
        nights = nights_label(stop.arrive, stop.depart)
        drawing.add(_text(x, y - _RADIUS - 19, nights, SANS, 7, MUTED, "middle"))
    return drawing
