"""Itineraries and briefing packs from the app: options, save dialog, progress, print.

The PDFs themselves come from the core (:mod:`missionplanner.services.documents`);
this module asks the user what they want, runs the rendering off the GUI thread with
a progress dialog, and offers to open or print the result.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from missionplanner.domain.plan import MissionPlan
from missionplanner.errors import MissionPlannerError
from missionplanner.export.paper import Paper, paper_for_territory
from missionplanner.progress import Cancelled, Progress
from missionplanner.store.database import Database
from ui.dialogs.document_options import DocumentChoice, DocumentKind, DocumentOptionsDialog
from ui.errors import show_error
from ui.printing import print_pdf
from ui.settings import UiSettings
from ui.tasks import run_with_progress

PAPER_KEY = "documents/paper"
FOLDER_KEY = "documents/folder"


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
    title = re.sub(r"[^\w\- ]+", "", plan.title, flags=re.UNICODE).strip()[:60] or "mission"
    if choice.kind is DocumentKind.BRIEFING:
        return f"{title} - briefing pack.pdf"
    if choice.participant_id:
        person = next((p.name for p in plan.participants if p.id == choice.participant_id), "")
        person = re.sub(r"[^\w\- ]+", "", person).strip()[:40]
        return f"{title} - itinerary {person}.pdf".replace("  ", " ")
    return f"{title} - itinerary.pdf"


class DocumentExports(QObject):
    """Export and print actions for the mission shown in a window."""

    def __init__(self, window: QWidget, db: Database, settings: UiSettings) -> None:
        super().__init__(window)
        self.window = window
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

    def ask_path(self, plan: MissionPlan, choice: DocumentChoice) -> Path | None:
        folder = str(self.settings.settings.value(FOLDER_KEY, "") or "") or (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save PDF"),
            str(Path(folder) / suggested_name(plan, choice)),
            self.tr("PDF documents (*.pdf)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.settings.settings.setValue(FOLDER_KEY, str(target.parent))
        return target

    # --- actions -----------------------------------------------------------------------

    def export(self, plan: MissionPlan, kind: DocumentKind) -> Path | None:
        """Ask, write the PDF off the GUI thread, offer to open it. Returns the file."""
        choice = self.ask_choice(plan, kind, self.tr("Export PDF"), self.tr("Export…"))
        if choice is None:
            return None
        path = self.ask_path(plan, choice)
        if path is None:
            return None
        pages = self.write(plan, choice, path)
        if pages is None:
            return None
        self.offer_to_open(path, pages)
        return path

    def write(self, plan: MissionPlan, choice: DocumentChoice, path: Path) -> int | None:
        """Render with a progress dialog; errors are shown, and None returned."""
        try:
            pages: int = run_with_progress(
                self.window,
                self.tr("Writing {name}").format(name=path.name),
                lambda progress: render_document(self.db, plan.id, choice, path, progress),
            )
        except Cancelled:
            return None
        except MissionPlannerError as error:
            show_error(self.window, error, self.tr("The PDF was not written"))
            return None
        return pages

    def offer_to_open(self, path: Path, pages: int) -> None:
        if pages == 1:
            text = self.tr("Saved {name} (1 page). Open it now?").format(name=path.name)
        else:
            text = self.tr("Saved {name} ({pages} pages). Open it now?").format(
                name=path.name, pages=pages
            )
        answer = QMessageBox.question(
            self.window,
            self.tr("PDF written"),
            text,
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def print(self, plan: MissionPlan) -> int:
        """Ask which document, render it to a temporary file, print through the system."""
        choice = self.ask_choice(plan, DocumentKind.BRIEFING, self.tr("Print"), self.tr("Print…"))
        if choice is None:
            return 0
        with tempfile.TemporaryDirectory(prefix="missionplanner-print-") as folder:
            path = Path(folder) / suggested_name(plan, choice)
            pages = self.write(plan, choice, path)
            if pages is None:
                return 0
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(path.stem)
            size = (
                QPageSize.PageSizeId.Letter
                if choice.paper is Paper.LETTER
                else QPageSize.PageSizeId.A4
            )
            printer.setPageSize(QPageSize(size))
            dialog = QPrintDialog(printer, self.window)
            dialog.setMinMax(1, pages)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
            return self.send_to_printer(path, printer)

    def send_to_printer(self, path: Path, printer: QPrinter) -> int:
        try:
            return run_with_progress(
                self.window,
                self.tr("Printing {name}").format(name=path.stem),
                lambda progress: print_pdf(path, printer, progress.cancelled),
            )
        except Cancelled:
            return 0
        except MissionPlannerError as error:
            show_error(self.window, error, self.tr("Nothing was printed"))
            return 0
