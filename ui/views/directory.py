"""The organization directory: a filterable list on the left, one organization on the right."""

from __future__ import annotations

from html import escape
from itertools import pairwise

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner.domain.enums import OrganizationKind
from missionplanner.errors import MissionPlannerError, NotFoundError
from missionplanner.services.directory import (
    MeetingHistoryRow,
    OrganizationDetail,
    OrganizationRow,
    get_organization,
    list_organizations,
    organization_history,
)
from missionplanner.store.database import Database
from ui import labels
from ui.icons import icon
from ui.models.contacts import ContactColumn, ContactTableModel
from ui.models.meeting_history import HistoryColumn, MeetingHistoryModel
from ui.models.organization_filter import OrganizationFilterProxy
from ui.models.organizations import (
    OrganizationColumn,
    OrganizationTableModel,
    country_name,
    kind_label,
)
from ui.models.table import ROW_ROLE

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _table(name: str, parent: QWidget) -> QTableView:
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


class DirectoryView(QWidget):
    """Every organization, filtered by words, kind and country, with the selected one's
    details, contacts and meetings across missions.

    The view reads through the directory services (plain rows, never ORM objects); the
    main window connects the signals to the operations that change data and calls
    :meth:`refresh` after a change.
    """

    edit_requested = Signal(str)
    new_requested = Signal()
    delete_requested = Signal(str)
    meeting_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db: Database | None = None
        self._read_only = False
        self._shown_id: str | None = None
        # After a delete, the organization shown in the same place is selected next.
        self._reselect_row: int | None = None

        self.model = OrganizationTableModel(self)
        self.proxy = OrganizationFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.contacts_model = ContactTableModel(self)
        self.history_model = MeetingHistoryModel(self)

        self._build_actions()
        self._build_list()
        self._build_details()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setAccessibleName(self.tr("Organizations and details"))
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_pane)
        self.splitter.addWidget(self._details_pane)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setSizes([550, 450])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._set_tab_order()
        self._connect()
        self._show_placeholder()
        self._update_count()
        self._update_actions()

    # Building

    def _build_actions(self) -> None:
        self.find_action = QAction(self.tr("&Find organization"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        self.new_action = QAction(self.tr("&New organization…"), self)
        self.new_action.triggered.connect(self._request_new)
        self.edit_action = QAction(self.tr("&Edit organization…"), self)
        self.edit_action.triggered.connect(self._request_edit)
        self.delete_action = QAction(icon("delete"), self.tr("&Delete organization"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.triggered.connect(self._request_delete)

    def _build_list(self) -> None:
        pane = self._list_pane = QWidget(self)
        layout = QVBoxLayout(pane)

        self.search_field = QLineEdit(pane)
        self.search_field.setPlaceholderText(
            self.tr("Filter by name, city, country, kind, sector…")
        )
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setAccessibleName(self.tr("Filter organizations"))
        self.search_field.setAccessibleDescription(
            self.tr(
                "Shows the organizations whose name, city, country, kind, sectors or "
                "contacts contain every word typed. Ctrl+F comes back here."
            )
        )
        layout.addWidget(self.search_field)

        filters = QHBoxLayout()
        kind_label_widget = QLabel(self.tr("&Kind:"), pane)
        self.kind_combo = QComboBox(pane)
        self.kind_combo.setAccessibleName(self.tr("Kind of organization"))
        self.kind_combo.addItem(self.tr("All kinds"), None)
        for kind in sorted(OrganizationKind, key=lambda k: kind_label(k).casefold()):
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        kind_label_widget.setBuddy(self.kind_combo)
        country_label_widget = QLabel(self.tr("C&ountry:"), pane)
        self.country_combo = QComboBox(pane)
        self.country_combo.setAccessibleName(self.tr("Country"))
        self.country_combo.addItem(self.tr("All countries"), None)
        self.country_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.country_combo.setMinimumContentsLength(14)
        country_label_widget.setBuddy(self.country_combo)
        filters.addWidget(kind_label_widget)
        filters.addWidget(self.kind_combo)
        filters.addSpacing(12)
        filters.addWidget(country_label_widget)
        filters.addWidget(self.country_combo)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.table = _table(self.tr("Organizations"), pane)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(OrganizationColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.installEventFilter(self)
        # Delete and the context menu act on the selected organization.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        separator = QAction(self.table)
        separator.setSeparator(True)
        for action in (self.edit_action, self.new_action, separator, self.delete_action):
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        em = metrics.horizontalAdvance("M")
        widths = {
            OrganizationColumn.KIND: 12 * em,
            OrganizationColumn.CITY: 8 * em,
            OrganizationColumn.COUNTRY: 9 * em,
            OrganizationColumn.SECTORS: 10 * em,
        }
        for column in (OrganizationColumn.CONTACTS, OrganizationColumn.MEETINGS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widths[column] = metrics.horizontalAdvance(title) + 2 * em
        for column, width in widths.items():
            header.resizeSection(column, width)
        # The name takes the room left: the counts stay next to their headings.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(OrganizationColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(4 * em)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(pane)
        self.count_label.setAccessibleName(self.tr("Number of organizations shown"))
        bottom.addWidget(self.count_label, 1)
        self.new_button = QPushButton(self.tr("&New organization…"), pane)
        self.new_button.setAccessibleName(self.tr("New organization"))
        self.new_button.clicked.connect(self.new_action.trigger)
        self.edit_button = QPushButton(self.tr("&Edit…"), pane)
        self.edit_button.setAccessibleName(self.tr("Edit organization"))
        self.edit_button.setToolTip(self.tr("Edit the selected organization (Enter)"))
        self.edit_button.clicked.connect(self.edit_action.trigger)
        self.delete_button = QPushButton(self.tr("&Delete"), pane)
        self.delete_button.setAccessibleName(self.tr("Delete organization"))
        self.delete_button.setToolTip(
            self.tr(
                "Delete the selected organization and its contacts (Delete); one that "
                "took part in meetings is kept for their history"
            )
        )
        self.delete_button.clicked.connect(self.delete_action.trigger)
        bottom.addWidget(self.new_button)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        layout.addLayout(bottom)

    def _build_details(self) -> None:
        pane = self._details_pane = QStackedWidget(self)
        pane.setAccessibleName(self.tr("Organization details"))

        self.placeholder = QLabel(self.tr("Select an organization to see its details."), pane)
        self.placeholder.setAccessibleName(self.tr("No organization selected"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        pane.addWidget(self.placeholder)

        page = self._details_page = QWidget(pane)
        layout = QVBoxLayout(page)

        self.name_label = QLabel(page)
        self.name_label.setAccessibleName(self.tr("Organization name"))
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.name_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.kind_value = self._value_label(page, self.tr("Kind"))
        self.place_value = self._value_label(page, self.tr("City and country"))
        self.website_value = QLabel(page)
        self.website_value.setAccessibleName(self.tr("Website"))
        self.website_value.setTextFormat(Qt.TextFormat.RichText)
        self.website_value.setOpenExternalLinks(True)
        self.website_value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.sectors_value = self._value_label(page, self.tr("Sectors"))
        form.addRow(self.tr("Kind:"), self.kind_value)
        form.addRow(self.tr("Place:"), self.place_value)
        form.addRow(self.tr("Website:"), self.website_value)
        form.addRow(self.tr("Sectors:"), self.sectors_value)
        layout.addLayout(form)

        self.profile_view = QPlainTextEdit(page)
        self.profile_view.setAccessibleName(self.tr("Profile"))
        self.profile_view.setReadOnly(True)
        self.profile_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.profile_view.setTabChangesFocus(True)
        self.profile_view.setPlaceholderText(self.tr("No profile yet."))
        self.profile_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.profile_view.setFixedHeight(self.profile_view.fontMetrics().lineSpacing() * 7 + 12)
        layout.addWidget(self._section_title(self.tr("Profile"), page))
        layout.addWidget(self.profile_view)

        self.contacts_title = self._section_title(self.tr("Contacts"), page)
        self.contacts_table = _table(self.tr("Contacts"), page)
        self.contacts_table.setModel(self.contacts_model)
        self.contacts_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # A few rows each: fitting columns to their contents costs nothing here.
        contact_header = self.contacts_table.horizontalHeader()
        contact_header.setStretchLastSection(False)
        contact_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (ContactColumn.TITLE, ContactColumn.EMAIL):
            contact_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.contacts_title)
        layout.addWidget(self.contacts_table)

        self.history_title = self._section_title(self.tr("Meetings"), page)
        self.history_table = _table(self.tr("Meeting history"), page)
        self.history_table.setModel(self.history_model)
        self.history_table.installEventFilter(self)
        self.history_table.setToolTip(self.tr("Double-click a meeting to open it in its mission"))
        history_header = self.history_table.horizontalHeader()
        history_header.setStretchLastSection(False)
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for history_column in (HistoryColumn.MISSION, HistoryColumn.MEETING):
            history_header.setSectionResizeMode(history_column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history_table, 1)
        # Takes the room of the history table while it is hidden (no meetings yet).
        layout.addStretch(0)

        pane.addWidget(page)

    @staticmethod
    def _value_label(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setAccessibleName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _section_title(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setAccessibleName(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.search_field,
            self.kind_combo,
            self.country_combo,
            self.table,
            self.website_value,
            self.profile_view,
            self.contacts_table,
            self.history_table,
            self.new_button,
            self.edit_button,
            self.delete_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self.proxy.set_text)
        self.search_field.returnPressed.connect(self._go_to_results)
        # Bound methods rather than lambdas: Qt drops those connections with the view,
        # and no reference cycle through a closure is left for the garbage collector.
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.country_combo.currentIndexChanged.connect(self._country_chosen)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
            # A selection hidden by a filter goes without a selectionChanged signal.
            signal.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._request_edit)
        self.history_table.doubleClicked.connect(self._history_activated)

    # Public interface

    def refresh(self, db: Database) -> None:
        """(Re)load every organization from ``db``, keeping the filters and selection.

        Errors of the database (:class:`MissionPlannerError`) reach the caller.
        """
        self._db = db
        selected = self.selected_organization_id()
        rows = list_organizations(db)
        self.model.set_rows(rows)
        self._fill_countries(rows)
        reselect, self._reselect_row = self._reselect_row, None
        if selected is None or not self.select_organization(selected, clear_filters=False):
            if reselect is not None and self.proxy.rowCount():
                self.table.selectRow(min(reselect, self.proxy.rowCount() - 1))
            else:
                self._show_placeholder()
        self._update_count()

    def select_organization(self, org_id: str, *, clear_filters: bool = True) -> bool:
        """Select and show an organization; false when it is not in the directory.

        One hidden by the filters is shown by clearing them (unless ``clear_filters`` is
        false, then nothing is selected).
        """
        source_row = self.model.row_for_id(org_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            if not clear_filters:
                return False
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def selected_organization_id(self) -> str | None:
        row = self._selected_row()
        return row.id if row is not None else None

    def set_read_only(self, read_only: bool) -> None:
        """Disable creating and editing organizations (a database opened read-only)."""
        self._read_only = read_only
        self._update_actions()

    def is_read_only(self) -> bool:
        return self._read_only

    def clear_filters(self) -> None:
        self.search_field.clear()
        self.kind_combo.setCurrentIndex(0)
        self.country_combo.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    # Behaviour

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and event.modifiers()
            in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        ):
            if watched is self.table:
                self._request_edit()
                return True
            if watched is self.history_table:
                self._history_activated(self.history_table.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _selected_row(self) -> OrganizationRow | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, OrganizationRow) else None

    def _selection_changed(self, *_args: object) -> None:
        row = self._selected_row()
        if row is None:
            self._show_placeholder()
        elif (
            row.id != self._shown_id or self._details_pane.currentWidget() is not self._details_page
        ):
            self._show_organization(row.id)
        self._update_actions()

    def _show_organization(self, org_id: str) -> None:
        if self._db is None:
            return
        try:
            detail = get_organization(self._db, org_id)
            history = organization_history(self._db, org_id)
        except NotFoundError:
            self._show_placeholder(
                self.tr("This organization is no longer in the database. Reload the directory.")
            )
            return
        except MissionPlannerError as error:
            self._show_placeholder(str(error))
            return
        self._fill_details(detail, history)

    def _fill_details(self, detail: OrganizationDetail, history: list[MeetingHistoryRow]) -> None:
        self._shown_id = detail.id
        self.name_label.setText(detail.name)
        self.kind_value.setText(kind_label(detail.kind) if detail.kind else "—")
        place = ", ".join(
            part
            for part in (detail.city, country_name(detail.country) if detail.country else "")
            if part
        )
        self.place_value.setText(place or "—")
        self.website_value.setText(_link(detail.website) or "—")
        self.website_value.setToolTip(detail.website)
        self.sectors_value.setText(", ".join(detail.sectors) or "—")
        self.profile_view.setPlainText(detail.profile)
        self.contacts_model.set_rows(detail.contacts)
        self._fit_height(self.contacts_table, len(detail.contacts), most=6)
        self.contacts_title.setText(self.tr("Contacts (%n)", "", len(detail.contacts)))
        self.history_model.set_rows(history)
        self.history_table.setVisible(bool(history))
        missions = len({row.mission_id for row in history})
        if history:
            self.history_title.setText(
                self.tr("Meetings in all missions (%n)", "", len(history))
                + " · "
                + labels.mission_count(missions)
            )
        else:
            self.history_title.setText(self.tr("Meetings in all missions: none yet"))
        self._details_pane.setCurrentWidget(self._details_page)

    @staticmethod
    def _fit_height(table: QTableView, rows: int, most: int) -> None:
        """Make a short table just tall enough for its rows (at least one, at most ``most``)."""
        shown = min(max(rows, 1), most)
        height = (
            table.horizontalHeader().sizeHint().height()
            + shown * table.verticalHeader().defaultSectionSize()
            + 2 * table.frameWidth()
        )
        table.setFixedHeight(height)

    def _show_placeholder(self, message: str | None = None) -> None:
        self._shown_id = None
        self.placeholder.setText(message or self.tr("Select an organization to see its details."))
        self.contacts_model.set_rows([])
        self.history_model.set_rows([])
        self._details_pane.setCurrentWidget(self.placeholder)

    def _fill_countries(self, rows: list[OrganizationRow]) -> None:
        current = self.country_combo.currentData()
        codes = sorted(
            {row.country for row in rows if row.country}, key=lambda c: country_name(c).casefold()
        )
        self.country_combo.blockSignals(True)
        try:
            self.country_combo.clear()
            self.country_combo.addItem(self.tr("All countries"), None)
            for code in codes:
                self.country_combo.addItem(country_name(code), code)
            position = self.country_combo.findData(current) if current else 0
            self.country_combo.setCurrentIndex(max(position, 0))
        finally:
            self.country_combo.blockSignals(False)
        self.proxy.set_country(self.country_combo.currentData())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        locale = QLocale()
        if total == 1:
            text = self.tr("{shown} of 1 organization")
        else:
            text = self.tr("{shown} of {total} organizations")
        self.count_label.setText(
            text.format(shown=locale.toString(shown), total=locale.toString(total))
        )

    def _update_actions(self) -> None:
        writable = not self._read_only
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and self._selected_row() is not None)
        self.delete_action.setEnabled(self.edit_action.isEnabled())
        self.new_button.setEnabled(self.new_action.isEnabled())
        self.edit_button.setEnabled(self.edit_action.isEnabled())
        self.delete_button.setEnabled(self.delete_action.isEnabled())

    def _request_new(self) -> None:
        if not self._read_only:
            self.new_requested.emit()

    def _kind_chosen(self, _position: int) -> None:
        self.proxy.set_kind(self.kind_combo.currentData())

    def _country_chosen(self, _position: int) -> None:
        self.proxy.set_country(self.country_combo.currentData())

    def _request_edit(self, *_args: object) -> None:
        row = self._selected_row()
        if row is not None and not self._read_only:
            self.edit_requested.emit(row.id)

    def _request_delete(self) -> None:
        row = self._selected_row()
        if row is not None and not self._read_only:
            self._reselect_row = self.table.currentIndex().row()
            self.delete_requested.emit(row.id)

    def _history_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, MeetingHistoryRow):
            self.meeting_activated.emit(row.mission_id, row.meeting_id)

    def _go_to_results(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if self._selected_row() is None:
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


def _link(url: str) -> str:
    """A clickable link to a website; only web addresses become links."""
    url = url.strip()
    if not url:
        return ""
    target = url if "://" in url else f"https://{url}"
    if not target.lower().startswith(("http://", "https://")):
        return escape(url)
    shown = url.removeprefix("https://").removeprefix("http://").rstrip("/")
    return f'<a href="{escape(target, quote=True)}">{escape(shown)}</a>'
