"""Itineraries and briefing packs from the app: options, save dialog, progress, print.

The PDFs themselves come from the core (:mod:`missionplanner.services.documents`);
this module asks the user what they want and saves the PDF the way every export is
saved (:mod:`ui.saving`), or lays it out off the GUI thread and prints it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from missionplanner.domain.plan import MissionPlan
from missionplanner.export.paper import Paper, paper_for_territory
from missionplanner.progress import Progress
from missionplanner.store.database import Database
from ui import labels
from ui.dialogs.document_options import DocumentChoice, DocumentKind, DocumentOptionsDialog
from ui.printing import print_pdf
from ui.saving import FileType, clean_file_name, save_as, show_failure, write_file
from ui.settings import UiSettings
from ui.tasks import Runner

PAPER_KEY = "documents/paper"


def render_document(
    db: Database, mission_id: str, choice: DocumentChoice, path: Path, progress: Progress
) -> int:
    """Write the chosen PDF to ``path`` (all or nothing); returns its page count."""
    from missionplanner.services import documents

    if choice.kind is DocumentKind.BRIEFING:
        return documents.export_briefing(
            db,
            mission_id,
            path,
            confidential=choice.confidential,
            paper=choice.paper,
            progress=progress,
        )
    return documents.export_itinerary(
        db,
        mission_id,
        path,
        participant_id=choice.participant_id,
        paper=choice.paper,
        progress=progress,
    )


def suggested_name(plan: MissionPlan, choice: DocumentChoice) -> str:
    """The default file name (without suffix) for the chosen document."""
    title = clean_file_name(plan.title)
    if choice.kind is DocumentKind.BRIEFING:
        return f"{title} - briefing pack"
    if choice.participant_id:
        person = next((p.name for p in plan.participants if p.id == choice.participant_id), "")
        person = clean_file_name(person, fallback="", limit=40)
        return f"{title} - itinerary {person}".rstrip()
    return f"{title} - itinerary"


class DocumentExports(QObject):
    """Export and print actions for the mission shown in a window."""

    def __init__(self, window: QWidget, runner: Runner, db: Database, settings: UiSettings) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.db = db
        self.settings = settings

    # --- what the user chose -----------------------------------------------------------

    def paper(self) -> Paper:
        value = str(self.settings.settings.value(PAPER_KEY, "") or "")
        try:
            return Paper(value)
        except ValueError:
            # The desktop's own locale: a Mac app started from the Finder has no LANG.
            code = QLocale.territoryToCode(QLocale.system().territory())
            return paper_for_territory(code) if code else Paper.A4

    def ask_choice(
        self, plan: MissionPlan, kind: DocumentKind, title: str, confirm: str
    ) -> DocumentChoice | None:
        dialog = DocumentOptionsDialog(
            title,
            plan.participants,
            kind=kind,
            paper=self.paper(),
            confirm_text=confirm,
            parent=self.window,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choice = dialog.choice()
        self.settings.settings.setValue(PAPER_KEY, choice.paper.value)
        return choice

    def pdf_type(self) -> FileType:
        return FileType(self.tr("PDF documents"), ".pdf")

    def pages_text(self, pages: int) -> str:
        return self.tr("{pages}.").format(pages=labels.pages(pages))

    # --- actions -----------------------------------------------------------------------

    def export(self, plan: MissionPlan, kind: DocumentKind) -> bool:
        """Ask which document and where, write it off the GUI thread, offer to open it.

        Returns at once; False if nothing was started (cancelled, or another task runs).
        """
        if self.runner.busy:
            return False
        choice = self.ask_choice(plan, kind, self.tr("Export PDF"), self.tr("Export…"))
        if choice is None:
            return False
        return save_as(
            self.window,
            self.runner,
            self.settings,
            title=self.tr("Save PDF"),
            name=suggested_name(plan, choice),
            types=(self.pdf_type(),),
            write=self._renderer(plan.id, choice),
            failed_title=self.tr("The PDF was not written"),
            details=self.pages_text,
            protect=self.db.path,
        )

    def write(self, plan: MissionPlan, choice: DocumentChoice, path: Path) -> bool:
        """Write the chosen PDF to ``path`` (no questions asked), then offer to open it."""
        return write_file(
            self.window,
            self.runner,
            self.settings,
            path,
            self._renderer(plan.id, choice),
            failed_title=self.tr("The PDF was not written"),
            details=self.pages_text,
        )

    def _renderer(self, mission_id: str, choice: DocumentChoice) -> Callable[[Path, Progress], int]:
        db = self.db
        # Looked up when called, on the worker thread: nothing of the window is touched.
        return lambda path, progress: render_document(db, mission_id, choice, path, progress)

    def print(self, plan: MissionPlan) -> bool:
        """Ask which document, lay it out off the GUI thread, then print it through the system.

        Returns at once; False if nothing was started.
        """
        if self.runner.busy:
            return False
        choice = self.ask_choice(plan, DocumentKind.BRIEFING, self.tr("Print"), self.tr("Print…"))
        if choice is None:
            return False
        # Lives until the printing ends: the laid-out PDF is printed from it.
        folder = tempfile.TemporaryDirectory(prefix="missionplanner-print-")
        path = Path(folder.name) / (suggested_name(plan, choice) + ".pdf")

        def failed(error: BaseException, title: str) -> None:
            folder.cleanup()
            show_failure(self.window, self.runner, error, title)

        def laid_out(pages: int) -> None:
            printer = self.ask_printer(path, choice.paper, pages)
            if printer is None or not self.runner.start(
                self.tr("Printing {name}").format(name=path.stem),
                lambda progress: print_pdf(path, printer, progress.cancelled),
                lambda _printed: folder.cleanup(),
                lambda error: failed(error, self.tr("Nothing was printed")),
            ):
                folder.cleanup()

        started = self.runner.start(
            self.tr("Preparing {name}").format(name=path.stem),
            lambda progress: self._renderer(plan.id, choice)(path, progress),
            laid_out,
            lambda error: failed(error, self.tr("The PDF was not written")),
        )
        if not started:
            folder.cleanup()
        return started

    def ask_printer(self, path: Path, paper: Paper, pages: int) -> QPrinter | None:
        """The system print dialog, for a document of ``pages``; None if cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(path.stem)
        size = QPageSize.PageSizeId.Letter if paper is Paper.LETTER else QPageSize.PageSizeId.A4
        printer.setPageSize(QPageSize(size))
        dialog = QPrintDialog(printer, self.window)
        dialog.setMinMax(1, pages)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return printer if accepted else None
