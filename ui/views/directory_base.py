"""What the parts of the directory view share: its signals, models and database.

The view is one widget split by job: the list of organizations with its search and
filters (``ui.views.directory_list``), the selected organization's details
(``ui.views.directory_details``) and its meetings across missions
(``ui.views.directory_history``); the view itself (``ui.views.directory``) puts them
side by side and keeps them in step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from missionplanner.store.database import Database
from ui.models.contacts import ContactTableModel
from ui.models.meeting_history import MeetingHistoryModel
from ui.models.organization_filter import OrganizationFilterProxy
from ui.models.organizations import OrganizationTableModel


def directory_table(name: str, parent: QWidget) -> QTableView:
    """A read-only table of whole rows with alternating colours from the palette."""
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setTabKeyNavigation(False)
    vertical = table.verticalHeader()
    vertical.hide()
    # Fixed heights: with 20,000 rows the header never measures rows one by one.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
    horizontal = table.horizontalHeader()
    horizontal.setStretchLastSection(True)
    horizontal.setHighlightSections(False)
    horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class DirectoryBase(QWidget):
    """The signals and state every part of the directory view uses."""

    edit_requested = Signal(str)
    new_requested = Signal()
    delete_requested = Signal(str)
    meeting_activated = Signal(str, str)

    _db: Database | None
    _read_only: bool
    _shown_id: str | None
    _reselect_row: int | None
    model: OrganizationTableModel
    proxy: OrganizationFilterProxy
    contacts_model: ContactTableModel
    history_model: MeetingHistoryModel

    @staticmethod
    def _section_title(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setAccessibleName(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label
