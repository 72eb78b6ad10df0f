"""Item models of the organization directory: the table, its filter, contacts, history.

The models hold plain rows from :mod:`missionplanner.services.directory` and never touch
the database. ``ROW_ROLE`` gives a row's object, ``SORT_ROLE`` its sort key in a column.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime
from enum import IntEnum
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from missionplanner.domain.enums import MeetingStatus
from missionplanner.domain.places import countries, fold
from missionplanner.domain.zones import abbreviation, resolve_local
from missionplanner.errors import MissionPlannerError
from missionplanner.services.directory import ContactInfo, MeetingHistoryRow, OrganizationRow
from ui import labels

# The roles every list of the app uses: the row's object and its sort key in a column.
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowTableModel

__all__ = [
    "ROW_ROLE",
    "SORT_ROLE",
    "ContactColumn",
    "ContactTableModel",
    "HistoryColumn",
    "MeetingHistoryModel",
    "OrganizationColumn",
    "OrganizationFilterProxy",
    "OrganizationTableModel",
    "country_name",
    "kind_label",
    "status_label",
]

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


# Strings go through literal translate("Directory", "…") calls so pyside6-lupdate finds them.
translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    """The name of an organization kind for people (translated); unknown kinds as stored."""
    return labels.organization_kind(kind)


def status_label(status: str) -> str:
    """The name of a meeting status for people (translated)."""
    return labels.meeting_status(status)


def country_name(code: str) -> str:
    """The English name of an ISO country code; the code itself when unknown."""
    return countries().get(code, code)


class OrganizationColumn(IntEnum):
    NAME = 0
    KIND = 1
    CITY = 2
    COUNTRY = 3
    SECTORS = 4
    CONTACTS = 5
    MEETINGS = 6


def _organization_header(column: OrganizationColumn) -> str:
    return {
        OrganizationColumn.NAME: translate("Directory", "Name"),
        OrganizationColumn.KIND: translate("Directory", "Kind"),
        OrganizationColumn.CITY: translate("Directory", "City"),
        OrganizationColumn.COUNTRY: translate("Directory", "Country"),
        OrganizationColumn.SECTORS: translate("Directory", "Sectors"),
        OrganizationColumn.CONTACTS: translate("Directory", "Contacts"),
        OrganizationColumn.MEETINGS: translate("Directory", "Meetings"),
    }[column]


class OrganizationTableModel(QAbstractTableModel):
    """The directory's rows, one organization each.

    The model sorts itself (:meth:`sort`, by the ``SORT_ROLE`` keys): a Python sort of
    20,000 rows takes milliseconds where a proxy asking ``data()`` for every comparison
    takes seconds. :class:`OrganizationFilterProxy` hands sorting on to it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganizationRow] = []
        self._index_of: dict[str, int] = {}
        # column → organization id → sort key, for every row; made on first use.
        self._sort_keys: dict[int, dict[str, Any]] = {}
        # The rows by name: the starting point of every sort (ties stay in name order).
        self._by_name: list[OrganizationRow] | None = None
        self._folded: dict[str, str] = {}
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        # Counts every change of the rows or their order, so a filter knows when to look
        # again.
        self.generation = 0

    # Qt interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OrganizationColumn)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._display(row, column)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._keys(column)[row.id]
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _ALIGN and column >= OrganizationColumn.CONTACTS:
            return _NUMBER_ALIGNMENT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(OrganizationColumn):
            return None
        if role == _DISPLAY:
            return _organization_header(OrganizationColumn(section))
        if role == _ALIGN and section >= OrganizationColumn.CONTACTS:
            return _NUMBER_ALIGNMENT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's keys, ties by name; a column of -1 keeps the order as is."""
        self._sort_column = column if 0 <= column < len(OrganizationColumn) else -1
        self._sort_order = order
        if self._sort_column < 0 or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(self._rows[index.row()].id, index.column()) for index in before]
        self._rows = self._sorted()
        self._index_of = {row.id: number for number, row in enumerate(self._rows)}
        # Row numbers changed: a filter's answers by row number are out of date.
        self.generation += 1
        self.changePersistentIndexList(
            before, [self.index(self._index_of[org_id], part) for org_id, part in moved]
        )
        self.layoutChanged.emit()

    # Python interface

    @property
    def rows(self) -> Sequence[OrganizationRow]:
        """The rows in their current order."""
        return self._rows

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def set_rows(self, rows: Sequence[OrganizationRow]) -> None:
        """Replace every row (a model reset); they keep the current sort."""
        self.beginResetModel()
        self._sort_keys.clear()
        self._by_name = None
        self._rows = list(rows)
        if self._sort_column >= 0:
            self._rows = self._sorted()
        self._index_of = {row.id: number for number, row in enumerate(self._rows)}
        self.generation += 1
        self.endResetModel()

    def update_row(self, row: OrganizationRow) -> bool:
        """Replace the row with the same id in place; false when there is none.

        The row stays where it is until the next sort or :meth:`set_rows`.
        """
        number = self._index_of.get(row.id)
        if number is None:
            return False
        self._rows[number] = row
        for column, keys in self._sort_keys.items():
            keys[row.id] = self._sort_key(row, column)
        self._by_name = None
        self.generation += 1
        self.dataChanged.emit(
            self.index(number, 0), self.index(number, len(OrganizationColumn) - 1)
        )
        return True

    def row_for_id(self, org_id: str) -> int | None:
        """The row number of an organization in this model, or ``None``."""
        return self._index_of.get(org_id)

    def row_at(self, number: int) -> OrganizationRow:
        return self._rows[number]

    def _sorted(self) -> list[OrganizationRow]:
        """The rows in the order of the current sort column and order."""
        if self._by_name is None:
            names = self._keys(OrganizationColumn.NAME)
            self._by_name = sorted(self._rows, key=lambda row: (names[row.id], row.id))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column == OrganizationColumn.NAME:
            return self._by_name[::-1] if descending else list(self._by_name)
        keys = self._keys(self._sort_column)
        # Stable, also in reverse: equal keys stay in name order, as in Qt's sorting.
        return sorted(self._by_name, key=lambda row: keys[row.id], reverse=descending)

    def _keys(self, column: int) -> dict[str, Any]:
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = {
                row.id: self._sort_key(row, column) for row in self._rows
            }
        return keys

    def _fold(self, text: str) -> str:
        # Remembered across set_rows: a refresh mostly brings back the same texts.
        folded = self._folded.get(text)
        if folded is None:
            if len(self._folded) > 4 * len(self._rows) + 1000:
                self._folded.clear()
            folded = self._folded[text] = fold(text)
        return folded

    @staticmethod
    def _display(row: OrganizationRow, column: int) -> str | int:
        if column == OrganizationColumn.NAME:
            return row.name
        if column == OrganizationColumn.KIND:
            return kind_label(row.kind)
        if column == OrganizationColumn.CITY:
            return row.city
        if column == OrganizationColumn.COUNTRY:
            return country_name(row.country)
        if column == OrganizationColumn.SECTORS:
            return ", ".join(row.sectors)
        if column == OrganizationColumn.CONTACTS:
            return row.contact_count
        return row.meeting_count

    @staticmethod
    def _tooltip(row: OrganizationRow, column: int) -> str:
        if column == OrganizationColumn.COUNTRY and row.country:
            return f"{country_name(row.country)} ({row.country})"
        if column == OrganizationColumn.SECTORS:
            return "\n".join(row.sectors)
        if column == OrganizationColumn.CONTACTS:
            return translate("Directory", "%n contact(s)", "", row.contact_count)
        if column == OrganizationColumn.MEETINGS:
            return translate(
                "Directory",
                "%n meeting(s) in any mission, not counting cancelled ones",
                "",
                row.meeting_count,
            )
        return str(OrganizationTableModel._display(row, column))

    def _sort_key(self, row: OrganizationRow, column: int) -> Any:
        if column == OrganizationColumn.CONTACTS:
            return row.contact_count
        if column == OrganizationColumn.MEETINGS:
            return row.meeting_count
        if column == OrganizationColumn.KIND:
            return self._fold(kind_label(row.kind))
        if column == OrganizationColumn.COUNTRY:
            return self._fold(country_name(row.country))
        if column == OrganizationColumn.CITY:
            return self._fold(row.city)
        if column == OrganizationColumn.SECTORS:
            return self._fold(", ".join(row.sectors))
        return self._fold(row.name)


