"""Files from the main window: databases, mission files, documents, backups, contacts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
)

from missionplanner import wording
from missionplanner.errors import MissionPlannerError
from missionplanner.io.mission_import import ImportReport
from missionplanner.progress import Cancelled
from missionplanner.services import transfer
from missionplanner.wording import render
from ui.dialogs.backups import BackupsDialog
from ui.dialogs.document_options import DocumentKind
from ui.dialogs.sheet_export import export_mission_sheet
from ui.errors import show_error
from ui.mission_files import export_mission_file
from ui.window.base import WindowBase

if TYPE_CHECKING:
    from ui.main_window import MainWindow

translate = QCoreApplication.translate


class FilesPart(WindowBase):
    """Opens databases, imports and exports files, makes documents, shows backups."""

    # --- files ------------------------------------------------------------------------

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_databases():
            action = self.recent_menu.addAction(str(path))
            action.setData(str(path))
            action.triggered.connect(self._open_recent)
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)

    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.switch_database(Path(str(action.data())))

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New database"), "missions.sqlite", self.tr("Databases (*.sqlite)")
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self,
                    self.tr("New database"),
                    self.tr("{name} already exists; choose a new name, or open it.").format(
                        name=Path(path).name
                    ),
                )
                return
            self.switch_database(Path(path))

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), "", self.tr("Databases (*.sqlite);;All files (*)")
        )
        if path:
            self.switch_database(Path(path))

    def switch_database(self, path: Path) -> MainWindow | None:
        """Open ``path`` in a new window and close this one; refused files change nothing."""
        from ui.windows import open_window

        if self.db.path is not None and self.db.path.resolve() == path.resolve():
            # The same file again (after a restore): its lock moves to the new window.
            self.session.close()
        window = open_window(
            path, self.settings, read_only=self.db.read_only and path.exists(), parent=self
        )
        if window is not None:
            self.close()
        return window

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import mission file"), "", self.tr("Mission files (*.json)")
        )
        if not path:
            return

        def failed(error: BaseException) -> None:
            if isinstance(error, MissionPlannerError):
                show_error(self, error, self.tr("Nothing was imported"))
            elif not isinstance(error, Cancelled):
                raise error

        def imported(report: ImportReport) -> None:
            QMessageBox.information(
                self, self.tr("Imported"), "\n".join(render(line) for line in report.lines())
            )

        self.operations.perform(
            self.tr("Importing {name}").format(name=Path(path).name),
            lambda db, progress: transfer.import_file(db, Path(path), progress),
            imported,
            failed,
        )

    def export_file(self) -> None:
        plan = self.plan
        export_mission_file(
            self,
            self.operations.runner,
            self.db,
            self.settings,
            [plan.id] if plan is not None else None,
            title=plan.title if plan is not None else None,
        )

    # --- documents and backups -------------------------------------------------------

    def export_itinerary(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.ITINERARY)

    def export_personal_itinerary(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.PARTICIPANT_ITINERARY)

    def export_briefing(self) -> None:
        if self.plan is not None:
            self.documents.export(self.plan, DocumentKind.BRIEFING)

    def print_document(self) -> None:
        if self.plan is not None:
            self.documents.print(self.plan)

    def export_calendar(self) -> None:
        if self.plan is not None:
            participant = self.schedule.participant_combo.currentData() or None
            self.calendar_exports.export(self.plan, participant)

    def show_backups(self) -> None:
        dialog = BackupsDialog(
            self.db,
            self,
            scheduler=self.backup_scheduler,
            runner=self.operations.runner,
            let_go=self.session.let_go,
            take_back=self.session.take_back,
        )
        dialog.exec()
        if dialog.restore_result is not None and self.db.path is not None:
            # The dialog closed this window's database to swap the file in.
            self.switch_database(self.db.path)

    def _backup_failed(self, message: str) -> None:
        self.statusBar().showMessage(
            self.tr("Automatic backup failed: {message}").format(message=message), 15_000
        )

    def import_contacts(self) -> None:
        # Imported when used: phone-number data is slow to load and start-up counts.
        from ui.dialogs.contact_import import ContactImportWizard

        wizard = ContactImportWizard(self.operations, self)
        if wizard.exec() and wizard.imported_plan is not None:
            QMessageBox.information(
                self,
                self.tr("Contacts imported"),
                "\n".join(wording.lines(wizard.imported_plan.summary())),
            )
        wizard.deleteLater()

    def export_sheet(self) -> None:
        action = self.sender()
        if self.plan is not None and isinstance(action, QAction):
            export_mission_sheet(
                self,
                self.operations.runner,
                self.db,
                self.settings,
                self.plan.id,
                self.plan.title,
                str(action.data()),
            )
