"""Named paragraph and table styles shared by the itinerary and the briefing pack."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from missionplanner.export.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")
LINK = colors.HexColor("#1d4e89")

STATUS_COLOURS = {
    "confirmed": colors.HexColor("#2f7d32"),
    "tentative": colors.HexColor("#b26a00"),
    "proposed": colors.HexColor("#52606d"),
    "cancelled": colors.HexColor("#a61b1b"),
}


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_line: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    contents: ParagraphStyle
    contents_sub: ParagraphStyle


def make_styles(base_size: float = 9.5) -> Styles:
    register_fonts()
    leading = base_size * 1.3
    body = ParagraphStyle(
        "body",
        fontName=SANS,
        fontSize=base_size,
        leading=leading,
        textColor=INK,
        spaceAfter=base_size * 0.4,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=base_size - 1, leading=leading - 1.5)
    cell.spaceAfter = 0
    return Styles(
        cover_title=ParagraphStyle(
            "cover_title",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=26,
            leading=32,
            textColor=ACCENT,
            spaceAfter=14,
        ),
        cover_line=ParagraphStyle("cover_line", parent=body, fontSize=12, leading=17),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=17,
            leading=21,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=14,
            leading=18,
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=6,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
        ),
        h3=ParagraphStyle(
            "h3",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base_size,
            leading=leading,
            spaceBefore=4,
            spaceAfter=1,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=base_size - 1.5, leading=leading - 2),
        muted=ParagraphStyle(
            "muted", parent=body, fontName=SANS_ITALIC, textColor=MUTED, fontSize=base_size - 1
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=SANS_BOLD),
        cell_head=ParagraphStyle(
            "cell_head", parent=cell, fontName=SANS_BOLD, textColor=colors.white
        ),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        contents=ParagraphStyle("contents", parent=body, spaceAfter=1, fontName=SANS_BOLD),
        contents_sub=ParagraphStyle("contents_sub", parent=body, spaceAfter=0, leftIndent=12),
    )


def grid_table_style(header_rows: int = 1) -> TableStyle:
    """A light grid with a dark header row that repeats on every page the table spans."""
    return TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, SHADE]),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
