"""The contact import wizard driven as a person would, its models, and sheet exports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from missionplanner import wording
from missionplanner.domain.changes import ORGANIZATION, Changes
from missionplanner.io.sheets import read_sheet
from missionplanner.services.contact_import import plan_import
from missionplanner.services.directory import get_organization, list_organizations
from missionplanner.store.database import Database, open_database
from ui.dialogs.contact_import import (
    ContactImportWizard,
    NearDuplicateModel,
    change_rows,
    changes_model,
    preview_model,
    rejected_model,
)
from ui.dialogs.contact_import_models import why_rejected
from ui.operations import Operations

HEADER = ["Nombre", "Empresa", "Ciudad", "País", "Correo electrónico", "Teléfono", "Cargo"]
ROWS = [
    ["Alejandro Franco", "RUTA N", "MEDELLIN", "Colombia", "", "(604) 516 7770", "Director"],
    ["Ana Gómez", "Ruta N.", "Medellín", "CO", "ana@rutanmedellin.org", "", ""],
    ["Luis Pérez", "Invest Pacific", "Cali", "CO", "luis@", "", ""],
    ["Pedro Ruiz", "Empresa Nueva", "Bogotá", "CO", "", "310 555 1234", ""],
]


def write_file(tmp_path: Path, rows: list[list[str]] = ROWS) -> Path:
    path = tmp_path / "contactos.csv"
    text = "\r\n".join(";".join(row) for row in [HEADER, *rows]) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


def open_wizard(qtbot: QtBot, db: Database) -> ContactImportWizard:
    operations = Operations(db)
    wizard = ContactImportWizard(operations)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def settle(qtbot: QtBot, wizard: ContactImportWizard) -> None:
    """Wait until the wizard's reading, planning or importing is done."""
    operations = wizard.operations
    qtbot.waitUntil(lambda: not operations.busy)


def press(qtbot: QtBot, wizard: ContactImportWizard, button: QWizard.WizardButton) -> None:
    widget = wizard.button(button)
    assert widget.isEnabled(), f"{widget.text()} is enabled"
    widget.click()
    settle(qtbot, wizard)


