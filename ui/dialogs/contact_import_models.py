"""The tables of the contact import wizard: the file's first rows, the records the plan
adds or updates, its rejected rows and its possible duplicates (with a check box each).

The words of the plan come from the core as messages and are rendered here with
:mod:`missionplanner.wording`; the wizard's own words go through ``translate``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

from missionplanner import wording
from missionplanner.io.sheets import Sheet, SheetRow
from missionplanner.services.contact_import import (
    FIELDS,
    ImportPlan,
    NearDuplicate,
    RejectedRow,
    changed_fields,
    field_label,
)
from ui.models.table import Column, RowTableModel

PREVIEW_ROWS = 50
Index = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate


@cache
def field_labels() -> dict[str, str]:
    """The fields a column can hold, named for people, in the order offered."""
    labels = {
        "organization": translate("ContactImport", "Organization"),
        "kind": translate("ContactImport", "Kind of organization"),
        "city": translate("ContactImport", "City"),
        "country": translate("ContactImport", "Country"),
        "website": translate("ContactImport", "Website"),
        "sectors": translate("ContactImport", "Sectors"),
        "profile": translate("ContactImport", "Profile"),
        "name": translate("ContactImport", "Contact name"),
        "first_name": translate("ContactImport", "Contact first name"),
        "last_name": translate("ContactImport", "Contact last name"),
        "title": translate("ContactImport", "Contact title"),
        "email": translate("ContactImport", "Contact e-mail"),
        "phone": translate("ContactImport", "Contact phone"),
        "notes": translate("ContactImport", "Notes"),
    }
    # A field the core gains later is still offered, under the core's name for it.
    return {name: labels.get(name) or wording.render(field_label(name)) for name in FIELDS}


def one_line(text: str) -> str:
    return " ⏎ ".join(text.splitlines())


# --- models -----------------------------------------------------------------------------


def _cell_shown(column: int) -> Callable[[SheetRow], str]:
    def shown(row: SheetRow) -> str:
        return one_line(row.cell(column))

    return shown


def _cell_text(column: int) -> Callable[[SheetRow], str]:
    def text(row: SheetRow) -> str:
        return row.cell(column)

    return text


def preview_model(sheet: Sheet, parent: QObject) -> RowTableModel[SheetRow]:
    """The first rows of the sheet, with their line numbers, as the file has them."""
    columns: list[Column[SheetRow]] = [
        Column(
            translate("ContactImport", "Line"),
            lambda row: str(row.line),
            sort=lambda row: row.line,
            numeric=True,
        )
    ]
    for number, header in enumerate(sheet.headers):
        columns.append(Column(header, _cell_shown(number), tooltip=_cell_text(number)))
    model: RowTableModel[SheetRow] = RowTableModel(columns, lambda row: str(row.line), parent)
    model.set_rows(sheet.rows[:PREVIEW_ROWS])
    return model


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One line of the review: a record the import adds or updates."""

    action: str
    record: str
    name: str
    where: str
    changes: str
    lines: tuple[int, ...]


def change_rows(plan: ImportPlan) -> list[ChangeRow]:
    rows = [
        ChangeRow(o.action, "organization", o.name, o.place, _changed(o.changes), o.lines)
        for o in plan.organizations
        if o.action != "unchanged"
    ]
    rows += [
        ChangeRow(c.action, "contact", c.name, c.organization, _changed(c.changes), c.lines)
        for c in plan.contacts
        if c.action != "unchanged"
    ]
    return rows


def _changed(fields: tuple[str, ...]) -> str:
    return wording.show(changed_fields(fields), "commas")


def why_rejected(row: RejectedRow) -> str:
    """A rejected row's problems, in words."""
    return wording.show(list(row.problems), "semicolons")


def _lines(lines: tuple[int, ...]) -> str:
    return ", ".join(str(line) for line in lines)


def changes_model(parent: QObject) -> RowTableModel[ChangeRow]:
    actions = {
        "add": translate("ContactImport", "Add"),
        "update": translate("ContactImport", "Update"),
    }
    records = {
        "organization": translate("ContactImport", "Organization"),
        "contact": translate("ContactImport", "Contact"),
    }
    return RowTableModel(
        [
            Column(
                translate("ContactImport", "Action"),
                lambda row: actions.get(row.action, row.action),
            ),
            Column(
                translate("ContactImport", "Record"),
                lambda row: records.get(row.record, row.record),
            ),
            Column(translate("ContactImport", "Name"), lambda row: row.name),
            Column(translate("ContactImport", "Place or organization"), lambda row: row.where),
            Column(translate("ContactImport", "Changes"), lambda row: row.changes),
            Column(
                translate("ContactImport", "Lines"),
                lambda row: _lines(row.lines),
                sort=lambda row: row.lines,
            ),
        ],
        lambda row: f"{row.record}\n{row.name}\n{row.where}\n{row.lines}",
        parent,
    )


def rejected_model(parent: QObject) -> RowTableModel[RejectedRow]:
    return RowTableModel(
        [
            Column(
                translate("ContactImport", "Line"),
                lambda row: str(row.line),
                sort=lambda row: row.line,
                numeric=True,
            ),
            Column(
                translate("ContactImport", "Why it is rejected"),
                why_rejected,
                tooltip=why_rejected,
            ),
        ],
        lambda row: str(row.line),
        parent,
    )


class NearDuplicateModel(RowTableModel[NearDuplicate]):
    """Possible duplicates; the first column's check box says "the same organization"."""

    # The new organization's ref, the candidate's ref, and whether they are the same.
    decided = Signal(str, str, bool)

    def __init__(self, parent: QObject) -> None:
        super().__init__(
            [
                Column(translate("ContactImport", "Same organization"), lambda row: ""),
                Column(
                    translate("ContactImport", "Line"),
                    lambda row: str(row.line),
                    sort=lambda r: r.line,
                    numeric=True,
                ),
                Column(
                    translate("ContactImport", "In the file"),
                    lambda row: _place(row.name, row.city),
                ),
                Column(
                    translate("ContactImport", "Looks like"),
                    lambda row: _place(row.candidate_name, row.candidate_place),
                ),
                Column(
                    translate("ContactImport", "Known from"),
                    lambda row: (
                        translate("ContactImport", "the directory")
                        if row.in_directory
                        else translate("ContactImport", "this file")
                    ),
                ),
                Column(
                    translate("ContactImport", "Similarity"),
                    lambda row: f"{round(row.similarity * 100)} %",
                    sort=lambda row: row.similarity,
                    numeric=True,
                ),
            ],
            lambda row: f"{row.ref}\n{row.candidate_ref}",
            parent,
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and index.isValid()
            and index.column() == 0
            and 0 <= index.row() < self.rowCount()
        ):
            same = self.rows()[index.row()].same
            return Qt.CheckState.Checked if same else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if value is not None else False
        rows = self.rows()
        chosen = rows[index.row()]
        # One new organization is the same as one other at most: untick its other rows.
        for number, row in enumerate(rows):
            same = checked if number == index.row() else (row.same and row.ref != chosen.ref)
            if same != row.same:
                rows[number] = replace(row, same=same)
        self.set_rows(rows)
        self.decided.emit(chosen.ref, chosen.candidate_ref, checked)
        return True


def _place(name: str, where: str) -> str:
    return f"{name} ({where})" if where else name


def table_view(accessible: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table
