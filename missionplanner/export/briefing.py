"""The briefing pack: the dossier a manager or an official reads before a mission.

In order: a cover; the contents (every section and every meeting brief with the page it
really starts on, each a link); the mission overview (objectives, the route drawn as a
graphic, the delegation, cities and travel); the schedule, a table per day in local
time whose rows link to the briefs; one brief per meeting, each on a new page; and an
appendix with the directory of every organization met and the problems the checks find.

:class:`BriefingRenderer` builds the pack from a :class:`~missionplanner.services.
dossier.Dossier` and writes it to a stream in one layout pass. Each part of the pack is
a method returning flowables (``cover``, ``contents``, ``overview``, ``schedule``,
``brief``, ``directory``, ``problems_section``...), so a variant can override one part
and keep the rest. Cancelled meetings are left out of the schedule and the briefs; the
schedule says how many there are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from missionplanner.checks import (
    CheckSettings,
    Problem,
    Severity,
    check,
    found_problems,
    severity_name,
    tally,
)
from missionplanner.domain.days import PlanDay, plan_days, zone_abbreviation_on
from missionplanner.domain.dossier import (
    ContactBrief,
    Dossier,
    EarlierMeeting,
    MeetingBrief,
    OrganizationBrief,
    ParticipantBrief,
)
from missionplanner.domain.plan import StopInfo, TravelInfo
from missionplanner.export.document import (
    Anchor,
    DeferredCanvas,
    FlowingTable,
    PageNumberOf,
    ReportDocument,
    draw_text,
    fit_text,
    text_width,
)
from missionplanner.export.fonts import SANS, SANS_BOLD
from missionplanner.export.itinerary import date_range, long_date, short_date, zone_note
from missionplanner.export.limits import confidential_line
from missionplanner.export.paper import Paper
from missionplanner.export.route_graphic import nights_label, route_drawings
from missionplanner.export.styles import (
    ACCENT,
    LINK,
    MUTED,
    RULE,
    SHADE,
    STATUS_COLOURS,
    Styles,
    grid_table_style,
    make_styles,
)
from missionplanner.export.text import markup, plain
from missionplanner.progress import SILENT, Progress
from missionplanner.wording import count, duration
from missionplanner.wording import zone as zone_label

KIND = "Briefing pack"
# Tables are cut into pieces of this many rows: reportlab lays out one long table much
# more slowly than several short ones, and each piece repeats its header.
TABLE_CHUNK = 200
# Shares of the width: time, meeting, with, where, delegation, page.
SCHEDULE_COLUMNS = (0.13, 0.28, 0.2, 0.18, 0.14, 0.07)

_CONFIDENTIAL = colors.HexColor("#a61b1b")


# --- words for dates, times and zones -----------------------------------------------------
# The same words as the itinerary, so both documents print dates and zones alike.


def date_span(first: date | None, last: date | None) -> str:
    """ "13–18 September 2027"; "No dates yet" for a mission without cities."""
    if first is None or last is None:
        return "No dates yet"
    return date_range(first, last)


def zone_of(local: datetime) -> str:
    """The printed zone of an aware local time: "EDT", "UTC-03"."""
    return zone_label(local.tzname() or "")


def zone_abbreviation_label(stop: StopInfo) -> str:
    """The zone of a city on the day the delegation arrives."""
    return zone_label(zone_abbreviation_on(stop.timezone, stop.arrive))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _css(colour: colors.Color) -> str:
    """A colour for paragraph markup; rgb() is parsed much faster than #rrggbb."""
    red, green, blue = (round(c * 255) for c in colour.rgb())
    return f"rgb({red},{green},{blue})"


MUTED_CSS = _css(MUTED)


# Parsed paragraph markup by (markup, style), for the render running in this context.
_PARSED: ContextVar[dict[tuple[str, int], list[Any]] | None] = ContextVar(
    "briefing_parsed", default=None
)


@contextmanager
def _parse_cache() -> Iterator[None]:
    token = _PARSED.set({})
    try:
        yield
    finally:
        _PARSED.reset(token)


