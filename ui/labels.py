"""Names for people of the values the core stores as words (statuses, kinds, modes...).

The core keeps English identifiers ("site visit", "double-booked"); the app shows these
translated names. Each name is a literal ``translate("Labels", ...)`` call so that
``pyside6-lupdate`` finds it; a value without a name is shown as stored.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale

from missionplanner import checks
from missionplanner.domain.enums import (
    Direction,
    MeetingKind,
    MeetingStatus,
    MissionStatus,
    OrganizationKind,
    TravelMode,
)

translate = QCoreApplication.translate

# The labels are translated once, on first use: the language is chosen at start-up.


@cache
def _organization_kinds() -> dict[str, str]:
    return {
        OrganizationKind.INNOVATION_CENTRE: translate("Labels", "Innovation centre"),
        OrganizationKind.ACCELERATOR: translate("Labels", "Accelerator"),
        OrganizationKind.UNIVERSITY: translate("Labels", "University"),
        OrganizationKind.GOVERNMENT: translate("Labels", "Government or trade office"),
        OrganizationKind.INVESTMENT_AGENCY: translate("Labels", "Investment agency"),
        OrganizationKind.CORPORATION: translate("Labels", "Corporation"),
        OrganizationKind.STARTUP: translate("Labels", "Startup"),
        OrganizationKind.INVESTOR: translate("Labels", "Investor"),
        OrganizationKind.EVENT: translate("Labels", "Event"),
        OrganizationKind.CHAMBER: translate("Labels", "Chamber or association"),
        OrganizationKind.OTHER: translate("Labels", "Other"),
    }


@cache
def _meeting_statuses() -> dict[str, str]:
    return {
        MeetingStatus.PROPOSED: translate("Labels", "Proposed"),
        MeetingStatus.REQUESTED: translate("Labels", "Requested"),
        MeetingStatus.CONFIRMED: translate("Labels", "Confirmed"),
        MeetingStatus.HELD: translate("Labels", "Held"),
        MeetingStatus.CANCELLED: translate("Labels", "Cancelled"),
    }


@cache
def _meeting_kinds() -> dict[str, str]:
    return {
        MeetingKind.MEETING: translate("Labels", "Meeting"),
        MeetingKind.SITE_VISIT: translate("Labels", "Site visit"),
        MeetingKind.EVENT: translate("Labels", "Event"),
        MeetingKind.RECEPTION: translate("Labels", "Reception"),
        MeetingKind.SIGNING: translate("Labels", "Signing"),
        MeetingKind.BRIEFING: translate("Labels", "Briefing"),
        MeetingKind.OTHER: translate("Labels", "Other"),
    }


@cache
def _mission_statuses() -> dict[str, str]:
    return {
        MissionStatus.DRAFT: translate("Labels", "Draft"),
        MissionStatus.PLANNED: translate("Labels", "Planned"),
        MissionStatus.CONFIRMED: translate("Labels", "Confirmed"),
        MissionStatus.COMPLETED: translate("Labels", "Completed"),
        MissionStatus.CANCELLED: translate("Labels", "Cancelled"),
    }


@cache
def _directions() -> dict[str, str]:
    return {
        Direction.OUTBOUND: translate("Labels", "Outbound (we travel)"),
        Direction.INBOUND: translate("Labels", "Inbound (we host)"),
    }


@cache
def _travel_modes() -> dict[str, str]:
    return {
        TravelMode.FLIGHT: translate("Labels", "Flight"),
        TravelMode.TRAIN: translate("Labels", "Train"),
        TravelMode.CAR: translate("Labels", "Car"),
        TravelMode.BUS: translate("Labels", "Bus"),
        TravelMode.BOAT: translate("Labels", "Boat"),
        TravelMode.OTHER: translate("Labels", "Other"),
    }


@cache
def _severities() -> dict[str, str]:
    return {
        checks.Severity.ERROR: translate("Labels", "Error"),
        checks.Severity.WARNING: translate("Labels", "Warning"),
    }


@cache
def _problems() -> dict[str, str]:
    return {
        checks.DOUBLE_BOOKED: translate("Labels", "Double booking"),
        checks.TRAVEL_CONFLICT: translate("Labels", "Clash with travel"),
        checks.OUTSIDE_STOP: translate("Labels", "Outside the city's dates"),
        checks.TIGHT_CONNECTION: translate("Labels", "Tight connection"),
        checks.OUTSIDE_HOURS: translate("Labels", "Early or late"),
        checks.WEEKEND: translate("Labels", "Weekend"),
        checks.HOLIDAY: translate("Labels", "Public holiday"),
        checks.AMBIGUOUS_TIME: translate("Labels", "Clock change"),
    }


def organization_kind(value: str) -> str:
    return _organization_kinds().get(value, value)


def meeting_status(value: str) -> str:
    return _meeting_statuses().get(value, value)


def meeting_kind(value: str) -> str:
    return _meeting_kinds().get(value, value)


def mission_status(value: str) -> str:
    return _mission_statuses().get(value, value)


def direction(value: str) -> str:
    return _directions().get(value, value)


def travel_mode(value: str) -> str:
    return _travel_modes().get(value, value)


def severity(value: str) -> str:
    return _severities().get(value, value)


def problem(code: str) -> str:
    """The kind of a schedule problem (``Problem.code``) in words."""
    return _problems().get(code, code)


def count_text(number: int, one: str, many: str) -> str:
    """ "1 city" or "{n} cities", both already translated: every count the app shows.

    Two forms suit English and Spanish, the languages planned; Qt's "%n" plurals would
    need an English translation file loaded to read well. Use the named counts below
    rather than this, so that each phrase is written once.
    """
    return one if number == 1 else many.format(n=QLocale().toString(number))


def cities(number: int) -> str:
    return count_text(number, translate("Labels", "1 city"), translate("Labels", "{n} cities"))


def trips(number: int) -> str:
    return count_text(number, translate("Labels", "1 trip"), translate("Labels", "{n} trips"))


def meetings(number: int) -> str:
    return count_text(number, translate("Labels", "1 meeting"), translate("Labels", "{n} meetings"))


def participants(number: int) -> str:
    return count_text(
        number, translate("Labels", "1 participant"), translate("Labels", "{n} participants")
    )


def travellers(number: int) -> str:
    return count_text(
        number, translate("Labels", "1 traveller"), translate("Labels", "{n} travellers")
    )


def contacts(number: int) -> str:
    return count_text(number, translate("Labels", "1 contact"), translate("Labels", "{n} contacts"))


def organizations(number: int) -> str:
    return count_text(
        number, translate("Labels", "1 organization"), translate("Labels", "{n} organizations")
    )


def pages(number: int) -> str:
    return count_text(number, translate("Labels", "1 page"), translate("Labels", "{n} pages"))


def rows(number: int) -> str:
    return count_text(number, translate("Labels", "1 row"), translate("Labels", "{n} rows"))


def errors(number: int) -> str:
    return count_text(number, translate("Labels", "1 error"), translate("Labels", "{n} errors"))


def warnings(number: int) -> str:
    return count_text(number, translate("Labels", "1 warning"), translate("Labels", "{n} warnings"))


def problem_count(error_count: int, warning_count: int) -> str:
    """ "1 error and 2 warnings", "3 warnings": what the checks found, in words."""
    parts = []
    if error_count:
        parts.append(errors(error_count))
    if warning_count:
        parts.append(warnings(warning_count))
    if not parts:
        return translate("Labels", "no problems")
    if len(parts) == 1:
        return parts[0]
    return translate("Labels", "{errors} and {warnings}").format(errors=parts[0], warnings=parts[1])


def mission_count(number: int) -> str:
    return count_text(number, translate("Labels", "1 mission"), translate("Labels", "{n} missions"))
