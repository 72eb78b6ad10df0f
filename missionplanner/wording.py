"""The one place where messages become words.

Every sentence people read from the core (check problems, field errors, import
reports, backup lines, document phrases) is a :class:`~missionplanner.messages.Message`
rendered here through the catalogue (:mod:`missionplanner.catalogue`). Parameters are
values, formatted here too: a date reads "Tue 6 Oct 2026", a list of names "Ana, Luis
and Sara", a ``timedelta`` "2 h 30 min", a nested message its own words.

A template may name how a value is shown after a colon: ``{day:weekday}`` ("Tuesday"),
``{start:clock}`` ("07:05"), ``{start:zone}`` ("-03", the abbreviation of an aware
time), ``{at:iso}`` ("2026-10-06 07:05"), ``{names:or}`` ("Ana or Luis"),
``{cities:commas}`` ("A, B"), ``{parts:semicolons}`` ("A; B"), ``{title:quoted}``
("“Visit”"; a value longer than :data:`QUOTE_LIMIT` is cut short, "“Visit to…”"),
``{before:zone}`` ("UTC-03" for the abbreviation "-03"). An aware time shows its zone's
abbreviation ("Mon 5 Oct 2026 22:10 EDT");
a :class:`~missionplanner.messages.LocalSpan` reads as :func:`span` words it. A plural
entry counts a number, or the items of a list ("{people} is" / "{people} are"). The
translation issue swaps the English templates and names for the chosen language's here,
in one place.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from missionplanner.catalogue import CATALOGUE
from missionplanner.messages import LocalSpan, Message, Plural, Words

DASH = "\N{EN DASH}"
ARROW = "\N{RIGHTWARDS ARROW}"
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The most of a value a message quotes: enough to recognize it, short enough for a line.
QUOTE_LIMIT = 60
MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def render(words: Words) -> str:
    """The words of a message (text the user wrote is returned as it is)."""
    if isinstance(words, str):
        return words
    entry = CATALOGUE.get(words.code)
    params = words.values
    if entry is None:
        # A code this build does not know (a newer file's report): still say something.
        shown = ", ".join(f"{key}={show(value)}" for key, value in params.items())
        return f"{words.code} ({shown})" if shown else words.code
    if isinstance(entry, Plural):
        count = params.get(entry.count, 0)
        if isinstance(count, list | tuple):
            count = len(count)
        template = entry.one if count == 1 else entry.other
    else:
        template = entry
    return _FORMATTER.vformat(template, (), params)


def show(value: Any, spec: str = "") -> str:
    """One parameter value as words, shown the way ``spec`` names (see the module text)."""
    if spec == "quoted":
        return quote(value)
    if spec == "lines":
        return "\n".join(f"  {show(item)}" for item in value)
    if spec in ("quoted-and", "quoted-or"):
        return join([quote(item) for item in value], spec.removeprefix("quoted-"))
    if spec in ("commas", "semicolons"):
        return (", " if spec == "commas" else "; ").join(show(item) for item in value)
    if spec == "zone" and isinstance(value, str):
        return zone(value)
    if spec in ("and", "or") or (not spec and isinstance(value, list | tuple)):
        return join([show(item) for item in value], spec or "and")
    if isinstance(value, Message):
        return render(value)
    if isinstance(value, LocalSpan):
        return span(value.start, value.end)
    if isinstance(value, datetime):
        if spec == "clock":
            return clock(value)
        if spec == "zone":
            return abbreviation(value)
        if spec == "iso":
            return f"{value.date().isoformat()} {clock(value)}"
        return moment(value)
    if isinstance(value, date):
        if spec == "weekday":
            return DAY_NAMES[value.weekday()]
        if spec == "iso":
            return value.isoformat()
        return day_text(value)
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):
        return duration(value)
    if spec:
        return format(value, spec)
    return str(value)


def quote(value: Any) -> str:
    """A value in quotes, cut short: a file's 50 MB cell is not echoed into a message."""
    return f"“{shorten(show(value))}”"


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, or its start and "…" when it is longer than ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return show(value, format_spec)


_FORMATTER = _Formatter()


# --- phrases shared by checks, documents and calendars --------------------------------


def day_text(day: date) -> str:
    """ "Tue 6 Oct 2026" (never the process locale's names)."""
    return (
        f"{DAY_ABBREVIATIONS[day.weekday()]} {day.day} "
        f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
    )


def clock(value: datetime | time) -> str:
    """ "07:05" """
    return f"{value.hour:02d}:{value.minute:02d}"


def abbreviation(value: datetime) -> str:
    """The zone abbreviation of an aware time ("-03", "EDT"); empty for a naive one."""
    return value.tzname() or ""


def moment(value: datetime) -> str:
    """ "Mon 5 Oct 2026 22:10 EDT" (the abbreviation only for an aware time)."""
    words = f"{day_text(value.date())} {clock(value)}"
    zone = abbreviation(value)
    return f"{words} {zone}" if zone else words


def span(start: datetime, end: datetime) -> str:
    """A stretch of local time, from aware times in the zone where it happens.

    "Tue 6 Oct 2026, 10:00–11:00 -03"; over midnight "Thu 8 Oct 2026 23:00 – Fri 9 Oct
    2026 00:30 -03"; across a clock change the abbreviation follows each time: "Sat 4
    Apr 2026 23:30 -03 – Sun 5 Apr 2026 00:30 -04".
    """
    same_day = start.date() == end.date()
    first = f"{day_text(start.date())}{',' if same_day else ''} {clock(start)}"
    last = clock(end) if same_day else f"{day_text(end.date())} {clock(end)}"
    start_zone, end_zone = abbreviation(start), abbreviation(end)
    if start_zone != end_zone:
        return f"{first} {start_zone} {DASH} {last} {end_zone}"
    joined = f"{first}{DASH if same_day else f' {DASH} '}{last}"
    return f"{joined} {end_zone}" if end_zone else joined


def duration(length: timedelta) -> str:
    """ "6 h 25 min", "45 min", "2 h" (never negative)."""
    minutes = max(0, int(length.total_seconds() // 60))
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return render(Message("duration.hours-minutes", hours=hours, minutes=minutes))
    if hours:
        return render(Message("duration.hours", hours=hours))
    return render(Message("duration.minutes", minutes=minutes))


def zone(abbreviation: str) -> str:
    """A zone abbreviation as printed: "EDT", and "UTC-03" for a bare offset like "-03"."""
    return f"UTC{abbreviation}" if abbreviation[:1] in "+-" else abbreviation


def join(words: Sequence[str], last: str = "and") -> str:
    """ "A"; "A and B"; "A, B and C" (``last`` "or": "A, B or C")."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    code = "list.or" if last == "or" else "list.and"
    return render(Message(code, first=", ".join(words[:-1]), last=words[-1]))


def count(n: int, code: str, **params: Any) -> str:
    """A counted phrase from a plural entry: ``count(3, "count.meetings")`` "3 meetings"."""
    return render(Message(code, n=n, **params))


def meeting_count(held: int, cancelled: int) -> Message:
    """ "12 meetings", or "12 meetings (+1 cancelled)": every list counts them alike."""
    if not cancelled:
        return Message("count.meetings", n=held)
    return Message("count.meetings-cancelled", n=held, cancelled=cancelled)


def lines(messages: Iterable[Words]) -> list[str]:
    return [render(message) for message in messages]
