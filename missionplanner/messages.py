"""Facts for people, kept apart from their words: a code with parameters.

The core never builds a sentence where it finds something out (a check, a parser, a
service). It returns a :class:`Message`: a stable code such as ``"check.double-booked"``
and the values the sentence needs, as values (dates, times, names, counts, other
messages). :mod:`missionplanner.wording` is the one place that turns a message into
words, so the app, the command line and the documents say the same thing, and a
translation catalogue reaches every word.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any


@dataclass(frozen=True, slots=True, init=False)
class Message:
    """A code and its parameters; ``str()`` gives the words (``wording.render``)."""

    code: str
    params: tuple[tuple[str, Any], ...]

    def __init__(self, code: str, /, **params: Any) -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", tuple(params.items()))

    @property
    def values(self) -> Mapping[str, Any]:
        return dict(self.params)

    def __getitem__(self, name: str) -> Any:
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return (key for key, _value in self.params)

    def __str__(self) -> str:
        from missionplanner.wording import render

        return render(self)

    def __repr__(self) -> str:
        inner = ", ".join(f"{key}={value!r}" for key, value in self.params)
        return f"Message({self.code!r}{', ' if inner else ''}{inner})"

    def as_data(self) -> dict[str, Any]:
        """The code and parameters as JSON values, for scripts (see :func:`plain`)."""
        return {"code": self.code, "params": {key: plain(value) for key, value in self.params}}


@dataclass(frozen=True, slots=True)
class LocalSpan:
    """A stretch of time read on the clocks of the place where it happens.

    Both ends are aware datetimes in that place's zone, so each knows its abbreviation
    (which differs between them when the clocks change in between).
    """

    start: datetime
    end: datetime


def plain(value: Any) -> Any:
    """A parameter as a JSON value: times in ISO 8601 (with their UTC offset when they
    have one), durations in minutes, messages as their code and parameters."""
    if isinstance(value, Message):
        return value.as_data()
    if isinstance(value, LocalSpan):
        return {"start": plain(value.start), "end": plain(value.end)}
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        minutes = value.total_seconds() / 60
        return int(minutes) if minutes.is_integer() else minutes
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


Words = Message | str
"""What an error or a report carries: a message, or text the user wrote themselves."""


@dataclass(frozen=True, slots=True)
class Plural:
    """A catalogue entry whose words depend on a count: ``one`` and ``other`` forms.

    ``count`` names the parameter that holds the number. A translation catalogue
    (gettext's ``ngettext``) chooses among as many forms as the language has.
    """

    one: str
    other: str
    count: str = "n"


def N_(template: str) -> str:
    """Marks a catalogue template for extraction; the words stay as they are here."""
    return template


def NP_(one: str, other: str, count: str = "n") -> Plural:
    """Marks a template with plural forms for extraction."""
    return Plural(one, other, count)
