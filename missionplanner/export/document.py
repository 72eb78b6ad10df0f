"""Page furniture shared by every PDF, laid out in a single pass.

Numbers known only at the end (the "of M" in "Page N of M", the page on which each
brief starts for the contents) are PDF form XObjects: pages refer to them by name while
they are laid out, and :class:`DeferredCanvas` defines them when the file is saved. That
keeps one layout pass (reportlab's ``multiBuild`` needs three for a contents page) and
keeps every link and bookmark pointing at the right page, which the common
"NumberedCanvas" recipe breaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from missionplanner.export.fonts import SANS, SANS_BOLD, register_fonts, runs
from missionplanner.export.paper import Paper
from missionplanner.export.text import plain
from missionplanner.messages import Message
from missionplanner.wording import render

PAGE_TOTAL = "page-total"
RULE_COLOUR = colors.HexColor("#9aa5b1")
MUTED_COLOUR = colors.HexColor("#52606d")


class DeferredCanvas(Canvas):
    """A canvas that prints values known only when the document is complete."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._values: dict[str, str] = {}
        # One form per value and look (a contents page and a schedule may show the same
        # page number in different sizes and widths).
        self._forms: dict[tuple[str, str, float, float, str], str] = {}
        self._pages_shown = 0

    def showPage(self) -> None:
        self._pages_shown += 1
        super().showPage()

    def set_value(self, key: str, text: str) -> None:
        """Give a deferred value its text; the first value set for a key wins."""
        self._values.setdefault(key, text)

    def mark_page(self, key: str) -> None:
        """Remember the current page as the value of ``key``."""
        self.set_value(key, str(self.getPageNumber()))

    def draw_deferred(
        self, key: str, x: float, y: float, *, font: str, size: float, width: float, align: str
    ) -> None:
        """Draw the value of ``key`` in a box ``width`` wide whose baseline starts at x, y."""
        look = (key, font, size, width, align)
        form = self._forms.get(look)
        if form is None:
            form = self._forms[look] = f"MPDeferred{len(self._forms)}"
        self.saveState()
        self.translate(x, y)
        self.doForm(form)
        self.restoreState()

    def save(self) -> None:
        if getattr(self, "_code", None):
            self.showPage()
        self._values.setdefault(PAGE_TOTAL, str(self._pages_shown))
        for (key, font, size, width, align), form in self._forms.items():
            self.beginForm(
                form, lowerx=0, lowery=-int(size), upperx=int(width) + 1, uppery=int(size * 2)
            )
            self.setFont(font, size)
            text = self._values.get(key, "–")
            if align == "right":
                self.drawRightString(width, 0, text)
            else:
                self.drawString(0, 0, text)
            self.endForm()
        super().save()


