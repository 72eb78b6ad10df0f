"""The contact import wizard: file → preview → columns → review → import.

Everything is decided by the core (:mod:`missionplanner.services.contact_import`); the
wizard shows its plan and hands back the person's choices: the column mapping, which
possible duplicates are the same organization, and whether to import only the good rows
of a file with rejected ones. Nothing is written before the Import button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from missionplanner.errors import MissionPlannerError
from missionplanner.io.sheets import Sheet, SheetRow, read_sheet
from missionplanner.progress import Cancelled, Progress
from missionplanner.services.contact_import import (
    FIELDS,
    ORGANIZATION,
    ColumnMapping,
    ImportPlan,
    NearDuplicate,
    RejectedRow,
    guess_mapping,
    import_contacts,
    plan_import,
)
from missionplanner.store.database import Database
from ui.dialogs.common import ErrorLabel
from ui.errors import show_error
from ui.models.table import Column, RowTableModel
from ui.tasks import run_with_progress

PREVIEW_ROWS = 50
# Above this many rows, planning and importing run off the GUI thread with a progress
# dialog and Cancel.
LARGE_FILE_ROWS = 1000
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
    # A field the core gains later is still offered, under its own name.
    return {name: labels.get(name, label) for name, label in FIELDS.items()}


def _one_line(text: str) -> str:
    return " ⏎ ".join(text.splitlines())


# --- models -----------------------------------------------------------------------------


def _cell_shown(column: int) -> Callable[[SheetRow], str]:
    def shown(row: SheetRow) -> str:
        return _one_line(row.cell(column))

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
        ChangeRow(o.action, "organization", o.name, o.place, ", ".join(o.changes), o.lines)
        for o in plan.organizations
        if o.action != "unchanged"
    ]
    rows += [
        ChangeRow(c.action, "contact", c.name, c.organization, ", ".join(c.changes), c.lines)
        for c in plan.contacts
        if c.action != "unchanged"
    ]
    return rows


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
                lambda row: row.reason,
                tooltip=lambda r: r.reason,
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
                    lambda row: _place(
                        row.candidate_name,
                        ", ".join(p for p in (row.candidate_city, row.candidate_country) if p),
                    ),
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


# --- pages ------------------------------------------------------------------------------


def _table(accessible: str) -> QTableView:
    table = QTableView()
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class FilePage(QWizardPage):
    def __init__(self, wizard: ContactImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Choose a spreadsheet"))
        self.setSubTitle(
            self.tr(
                "A CSV or Excel (.xlsx) file with one organization per row and, if you like, "
                "one of its contacts. Nothing is written until you press Import."
            )
        )
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Spreadsheet file"))
        self.path.textChanged.connect(self._changed)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _changed(self, _text: str) -> None:
        self.error.show_message(None)
        self.completeChanged.emit()

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import contacts"),
            self.path.text(),
            self.tr("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip())
        try:
            # A large workbook takes a while to read: off the GUI thread, with progress.
            sheet = run_with_progress(
                self,
                self.tr("Reading {name}").format(name=path.name),
                lambda _progress: read_sheet(path),
            )
        except MissionPlannerError as error:
            self.error.show_message(str(error))
            return False
        self.owner.set_sheet(sheet)
        return True


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ContactImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Preview"))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.table = _table(self.tr("First rows of the file"))
        self.model: RowTableModel[SheetRow] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        sheet = self.owner.sheet
        assert sheet is not None
        shown = min(len(sheet.rows), PREVIEW_ROWS)
        self.about.setText(
            self.tr("{name}: {how}; {rows} rows under the header. The first {shown}:").format(
                name=sheet.source, how=sheet.describe(), rows=len(sheet.rows), shown=shown
            )
        )
        old = self.model
        self.model = preview_model(sheet, self)
        self.table.setModel(self.model)
        if old is not None:
            old.deleteLater()
        self.table.resizeColumnsToContents()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ContactImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(
            self.tr(
                "Say what each column holds; the guess comes from its header. Each row needs "
                "an organization; the contact's fields are optional."
            )
        )
        self.combos: list[QComboBox] = []
        self.form = QFormLayout()
        holder = QWidget()
        holder.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.country = QLineEdit()
        self.country.setAccessibleName(self.tr("Country of phone numbers without one"))
        self.country.setPlaceholderText(self.tr("for example CO or Colombia"))
        country_row = QFormLayout()
        country_row.addRow(self.tr("Country of phone numbers on rows without one:"), self.country)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(country_row)
        layout.addWidget(self.error)
        self._built_for: Sheet | None = None

    def initializePage(self) -> None:
        sheet = self.owner.sheet
        assert sheet is not None
        if self._built_for is sheet:
            return
        self._built_for = sheet
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = []
        for column, (header, target) in enumerate(
            zip(sheet.headers, guess_mapping(sheet.headers), strict=True)
        ):
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), "")
            for name, label in field_labels().items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(target or "")))
            combo.setAccessibleName(self.tr("Field of column {header}").format(header=header))
            combo.currentIndexChanged.connect(self._changed)
            samples = [row.cell(column) for row in sheet.rows[:20] if row.cell(column)][:3]
            sample = QLabel(_one_line(" · ".join(samples)))
            sample.setEnabled(False)
            sample.setToolTip("\n".join(samples))
            box = QHBoxLayout()
            box.addWidget(combo)
            box.addWidget(sample, 1)
            caption = QLabel(header)
            caption.setBuddy(combo)
            self.form.addRow(caption, box)
            self.combos.append(combo)
        self._check()

    def _changed(self, _index: int) -> None:
        changed = self.sender()
        if isinstance(changed, QComboBox) and changed.currentData():
            # A field belongs to one column: the one just chosen takes it from the others.
            for combo in self.combos:
                if combo is not changed and combo.currentData() == changed.currentData():
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
        self._check()

    def mapping(self) -> ColumnMapping:
        return tuple(combo.currentData() or None for combo in self.combos)

    def _check(self) -> None:
        missing = ORGANIZATION not in self.mapping()
        self.error.show_message(
            self.tr("Choose the column that holds the organization's name.") if missing else None
        )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return ORGANIZATION in self.mapping()

    def validatePage(self) -> bool:
        mapping, country = self.mapping(), self.country.text().strip()
        if (mapping, country) != (self.owner.mapping, self.owner.default_country):
            # Other columns make other organizations: earlier duplicate choices lapse.
            self.owner.same_as = {}
        self.owner.mapping, self.owner.default_country = mapping, country
        return True


class ReviewPage(QWizardPage):
    def __init__(self, wizard: ContactImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Review"))
        self.setSubTitle(self.tr("This is what the import will do. Nothing is written yet."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.changes = changes_model(self)
        self.rejected = rejected_model(self)
        self.near = NearDuplicateModel(self)
        self.near.decided.connect(self._decided)
        self.tabs = QTabWidget()
        self.change_table = _table(self.tr("What will be added or updated"))
        self.change_table.setModel(self.changes)
        self.rejected_table = _table(self.tr("Rejected rows"))
        self.rejected_table.setModel(self.rejected)
        self.near_table = _table(self.tr("Possible duplicates"))
        self.near_table.setModel(self.near)
        self.near_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for table in (self.change_table, self.rejected_table, self.near_table):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.change_table, "")
        self.tabs.addTab(self.rejected_table, "")
        self.tabs.addTab(self.near_table, "")
        self.good_rows = QCheckBox(self.tr("Import the &good rows and skip the rejected ones"))
        self.good_rows.toggled.connect(self._toggled)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.good_rows)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        self.good_rows.setChecked(False)
        self.replan()

    def replan(self) -> None:
        self.error.show_message(None)
        try:
            plan = self.owner.make_plan()
        except Cancelled:
            plan = None
            self.error.show_message(self.tr("The review was cancelled; go back or try again."))
        except MissionPlannerError as error:
            plan = None
            self.error.show_message(str(error))
        self.show_plan(plan)

    def show_plan(self, plan: ImportPlan | None) -> None:
        self.owner.plan = plan
        self.changes.set_rows(change_rows(plan) if plan else [])
        self.rejected.set_rows(plan.rejected if plan else [])
        self.near.set_rows(plan.near_duplicates if plan else [])
        rejected = len(plan.rejected) if plan else 0
        near = len(plan.near_duplicates) if plan else 0
        self.tabs.setTabText(
            0, self.tr("Added or updated ({count})").format(count=self.changes.rowCount())
        )
        self.tabs.setTabText(1, self.tr("Rejected rows ({count})").format(count=rejected))
        self.tabs.setTabText(2, self.tr("Possible duplicates ({count})").format(count=near))
        self.good_rows.setVisible(bool(rejected))
        lines = list(plan.summary()) if plan else []
        if plan and rejected:
            lines.append(
                self.tr(
                    "Rows with problems are listed with their line numbers. Correct the file "
                    "and choose it again, or import only the good rows."
                )
            )
        if plan and near:
            lines.append(
                self.tr(
                    "Some new organizations look like known ones: tick those that are the same "
                    "organization, and their rows will update it instead."
                )
            )
        if plan and not plan.changes_anything:
            lines.append(self.tr("Nothing to import: the directory already has all of it."))
        if self.owner.db.read_only:
            lines.append(self.tr("The database is open read-only: nothing can be imported."))
        self.summary.setText("\n".join(lines))
        if rejected and not self.changes.rowCount() and not self.good_rows.isChecked():
            self.tabs.setCurrentIndex(1)
        self.completeChanged.emit()

    def _decided(self, ref: str, candidate: str, same: bool) -> None:
        if same:
            self.owner.same_as[ref] = candidate
        elif self.owner.same_as.get(ref) == candidate:
            del self.owner.same_as[ref]
        self.replan()

    def _toggled(self, _checked: bool) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self.owner.plan
        return (
            plan is not None
            and not self.owner.db.read_only
            and plan.changes_anything
            and (not plan.rejected or self.good_rows.isChecked())
        )

    def validatePage(self) -> bool:
        try:
            self.owner.run_import(self.good_rows.isChecked())
        except Cancelled:
            self.error.show_message(self.tr("Cancelled: nothing was imported."))
            return False
        except MissionPlannerError as error:
            show_error(self, error, self.tr("Nothing was imported"))
            self.replan()
            return False
        return True


# --- the wizard -------------------------------------------------------------------------


class ContactImportWizard(QWizard):
    """Import organizations and contacts from a spreadsheet.

    Once accepted, ``imported_plan`` says what was done (``imported`` signals it too).
    """

    imported = Signal(object)  # the applied ImportPlan

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.sheet: Sheet | None = None
        self.mapping: ColumnMapping = ()
        self.default_country = ""
        self.same_as: dict[str, str] = {}
        self.plan: ImportPlan | None = None
        # What the import did, once done.
        self.imported_plan: ImportPlan | None = None
        self.large_file_rows = LARGE_FILE_ROWS
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.review_page = ReviewPage(self)
        for page in (self.file_page, self.preview_page, self.mapping_page, self.review_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))
        self.resize(900, 620)

    def set_sheet(self, sheet: Sheet) -> None:
        if sheet != self.sheet:
            self.sheet = sheet
            self.same_as = {}
            self.plan = None

    def _run(self, title: str, work: Any) -> Any:
        assert self.sheet is not None
        if len(self.sheet.rows) > self.large_file_rows:
            return run_with_progress(self, title, work)
        return work(Progress())

    def make_plan(self) -> ImportPlan:
        """The plan for the current choices (in a worker thread for a large file)."""
        sheet, mapping, same_as = self.sheet, self.mapping, dict(self.same_as)
        country = self.default_country
        assert sheet is not None

        def work(progress: Progress) -> ImportPlan:
            return plan_import(
                self.db,
                sheet,
                mapping,
                same_as=same_as,
                default_country=country,
                progress=progress,
            )

        plan: ImportPlan = self._run(self.tr("Checking {name}").format(name=sheet.source), work)
        return plan

    def run_import(self, good_rows: bool) -> ImportPlan:
        sheet, mapping, same_as = self.sheet, self.mapping, dict(self.same_as)
        country = self.default_country
        assert sheet is not None

        def work(progress: Progress) -> ImportPlan:
            return import_contacts(
                self.db,
                sheet,
                mapping,
                same_as=same_as,
                good_rows=good_rows,
                default_country=country,
                progress=progress,
            )

        result: ImportPlan = self._run(self.tr("Importing {name}").format(name=sheet.source), work)
        self.imported_plan = result
        self.imported.emit(result)
        return result
