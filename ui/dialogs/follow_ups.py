"""The follow-ups of a meeting as an editable table: action, owner, due date, done."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.forms import FollowUpForm

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FollowUpsEditor(QWidget):
    def __init__(self, follow_ups: list[FollowUpForm]) -> None:
        super().__init__()
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Owner"), self.tr("Due"), self.tr("Done")]
        )
        for follow_up in follow_ups:
            self.append(follow_up)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Follow-ups"))
        self.table.setToolTip(self.tr("Due dates are written as YYYY-MM-DD"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 100)
        self.table.setColumnWidth(3, 50)
        self.table.verticalHeader().hide()
        # Tab leaves the table for the buttons; arrow keys and Enter move between cells.
        self.table.setTabKeyNavigation(False)
        add = QPushButton(self.tr("Add follow-up"))
        add.clicked.connect(self._add)
        remove = QPushButton(self.tr("Remove follow-up"))
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def append(self, follow_up: FollowUpForm) -> None:
        action = QStandardItem(follow_up.action)
        action.setData(follow_up.id, ID_ROLE)
        done = QStandardItem()
        done.setCheckable(True)
        done.setEditable(False)
        done.setCheckState(Qt.CheckState.Checked if follow_up.done else Qt.CheckState.Unchecked)
        due = follow_up.due.isoformat() if follow_up.due else ""
        self.model.appendRow([action, QStandardItem(follow_up.owner), QStandardItem(due), done])

    def _add(self) -> None:
        self.append(FollowUpForm(None, ""))
        self.table.edit(self.model.index(self.model.rowCount() - 1, 0))

    def _remove(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.model.removeRow(row)

    def follow_ups(self) -> tuple[list[FollowUpForm], dict[str, str]]:
        """The follow-ups as typed, and a message for each due date that is not a date."""
        forms: list[FollowUpForm] = []
        errors: dict[str, str] = {}
        for row in range(self.model.rowCount()):
            text = self.model.item(row, 2).text().strip()
            due = None
            if text:
                try:
                    if not _DATE.fullmatch(text):
                        raise ValueError(text)
                    due = date.fromisoformat(text)
                except ValueError:
                    errors[f"follow_ups[{row}].due"] = self.tr(
                        "row {n}: “{text}” is not a date written as YYYY-MM-DD"
                    ).format(n=row + 1, text=text)
            forms.append(
                FollowUpForm(
                    id=self.model.item(row, 0).data(ID_ROLE) or None,
                    action=self.model.item(row, 0).text(),
                    owner=self.model.item(row, 1).text(),
                    due=due,
                    done=self.model.item(row, 3).checkState() == Qt.CheckState.Checked,
                )
            )
        return forms, errors