def text_width(text: str, font: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run.text, run.font or font, size) for run in runs(text))


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis if it is wider than ``width``."""
    text = plain(text)
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> None:
    """Draw one line of user text on a canvas, switching fonts where glyphs need it."""
    pieces = list(runs(text))
    if align != "left":
        total = text_width(text, font, size)
        x -= total if align == "right" else total / 2
    for run in pieces:
        face = run.font or font
        canvas.setFont(face, size)
        canvas.drawString(x, y, run.text)
        x += canvas.stringWidth(run.text, face, size)


class ReportDocument(BaseDocTemplate):
    """A document with an optional cover, and a header and "Page N of M" on other pages."""

    def __init__(
        self,
        target: str | IO[bytes],
        *,
        paper: Paper,
        title: str,
        author: str,
        subject: str,
        running_title: str,
        kind: str,
        generated: datetime,
        cover: bool = False,
        invariant: bool = False,
    ) -> None:
        register_fonts()
        margin = 18 * mm
        super().__init__(
            target,
            pagesize=paper.size,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin + 6 * mm,
            bottomMargin=margin,
            title=plain(title),
            author=plain(author),
            subject=subject,
            creator="Mission Planner",
            producer="Mission Planner (reportlab)",
            invariant=int(invariant),
        )
        self.running_title = running_title
        self.kind = kind
        self.generated = generated
        body = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = []
        if cover:
            templates.append(PageTemplate("cover", [body], onPage=self._cover_page))
        templates.append(PageTemplate("body", [body], onPage=self._body_page))
        self.addPageTemplates(templates)

    def render(self, story: Sequence[Flowable]) -> None:
        # Streams compressed but not also ASCII85-encoded (reportlab's default): files
        # about a tenth smaller, and the encoder (pure Python here) took about 4 % of
        # the time of a long briefing pack.
        ascii85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            self.build(list(story), canvasmaker=DeferredCanvas)
        finally:
            rl_config.useA85 = ascii85

    def _cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """The cover carries no header or page number."""

    def _body_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        left, right = self.leftMargin, width - self.rightMargin
        canvas.saveState()
        top = height - self.topMargin + 5 * mm
        canvas.setFillColor(MUTED_COLOUR)
        kind_width = text_width(self.kind, SANS, 8)
        title = fit_text(self.running_title, SANS_BOLD, 8, right - left - kind_width - 6 * mm)
        draw_text(canvas, left, top, title, SANS_BOLD, 8)
        draw_text(canvas, right, top, self.kind, SANS, 8, align="right")
        canvas.setStrokeColor(RULE_COLOUR)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 2 * mm, right, top - 2 * mm)
        bottom = self.bottomMargin - 9 * mm
        canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
        generated = render(Message("document.generated", at=self.generated))
        draw_text(canvas, left, bottom, generated, SANS, 7.5)
        label = render(Message("document.page-of", page=canvas.getPageNumber()))
        label_width = canvas.stringWidth(label, SANS, 8)
        # The total is a form drawn at the end; leave room for up to four digits.
        x = right - label_width - canvas.stringWidth("0000", SANS, 8)
        canvas.setFont(SANS, 8)
        canvas.drawString(x, bottom, label)
        if isinstance(canvas, DeferredCanvas):
            canvas.draw_deferred(
                PAGE_TOTAL,
                x + label_width,
                bottom,
                font=SANS,
                size=8,
                width=canvas.stringWidth("0000", SANS, 8),
                align="left",
            )
        canvas.restoreState()


class Anchor(Flowable):
    """Where a section or brief starts: a link target, an outline entry, its page number.

    Zero-sized; put it right before the heading it marks (in a ``KeepTogether`` or after
    a page break) so it lands on the same page.
    """

    def __init__(self, key: str, outline: str | None = None, level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.outline = outline
        self.level = level
        self.width = self.height = 0

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        _, top = canvas.absolutePosition(0, 0)
        canvas.bookmarkPage(self.key, fit="XYZ", left=0, top=top + 14)
        if self.outline is not None:
            canvas.addOutlineEntry(plain(self.outline), self.key, level=self.level, closed=True)
        if isinstance(canvas, DeferredCanvas):
            canvas.mark_page(self.key)


class PageNumberOf(Flowable):
    """The page an :class:`Anchor` lands on, right-aligned, linked to it (for contents).

    ``link=False`` leaves out the link where something next to it already links there
    (every link is an annotation object in the file).
    """

    def __init__(
        self, key: str, style: ParagraphStyle, width: float = 14 * mm, link: bool = True
    ) -> None:
        super().__init__()
        self.key = key
        self.style = style
        self.width = width
        self.height = style.leading
        self.link = link

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(self.style.textColor)
        baseline = self.height - self.style.fontSize
        if isinstance(canvas, DeferredCanvas):
            canvas.draw_deferred(
                self.key,
                0,
                baseline,
                font=self.style.fontName,
                size=self.style.fontSize,
                width=self.width,
                align="right",
            )
        if self.link:
            canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class FlowingTable(Table):
    """A table whose rows move to the next page whole, unless a row is taller than a
    page (a meeting with eighty organizations): that row is split inside, not refused."""

    def __init__(self, *args: Any, page_height: float | None = None, **options: Any) -> None:
        super().__init__(*args, **options)
        self.page_height = page_height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if not parts and self._has_row_taller_than_page():
            self.splitInRow = 1
            try:
                parts = self._splitRows(availHeight, doInRowSplit=True)  # type: ignore[attr-defined]
            finally:
                self.splitInRow = 0
        for part in parts:
            if isinstance(part, FlowingTable):
                part.page_height, part.splitInRow = self.page_height, 0
        return parts

    def _has_row_taller_than_page(self) -> bool:
        if not self.page_height:
            return False
        heights: list[float] = list(getattr(self, "_rowHeights", []) or [])
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        body = heights[header:]
        return bool(body) and sum(heights[:header]) + max(body) > self.page_height