class Para(Paragraph):
    """A paragraph that parses each markup once per render and remembers its last wrap.

    A pack repeats much of its markup (the same headings, labels and delegation lines
    in every brief), and reportlab's markup parser is its slowest step: a repeat takes
    copies of the fragments parsed the first time. A table wraps each cell twice at the
    same width (to size the row, then to draw it); line breaking depends only on the
    width, so the second time is free.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,
        frags: list[Any] | None = None,
        **options: Any,
    ) -> None:
        cache = _PARSED.get()
        if cache is None or frags is not None or text is None or options:
            # No render running, or reportlab splitting a paragraph into two.
            super().__init__(text or "", style, bulletText=bulletText, frags=frags, **options)
            return
        # The styles outlive the cache (both belong to one render), so id() is unique.
        key = (text, id(style))
        parsed = cache.get(key)
        if parsed is None:
            super().__init__(text, style, bulletText=bulletText)
            cache[key] = [fragment.clone() for fragment in self.frags]
        else:
            fragments = [fragment.clone() for fragment in parsed]
            super().__init__("", style, bulletText=bulletText, frags=fragments)
            self.text = text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # split() drops the line breaks when it declines to split: wrap anew then.
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == availWidth and "blPara" in self.__dict__:
            return wrapped[1]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


CONTENTS_NUMBER = 16 * mm


class ContentsLine(Flowable):
    """A contents entry: its text on the left, the page it starts on at the right of
    its last line, a dotted rule beneath, and one link over the whole line.

    A table would do, but lays out each row twice; a title too long for one page still
    splits (the number goes with its end).
    """

    _PAD = 1.5

    def __init__(self, text: Flowable, key: str, style: ParagraphStyle, number: bool = True):
        super().__init__()
        self.text = text
        self.key = key
        self.style = style
        self.number = number

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = self.text.wrap(availWidth - CONTENTS_NUMBER, availHeight)
        self.width, self.height = availWidth, height + 2 * self._PAD
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self.text.split(availWidth - CONTENTS_NUMBER, availHeight - 2 * self._PAD)
        if len(parts) != 2:
            return []
        return [
            ContentsLine(parts[0], self.key, self.style, number=False),
            ContentsLine(parts[1], self.key, self.style, number=self.number),
        ]

    def getSpaceBefore(self) -> float:
        return float(self.text.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.text.getSpaceAfter())

    def draw(self) -> None:
        canvas = self.canv
        self.text.drawOn(canvas, 0, self._PAD)
        if self.number and isinstance(canvas, DeferredCanvas):
            style = self.style
            canvas.setFillColor(style.textColor)
            canvas.draw_deferred(
                self.key,
                self.width - CONTENTS_NUMBER,
                self._PAD + style.leading - style.fontSize,
                font=style.fontName,
                size=style.fontSize,
                width=CONTENTS_NUMBER,
                align="right",
            )
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.25)
        canvas.setDash(1, 2)
        canvas.line(0, 0, self.width, 0)
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


# --- the days of the schedule --------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """One local day of the mission (:class:`PlanDay`) and the briefs that fall on it."""

    plan: PlanDay
    key: str  # the schedule's anchor for this day
    brief_key: str  # the anchor of the first brief of this day
    meetings: tuple[MeetingBrief, ...]  # not cancelled, by start

    @property
    def date(self) -> date:
        return self.plan.date

    @property
    def label(self) -> str:
        places = self.plan.place_text
        return f"{long_date(self.date)} · {places}" if places else long_date(self.date)


def _days(dossier: Dossier, meetings: Sequence[MeetingBrief]) -> list[Day]:
    by_id = {m.id: m for m in meetings}
    return [
        Day(
            plan=day,
            key=f"day-{number}",
            brief_key=f"briefs-day-{number}",
            meetings=tuple(by_id[m.id] for m in day.meetings if m.id in by_id),
        )
        for number, day in enumerate(plan_days(dossier.plan), start=1)
    ]


# --- the document ------------------------------------------------------------------------


class BriefingDocument(ReportDocument):
    """The page templates of the pack: a cover with a colour band, a confidentiality
    line in the footer of every other page, and progress reported as briefs are laid out."""

    def __init__(
        self,
        target: IO[bytes],
        *,
        confidential: str | None,
        on_anchor: dict[str, str],
        progress: Progress,
        **options: Any,
    ) -> None:
        super().__init__(target, cover=True, **options)
        self.confidential = plain(confidential or "")
        self._on_anchor = on_anchor
        self._progress = progress

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Anchor):
            text = self._on_anchor.get(flowable.key)
            if text is not None:
                self._progress.step(text)

    def _cover_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 16 * mm, width, 16 * mm, stroke=0, fill=1)
        canvas.setFillColor(SHADE)
        canvas.rect(0, 0, width, 10 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        super()._body_page(canvas, doc)
        if not self.confidential:
            return
        # Between "Generated …" on the left and "Page N of M" on the right: centred if it
        # fits there, else from the left of the gap (a very long line is shortened here;
        # the cover prints it whole).
        width, _ = self.pagesize
        size = 7.5
        first = self.leftMargin + text_width(
            f"Generated {self.generated:%Y-%m-%d %H:%M}", SANS, 7.5
        )
        first += 5 * mm
        last = width - self.rightMargin - text_width("Page 0000 of 0000", SANS, 8) - 5 * mm
        half = min(width / 2 - first, last - width / 2)
        if text_width(self.confidential, SANS_BOLD, size) <= 2 * half:
            x, align, text = width / 2, "center", self.confidential
        else:
            x, align = first, "left"
            text = fit_text(self.confidential, SANS_BOLD, size, last - first)
        canvas.saveState()
        canvas.setFillColor(_CONFIDENTIAL)
        draw_text(canvas, x, self.bottomMargin - 9 * mm, text, SANS_BOLD, size, align)
        canvas.restoreState()


# --- the renderer ------------------------------------------------------------------------


class BriefingRenderer:
    """Lay out the briefing pack of a dossier and write it as PDF to a stream."""

    kind = KIND

    def __init__(
        self,
        dossier: Dossier,
        paper: Paper,
        confidential: str | None = None,
        problems: Sequence[Problem] | None = None,
        generated: datetime | None = None,
        invariant: bool = False,
        progress: Progress = SILENT,
    ) -> None:
        self.dossier = dossier
        self.paper = paper
        self.confidential = confidential_line(confidential) or ""
        self.problems = (
            list(problems) if problems is not None else check(dossier.plan, CheckSettings())
        )
        self.generated = generated or datetime.now().replace(second=0, microsecond=0)
        self.invariant = invariant
        self.progress = progress
        self.styles: Styles = make_styles()
        self._derive_styles()
        ordered = sorted(dossier.meetings, key=lambda m: (m.info.start_utc, m.info.end_utc, m.id))
        self.meetings = [m for m in ordered if not m.cancelled]
        self.cancelled = [m for m in ordered if m.cancelled]
        self.keys = {m.id: f"brief-{n}" for n, m in enumerate(self.meetings, start=1)}
        self.days = _days(dossier, self.meetings)
        self.names = {p.id: p.name for p in dossier.participants}
        # The frame's size, known once the document exists.
        self.width = 0.0
        self.page_height = 0.0

    def _derive_styles(self) -> None:
        s = self.styles
        self.eyebrow = ParagraphStyle(
            "eyebrow", parent=s.small, fontName=SANS_BOLD, textColor=ACCENT, spaceAfter=2
        )
        self.label = ParagraphStyle("label", parent=s.cell_bold, textColor=MUTED)
        self.cell_small = ParagraphStyle("cell_small", parent=s.cell, fontSize=7.5, leading=9.5)
        self.note = ParagraphStyle("note", parent=s.muted, spaceBefore=2, spaceAfter=6)
        self.item = ParagraphStyle("item", parent=s.body, leftIndent=10, spaceAfter=2)
        self.person = ParagraphStyle("person", parent=s.body, spaceAfter=1.5)
        self.person_bold = ParagraphStyle("person_bold", parent=self.person, fontName=SANS_BOLD)
        # Headings are kept off the foot of a page with CondPageBreak, not keepWithNext:
        # reportlab lays out a heading and what follows it twice to keep them together.
        self.org_name = ParagraphStyle("org_name", parent=s.h2, fontSize=10.5, leading=13.5)
        self.heading3 = ParagraphStyle("heading3", parent=s.h3, spaceBefore=8)
        self.fact = ParagraphStyle(
            "fact",
            parent=s.cell,
            leftIndent=30 * mm,
            bulletIndent=0,
            bulletFontName=SANS_BOLD,
            bulletFontSize=s.cell.fontSize,
            bulletColor=MUTED,
            spaceAfter=3,
        )
        self.meta = ParagraphStyle("meta", parent=s.small, textColor=MUTED, spaceAfter=3)
        self.contents_day = ParagraphStyle(
            "contents_day", parent=s.small, fontName=SANS_BOLD, textColor=MUTED, spaceBefore=4
        )
        self.confidential_style = ParagraphStyle(
            "confidential", parent=s.cover_line, fontName=SANS_BOLD, textColor=_CONFIDENTIAL
        )
        self.head_right = ParagraphStyle("head_right", parent=s.cell_head, alignment=TA_RIGHT)
        self.link = _css(LINK)

    # --- the whole ---------------------------------------------------------------------

    def render(self, stream: IO[bytes]) -> int:
        """Write the pack as PDF into ``stream``; returns the number of pages.

        Raises :class:`~missionplanner.progress.Cancelled` if the user cancels.
        """
        self.progress.step("Preparing the briefing pack")
        total = len(self.meetings)
        steps = {
            "overview": "Laying out the mission overview",
            "schedule": "Laying out the schedule",
            "appendix": "Laying out the appendix",
        }
        for number, meeting in enumerate(self.meetings, start=1):
            steps[self.keys[meeting.id]] = f"Laying out brief {number} of {total}"
        with _parse_cache():
            document = self.make_document(stream, steps)
            self.width = document.width
            self.page_height = document.height
            story = self.story()
            self.progress.step("Laying out the pages")
            document.render(story)
            return int(document.page)

    def make_document(self, stream: IO[bytes], steps: dict[str, str]) -> ReportDocument:
        d = self.dossier
        return BriefingDocument(
            stream,
            confidential=self.confidential,
            on_anchor=steps,
            progress=self.progress,
            paper=self.paper,
            title=d.title,
            author=d.organizer,
            subject=f"{KIND}: {plain(d.title)}",
            running_title=d.title,
            kind=KIND,
            generated=self.generated,
            invariant=self.invariant,
        )

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            *self.contents(),
            *self.overview(),
            *self.schedule(),
            *self.briefs(),
            *self.appendix(),
        ]

    # --- helpers -------------------------------------------------------------------------

    def para(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A paragraph of user text (escaped; line breaks kept)."""
        return Para(markup(text), style)

    def _link(self, key: str, inner: str) -> str:
        return f'<a href="#{key}" color="{self.link}">{inner}</a>'

    def _table(
        self,
        header: Sequence[str],
        rows: Sequence[list[Any]],
        widths: Sequence[float],
        spans: Sequence[tuple[int, int, int]] = (),
        right: Sequence[int] = (),
    ) -> list[Flowable]:
        """A grid table with a repeating header, cut into chunks of TABLE_CHUNK rows.

        ``spans`` are (row, first column, last column) of data rows whose cells merge;
        ``right`` the columns whose header is right-aligned (page numbers).
        """
        head = [
            Para(escape(h), self.head_right if n in right else self.styles.cell_head)
            for n, h in enumerate(header)
        ]
        column_widths = [self.width * share for share in widths]
        tables: list[Flowable] = []
        for start in range(0, len(rows), TABLE_CHUNK):
            chunk = [head, *rows[start : start + TABLE_CHUNK]]
            style = grid_table_style()
            for row, first, last in spans:
                if start <= row < start + TABLE_CHUNK:
                    style.add("SPAN", (first, row - start + 1), (last, row - start + 1))
            tables.append(
                FlowingTable(
                    chunk,
                    colWidths=column_widths,
                    repeatRows=1,
                    style=style,
                    page_height=self.page_height,
                )
            )
        return tables

    def _facts(self, facts: Sequence[tuple[str, str]]) -> list[Flowable]:
        """Labels and (already marked-up) values: the label hangs in the left margin."""
        story: list[Flowable] = [Para(value, self.fact, bulletText=label) for label, value in facts]
        story.append(
            HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=1, spaceAfter=2)
        )
        return story

    def _h3(self, title: str) -> list[Flowable]:
        """A small heading (markup), moved to the next page rather than left at the foot."""
        return [CondPageBreak(18 * mm), Para(title, self.heading3)]

    def _status(self, status: str) -> str:
        colour = STATUS_COLOURS.get(status, MUTED)
        return f'<font color="{_css(colour)}">{escape(_capital(status))}</font>'

    def _time_span(self, meeting: MeetingBrief) -> tuple[str, str]:
        """("10:00–11:30", "UTC−3") in the meeting's own zone."""
        start, end = meeting.info.start_local, meeting.info.end_local
        span = f"{start:%H:%M}–{end:%H:%M}"
        if end.date() != start.date():
            span += f" ({short_date(end.date())})"
        label = zone_of(start)
        if zone_of(end) != label:
            label = f"{label} → {zone_of(end)}"
        return span, label

    def _city(self, meeting: MeetingBrief) -> str:
        stop = self.dossier.plan.stop(meeting.info.stop_id)
        return stop.city if stop else ""

    def _section_title(self, key: str, title: str) -> list[Flowable]:
        return [Anchor(key, title, 0), Para(escape(title), self.styles.title)]

    # --- 1. cover ---------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        d, s = self.dossier, self.styles
        cities = list(dict.fromkeys(stop.city for stop in d.plan.stops))
        facts = [
            f"{count(len(d.participants), 'count.participants')} · "
            f"{count(len(self.meetings), 'count.meetings')} · "
            f"{count(len(cities), 'count.cities')}",
        ]
        story: list[Flowable] = [
            Spacer(1, 28 * mm),
            Para("BRIEFING PACK", self.eyebrow),
            Spacer(1, 3 * mm),
            self.para(d.title, s.cover_title),
        ]
        if d.organizer:
            story.append(self.para(d.organizer, s.cover_line))
        story.append(Spacer(1, 8 * mm))
        lines = [
            markup(" · ".join(cities)) if cities else "No cities yet",
            escape(date_span(d.start, d.end)),
            f"Status: {self._status(d.status)}" if d.status else "",
            escape(facts[0]),
        ]
        story.extend(Para(line, s.cover_line) for line in lines if line)
        story.append(Spacer(1, 10 * mm))
        story.append(
            Para(
                f"Generated {self.generated:%Y-%m-%d %H:%M}",
                ParagraphStyle("cover_generated", parent=s.muted, fontSize=9.5),
            )
        )
        if self.confidential:
            box = Table(
                [[self.para(self.confidential, self.confidential_style)]],
                colWidths=[self.width],
                style=TableStyle(
                    [
                        ("BOX", (0, 0), (-1, -1), 1, _CONFIDENTIAL),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 6),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ]
                ),
            )
            story.extend([Spacer(1, 10 * mm), box])
        story.extend([NextPageTemplate("body"), PageBreak()])
        return story

    # --- 2. contents ------------------------------------------------------------------------

    def contents(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = self._section_title("contents", "Contents")

        def entry(key: str, text: str, style: ParagraphStyle) -> None:
            story.append(ContentsLine(Para(text, style), key, style))

        entry("overview", "Mission overview", s.contents)
        entry("schedule", "Day-by-day schedule", s.contents)
        if self.meetings:
            entry("briefs", "Meeting briefs", s.contents)
            for day in self.days:
                if not day.meetings:
                    continue
                story.append(Para(markup(day.label), self.contents_day))
                for meeting in day.meetings:
                    begins = meeting.info.start_local
                    text = (
                        f'<font color="{MUTED_CSS}">{begins:%H:%M}</font>  '
                        f"{markup(meeting.info.title)}"
                    )
                    entry(self.keys[meeting.id], text, s.contents_sub)
        entry("appendix", "Appendix", s.contents)
        entry("directory", "Organization directory", s.contents_sub)
        if self.problems:
            entry("problems", "Schedule problems", s.contents_sub)
        return story

    # --- 3. overview ------------------------------------------------------------------------

    def overview(self) -> list[Flowable]:
        d, s = self.dossier, self.styles
        story = [PageBreak(), *self._section_title("overview", "Mission overview")]
        cities = list(dict.fromkeys(stop.city for stop in d.plan.stops))
        facts = [
            ("Organizer", markup(d.organizer) or "—"),
            ("Dates", escape(date_span(d.start, d.end))),
            ("Cities", markup(" · ".join(cities)) or "—"),
            ("Direction", escape(_capital(d.direction)) or "—"),
            ("Status", self._status(d.status) if d.status else "—"),
            ("Delegation", escape(count(len(d.participants), "count.participants"))),
            ("Meetings", escape(self._meeting_count())),
        ]
        story.extend(self._facts(facts))
        story.append(Para("Objectives", s.h2))
        if d.objectives.strip():
            story.append(self.para(d.objectives, s.body))
        else:
            story.append(Para("No objectives written yet.", s.muted))
        story.append(Para("Route", s.h2))
        drawings = route_drawings(d.plan.stops, self.width)
        story.extend(drawings or [Para("No cities yet.", s.muted)])
        story.extend(self.cities_table())
        story.extend(self.travel_table())
        story.extend(self.delegation())
        return story

    def _meeting_count(self) -> str:
        text = count(len(self.meetings), "count.meetings")
        if self.cancelled:
            text += f" ({len(self.cancelled)} cancelled, not included)"
        return text

    def cities_table(self) -> list[Flowable]:
        d, s = self.dossier, self.styles
        if not d.plan.stops:
            return []
        rows = []
        for number, stop in enumerate(d.plan.stops, start=1):
            notes = d.stop_notes.get(stop.id, "")
            city = markup(stop.city) + (f", {markup(stop.country)}" if stop.country else "")
            if notes:
                city += f'<br/><font size="7.5" color="{MUTED_CSS}">{markup(notes)}</font>'
            rows.append(
                [
                    Para(str(number), s.cell),
                    Para(city, s.cell),
                    Para(
                        escape(f"{date_span(stop.arrive, stop.depart)}")
                        + f"<br/>{escape(nights_label(stop.arrive, stop.depart))}",
                        s.cell,
                    ),
                    Para(markup(stop.hotel) or "—", s.cell),
                    Para(
                        escape(zone_abbreviation_label(stop))
                        + f'<br/><font size="7" color="{MUTED_CSS}">'
                        f"{escape(stop.timezone)}</font>",
                        s.cell,
                    ),
                ]
            )
        return [
            Para("Cities", s.h2),
            *self._table(
                ["#", "City", "Dates", "Hotel", "Local time"],
                rows,
                [0.05, 0.40, 0.17, 0.22, 0.16],
            ),
        ]

    def travel_table(self) -> list[Flowable]:
        d, s = self.dossier, self.styles
        if not d.plan.travel:
            return []
        rows = []
        for segment in sorted(d.plan.travel, key=lambda t: (t.depart_utc, t.id)):
            depart, arrive = segment.depart_local, segment.arrive_local
            carrier = " ".join(p for p in (segment.carrier, segment.reference) if p)
            what = f"{markup(segment.origin)} → {markup(segment.destination)}"
            detail = ", ".join(p for p in (_capital(segment.mode), carrier) if p)
            if detail:
                what += f'<br/><font color="{MUTED_CSS}">{markup(detail)}</font>'
            travellers = self.dossier.travellers_of(segment)
            who = (
                "Whole delegation"
                if self.dossier.everyone(segment.participant_ids)
                else ", ".join(p.name for p in travellers)
            )
            rows.append(
                [
                    Para(what, s.cell),
                    Para(self._moment(depart), s.cell),
                    Para(self._moment(arrive, since=depart.date()), s.cell),
                    Para(escape(duration(segment.arrive_utc - segment.depart_utc)), s.cell),
                    Para(markup(who), s.cell),
                ]
            )
        return [
            Para("Travel", s.h2),
            *self._table(
                ["Travel", "Departs (local)", "Arrives (local)", "Duration", "Who"],
                rows,
                [0.30, 0.17, 0.17, 0.12, 0.24],
            ),
        ]

    def _moment(self, local: datetime, since: date | None = None) -> str:
        text = f"{escape(short_date(local.date()))} {local:%H:%M}"
        if since is not None and local.date() != since:
            days = (local.date() - since).days
            text += f" ({days:+d} day)" if abs(days) == 1 else f" ({days:+d} days)"
        return text + f'<br/><font size="7" color="{MUTED_CSS}">{zone_of(local)}</font>'

    def delegation(self) -> list[Flowable]:
        d, s = self.dossier, self.styles
        story: list[Flowable] = [Para("Delegation", s.h2)]
        if not d.participants:
            return [*story, Para("No participants yet.", s.muted)]
        rows = []
        for person in d.participants:
            reach = "<br/>".join(markup(v) for v in (person.email, person.phone) if v)
            rows.append(
                [
                    Para(markup(person.name), s.cell_bold),
                    Para(markup(person.role) or "—", s.cell),
                    Para(markup(person.organization) or "—", s.cell),
                    Para(reach or "—", s.cell),
                ]
            )
        story.extend(
            self._table(
                ["Name", "Role", "Organization", "Email and phone"],
                rows,
                [0.26, 0.26, 0.24, 0.24],
            )
        )
        return story

    # --- 4. schedule ------------------------------------------------------------------------

    def schedule(self) -> list[Flowable]:
        s = self.styles
        story = [PageBreak(), *self._section_title("schedule", "Day-by-day schedule")]
        intro = "Times are local to each city, with the zone they are in."
        if self.cancelled:
            intro += f" {count(len(self.cancelled), 'briefing.cancelled-left-out')}"
        story.append(Para(escape(intro), s.muted))
        if not self.days:
            story.append(Para("Nothing planned yet.", s.muted))
        for day in self.days:
            story.extend(self.schedule_day(day))
        return story

    def _zone_note(self, day: Day) -> str:
        if not day.plan.zone_change:
            return ""
        heading, changes = zone_note(day.plan)
        return f"{heading} {changes}"

    def schedule_day(self, day: Day) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            CondPageBreak(40 * mm),
            Anchor(day.key, day.label, 1),
            Para(markup(day.label), s.h2),
        ]
        note = self._zone_note(day)
        if note:
            story.append(Para(markup(note), self.note))
        # (instant, order at the same instant, row, spans the middle columns)
        items: list[tuple[datetime, int, list[Any], bool]] = [
            (m.info.start_utc, 2, self._meeting_row(m), False) for m in day.meetings
        ]
        items.extend((t.arrive_utc, 0, self._arrival_row(t), True) for t in day.plan.arrivals)
        items.extend((t.depart_utc, 1, self._travel_row(t), True) for t in day.plan.departures)
        if not items:
            story.append(Para("No meetings or travel planned.", s.muted))
            return story
        items.sort(key=lambda item: (item[0], item[1]))
        rows = [row for _, _, row, _ in items]
        spans = [(n, 1, 3) for n, item in enumerate(items) if item[3]]
        story.extend(
            self._table(
                ["Time", "Meeting", "With", "Where", "Delegation", "Page"],
                rows,
                SCHEDULE_COLUMNS,
                spans=spans,
                right=[5],
            )
        )
        return story

    def _meeting_row(self, meeting: MeetingBrief) -> list[Any]:
        s = self.styles
        info = meeting.info
        key = self.keys[meeting.id]
        span, label = self._time_span(meeting)
        organizations = self.dossier.organizations_of(meeting)
        title = self._link(key, f"<b>{markup(info.title)}</b>")
        title += f"<br/>{escape(_capital(info.kind))} · {self._status(info.status)}"
        return [
            Para(
                f'{span}<br/><font size="7" color="{MUTED_CSS}">{escape(label)}</font>',
                s.cell,
            ),
            Para(title, s.cell),
            Para("<br/>".join(markup(o.name) for o in organizations) or "—", s.cell),
            Para(markup(info.venue) or "—", s.cell),
            Para(markup(self._attendance(meeting)), s.cell),
            # The title links to the brief already.
            PageNumberOf(
                key, s.cell_right, width=self.width * SCHEDULE_COLUMNS[-1] - 8, link=False
            ),
        ]

    def _attendance(self, meeting: MeetingBrief) -> str:
        named = meeting.info.attendee_ids
        if self.dossier.everyone(named):
            return "Whole delegation"
        people = [p.name for p in self.dossier.participants if p.id in named]
        if len(people) > 3:
            return f"{len(people)} of {len(self.dossier.participants)}"
        return "\n".join(people)

    def _travel_cells(self, at: datetime, what: str, segment: TravelInfo) -> list[Any]:
        s = self.styles
        everyone = self.dossier.everyone(segment.participant_ids)
        who = "Whole delegation" if everyone else self._travellers(segment)
        return [
            Para(
                f'{at:%H:%M}<br/><font size="7" color="{MUTED_CSS}">{escape(zone_of(at))}</font>',
                s.cell,
            ),
            Para(what, s.cell),
            "",
            "",
            Para(markup(who), s.cell),
            "",
        ]

    def _route(self, segment: TravelInfo) -> tuple[str, str]:
        carrier = " ".join(p for p in (segment.carrier, segment.reference) if p)
        detail = ", ".join(p for p in (_capital(segment.mode), carrier) if p)
        route = f"<i>{markup(segment.origin)} → {markup(segment.destination)}</i>"
        return route, markup(detail)

    def _travel_row(self, segment: TravelInfo) -> list[Any]:
        depart, arrive = segment.depart_local, segment.arrive_local
        route, detail = self._route(segment)
        arrival = f"arrives {arrive:%H:%M} {zone_of(arrive)}"
        if arrive.date() != depart.date():
            arrival += f" on {short_date(arrive.date())}"
        arrival += f" ({duration(segment.arrive_utc - segment.depart_utc)})"
        what = f'{route}<br/><font color="{MUTED_CSS}">'
        what += f"{detail} · " if detail else ""
        what += f"{escape(arrival)}</font>"
        return self._travel_cells(depart, what, segment)

    def _arrival_row(self, segment: TravelInfo) -> list[Any]:
        """A trip that left on an earlier day lands today."""
        depart, arrive = segment.depart_local, segment.arrive_local
        route, detail = self._route(segment)
        left = f"left {short_date(depart.date())} {depart:%H:%M} {zone_of(depart)}"
        what = f'Arrival: {route}<br/><font color="{MUTED_CSS}">'
        what += f"{detail} · " if detail else ""
        what += f"{escape(left)}</font>"
        return self._travel_cells(arrive, what, segment)

    def _travellers(self, segment: TravelInfo) -> str:
        people = self.dossier.travellers_of(segment)
        if len(people) > 3:
            return f"{len(people)} of {len(self.dossier.participants)}"
        return "\n".join(p.name for p in people)

    # --- 5. briefs ----------------------------------------------------------------------------

    def briefs(self) -> list[Flowable]:
        story: list[Flowable] = []
        number = 0
        for day in self.days:
            for index, meeting in enumerate(day.meetings):
                number += 1
                story.append(PageBreak())
                if number == 1:
                    story.append(Anchor("briefs", "Meeting briefs", 0))
                if index == 0:
                    story.append(Anchor(day.brief_key, day.label, 1))
                story.extend(self.brief(meeting, number, day))
        return story

    def brief(self, meeting: MeetingBrief, number: int, day: Day) -> list[Flowable]:
        d, s = self.dossier, self.styles
        info = meeting.info
        key = self.keys[meeting.id]
        span, label = self._time_span(meeting)
        city = self._city(meeting)
        story: list[Flowable] = [
            Anchor(key, info.title, 2),
            Para(
                f"MEETING BRIEF {number} OF {len(self.meetings)} · "
                + self._link(day.key, markup(day.label)),
                self.eyebrow,
            ),
            self.para(info.title, s.title),
        ]
        organizations = d.organizations_of(meeting)
        when = (
            f"{escape(long_date(info.start_local.date()))}, {span} "
            f"({escape(label)}, local time{' in ' + markup(city) if city else ''}) · "
            f"{escape(duration(info.end_utc - info.start_utc))}"
        )
        where = "<br/>".join(markup(v) for v in (info.venue, info.address) if v) or "—"
        facts = [
            ("When", when),
            ("Where", where),
            ("With", "<br/>".join(markup(o.name) for o in organizations) or "—"),
            ("Kind", f"{escape(_capital(info.kind))} · {self._status(info.status)}"),
        ]
        story.extend(self._facts(facts))
        story.extend(self.attendees(meeting))
        story.extend(self.texts(meeting))
        story.extend(self.organizations(meeting, organizations))
        story.extend(self.contacts(meeting, organizations))
        story.extend(self.follow_ups(meeting))
        story.extend(self.history(meeting))
        return story

    def attendees(self, meeting: MeetingBrief) -> list[Flowable]:
        people = self.dossier.attendees_of(meeting)
        everyone = self.dossier.everyone(meeting.info.attendee_ids)
        heading = (
            f"Delegation attending: everyone ({len(people)})"
            if everyone
            else f"Delegation attending ({len(people)} of {len(self.dossier.participants)})"
        )
        story = self._h3(escape(heading))
        if not people:
            return [*story, Para("Nobody from the delegation yet.", self.styles.muted)]
        if everyone:
            # Who is who is in the overview's delegation table; names are enough here.
            names = " · ".join(markup(p.name) for p in people)
            story.append(Para(names, self.person))
        else:
            story.extend(Para(self._person_line(p), self.person) for p in people)
        return story

    def _person_line(self, person: ParticipantBrief) -> str:
        details = ", ".join(markup(v) for v in (person.role, person.organization) if v)
        line = f"<b>{markup(person.name)}</b>"
        return f"{line} — {details}" if details else line

    def texts(self, meeting: MeetingBrief) -> list[Flowable]:
        story: list[Flowable] = []
        for title, text in (
            ("Objectives", meeting.objectives),
            ("Talking points", meeting.talking_points),
            ("Notes", meeting.notes),
        ):
            if text.strip():
                story.extend(self._h3(title))
                story.append(self.para(text, self.styles.body))
        return story

    def organizations(
        self, meeting: MeetingBrief, organizations: Sequence[OrganizationBrief]
    ) -> list[Flowable]:
        if not organizations:
            return []
        s = self.styles
        title = "Organization" if len(organizations) == 1 else "Organizations"
        story = self._h3(title)
        for organization in organizations:
            story.append(CondPageBreak(20 * mm))
            story.append(self.para(organization.name, self.org_name))
            meta = self._organization_meta(organization)
            if meta:
                story.append(Para(meta, self.meta))
            if organization.profile.strip():
                story.append(self.para(organization.profile, s.body))
            else:
                story.append(Para("No profile yet.", s.muted))
        return story

    def _organization_meta(self, organization: OrganizationBrief) -> str:
        place = ", ".join(p for p in (organization.city, organization.country) if p)
        parts = [markup(p) for p in (_capital(organization.kind), place) if p]
        if organization.sectors:
            parts.append(markup(", ".join(organization.sectors)))
        if organization.website:
            parts.append(markup(organization.website))
        return " · ".join(parts)

    def contacts(
        self, meeting: MeetingBrief, organizations: Sequence[OrganizationBrief]
    ) -> list[Flowable]:
        named = self.dossier.contacts_of(meeting)
        if named:
            title, people = "Contacts for this meeting", list(named)
        else:
            people = [c for o in organizations for c in o.contacts]
            title = "Contacts at the organization" + ("s" if len(organizations) > 1 else "")
        if not people:
            return []
        story = self._h3(escape(title))
        story.extend(Para(self._contact_line(c), self.person) for c in people)
        return story

    def _contact_line(self, contact: ContactBrief, with_organization: bool = True) -> str:
        line = f"<b>{markup(contact.name)}</b>"
        organization = self.dossier.organizations.get(contact.organization_id)
        if not with_organization:
            organization = None
        role = ", ".join(
            markup(v) for v in (contact.title, organization.name if organization else "") if v
        )
        if role:
            line += f" — {role}"
        reach = " · ".join(markup(v) for v in (contact.email, contact.phone) if v)
        if reach:
            line += f'<br/><font color="{MUTED_CSS}">{reach}</font>'
        return line

    def follow_ups(self, meeting: MeetingBrief) -> list[Flowable]:
        open_items = [f for f in meeting.follow_ups if not f.done]
        if not open_items:
            return []
        story = self._h3("Open follow-ups")
        for item in open_items:
            extra = []
            if item.owner:
                extra.append(markup(item.owner))
            if item.due:
                extra.append(f"due {escape(short_date(item.due))} {item.due.year}")
            text = "☐ " + markup(item.action)
            if extra:
                text += f' <font color="{MUTED_CSS}">— {", ".join(extra)}</font>'
            story.append(Para(text, self.item))
        return story

    def history(self, meeting: MeetingBrief) -> list[Flowable]:
        earlier = self.dossier.earlier_meetings(meeting)
        if not earlier:
            return []
        story = self._h3("Earlier meetings with these organizations")
        for organization, meetings in earlier:
            story.append(self.para(organization.name, self.person_bold))
            by_mission: dict[str, list[EarlierMeeting]] = {}
            for past in meetings:
                by_mission.setdefault(past.mission_id, []).append(past)
            for group in by_mission.values():
                visits = "; ".join(
                    f"{escape(short_date(p.start_local.date()))} {p.start_local.year}"
                    + (f", {markup(p.city)}" if p.city else "")
                    + f": {markup(p.title)} "
                    f'<font color="{MUTED_CSS}">({escape(p.status)})</font>'
                    for p in group
                )
                story.append(Para(f"<i>{markup(group[0].mission_title)}</i> — {visits}", self.item))
        return story

    # --- 6. appendix ------------------------------------------------------------------------

    def appendix(self) -> list[Flowable]:
        story: list[Flowable] = [PageBreak(), *self._section_title("appendix", "Appendix")]
        story.extend(self.directory())
        story.extend(self.problems_section())
        return story

    def directory(self) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = [
            Anchor("directory", "Organization directory", 1),
            Para("Organization directory", s.h1),
        ]
        met: dict[str, list[MeetingBrief]] = {}
        for meeting in self.meetings:
            for org_id in meeting.info.organization_ids:
                met.setdefault(org_id, []).append(meeting)
        organizations = sorted(
            (self.dossier.organizations[o] for o in met if o in self.dossier.organizations),
            key=lambda o: (o.name.casefold(), o.id),
        )
        if not organizations:
            return [*story, Para("No organizations to meet yet.", s.muted)]
        story.append(
            Para(
                escape(
                    f"Every organization the delegation meets "
                    f"({count(len(organizations), 'count.organizations')}), by name."
                ),
                s.muted,
            )
        )
        for organization in organizations:
            story.append(CondPageBreak(22 * mm))
            story.append(self.para(organization.name, self.org_name))
            meta = self._organization_meta(organization)
            if meta:
                story.append(Para(meta, self.meta))
            for contact in organization.contacts:
                story.append(Para(self._contact_line(contact, False), self.item))
            links = [
                self._link(
                    self.keys[m.id],
                    f"{escape(short_date(m.info.start_local.date()))} "
                    f"{m.info.start_local:%H:%M}: {markup(m.info.title)}",
                )
                for m in met[organization.id]
            ]
            story.append(Para("Meetings: " + "; ".join(links), self.meta))
        return story

    def problems_section(self) -> list[Flowable]:
        if not self.problems:
            return []
        s = self.styles
        errors, warnings = tally(self.problems)
        story: list[Flowable] = [
            CondPageBreak(50 * mm),
            Anchor("problems", "Schedule problems", 1),
            Para("Schedule problems", s.h1),
            Para(escape(str(found_problems(errors, warnings))), s.muted),
        ]
        rows = []
        for problem in self.problems:
            brief = next((ref for ref in problem.refs if ref in self.keys), None)
            colour = (
                STATUS_COLOURS["cancelled"]
                if problem.severity is Severity.ERROR
                else (STATUS_COLOURS["tentative"])
            )
            severity = escape(str(severity_name(problem)))
            rows.append(
                [
                    Para(
                        f'<font color="{_css(colour)}">{severity}</font>',
                        s.cell_bold,
                    ),
                    Para(markup(str(problem.message)), s.cell),
                    PageNumberOf(self.keys[brief], s.cell_right, width=self.width * 0.08 - 8)
                    if brief
                    else "",
                ]
            )
        story.extend(self._table(["", "Problem", "Brief"], rows, [0.1, 0.82, 0.08]))
        return story
