"""The contact import wizard: file → preview → columns → review → import.

Everything is decided by the core (:mod:`missionplanner.services.contact_import`); the
wizard shows its plan and hands back the person's choices: the column mapping, which
possible duplicates are the same organization, and whether to import only the good rows
of a file with rejected ones. Nothing is written before the Import button, and the
import is a write like any other: it goes through the window's operations, which tell
every view what it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from missionplanner.io.sheets import Sheet, read_sheet
from missionplanner.progress import Progress
from missionplanner.services.contact_import import (
    ColumnMapping,
    ImportPlan,
    import_contacts,
    plan_import,
)
from missionplanner.store.database import Database
from ui.dialogs.contact_import_models import (
    ChangeRow,
    NearDuplicateModel,
    change_rows,
    changes_model,
    preview_model,
    rejected_model,
)
from ui.dialogs.contact_import_pages import FilePage, MappingPage, PreviewPage, ReviewPage
from ui.operations import Operations

__all__ = [
    "ChangeRow",
    "ContactImportWizard",
    "NearDuplicateModel",
    "change_rows",
    "changes_model",
    "preview_model",
    "rejected_model",
]


class ContactImportWizard(QWizard):
    """Import organizations and contacts from a spreadsheet.

    Once accepted, ``imported_plan`` says what was done (``imported`` signals it too);
    its ``summary()`` is messages, for :func:`missionplanner.wording.lines`.
    """

    imported = Signal(object)  # the applied ImportPlan

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.sheet: Sheet | None = None
        self.mapping: ColumnMapping = ()
        self.default_country = ""
        self.same_as: dict[str, str] = {}
        self.plan: ImportPlan | None = None
        # What the import did, once done.
        self.imported_plan: ImportPlan | None = None
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

    def read(
        self,
        path: Path,
        done: Callable[[Path, Sheet], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Read ``path`` off the GUI thread; False if other work is still running."""
        return self.operations.runner.start(
            self.tr("Reading {name}").format(name=path.name),
            lambda _progress: read_sheet(path),
            lambda sheet: done(path, sheet),
            failed,
        )

    def make_plan(
        self, done: Callable[[ImportPlan], None], failed: Callable[[BaseException], None]
    ) -> bool:
        """Plan for the current choices off the GUI thread; nothing is written."""
        sheet, mapping, same_as = self.sheet, self.mapping, dict(self.same_as)
        country, db = self.default_country, self.operations.db
        assert sheet is not None

        def work(progress: Progress) -> ImportPlan:
            return plan_import(
                db, sheet, mapping, same_as=same_as, default_country=country, progress=progress
            )

        title = self.tr("Checking {name}").format(name=sheet.source)
        return self.operations.runner.start(title, work, done, failed)

    def run_import(
        self,
        good_rows: bool,
        done: Callable[[ImportPlan], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Import with the current choices, as one write of the window's operations."""
        sheet, mapping, same_as = self.sheet, self.mapping, dict(self.same_as)
        country = self.default_country
        assert sheet is not None

        def work(db: Database, progress: Progress) -> ImportPlan:
            return import_contacts(
                db,
                sheet,
                mapping,
                same_as=same_as,
                good_rows=good_rows,
                default_country=country,
                progress=progress,
            )

        def finished(result: ImportPlan) -> None:
            self.imported_plan = result
            self.imported.emit(result)
            done(result)

        title = self.tr("Importing {name}").format(name=sheet.source)
        return self.operations.perform(title, work, finished, failed)
