"""The directory's table of organizations, one row each, sorting itself.

The models of the directory hold plain rows from :mod:`missionplanner.services.directory`
and never touch the database; ``ROW_ROLE`` (:mod:`ui.models.table`) gives a row's object,
``SORT_ROLE`` its sort key in a column. Its filter is in
:mod:`ui.models.organization_filter`, the contacts and meeting history of one
organization in :mod:`ui.models.contacts` and :mod:`ui.models.meeting_history`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from missionplanner.domain.places import countries, fold
from missionplanner.services.directory import OrganizationRow
from ui import labels
from ui.models.table import ROW_ROLE, SORT_ROLE

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
            return labels.contacts(row.contact_count)
        if column == OrganizationColumn.MEETINGS:
            return translate(
                "Directory", "{meetings} in any mission, not counting cancelled ones"
            ).format(meetings=labels.meetings(row.meeting_count))
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
