"""Problems the schedule checks find, live; double-click jumps to the records."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from missionplanner.checks import Problem, Severity, tally
from ui import labels
from ui.icons import icon
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from ui.widgets.schedule_colors import is_dark


def severity_colour(severity: str, palette: QPalette) -> QColor:
    """Red for errors, amber for warnings: deep shades on a light base, light on a dark."""
    dark = is_dark(palette)
    if severity == Severity.ERROR:
        return QColor("#ff8a80" if dark else "#c62828")
    return QColor("#ffd54f" if dark else "#8d5b00")


class _ProblemModel(RowTableModel[Problem]):
    """Rows of problems, each led by its severity's icon."""

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            problem = super().data(index, ROW_ROLE)
            if isinstance(problem, Problem):
                return icon("error" if problem.severity is Severity.ERROR else "warning")
            return None
        return super().data(index, role)


class ProblemsView(QWidget):
    # The ids a problem refers to (meetings, travel, stops, participants).
    activated = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        columns: list[Column[Problem]] = [
            Column(
                self.tr("Severity"),
                lambda p: labels.severity(p.severity),
                sort=lambda p: 0 if p.severity is Severity.ERROR else 1,
                colour=self._colour,
            ),
            Column(self.tr("Problem"), lambda p: labels.problem(p.code), colour=self._colour),
            # The core's words for now; the translation issue renders them in the UI's language.
            Column(self.tr("Details"), lambda p: str(p.message), tooltip=lambda p: str(p.message)),
        ]
        self.model: RowTableModel[Problem] = _ProblemModel(
            columns, key=lambda p: f"{p.code}:{','.join(p.refs)}", parent=self
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.summary = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Problems"))
        self.table.setSortingEnabled(True)
        # Errors first (Qt's default indicator would sort descending).
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def _colour(self, problem: Problem) -> QColor:
        return severity_colour(problem.severity, self.palette())

    def set_problems(self, problems: list[Problem]) -> None:
        self.model.set_rows(problems)
        errors, warnings = tally(problems)
        self.summary.setText(
            self.tr("No problems found.")
            if not problems
            else labels.problem_count(errors, warnings)
        )
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.table.resizeRowsToContents()

    def _activated(self, index: QModelIndex) -> None:
        problem: Problem = index.data(ROW_ROLE)
        self.activated.emit(list(problem.refs))
