"""The itinerary: a mission day by day, for the whole delegation or for one person.

Travelling staff read it on a laptop between meetings, so it is compact: two columns
(the local time, then what happens), at most two days a page, a bookmark per day. Every
time is the local time where it happens, followed by that zone's abbreviation; a day
on which the clocks change says so. Cancelled meetings are left out.

:class:`ItineraryRenderer` builds the story from hook methods (``title_block``,
``day_heading``, ``meeting_row``, ``travel_row``, ``arrival_row``, ``night_row``,
``delegation``) that a variant can override, and renders to any binary stream.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from missionplanner.domain.days import PlanDay, plan_days
from missionplanner.domain.dossier import Dossier, MeetingBrief, ParticipantBrief
from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.plan import TravelInfo
from missionplanner.domain.zones import abbreviation
from missionplanner.export.document import (
    Anchor,
    FlowingTable,
    ReportDocument,
    fit_text,
    text_width,
)
from missionplanner.export.fonts import SANS, SANS_BOLD, SANS_ITALIC
from missionplanner.export.paper import Paper, default_paper
from missionplanner.export.styles import ACCENT, INK, MUTED, RULE, SHADE, STATUS_COLOURS
from missionplanner.export.text import markup
from missionplanner.messages import Message
from missionplanner.progress import SILENT, Progress
from missionplanner.wording import duration, join, render
from missionplanner.wording import zone as zone_label

DAYS_PER_PAGE = 2
# A day longer than a page starts on the current one if this share of a page is left.
LONG_DAY_ROOM = 0.3
TIME_COLUMN = 29 * mm
# Contacts named on a meeting's line; more are counted.
CONTACTS_SHOWN = 8

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ZONE_NOTE = colors.HexColor("#8a4b00")
ZONE_BAND = colors.HexColor("#fff4e0")
TRAVEL_BAND = colors.HexColor("#f4f7fa")
STATUS_LABELS = {
    MeetingStatus.PROPOSED.value: "proposed",
    MeetingStatus.REQUESTED.value: "requested",
}


# --- words for dates, times and zones (English, whatever the process locale) ---------


def long_date(day: date) -> str:
    """ "Monday 13 September 2027"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """ "Mon 13 Sep"."""
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day} {MONTHS[day.month - 1][:3]}"


def date_range(first: date, last: date) -> str:
    """ "12–18 September 2027", "28 September – 3 October 2027"."""
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return (
            f"{first.day} {MONTHS[first.month - 1]} – "
            f"{last.day} {MONTHS[last.month - 1]} {last.year}"
        )
    return (
        f"{first.day} {MONTHS[first.month - 1]} {first.year} – "
        f"{last.day} {MONTHS[last.month - 1]} {last.year}"
    )


def zone_note(day: PlanDay) -> tuple[str, str]:
    """A day's clock changes as both documents print them: a heading and the changes.

    "Time zone change:", "Santiago UTC-03 → Bogotá UTC-05 (clocks go back 2 h)"; plain
    text, for :func:`~missionplanner.export.text.markup`.
    """
    heading = render(Message("days.zone-changes", n=len(day.changes)))
    return heading, join([render(message) for message in day.change_messages])


def clock(value: datetime) -> str:
    return f"{value:%H:%M}"


@dataclass(frozen=True, slots=True)
class _Row:
    """One line of a day: the time column, the details, and how it is drawn."""

    when: list[Flowable]
    what: list[Flowable]
    kind: str  # "meeting", "travel", "arrival", "night", "empty"


class _BreakAfterDays(ActionFlowable):
    """A page break before a day when the current page already holds enough days."""

    def __init__(self, pages: dict[int, int], limit: int) -> None:
        super().__init__()
        self.pages = pages
        self.limit = limit

    def apply(self, doc: BaseDocTemplate) -> None:
        if self.pages.get(doc.page, 0) >= self.limit:
            doc.handle_pageBreak()