def test_models_pass_the_model_tester(
    qtmodeltester, qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    wizard = ContactImportWizard(Operations(demo_db))
    sheet = read_sheet(write_file(tmp_path))
    plan = plan_import(demo_db, sheet)
    assert plan.rejected and plan.near_duplicates
    qtmodeltester.check(preview_model(sheet, wizard))
    changes = changes_model(wizard)
    changes.set_rows(change_rows(plan))
    qtmodeltester.check(changes)
    rejected = rejected_model(wizard)
    rejected.set_rows(plan.rejected)
    qtmodeltester.check(rejected)
    near = NearDuplicateModel(wizard)
    near.set_rows(plan.near_duplicates)
    qtmodeltester.check(near)
    assert near.flags(near.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert near.setData(near.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtmodeltester.check(near)
    wizard.deleteLater()


def test_the_whole_way_through(qtbot: QtBot, demo_db: Database, tmp_path: Path) -> None:
    before = {row.id: row for row in list_organizations(demo_db)}
    wizard = open_wizard(qtbot, demo_db)
    wizard.file_page.path.setText(str(write_file(tmp_path)))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    # Preview: the first rows with their line numbers.
    assert wizard.currentPage() is wizard.preview_page
    model = wizard.preview_page.table.model()
    assert model.rowCount() == 4
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Empresa"
    assert model.index(0, 0).data() == "2"
    assert model.index(1, 1).data() == "Ana Gómez"
    assert "Windows-1252" in wizard.preview_page.about.text()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    # Columns: guessed from the Spanish headers; a field belongs to one column.
    page = wizard.mapping_page
    assert [combo.currentData() for combo in page.combos] == [
        "name",
        "organization",
        "city",
        "country",
        "email",
        "phone",
        "title",
    ]
    cargo: QComboBox = page.combos[6]
    cargo.setCurrentIndex(cargo.findData("organization"))
    assert page.combos[1].currentData() == ""  # Empresa lost it to Cargo
    cargo.setCurrentIndex(cargo.findData("title"))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.error.isVisible()  # no column holds the organization now
    page.combos[1].setCurrentIndex(page.combos[1].findData("organization"))
    assert not page.error.isVisible()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)

    # Review: a rejected row keeps the Import button off until the good rows are chosen.
    review = wizard.review_page
    assert wizard.currentPage() is review
    assert [(r.line, why_rejected(r)) for r in review.rejected.rows()] == [
        (4, "Contact e-mail: “luis@” is not a valid e-mail address")
    ]
    assert review.rejected.index(0, 1).data() == why_rejected(review.rejected.rows()[0])
    assert "Organizations: 2 to add, 0 to update, 1 unchanged." in review.summary.text()
    assert "Rejected rows (1)" in review.tabs.tabText(1)
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    assert list_organizations(demo_db) == list(before.values())  # nothing written yet

    (near,) = review.near.rows()
    assert (near.name, near.candidate_ref) == ("Ruta N.", "org-ruta-n")
    adds = {row.name for row in review.changes.rows() if row.action == "add"}
    assert {"Ruta N.", "Empresa Nueva", "Pedro Ruiz", "Ana Gómez"} <= adds
    # "Ruta N." is the same as the known Ruta N: tick it, the plan follows.
    assert review.near.setData(
        review.near.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert wizard.same_as == {near.ref: "org-ruta-n"}
    settle(qtbot, wizard)
    assert review.near.rows()[0].same
    assert "Ruta N." not in {row.name for row in review.changes.rows()}
    # Back to the columns and forward again: the choice stands while the columns do.
    press(qtbot, wizard, QWizard.WizardButton.BackButton)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert review.near.rows()[0].same
    press(qtbot, wizard, QWizard.WizardButton.BackButton)
    wizard.mapping_page.country.setText("CO")
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert not review.near.rows()[0].same and wizard.same_as == {}
    assert review.near.setData(
        review.near.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    settle(qtbot, wizard)

    review.good_rows.setChecked(True)
    assert finish.isEnabled()
    broadcast: list[Changes] = []
    wizard.operations.changed.connect(broadcast.append)
    with qtbot.waitSignal(wizard.operations.runner.idle):
        finish.click()

    assert wizard.result() == QWizard.DialogCode.Accepted
    done = wizard.imported_plan
    assert done is not None and done.applied
    # The window hears what the import changed, like after any other write.
    assert broadcast == [done.changes]
    assert "org-ruta-n" in done.changes.ids(ORGANIZATION)
    assert wording.lines(done.summary())[0] == "Organizations: 1 added, 0 updated, 1 unchanged."
    after = {row.name: row for row in list_organizations(demo_db)}
    assert len(after) == len(before) + 1  # only Empresa Nueva is new
    ruta_n = get_organization(demo_db, "org-ruta-n")
    names = [c.name for c in ruta_n.contacts]
    assert "Ana Gómez" in names
    franco = next(c for c in ruta_n.contacts if c.name == "Alejandro Franco")
    assert franco.title == "Director"
    assert franco.phone == "+57 604 5167770"  # the same number: kept as it was
    assert "Invest Pacific" in after and after["Invest Pacific"].contact_count == 1


def test_an_unreadable_file_is_explained_on_the_first_page(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    wizard = open_wizard(qtbot, demo_db)
    wizard.file_page.path.setText(str(path))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.error.isVisible()
    assert "photo.csv is an image, not a spreadsheet" in wizard.file_page.error.text()


def test_a_large_file_is_planned_and_imported_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    rows = [[f"Person {n}", f"Firm {n}", "Cali", "CO", "", "", ""] for n in range(30)]
    with open_database(tmp_path / "plan.sqlite") as db:
        wizard = open_wizard(qtbot, db)
        wizard.file_page.path.setText(str(write_file(tmp_path, rows)))
        for _ in range(3):
            press(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.review_page.changes.rowCount() == 60
        press(qtbot, wizard, QWizard.WizardButton.FinishButton)
        assert wizard.result() == QWizard.DialogCode.Accepted
        assert len(list_organizations(db)) == 30


def test_nothing_can_be_imported_read_only(qtbot: QtBot, demo_file: Path, tmp_path: Path) -> None:
    with open_database(demo_file, read_only=True) as db:
        wizard = open_wizard(qtbot, db)
        wizard.file_page.path.setText(str(write_file(tmp_path, ROWS[3:])))
        for _ in range(3):
            press(qtbot, wizard, QWizard.WizardButton.NextButton)
        assert wizard.review_page.changes.rowCount() == 2
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        assert "read-only" in wizard.review_page.summary.text()
