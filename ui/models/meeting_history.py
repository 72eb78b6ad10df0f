"""The table of one organization's meetings across missions, in the directory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject
from PySide6.QtGui import QFont

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.places import fold
from missionplanner.domain.zones import abbreviation, resolve_local
from missionplanner.errors import MissionPlannerError
from missionplanner.services.directory import MeetingHistoryRow
from ui import labels
from ui.models.table import Column, RowTableModel

# Strings go through literal translate("Directory", "…") calls so pyside6-lupdate finds them.
translate = QCoreApplication.translate


def status_label(status: str) -> str:
    """The name of a meeting status for people (translated)."""
    return labels.meeting_status(status)


class HistoryColumn(IntEnum):
    DATE = 0
    TIME = 1
    MISSION = 2
    MEETING = 3
    CITY = 4
    STATUS = 5


@cache
def _zone_label(local: datetime, zone: str) -> tuple[str, str]:
    """(short label, long description) of a zone at a local time: "EDT", "UTC−05"."""
    try:
        short = abbreviation(resolve_local(local, zone).utc, zone)
    except MissionPlannerError:
        return zone, zone
    if short[:1] in "+-":
        short = "UTC" + short.replace("-", "−")
    return short, f"{zone} ({short})"


@cache
def _instant(local: datetime, zone: str) -> str:
    """The UTC instant of a local time, to sort meetings held in different zones."""
    try:
        return resolve_local(local, zone).utc.isoformat()
    except MissionPlannerError:
        return local.isoformat()


def _history_date(row: MeetingHistoryRow) -> str:
    start = row.start_local
    return QLocale().toString(QDate(start.year, start.month, start.day), "ddd d MMM yyyy")


def _history_time(row: MeetingHistoryRow) -> str:
    times = f"{row.start_local:%H:%M}–{row.end_local:%H:%M}"
    days = (row.end_local.date() - row.start_local.date()).days
    if days:
        times += f" (+{days})"
    return f"{times} {_zone_label(row.start_local, row.timezone)[0]}"


def _history_when(row: MeetingHistoryRow) -> str:
    zone = _zone_label(row.start_local, row.timezone)[1]
    times = f"{row.start_local:%Y-%m-%d %H:%M} – {row.end_local:%Y-%m-%d %H:%M}"
    where = translate("Directory", "Local time in {zone}").format(zone=zone)
    return f"{times}\n{where}"


def _struck_out_if_cancelled(row: MeetingHistoryRow) -> QFont | None:
    if row.status != MeetingStatus.CANCELLED:
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


class MeetingHistoryModel(RowTableModel[MeetingHistoryRow]):
    """Meetings with one organization across missions, in the order given (newest first)."""

    def __init__(self, parent: QObject | None = None) -> None:
        def column(
            title: str,
            display: Callable[[MeetingHistoryRow], str],
            tooltip: Callable[[MeetingHistoryRow], str | None] | None = None,
            sort: Callable[[MeetingHistoryRow], Any] | None = None,
        ) -> Column[MeetingHistoryRow]:
            return Column(
                title,
                display,
                sort=sort or (lambda row: fold(display(row))),
                tooltip=tooltip or display,
                font=_struck_out_if_cancelled,
            )

        def instant(row: MeetingHistoryRow) -> str:
            return _instant(row.start_local, row.timezone)

        columns = [
            column(translate("Directory", "Date"), _history_date, _history_when, instant),
            column(translate("Directory", "Time"), _history_time, _history_when, instant),
            column(translate("Directory", "Mission"), lambda row: row.mission_title),
            column(translate("Directory", "Meeting"), lambda row: row.title),
            column(translate("Directory", "City"), lambda row: row.city),
            column(translate("Directory", "Status"), lambda row: status_label(row.status)),
        ]
        super().__init__(columns, key=lambda row: row.meeting_id, parent=parent)