class _DayStarts(Flowable):
    """Zero-sized: counts the day that starts on the page where it is drawn."""

    def __init__(self, pages: dict[int, int]) -> None:
        super().__init__()
        self.pages = pages
        self.width = self.height = 0

    def wrap(self, _available_width: float, _available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        self.pages[page] = self.pages.get(page, 0) + 1


class _KeepDay(KeepTogether):
    """Keeps a day on one page when it fits on one; a longer day starts where it is.

    Plain ``KeepTogether`` moves content taller than the space left to the next page
    even when it could never fit on one, leaving most of a page empty.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        full = float(frame._height) if frame is not None else 0.0
        height = float(getattr(self, "_H", 0.0))
        if full and full < height and aH >= full * LONG_DAY_ROOM:
            content: list[Flowable] = getattr(self, "_content", [])
            return list(content)
        parts: list[Flowable] = super().split(aW, aH)
        return parts


class _DayTable(FlowingTable):
    """A day's table that puts the day's heading again over the part on the next page."""

    continued: Callable[[], Flowable] | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.continued is not None:
            first, rest = parts
            for part in (first, rest):
                if isinstance(part, _DayTable):
                    part.continued = self.continued
            # Kept together: the repeated heading never sits alone at a page's foot.
            return [first, KeepTogether([self.continued(), rest])]
        return parts


class ItineraryStyles:
    """The paragraph styles of the itinerary, derived from one base size."""

    def __init__(self, base: float = 9) -> None:
        leading = base * 1.28
        self.body = ParagraphStyle(
            "it-body", fontName=SANS, fontSize=base, leading=leading, textColor=INK
        )
        self.kicker = ParagraphStyle(
            "it-kicker",
            parent=self.body,
            fontName=SANS_BOLD,
            fontSize=base - 0.5,
            textColor=ACCENT,
            spaceAfter=1,
        )
        self.title = ParagraphStyle(
            "it-title",
            parent=self.body,
            fontName=SANS_BOLD,
            fontSize=16,
            leading=19.5,
            textColor=INK,
            spaceAfter=2,
        )
        self.subtitle = ParagraphStyle(
            "it-subtitle",
            parent=self.body,
            fontSize=10.5,
            leading=13.5,
            textColor=ACCENT,
            spaceAfter=2,
        )
        self.facts = ParagraphStyle(
            "it-facts", parent=self.body, textColor=MUTED, fontSize=base, leading=leading
        )
        self.day = ParagraphStyle(
            "it-day", parent=self.body, fontName=SANS_BOLD, fontSize=11, leading=13.5
        )
        self.day_right = ParagraphStyle(
            "it-day-right",
            parent=self.body,
            fontSize=base - 1.5,
            leading=13.5,
            textColor=MUTED,
            alignment=TA_RIGHT,
        )
        self.zone = ParagraphStyle(
            "it-zone", parent=self.body, fontSize=base - 0.5, leading=leading, textColor=ZONE_NOTE
        )
        self.time = ParagraphStyle("it-time", parent=self.body, fontName=SANS_BOLD)
        self.time_note = ParagraphStyle(
            "it-time-note",
            parent=self.body,
            fontSize=base - 1,
            leading=leading - 1.5,
            textColor=MUTED,
        )
        self.item = ParagraphStyle(
            "it-item",
            parent=self.body,
            fontName=SANS_BOLD,
            fontSize=base + 0.5,
            leading=leading + 0.5,
        )
        self.line = ParagraphStyle("it-line", parent=self.body)
        self.muted = ParagraphStyle(
            "it-muted", parent=self.body, textColor=MUTED, fontName=SANS_ITALIC
        )
        self.h2 = ParagraphStyle(
            "it-h2",
            parent=self.body,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=13,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=4,
        )
        self.gap = ParagraphStyle(
            "it-gap", parent=self.muted, spaceBefore=2, spaceAfter=9, textColor=ZONE_NOTE
        )
        self.cell = ParagraphStyle("it-cell", parent=self.body, fontSize=base - 0.5)
        self.cell_head = ParagraphStyle(
            "it-cell-head", parent=self.cell, fontName=SANS_BOLD, textColor=MUTED
        )


def _label(text: str) -> str:
    return f'<font color="{MUTED.hexval()}">{text}</font>'


def _phone(number: str) -> str:
    """A phone number that never breaks across lines."""
    return markup(number).replace(" ", "\u00a0")


class ItineraryRenderer:
    """Renders a mission's itinerary (or one participant's) as a PDF to a stream.

    ``participant_id`` narrows it to what that person attends or travels on (an unknown
    id raises :class:`~missionplanner.errors.NotFoundError`). ``generated`` is the time
    printed in the footer (now by default); ``invariant`` gives reproducible bytes.
    """

    kind = "Itinerary"

    def __init__(
        self,
        dossier: Dossier,
        paper: Paper | None = None,
        participant_id: str | None = None,
        generated: datetime | None = None,
        invariant: bool = False,
        progress: Progress = SILENT,
    ) -> None:
        self.person: ParticipantBrief | None = None
        if participant_id is not None:
            self.person = dossier.participant(participant_id)
            dossier = dossier.for_participant(participant_id)
        self.dossier = dossier
        self.paper = paper or default_paper()
        self.generated = generated or datetime.now().replace(second=0, microsecond=0)
        self.invariant = invariant
        self.progress = progress
        self.styles = ItineraryStyles()
        self.meetings: dict[str, MeetingBrief] = {
            m.id: m for m in dossier.meetings if not m.cancelled
        }
        # Cancelled meetings are left out, and never give the itinerary a day of their own.
        plan = replace(
            dossier.plan,
            meetings=tuple(m for m in dossier.plan.meetings if m.id in self.meetings),
        )
        self.days: tuple[PlanDay, ...] = plan_days(
            plan, person=self.person.id if self.person is not None else None
        )
        self._days_on_page: dict[int, int] = {}
        # The frame's size, known once the document exists.
        self.width = 0.0
        self.page_height = 0.0

    # --- the document -------------------------------------------------------------------

    @property
    def document_title(self) -> str:
        if self.person is not None:
            return f"Itinerary of {self.person.name}: {self.dossier.title}"
        return f"Itinerary: {self.dossier.title}"

    @property
    def kind_label(self) -> str:
        """The header's right-hand side: "Itinerary", or whose it is."""
        if self.person is None:
            return self.kind
        name = fit_text(self.person.name, SANS, 8, self.paper.size[0] * 0.3)
        return f"Itinerary of {name}"

    def render(self, stream: IO[bytes]) -> int:
        """Write the PDF to ``stream``; returns the number of pages."""
        self.progress.step("Laying out the itinerary")
        doc = ReportDocument(
            stream,
            paper=self.paper,
            title=self.document_title,
            author=self.dossier.organizer,
            subject=f"Itinerary, {self._dates_text()}",
            running_title=self.dossier.title,
            kind=self.kind_label,
            generated=self.generated,
            invariant=self.invariant,
        )
        self.width = doc.width
        self.page_height = doc.height
        story = self.story()
        self.progress.step("Writing the PDF")
        doc.render(story)
        return int(doc.page)

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [*self.title_block()]
        # Days are numbered from the first, so a day left out (see MissionDays: only the
        # days with something planned, past a year's stay) leaves a gap the reader is told of.
        first = self.days[0].date if self.days else date.min
        total = (self.days[-1].date - first).days + 1 if self.days else 0
        previous: date | None = None
        for day in self.days:
            number = (day.date - first).days + 1
            self.progress.step(f"Day {number:,} of {total:,}")
            if previous is not None and (day.date - previous).days > 1:
                story.append(self.days_not_shown(previous, day.date, first))
            story.append(_BreakAfterDays(self._days_on_page, DAYS_PER_PAGE))
            story.append(self.day_block(day, number, total))
            previous = day.date
        if not self.days:
            story.append(Paragraph("Nothing is planned for this mission yet.", self.styles.muted))
        story.extend(self.delegation())
        return story

    # --- hooks ---------------------------------------------------------------------------

    def title_block(self) -> list[Flowable]:
        s = self.styles
        kicker = "PERSONAL ITINERARY" if self.person is not None else "ITINERARY"
        parts: list[Flowable] = [
            Paragraph(kicker, s.kicker),
            Paragraph(markup(self.dossier.title), s.title),
        ]
        if self.person is not None:
            who = ", ".join(part for part in (self.person.role, self.person.organization) if part)
            line = f"Itinerary of <b>{markup(self.person.name)}</b>"
            line += f" · {markup(who)}" if who else ""
            parts.append(Paragraph(line, s.subtitle))
        facts = [self._dates_text()]
        route = self._route()
        if route:
            facts.append(markup(route))
        if self.dossier.organizer:
            facts.append("Organized by " + markup(self.dossier.organizer))
        parts.append(Paragraph(" · ".join(facts), s.facts))
        parts.append(
            Paragraph(
                "Every time is the local time where it happens, followed by its time zone.",
                s.facts,
            )
        )
        parts.append(Spacer(1, 5))
        return parts

    def day_block(self, day: PlanDay, number: int, total: int) -> Flowable:
        rows = self.rows(day)
        heading = self.day_heading(day, number, total)

        def continued() -> Flowable:
            return self.day_heading(day, number, total, continued=True)

        return _KeepDay(
            [
                _DayStarts(self._days_on_page),
                Anchor(self._day_key(day), outline=self._outline_title(day), level=0),
                heading,
                self.day_table(rows, continued),
                Spacer(1, 7),
            ]
        )

    def days_not_shown(self, before: date, after: date, first: date) -> Flowable:
        """Says which days between two shown ones are left out, and why."""
        start, end = before + timedelta(1), after - timedelta(1)
        words = Message(
            "itinerary.days-not-shown",
            n=(end - start).days + 1,
            first=(start - first).days + 1,
            last=(end - first).days + 1,
            dates=date_range(start, end),
        )
        return Paragraph(markup(render(words)), self.styles.gap)

    def day_heading(
        self, day: PlanDay, number: int, total: int, continued: bool = False
    ) -> Flowable:
        """The band over a day; ``continued`` for its repeat on the next page."""
        s = self.styles
        place = markup(day.place_text)
        title = markup(long_date(day.date))
        if place:
            title += f'<font name="{SANS}" color="{ACCENT.hexval()}">  ·  {place}</font>'
        if continued:
            title += f'<font name="{SANS_ITALIC}" color="{MUTED.hexval()}">  (continued)</font>'
        right = "" if continued else f"Day {number:,} of {total:,}"
        data: list[list[Any]] = [[Paragraph(title, s.day), Paragraph(right, s.day_right)]]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, -1), SHADE),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            # Baselines level with the larger date on the left.
            ("TOPPADDING", (1, 0), (1, 0), 3 + s.day.fontSize - s.day_right.fontSize),
        ]
        if day.zone_change and not continued:
            heading, changes = zone_note(day)
            data.append([Paragraph(f"<b>{markup(heading)}</b> {markup(changes)}", s.zone), ""])
            style += [
                ("SPAN", (0, 1), (-1, 1)),
                ("BACKGROUND", (0, 1), (-1, 1), ZONE_BAND),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 3),
            ]
        table = FlowingTable(
            data, colWidths=[self.width - 32 * mm, 32 * mm], page_height=self.page_height
        )
        table.setStyle(TableStyle(style))
        return table

    def rows(self, day: PlanDay) -> list[_Row]:
        """The lines of a day in time order: arrivals, meetings and departures, the night."""
        timed: list[tuple[datetime, int, _Row]] = []
        for travel in day.arrivals:
            timed.append((travel.arrive_utc, 0, self.arrival_row(travel)))
        for info in day.meetings:
            meeting = self.meetings.get(info.id)
            if meeting is not None:
                timed.append((info.start_utc, 1, self.meeting_row(meeting)))
        for travel in day.departures:
            timed.append((travel.depart_utc, 1, self.travel_row(travel)))
        timed.sort(key=lambda item: (item[0], item[1]))
        rows = [row for _, _, row in timed]
        if not rows:
            rows.append(
                _Row(
                    [],
                    [Paragraph("No appointments planned.", self.styles.muted)],
                    "empty",
                )
            )
        night = self.night_row(day)
        if night is not None:
            rows.append(night)
        return rows

    def day_table(
        self, rows: Sequence[_Row], continued: Callable[[], Flowable] | None = None
    ) -> Flowable:
        """The day's lines; where it runs onto another page, ``continued()`` heads it."""
        table = _DayTable(
            [[row.when, row.what] for row in rows],
            colWidths=[TIME_COLUMN, self.width - TIME_COLUMN],
            splitByRow=1,
            page_height=self.page_height,
        )
        table.continued = continued
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -2), 0.35, RULE),
        ]
        for index, row in enumerate(rows):
            if row.kind in ("travel", "arrival"):
                style.append(("BACKGROUND", (0, index), (-1, index), TRAVEL_BAND))
            if row.kind == "night":
                style.append(("TOPPADDING", (0, index), (-1, index), 2.5))
                style.append(("BOTTOMPADDING", (0, index), (-1, index), 2.5))
        table.setStyle(TableStyle(style))
        return table

    def meeting_row(self, meeting: MeetingBrief) -> _Row:
        s = self.styles
        info = meeting.info
        start, end = info.start_local, info.end_local
        start_zone = zone_label(abbreviation(info.start_utc, info.timezone))
        end_zone = zone_label(abbreviation(info.end_utc, info.timezone))
        span = f"{clock(start)}–{clock(end)}"
        if end.date() > start.date():
            span += " +1 day" if (end.date() - start.date()).days == 1 else ""
        when: list[Flowable] = [Paragraph(span, s.time)]
        zones = start_zone if start_zone == end_zone else f"{start_zone} → {end_zone}"
        when.append(Paragraph(zones, s.time_note))
        if end.date() > start.date() and (end.date() - start.date()).days > 1:
            when.append(Paragraph(f"ends {short_date(end.date())}", s.time_note))

        title = markup(info.title)
        status = STATUS_LABELS.get(info.status)
        if status:
            colour = STATUS_COLOURS.get(info.status, MUTED).hexval()
            size = s.body.fontSize - 1
            title += f' <font name="{SANS}" size="{size}" color="{colour}">({status})</font>'
        what: list[Flowable] = [Paragraph(title, s.item)]
        organizations = self.dossier.organizations_of(meeting)
        if organizations:
            names = " · ".join(markup(o.name) for o in organizations)
            what.append(Paragraph(f'<font color="{ACCENT.hexval()}">{names}</font>', s.line))
        where = ", ".join(markup(part) for part in (info.venue, info.address) if part.strip())
        if where:
            what.append(Paragraph(f"{_label('Where')} {where}", s.line))
        contacts = self.dossier.contacts_of(meeting)
        if contacts:
            # A compact page between meetings: the first few, the rest counted (the
            # briefing pack lists them all).
            shown = [self._contact(c.name, c.title, c.phone) for c in contacts[:CONTACTS_SHOWN]]
            if len(contacts) > CONTACTS_SHOWN:
                shown.append(render(Message("count.more", n=len(contacts) - CONTACTS_SHOWN)))
            what.append(
                Paragraph(
                    f"{_label('Contact' if len(contacts) == 1 else 'Contacts')} "
                    + "; ".join(shown),
                    s.line,
                )
            )
        everyone = self.dossier.everyone(info.attendee_ids)
        if not everyone and self.person is None:
            names = ", ".join(markup(p.name) for p in self.dossier.attendees_of(meeting))
            what.append(Paragraph(f"{_label('Attending')} {names}", s.line))
        elif not everyone and self.person is not None:
            others = [p for p in self.dossier.attendees_of(meeting) if p.id != self.person.id]
            if others:
                names = ", ".join(markup(p.name) for p in others)
                what.append(Paragraph(f"{_label('With')} {names}", s.line))
        return _Row(when, what, "meeting")

    def travel_row(self, travel: TravelInfo) -> _Row:
        s = self.styles
        depart, arrive = travel.depart_local, travel.arrive_local
        depart_zone = zone_label(abbreviation(travel.depart_utc, travel.depart_timezone))
        arrive_zone = zone_label(abbreviation(travel.arrive_utc, travel.arrive_timezone))
        later = (arrive.date() - depart.date()).days
        when: list[Flowable] = [
            Paragraph(f"{clock(depart)} {_small(depart_zone, s)}", s.time),
            Paragraph(f"→ {clock(arrive)} {_small(arrive_zone, s)}", s.time),
        ]
        if later:
            when.append(Paragraph(_days_later(later), s.time_note))

        mode = travel.mode.capitalize() if travel.mode else "Travel"
        name = " ".join(markup(p) for p in (travel.carrier, travel.reference) if p.strip())
        route = f"{markup(travel.origin)} → {markup(travel.destination)}"
        what: list[Flowable] = [Paragraph(route, s.item)]
        length = duration(travel.arrive_utc - travel.depart_utc)
        facts = [f"{mode} {name}".strip(), length]
        line = " · ".join(facts)
        line += f" · departs {clock(depart)} {depart_zone}, arrives {clock(arrive)} {arrive_zone}"
        if later:
            line += f" on {short_date(arrive.date())} ({_days_later(later)})"
        what.append(Paragraph(line, s.line))
        if not self.dossier.everyone(travel.participant_ids) and self.person is None:
            names = ", ".join(markup(p.name) for p in self.dossier.travellers_of(travel))
            what.append(Paragraph(f"{_label('Travelling')} {names}", s.line))
        return _Row(when, what, "travel")

    def arrival_row(self, travel: TravelInfo) -> _Row:
        s = self.styles
        arrive = travel.arrive_local
        arrive_zone = zone_label(abbreviation(travel.arrive_utc, travel.arrive_timezone))
        depart_zone = zone_label(abbreviation(travel.depart_utc, travel.depart_timezone))
        name = " ".join(markup(p) for p in (travel.carrier, travel.reference) if p.strip())
        when: list[Flowable] = [Paragraph(f"{clock(arrive)} {_small(arrive_zone, s)}", s.time)]
        what: list[Flowable] = [
            Paragraph(f"Arrival in {markup(travel.destination)}", s.item),
            Paragraph(
                f"{name} from {markup(travel.origin)}, left "
                f"{short_date(travel.depart_local.date())} {clock(travel.depart_local)} "
                f"{depart_zone}",
                s.line,
            ),
        ]
        return _Row(when, what, "arrival")

    def night_row(self, day: PlanDay) -> _Row | None:
        s = self.styles
        when: list[Flowable] = [Paragraph("Night", s.muted)]
        if day.overnight is not None:
            travel = day.overnight
            name = " ".join(markup(p) for p in (travel.carrier, travel.reference) if p.strip())
            text = f"On board {name}".strip() if name else "Travelling overnight"
            arrive = travel.arrive_local
            zone = zone_label(abbreviation(travel.arrive_utc, travel.arrive_timezone))
            detail = (
                f" · arrives {markup(travel.destination)} {short_date(arrive.date())} "
                f"{clock(arrive)} {zone}"
            )
            return _Row(when, [Paragraph(f"<b>{text}</b>{detail}", s.line)], "night")
        stop = day.night
        if stop is None:
            return None
        if stop.hotel.strip():
            text = f"<b>{markup(stop.hotel)}</b>"
            if stop.city and stop.city.casefold() not in stop.hotel.casefold():
                text += f", {markup(stop.city)}"
        else:
            text = f"{markup(stop.city)}: {_label('hotel not yet booked')}"
        return _Row(when, [Paragraph(text, s.line)], "night")

    def delegation(self) -> list[Flowable]:
        s = self.styles
        people = self.dossier.participants
        if not people:
            return []
        head = [Paragraph(text, s.cell_head) for text in ("Name", "Role", "Phone", "Email")]
        rows: list[list[Any]] = [head]
        for person in people:
            role = ", ".join(markup(p) for p in (person.role, person.organization) if p.strip())
            rows.append(
                [
                    Paragraph(f"<b>{markup(person.name)}</b>", s.cell),
                    Paragraph(role, s.cell),
                    Paragraph(_phone(person.phone), s.cell),
                    Paragraph(markup(person.email), s.cell),
                ]
            )
        size = s.cell.fontSize
        phone = max((text_width(p.phone, SANS, size) for p in people), default=0.0)
        email = max((text_width(p.email, SANS, size) for p in people), default=0.0)
        phone_width = max(phone, text_width("Phone", SANS_BOLD, size)) + 9
        email_width = min(max(email, text_width("Email", SANS_BOLD, size)) + 9, self.width * 0.36)
        rest = self.width - phone_width - email_width
        widths = [rest * 0.42, rest * 0.58, phone_width, email_width]
        table = FlowingTable(rows, colWidths=widths, repeatRows=1, page_height=self.page_height)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                    ("LINEBELOW", (0, 1), (-1, -2), 0.35, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return [
            KeepTogether(
                [
                    Anchor("delegation", outline="Delegation contacts", level=0),
                    Paragraph("Delegation contacts", s.h2),
                    table,
                ]
            )
        ]

    # --- helpers ---------------------------------------------------------------------------

    def _contact(self, name: str, title: str, phone: str) -> str:
        text = markup(name)
        if title.strip():
            text += f" ({markup(title)})"
        if phone.strip():
            text += f" <b>{_phone(phone)}</b>"
        return text

    def _dates_text(self) -> str:
        if not self.days:
            return "no dates yet"
        return date_range(self.days[0].date, self.days[-1].date)

    def _route(self) -> str:
        cities: list[str] = []
        dates = {day.date for day in self.days}
        for stop in sorted(self.dossier.plan.stops, key=lambda s: (s.arrive, s.depart)):
            if not any(day in dates for day in _dates_of(stop.arrive, stop.depart)):
                continue  # a stop before someone joined, or after they left
            if not cities or cities[-1] != stop.city:
                cities.append(stop.city)
        return " → ".join(cities)

    @staticmethod
    def _day_key(day: PlanDay) -> str:
        return f"day-{day.date.isoformat()}"

    @staticmethod
    def _outline_title(day: PlanDay) -> str:
        title = short_date(day.date)
        return f"{title} · {day.place_text}" if day.place_text else title


def _dates_of(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range(max(0, (last - first).days) + 1)]


def _small(text: str, styles: ItineraryStyles) -> str:
    style = styles.time_note
    return f'<font name="{SANS}" size="{style.fontSize}" color="{MUTED.hexval()}">{text}</font>'


def _days_later(days: int) -> str:
    return "+1 day" if days == 1 else f"+{days} days"