class _SearchIndex:
    """The rows' search texts in one string, to find a word's rows in a single scan."""

    def __init__(self, rows: Sequence[OrganizationRow]) -> None:
        self.texts = [row.search_text for row in rows]
        self.starts: list[int] = []
        position = 0
        for text in self.texts:
            self.starts.append(position)
            position += len(text) + 1
        self.starts.append(position)
        self.joined = "\0".join(self.texts)

    def rows_with(self, word: str, among: set[int] | None) -> set[int]:
        """Numbers of the rows (of ``among``, when given) whose text contains ``word``."""
        texts = self.texts
        if among is not None and len(among) < len(texts) // 8:
            return {number for number in among if word in texts[number]}
        joined, starts = self.joined, self.starts
        if joined.count(word) > len(texts) // 4:
            found = {number for number, text in enumerate(texts) if word in text}
        else:
            found = set()
            position = joined.find(word)
            while position >= 0:
                number = bisect_right(starts, position) - 1
                found.add(number)
                position = joined.find(word, starts[number + 1])
        return found if among is None else found & among


class OrganizationFilterProxy(QSortFilterProxyModel):
    """Filters the directory by words, kind and country; sorting is the source's.

    Every word of the text (folded like the rows' ``search_text``) must occur in a row's
    search text, so "medellin innovation" finds Ruta N.

    ``filterAcceptsRow`` is called for every row on every keystroke, and each call from
    Qt into Python costs about a microsecond, so which rows pass is worked out in Python
    first (one scan of all search texts per word) and ``filterAcceptsRow`` only looks
    the answer up; a keystroke that does not change which rows pass changes nothing.

    Over an :class:`OrganizationTableModel`, :meth:`sort` sorts the source model and this
    proxy keeps its order: far faster than sorting here (see the model).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._kind: str | None = None
        self._country: str | None = None
        self._organizations: OrganizationTableModel | None = None
        self._accepted: list[bool] | None = None
        self._accepted_generation = -1
        self._index: _SearchIndex | None = None
        self._index_generation = -1
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: Any) -> None:
        self._organizations = model if isinstance(model, OrganizationTableModel) else None
        self._accepted_generation = self._index_generation = -1
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._organizations is None:
            super().sort(column, order)
        else:
            self._organizations.sort(column, order)

    @property
    def text_words(self) -> tuple[str, ...]:
        return self._words

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def country(self) -> str | None:
        return self._country

    def is_filtering(self) -> bool:
        return bool(self._words) or self._kind is not None or self._country is not None

    def set_text(self, text: str) -> None:
        """Show the rows containing every word of ``text`` (ignoring case and accents)."""
        words = tuple(dict.fromkeys(fold(text.replace("\0", " ")).split()))
        if words != self._words:
            self._change_filter(words, self._kind, self._country)

    def set_kind(self, kind: str | None) -> None:
        """Show only organizations of this kind (a stored value); ``None`` for all."""
        if (kind or None) != self._kind:
            self._change_filter(self._words, kind or None, self._country)

    def set_country(self, country: str | None) -> None:
        """Show only organizations in this country (ISO code); ``None`` for all."""
        if (country or None) != self._country:
            self._change_filter(self._words, self._kind, country or None)

    def _change_filter(self, words: tuple[str, ...], kind: str | None, country: str | None) -> None:
        organizations = self._organizations
        if organizations is None:
            self.beginFilterChange()
            self._words, self._kind, self._country = words, kind, country
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            return
        before = self._current_acceptance(organizations)
        self._words, self._kind, self._country = words, kind, country
        after = self._accepted_rows(organizations.rows)
        if after == before:
            self._accepted = after
            return
        self._accepted = after
        self._accepted_generation = organizations.generation
        # One layout change rather than Qt's row-by-row update: removing thousands of
        # scattered rows one range at a time takes Qt 40-100 ms for 20,000 rows, and in
        # single-selection views it selects the next row when the selected one goes.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        organizations = self._organizations
        if organizations is None:
            return super().filterAcceptsRow(source_row, source_parent)
        # Inlined rather than a call to _current_acceptance: this runs 20,000 times.
        if self._accepted_generation != organizations.generation:
            self._current_acceptance(organizations)
        accepted = self._accepted
        return accepted is None or accepted[source_row]

    def _current_acceptance(self, organizations: OrganizationTableModel) -> list[bool] | None:
        if self._accepted_generation != organizations.generation:
            self._accepted = self._accepted_rows(organizations.rows)
            self._accepted_generation = organizations.generation
        return self._accepted

    def _accepted_rows(self, rows: Sequence[OrganizationRow]) -> list[bool] | None:
        """Whether each row passes the filter; ``None`` when there is no filter."""
        if not self.is_filtering():
            return None
        selected: set[int] | None = None
        if self._kind is not None:
            kind = self._kind
            selected = {number for number, row in enumerate(rows) if row.kind == kind}
        if self._country is not None:
            country = self._country
            selected = {
                number
                for number in (selected if selected is not None else range(len(rows)))
                if rows[number].country == country
            }
        if self._words:
            assert self._organizations is not None
            if self._index is None or self._index_generation != self._organizations.generation:
                self._index = _SearchIndex(rows)
                self._index_generation = self._organizations.generation
            # The longest word first: it usually has the fewest rows.
            for word in sorted(self._words, key=len, reverse=True):
                selected = self._index.rows_with(word, selected)
        accepted = [False] * len(rows)
        for number in selected or ():
            accepted[number] = True
        return accepted


class ContactColumn(IntEnum):
    NAME = 0
    TITLE = 1
    EMAIL = 2
    PHONE = 3


def _contact_tooltip(contact: ContactInfo) -> str | None:
    return f"{contact.name}\n{contact.notes}" if contact.notes else contact.name or None


class ContactTableModel(RowTableModel[ContactInfo]):
    """The contacts of one organization, in their order."""

    def __init__(self, parent: QObject | None = None) -> None:
        columns: list[Column[ContactInfo]] = [
            Column(
                translate("Directory", "Name"),
                lambda c: c.name,
                sort=lambda c: fold(c.name),
                tooltip=_contact_tooltip,
            ),
            Column(
                translate("Directory", "Title"),
                lambda c: c.title,
                sort=lambda c: fold(c.title),
                tooltip=lambda c: c.title or None,
            ),
            Column(
                translate("Directory", "Email"),
                lambda c: c.email,
                sort=lambda c: fold(c.email),
                tooltip=lambda c: c.email or None,
            ),
            Column(
                translate("Directory", "Phone"),
                lambda c: c.phone,
                sort=lambda c: fold(c.phone),
                tooltip=lambda c: c.phone or None,
            ),
        ]
        super().__init__(columns, key=lambda c: c.id, parent=parent)


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
