"""Paper sizes: Letter or A4, by default what the user's locale uses."""

from __future__ import annotations

import locale
import os
from enum import StrEnum

from reportlab.lib.pagesizes import A4, LETTER

from missionplanner.errors import MissionPlannerError


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


def _territory(name: str | None) -> str | None:
    """``es_CO.UTF-8`` → ``CO``; None for ``C``, ``POSIX`` or nothing."""
    if not name:
        return None
    base = name.split(".")[0].split("@")[0]
    if "_" not in base:
        return None
    return base.split("_", 1)[1].upper() or None


def default_paper() -> Paper:
    """Letter or A4 from the locale (LC_PAPER, else LC_ALL/LANG, else the process locale)."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        territory = _territory(os.environ.get(variable))
        if territory:
            return Paper.LETTER if territory in _LETTER_COUNTRIES else Paper.A4
    territory = _territory(locale.getlocale()[0])
    if territory is None:
        return Paper.A4
    return Paper.LETTER if territory in _LETTER_COUNTRIES else Paper.A4


def parse_paper(value: str | None) -> Paper:
    if value is None or not value.strip():
        return default_paper()
    try:
        return Paper(value.strip().lower())
    except ValueError:
        raise MissionPlannerError(f"Unknown paper size “{value}”: use letter or a4.") from None
