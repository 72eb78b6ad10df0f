"""Paper sizes: Letter or A4, by default what the user's locale uses."""

from __future__ import annotations

import locale
import os
from enum import StrEnum

from reportlab.lib.pagesizes import A4, LETTER

from missionplanner.errors import MissionPlannerError
from missionplanner.messages import Message


class Paper(StrEnum):
    LETTER = "letter"
    A4 = "a4"

    @property
    def size(self) -> tuple[float, float]:
        return LETTER if self is Paper.LETTER else A4


# Countries where Letter is the usual office paper (the Americas that use it and the
# Philippines); everywhere else A4.
_LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "CL", "CO", "VE", "PH", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "HN"}
)


# Windows names its locales "English_United States.1252": the country in words.
_LETTER_COUNTRY_NAMES = frozenset(
    {
        "UNITED STATES",
        "CANADA",
        "MEXICO",
        "CHILE",
        "COLOMBIA",
        "VENEZUELA",
        "BOLIVARIAN REPUBLIC OF VENEZUELA",
        "PHILIPPINES",
        "GUATEMALA",
        "COSTA RICA",
        "PANAMA",
        "DOMINICAN REPUBLIC",
        "PUERTO RICO",
        "EL SALVADOR",
        "NICARAGUA",
        "HONDURAS",
    }
)


def _territory(name: str | None) -> str | None:
    """``es_CO.UTF-8`` → ``CO``, ``en-US`` → ``US``, ``English_United States.1252`` →
    ``UNITED STATES``; None for ``C``, ``POSIX``, a language alone or nothing."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0]
    for separator in ("_", "-"):
        if separator in base:
            return base.split(separator, 1)[1].strip().upper() or None
    return None


def paper_for_territory(territory: str) -> Paper:
    """Letter or A4 for a country: an ISO code (``CO``) or, as Windows gives it, a name."""
    territory = territory.strip().upper()
    letter = territory in _LETTER_COUNTRIES or territory in _LETTER_COUNTRY_NAMES
    return Paper.LETTER if letter else Paper.A4


def _process_locale() -> str | None:
    """The name the C library gave the process locale, as it gave it.

    Not ``locale.getlocale()``: it passes the name through Python's alias table, which
    turns the C locale into ``en_US`` and so would make every unset locale American.
    """
    try:
        return locale.setlocale(locale.LC_CTYPE)  # a query: no second argument
    except locale.Error:
        return None


def default_paper() -> Paper:
    """Letter or A4 from the locale (LC_ALL, else LC_PAPER, else LANG, else the process
    locale, as on Windows); A4 when none names a country (C, POSIX)."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        territory = _territory(os.environ.get(variable))
        if territory:
            return paper_for_territory(territory)
    territory = _territory(_process_locale())
    return Paper.A4 if territory is None else paper_for_territory(territory)


def parse_paper(value: str | None) -> Paper:
    if value is None or not value.strip():
        return default_paper()
    try:
        return Paper(value.strip().lower())
    except ValueError:
        raise MissionPlannerError(Message("paper.unknown", value=value)) from None
