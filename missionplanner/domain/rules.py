"""The rules every value obeys, whichever road it comes in by.

Dialogs, mission files, contact spreadsheets and the command line all pass their values
through these functions (through :mod:`missionplanner.store.kinds`, which knows which
rule each field follows and its length limit from the database column). Each rule
returns the value tidied (trimmed, a country code in capitals, a phone number in
international format) or raises :class:`~missionplanner.errors.ValidationError` with a
message code.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache

import phonenumbers

from missionplanner.domain import places
from missionplanner.domain.country_names import country_code
from missionplanner.domain.zones import ResolvedTime, is_zone, resolve_local
from missionplanner.errors import ValidationError
from missionplanner.messages import Message

# Dates a mission can have: far enough for history and plans, short of the years where
# adding a zone offset overflows Python's datetime.
FIRST_YEAR = 1900
LAST_YEAR = 2199
# Long texts (profiles, notes) have no column limit; this keeps a pasted book out.
LONG_TEXT_LIMIT = 100_000

_LOCAL = r"[^\s@\"(),:;<>\[\]\\]+"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(rf"^{_LOCAL}@(?:{_LABEL}\.)+[^\W\d_]{{2,63}}$")
# Several numbers in one field: "+57 1 000 / +57 300 000", "… or …", "… y …".
PHONE_SEPARATORS = re.compile(r"\s*[;/,]\s*|\s+(?:o|or|y|and)\s+")


def _control(text: str, lines: bool) -> str | None:
    """The first character that has no place in the text (a line break in a name)."""
    for char in text:
        if lines and char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\u2028\u2029":
            return char
    return None


def text(value: object, *, limit: int | None, required: bool = False, lines: bool = False) -> str:
    """Text as people typed it, trimmed; ``lines`` allows line breaks and tabs.

    Control characters (a NUL, a bell, a terminal's escape sequence) and lone surrogates
    (half of a character, which cannot be saved as UTF-8) are refused: they would be
    printed raw later, to a terminal, a calendar or a document.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(Message("rule.not-text"))
    # Line breaks of every system become one; a tab pasted into a name is a gap
    # between words, not something to refuse.
    value = value.replace("\r\n", "\n").replace("\r", "\n") if lines else value.replace("\t", " ")
    value = value.strip()
    if required and not value:
        raise ValidationError(Message("rule.required"))
    bad = _control(value, lines)
    if bad is not None:
        if bad in "\n\r\u2028\u2029":
            code = "rule.line-break"
        elif unicodedata.category(bad) == "Cs":
            code = "rule.broken-character"
        else:
            code = "rule.control-character"
        raise ValidationError(Message(code, code_point=f"U+{ord(bad):04X}"))
    most = LONG_TEXT_LIMIT if limit is None else limit
    if len(value) > most:
        raise ValidationError(Message("rule.too-long", limit=most, length=len(value)))
    return value


def choice(value: str, vocabulary: type[StrEnum], default: StrEnum | None = None) -> str:
    """One of a fixed vocabulary (any case); empty means ``default`` when there is one."""
    folded = value.strip().lower()
    if not folded and default is not None:
        return default.value
    try:
        return vocabulary(folded).value
    except ValueError:
        allowed = [member.value for member in vocabulary]
        raise ValidationError(
            Message("rule.not-in-vocabulary", value=value, allowed=allowed)
        ) from None


def zone(value: str, required: bool = False) -> str:
    """An IANA zone name such as America/Bogota."""
    value = value.strip()
    if not value:
        if required:
            raise ValidationError(Message("rule.required"))
        return ""
    if not is_zone(value):
        raise ValidationError(Message("rule.unknown-zone", value=value))
    return value


def country(value: str) -> str:
    """An ISO 3166 code (a name such as Colombia is turned into its code)."""
    value = value.strip()
    if not value:
        return ""
    code = country_code(value)
    if code is None:
        raise ValidationError(Message("rule.unknown-country", value=value))
    return code


def email(value: str) -> str:
    """An e-mail address, tidied (no "mailto:", the domain in lower case)."""
    written = value.strip()
    if not written:
        return ""
    if written.lower().startswith("mailto:"):
        written = written[7:].strip()
    if written.startswith("<") and written.endswith(">"):
        written = written[1:-1].strip()
    local, _, domain = written.rpartition("@")
    if (
        not _EMAIL.match(written)
        or local.startswith(".")
        or local.endswith(".")
        or ".." in written
        or len(written) > 254
    ):
        raise ValidationError(Message("rule.bad-email", value=value.strip()))
    return f"{local}@{domain.lower()}"


def phone(value: str, region: str = "") -> str:
    """Phone numbers in international format ("+57 300 1234567"), several joined by " / ".

    ``region`` (an ISO country code, may be empty) is where a number written without
    its country code belongs.
    """
    value = value.strip()
    if not value:
        return ""
    return " / ".join(
        _one_phone(number.strip(), region.strip().upper())
        for number in PHONE_SEPARATORS.split(value)
        if number.strip()
    )


@lru_cache(maxsize=16384)
def _one_phone(number: str, region: str) -> str:
    raw = "+" + number[2:] if number.startswith("00") else number
    if not raw.startswith("+") and not region:
        raise ValidationError(Message("rule.phone-needs-country", value=number))
    where = places.countries().get(region, region) if region and not raw.startswith("+") else ""
    suffix = "-in" if where else ""
    try:
        parsed = phonenumbers.parse(raw, region or None)
    except phonenumbers.NumberParseException:
        code = "rule.not-a-phone" + suffix
        raise ValidationError(Message(code, value=number, country=where)) from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(Message("rule.bad-phone" + suffix, value=number, country=where))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def same_phones(one: str, other: str) -> bool:
    """Whether two phone fields hold the same numbers, however they are grouped."""

    def numbers(text: str) -> list[str] | None:
        found = []
        for part in PHONE_SEPARATORS.split(text.strip()):
            if not part:
                continue
            try:
                parsed = phonenumbers.parse(part, None)
            except phonenumbers.NumberParseException:
                return None
            found.append(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
        return found

    mine = numbers(one)
    return mine is not None and mine == numbers(other)


def day(value: date) -> date:
    """A date within the years a mission can have."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            Message("rule.date-out-of-range", value=value, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return value


def local_time(value: datetime, zone_name: str) -> ResolvedTime:
    """A wall-clock time in a zone and the instant it stands for (skipped times refused)."""
    day(value.date())
    return resolve_local(value, zone_name)


def dates_in_order(first: date, last: date) -> None:
    if last < first:
        raise ValidationError(Message("rule.depart-before-arrive", arrive=first, depart=last))


def place(city: str, country_code_: str) -> places.Place:
    """The one place a city in a country names (its zone and coordinates)."""
    return places.locate(city, country_code_)
