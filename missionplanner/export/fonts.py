"""The fonts every PDF uses, and splitting text into runs a font can draw.

reportlab has no per-glyph fallback: a character missing from the current font prints
as a black box. DejaVu Sans (Latin, Greek, Cyrillic and much more) is the main face;
WenQuanYi Micro Hei covers Chinese. Text is cut into runs by which font has each
character, and each run is drawn in its own font.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from missionplanner.paths import resources_dir

SANS = "MPSans"
SANS_BOLD = "MPSans-Bold"
SANS_ITALIC = "MPSans-Oblique"
SANS_BOLD_ITALIC = "MPSans-BoldOblique"
CJK = "MPCJK"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    SANS_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    font: str | None  # None: the surrounding (main) font


@cache
def register_fonts() -> None:
    """Register the bundled fonts with reportlab once per process."""
    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFont(TTFont(CJK, str(folder / "wqy-microhei.ttc"), subfontIndex=0))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
    # The CJK face has no bold or italic: <b> inside a Chinese run keeps the face.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)


@cache
def _coverage(font: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face  # type: ignore[attr-defined]
    return frozenset(face.charToGlyph)


@cache
def _only_cjk() -> re.Pattern[str]:
    """Any character that only the CJK font has (the only ones that start a CJK run)."""
    codes = sorted(_coverage(CJK) - _coverage(SANS))
    ranges: list[str] = []
    start = previous = codes[0] if codes else 0
    for code in [*codes[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        ranges.append(re.escape(chr(start)))
        if previous > start:
            ranges.append("-" + re.escape(chr(previous)))
        start = previous = code
    return re.compile("[" + "".join(ranges) + "]" if codes else "(?!)")


def runs(text: str) -> Iterator[Run]:
    """Cut text into runs: the main font where it has the glyph, else the CJK font.

    Spaces, digits and punctuation that both fonts have stay in the run they are in, so
    "华为技术 (Shenzhen)" is two runs, not five.
    """
    # Fast path, and by far the most common: nothing the main font lacks (all of
    # ASCII, Latin, Greek, Cyrillic) is one run in the main font.
    if _only_cjk().search(text) is None:
        if text:
            yield Run(text, None)
        return
    yield from split_runs(text)


def split_runs(text: str) -> Iterator[Run]:
    """:func:`runs` without the fast path, character by character."""
    main = _coverage(SANS)
    cjk = _coverage(CJK)
    current: str | None = None
    start = 0
    for index, char in enumerate(text):
        code = ord(char)
        if code in main:
            wanted = None if current is None or code not in cjk or char.isalpha() else current
        elif code in cjk:
            wanted = CJK
        else:
            wanted = current  # neither has it: keep going, the main font shows a box
        if wanted != current and index > start:
            yield Run(text[start:index], current)
            start = index
        current = wanted
    if start < len(text):
        yield Run(text[start:], current)
