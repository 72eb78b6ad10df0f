"""The organization directory: its item models and the view, driven as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from missionplanner.domain.places import fold
from missionplanner.services.directory import (
    get_organization,
    list_organizations,
    organization_history,
)
from missionplanner.store.database import Database
from tests.ui.conftest import Settle
from ui.models.contacts import ContactTableModel
from ui.models.meeting_history import MeetingHistoryModel
from ui.models.organization_filter import OrganizationFilterProxy
from ui.models.organizations import OrganizationColumn, OrganizationTableModel
from ui.models.table import ROW_ROLE, SORT_ROLE
from ui.views.directory import DirectoryView

MEDELLIN = {"org-ruta-n", "org-aci-medellin"}


@pytest.fixture
def view(qtbot: QtBot, demo_db: Database) -> DirectoryView:
    widget = DirectoryView()
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    widget.refresh(demo_db)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_ids(view: DirectoryView) -> set[str]:
    proxy = view.proxy
    return {proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())}


def row_rect_center(view: DirectoryView, org_id: str) -> QPoint:
    source_row = view.model.row_for_id(org_id)
    assert source_row is not None
    index = view.proxy.mapFromSource(view.model.index(source_row, 0))
    view.table.scrollTo(index)
    return view.table.visualRect(index).center()


# Item models


def test_item_models_pass_the_model_tester(qtmodeltester, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    model = OrganizationTableModel()
    qtmodeltester.check(model)
    model.set_rows(list_organizations(demo_db))
    qtmodeltester.check(model)

    proxy = OrganizationFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("medellin")
    qtmodeltester.check(proxy)
    proxy.set_text("")
    proxy.set_kind("accelerator")
    proxy.sort(OrganizationColumn.MEETINGS, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)

    contacts = ContactTableModel()
    contacts.set_rows(get_organization(demo_db, "org-ruta-n").contacts)
    qtmodeltester.check(contacts)

    history = MeetingHistoryModel()
    qtmodeltester.check(history)
    history.set_rows(organization_history(demo_db, "org-ruta-n"))
    qtmodeltester.check(history)


def test_model_gives_rows_sort_keys_and_headers(demo_db: Database) -> None:
    model = OrganizationTableModel()
    model.set_rows(list_organizations(demo_db))
    assert model.rowCount() == 37
    assert model.columnCount() == len(OrganizationColumn)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Name",
        "Kind",
        "City",
        "Country",
        "Sectors",
        "Contacts",
        "Meetings",
    ]

    row = model.row_for_id("org-ruta-n")
    assert row is not None
    assert model.row_for_id("no-such-org") is None
    name = model.index(row, OrganizationColumn.NAME)
    assert name.data() == "Ruta N"
    assert name.data(ROW_ROLE).id == "org-ruta-n"
    assert name.data(SORT_ROLE) == "ruta n"
    assert model.index(row, OrganizationColumn.KIND).data() == "Innovation centre"
    assert model.index(row, OrganizationColumn.COUNTRY).data() == "Colombia"
    assert model.index(row, OrganizationColumn.COUNTRY).data(Qt.ItemDataRole.ToolTipRole) == (
        "Colombia (CO)"
    )
    assert model.index(row, OrganizationColumn.MEETINGS).data(SORT_ROLE) == 7
    assert model.index(row, OrganizationColumn.CONTACTS).data() == 3


def test_sorting_by_a_column_keeps_names_in_order_among_equals(demo_db: Database) -> None:
    model = OrganizationTableModel()
    model.set_rows(list_organizations(demo_db))
    proxy = OrganizationFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(OrganizationColumn.MEETINGS, Qt.SortOrder.DescendingOrder)
    rows = [proxy.index(r, 0).data(ROW_ROLE) for r in range(proxy.rowCount())]
    assert rows[0].id == "org-procolombia"  # 11 meetings
    counts = [row.meeting_count for row in rows]
    assert counts == sorted(counts, reverse=True)
    ones = [row.name.casefold() for row in rows if row.meeting_count == 1]
    assert ones == sorted(ones)
    # A reload keeps the sort.
    model.set_rows(list_organizations(demo_db))
    assert proxy.index(0, 0).data(ROW_ROLE).id == "org-procolombia"
    proxy.sort(OrganizationColumn.NAME, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data() == "ACI Medellín"


def test_filter_words_kind_and_country(demo_db: Database) -> None:
    model = OrganizationTableModel()
    model.set_rows(list_organizations(demo_db))
    proxy = OrganizationFilterProxy()
    proxy.setSourceModel(model)

    def ids() -> set[str]:
        return {proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())}

    proxy.set_text("MEDELLÍN")
    assert ids() == MEDELLIN
    proxy.set_text("medellin innovation")
    assert ids() == {"org-ruta-n"}
    proxy.set_text("innovation   medellin ")
    assert ids() == {"org-ruta-n"}
    proxy.set_text("alejandro")  # a contact's name
    assert ids() == {"org-ruta-n"}
    proxy.set_text("start-up")
    assert "org-startup-chile" in ids()
    proxy.set_text("no such thing anywhere")
    assert ids() == set()
    proxy.set_text("")
    assert proxy.rowCount() == 37

    proxy.set_kind("accelerator")
    assert {proxy.index(r, 1).data() for r in range(proxy.rowCount())} == {"Accelerator"}
    proxy.set_country("CL")
    assert ids() == {"org-startup-chile"}
    proxy.set_kind(None)
    assert ids() == {"org-startup-chile", "org-amcham-chile", "org-centro-innovacion-uc"}
    proxy.set_country(None)
    assert proxy.rowCount() == 37 and not proxy.is_filtering()


def test_the_filter_survives_sorting(qtmodeltester, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    model = OrganizationTableModel()
    model.set_rows(list_organizations(demo_db))
    proxy = OrganizationFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("medellin")
    for column in OrganizationColumn:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            shown = {proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())}
            assert shown == MEDELLIN, (column, order)
    qtmodeltester.check(proxy)


def test_the_filter_follows_new_rows(demo_db: Database) -> None:
    model = OrganizationTableModel()
    proxy = OrganizationFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("medellin")
    assert proxy.rowCount() == 0
    model.set_rows(list_organizations(demo_db))
    assert proxy.rowCount() == 2
    rows = list_organizations(demo_db)
    model.set_rows([row for row in rows if row.id != "org-aci-medellin"])
    assert proxy.rowCount() == 1


def test_history_model_shows_local_times_and_zones(demo_db: Database) -> None:
    model = MeetingHistoryModel()
    model.set_rows(organization_history(demo_db, "org-ruta-n"))
    assert model.rowCount() == 7
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Date", "Time", "Mission", "Meeting", "City", "Status"]
    # Newest first: the China mission, 27 September 2027, 17:30 in Beijing.
    assert "2027" in model.index(0, 0).data()
    assert model.index(0, 1).data().startswith("17:30–18:30")
    assert "Asia/Shanghai" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 4).data() == "Beijing"
    assert model.index(0, 5).data() == "Confirmed"
    # Sorting by date orders by the instant, across zones: newest last when ascending.
    instants = [model.index(r, 0).data(SORT_ROLE) for r in range(model.rowCount())]
    assert instants == sorted(instants, reverse=True)
    assert model.index(0, 0).data(ROW_ROLE).meeting_id == model.rows()[0].meeting_id


def test_history_strikes_out_cancelled_meetings(demo_db: Database) -> None:
    model = MeetingHistoryModel()
    rows = [row for org in list_organizations(demo_db) for row in organization_history(
        demo_db, org.id)]  # fmt: skip
    model.set_rows(rows)
    cancelled = [r for r, row in enumerate(rows) if row.status == "cancelled"]
    held = [r for r, row in enumerate(rows) if row.status != "cancelled"]
    assert cancelled and held
    for column in range(model.columnCount()):
        assert model.index(cancelled[0], column).data(Qt.ItemDataRole.FontRole).strikeOut()
        assert model.index(held[0], column).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(cancelled[0], 5).data() == "Cancelled"


def test_contacts_model_shows_notes_and_sorts_without_accents(demo_db: Database) -> None:
    model = ContactTableModel()
    contacts = get_organization(demo_db, "org-ruta-n").contacts
    model.set_rows(contacts)
    assert model.rowCount() == len(contacts) == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Name",
        "Title",
        "Email",
        "Phone",
    ]
    with_notes = next(r for r, c in enumerate(contacts) if c.notes)
    tooltip = model.index(with_notes, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"{contacts[with_notes].name}\n{contacts[with_notes].notes}"
    assert model.index(0, 0).data(ROW_ROLE) == contacts[0]
    assert model.index(0, 0).data(SORT_ROLE) == fold(contacts[0].name)
    model.set_rows([])
    assert model.rowCount() == 0


# The view


def test_starts_with_every_organization(view: DirectoryView) -> None:
    assert view.proxy.rowCount() == 37
    assert view.count_label.text() == "37 of 37 organizations"
    assert view.search_field.placeholderText().startswith("Filter by name")
    assert view.search_field.isClearButtonEnabled()
    assert view.table.isSortingEnabled()
    assert view.table.alternatingRowColors()
    assert view.table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert view.proxy.index(0, 0).data() == "ACI Medellín"  # sorted by name
    assert not view.edit_button.isEnabled()  # nothing selected yet
    assert view.new_button.isEnabled()


def test_typing_filters_and_clearing_restores(qtbot: QtBot, view: DirectoryView) -> None:
    qtbot.keyClicks(view.search_field, "medellin")
    assert shown_ids(view) == MEDELLIN
    assert view.count_label.text() == "2 of 37 organizations"

    view.kind_combo.setCurrentIndex(view.kind_combo.findData("investment agency"))
    assert shown_ids(view) == {"org-aci-medellin"}
    assert view.count_label.text() == "1 of 37 organizations"

    view.kind_combo.setCurrentIndex(0)
    view.search_field.clear()
    assert view.proxy.rowCount() == 37
    assert view.count_label.text() == "37 of 37 organizations"


def test_country_filter_lists_the_countries_present(qtbot: QtBot, view: DirectoryView) -> None:
    combo = view.country_combo
    codes = {combo.itemData(i) for i in range(1, combo.count())}
    assert codes == {"AR", "CL", "CN", "CO", "US", "UY"}
    combo.setCurrentIndex(combo.findData("CO"))
    assert shown_ids(view) >= MEDELLIN
    assert all(
        view.proxy.index(r, OrganizationColumn.COUNTRY).data() == "Colombia"
        for r in range(view.proxy.rowCount())
    )


def test_ctrl_f_focuses_the_search_field(qtbot: QtBot, view: DirectoryView, settle: Settle) -> None:
    assert view.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    view.table.setFocus()
    view.find_action.trigger()
    settle()
    qtbot.waitUntil(view.search_field.hasFocus)


def test_selecting_ruta_n_shows_its_details(
    qtbot: QtBot, view: DirectoryView, settle: Settle
) -> None:
    qtbot.keyClicks(view.search_field, "medellin")
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect_center(view, "org-ruta-n")
    )
    settle()
    assert view.selected_organization_id() == "org-ruta-n"
    assert view.name_label.text() == "Ruta N"
    assert view.kind_value.text() == "Innovation centre"
    assert view.place_value.text() == "Medellín, Colombia"
    assert 'href="https://www.rutanmedellin.org"' in view.website_value.text()
    assert "soft landing" in view.sectors_value.text()
    assert "Medellín City Hall" in view.profile_view.toPlainText()
    assert view.profile_view.isReadOnly()

    contacts = [view.contacts_model.index(r, 0).data() for r in range(3)]
    assert "Alejandro Franco" in contacts
    history = view.history_model.rows()
    assert len(history) == 7
    assert len({row.mission_id for row in history}) > 1
    assert view.edit_button.isEnabled()


def test_double_click_and_enter_ask_to_edit(
    qtbot: QtBot, view: DirectoryView, settle: Settle
) -> None:
    point = row_rect_center(view, "org-ruta-n")
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle()
    with qtbot.waitSignal(view.edit_requested, timeout=1000) as blocker:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == ["org-ruta-n"]

    with qtbot.waitSignal(view.edit_requested, timeout=1000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["org-ruta-n"]

    with qtbot.waitSignal(view.edit_requested, timeout=1000) as blocker:
        qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["org-ruta-n"]

    with qtbot.waitSignal(view.new_requested, timeout=1000):
        qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)


def test_double_click_on_history_opens_the_meeting(
    qtbot: QtBot, view: DirectoryView, settle: Settle
) -> None:
    assert view.select_organization("org-ruta-n")
    table = view.history_table
    first = view.history_model.index(0, 0)
    newest = view.history_model.rows()[0]
    point = table.visualRect(first).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    settle()
    with qtbot.waitSignal(view.meeting_activated, timeout=1000) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [newest.mission_id, newest.meeting_id]


def test_read_only_disables_new_and_edit(qtbot: QtBot, view: DirectoryView, settle: Settle) -> None:
    view.select_organization("org-ruta-n")
    view.set_read_only(True)
    assert not view.new_button.isEnabled() and not view.edit_button.isEnabled()
    assert not view.new_action.isEnabled() and not view.edit_action.isEnabled()
    with qtbot.assertNotEmitted(view.edit_requested):
        qtbot.mouseDClick(
            view.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=row_rect_center(view, "org-ruta-n"),
        )
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
        settle()
    # Reading goes on: the details are still there.
    assert view.name_label.text() == "Ruta N"
    view.set_read_only(False)
    assert view.new_button.isEnabled() and view.edit_button.isEnabled()


def test_refresh_keeps_filter_and_selection(
    qtbot: QtBot, view: DirectoryView, demo_db: Database
) -> None:
    qtbot.keyClicks(view.search_field, "medellin")
    assert view.select_organization("org-ruta-n")
    view.refresh(demo_db)
    assert view.search_field.text() == "medellin"
    assert shown_ids(view) == MEDELLIN
    assert view.selected_organization_id() == "org-ruta-n"
    assert view.name_label.text() == "Ruta N"
    # Sorting by a heading keeps the selection and the filter too.
    view.table.sortByColumn(OrganizationColumn.MEETINGS, Qt.SortOrder.DescendingOrder)
    assert view.selected_organization_id() == "org-ruta-n"
    assert shown_ids(view) == MEDELLIN
    assert view.proxy.index(0, 0).data() == "Ruta N"  # 7 meetings before ACI's 4


def test_selecting_a_filtered_out_organization_clears_the_filter(
    qtbot: QtBot, view: DirectoryView
) -> None:
    qtbot.keyClicks(view.search_field, "atlanta")
    assert "org-ruta-n" not in shown_ids(view)
    assert view.select_organization("org-ruta-n")
    assert view.search_field.text() == ""
    assert view.selected_organization_id() == "org-ruta-n"
    assert not view.select_organization("no-such-org")


def test_filtering_out_the_selection_empties_the_details(qtbot: QtBot, view: DirectoryView) -> None:
    view.select_organization("org-ruta-n")
    assert view.name_label.isVisibleTo(view)
    qtbot.keyClicks(view.search_field, "atlanta")
    assert view.selected_organization_id() is None
    assert view.placeholder.isVisibleTo(view)
    assert not view.edit_button.isEnabled()


def test_every_control_has_an_accessible_name_and_sensible_tab_order(
    view: DirectoryView,
) -> None:
    view.select_organization("org-ruta-n")
    for widget in view.findChildren(QWidget):
        if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and widget.isVisibleTo(view):
            if widget.parent() is not None and type(widget.parent()).__name__ in (
                "QTableView",
                "QAbstractScrollArea",
                "QPlainTextEdit",
                "QComboBox",
                "QLineEdit",
            ):
                continue  # parts of a control: viewports, scroll bars, line edits
            if widget.objectName().startswith("qt_"):
                continue
            assert widget.accessibleName(), widget
    order = [view.search_field]
    widget = view.search_field.nextInFocusChain()
    while widget is not view.search_field and len(order) < 200:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(view):
            order.append(widget)
        widget = widget.nextInFocusChain()
    expected = [
        view.search_field,
        view.kind_combo,
        view.country_combo,
        view.table,
        view.profile_view,
        view.contacts_table,
        view.history_table,
        view.new_button,
        view.edit_button,
    ]
    positions = [order.index(w) for w in expected]
    assert positions == sorted(positions)


def test_no_colours_are_hard_coded(view: DirectoryView) -> None:
    for widget in [view, *view.findChildren(QWidget)]:
        assert not widget.styleSheet(), widget
    assert not view.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert not view.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole)
