"""The pages of the contact import wizard: file, preview, columns and review.

Reading the file and planning run off the GUI thread (through the window's runner): a
page shows that it is busy and carries on when the work is done, so the window never
waits. Nothing is written before the review page's Import button.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from missionplanner import wording
from missionplanner.errors import MissionPlannerError
from missionplanner.io.sheets import Sheet, SheetRow
from missionplanner.progress import Cancelled
from missionplanner.services.contact_import import (
    ORGANIZATION,
    ColumnMapping,
    ImportPlan,
    guess_mapping,
)
from ui import labels
from ui.dialogs.common import ErrorLabel
from ui.dialogs.contact_import_models import (
    PREVIEW_ROWS,
    NearDuplicateModel,
    change_rows,
    changes_model,
    field_labels,
    one_line,
    preview_model,
    rejected_model,
    table_view,
)
from ui.errors import show_error
from ui.models.table import RowTableModel

if TYPE_CHECKING:
    from ui.dialogs.contact_import import ContactImportWizard


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
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse_button)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path)
        self.status = QLabel()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        # The file read for the path shown, once read.
        self._read: tuple[Path, Sheet] | None = None
        self.reading = False

    def _changed(self, _text: str) -> None:
        self.error.show_message(None)
        self._read = None
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
        return bool(self.path.text().strip()) and not self.reading

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip())
        if self._read is not None and self._read[0] == path:
            self.owner.set_sheet(self._read[1])
            return True
        # A large workbook takes a while to read: off the GUI thread; Next again once read.
        if self.owner.read(path, self._was_read, self._not_read):
            self._busy(True)
        return False

    def _busy(self, busy: bool) -> None:
        self.reading = busy
        self.path.setReadOnly(busy)
        self.browse_button.setEnabled(not busy)
        self.status.setText(self.tr("Reading the file…") if busy else "")
        self.completeChanged.emit()

    def _was_read(self, path: Path, sheet: Sheet) -> None:
        self._busy(False)
        if Path(self.path.text().strip()) != path:
            return  # another file was chosen meanwhile
        self._read = (path, sheet)
        if self.owner.currentPage() is self:
            self.owner.next()

    def _not_read(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, Cancelled):
            return
        if not isinstance(error, MissionPlannerError):
            raise error
        self.error.show_message(str(error))


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ContactImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(self.tr("Preview"))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.table = table_view(self.tr("First rows of the file"))
        self.model: RowTableModel[SheetRow] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        sheet = self.owner.sheet
        assert sheet is not None
        shown = min(len(sheet.rows), PREVIEW_ROWS)
        self.about.setText(
            self.tr("{name}: {how}; {rows} under the header. The first {shown}:").format(
                name=sheet.source,
                how=wording.render(sheet.describe()),
                rows=labels.rows(len(sheet.rows)),
                shown=shown,
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
            sample = QLabel(one_line(" · ".join(samples)))
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
        self.change_table = table_view(self.tr("What will be added or updated"))
        self.change_table.setModel(self.changes)
        self.rejected_table = table_view(self.tr("Rejected rows"))
        self.rejected_table.setModel(self.rejected)
        self.near_table = table_view(self.tr("Possible duplicates"))
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
        # Planning or importing: the page waits for the work, and so does its button.
        self.working = False
        # Choices changed while a plan was being made: plan again when it is done.
        self._stale = False

    def initializePage(self) -> None:
        self.good_rows.setChecked(False)
        self.replan()

    def _busy(self, busy: bool, words: str = "") -> None:
        self.working = busy
        self.near_table.setEnabled(not busy)
        self.good_rows.setEnabled(not busy)
        if busy:
            self.summary.setText(words)
        self.completeChanged.emit()

    def replan(self) -> None:
        """Plan again for the current choices, off the GUI thread; shown when done."""
        self.error.show_message(None)
        if self.working:
            self._stale = True
            return
        if self.owner.make_plan(self._planned, self._not_planned):
            self._busy(True, self.tr("Checking the file…"))

    def _planned(self, plan: ImportPlan) -> None:
        self._busy(False)
        if self._again():
            return
        self.show_plan(plan)

    def _not_planned(self, error: BaseException) -> None:
        self._busy(False)
        if self._again():
            return
        if isinstance(error, Cancelled):
            self.error.show_message(self.tr("The review was cancelled; go back or try again."))
        elif isinstance(error, MissionPlannerError):
            self.error.show_message(str(error))
        else:
            raise error
        self.show_plan(None)

    def _again(self) -> bool:
        if not self._stale:
            return False
        self._stale = False
        self.replan()
        return True

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
        lines = wording.lines(plan.summary()) if plan else []
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
        if self.owner.operations.read_only:
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
            and not self.working
            and not self.owner.operations.read_only
            and plan.changes_anything
            and (not plan.rejected or self.good_rows.isChecked())
        )

    def validatePage(self) -> bool:
        if self.owner.imported_plan is not None:
            return True
        # The import runs off the GUI thread; the wizard closes once it is done.
        if self.owner.run_import(self.good_rows.isChecked(), self._imported, self._not_imported):
            self._busy(True, self.tr("Importing…"))
        return False

    def _imported(self, _plan: ImportPlan) -> None:
        self._busy(False)
        self.owner.accept()

    def _not_imported(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, Cancelled):
            self.error.show_message(self.tr("Cancelled: nothing was imported."))
            self.show_plan(self.owner.plan)
            return
        if not isinstance(error, MissionPlannerError):
            raise error
        show_error(self, error, self.tr("Nothing was imported"))
        self.replan()
