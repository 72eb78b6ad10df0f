"""File → Backups: the backups of the open database, making one, and restoring one.

Restoring replaces the database file, so the window that has it open must let go of it
first and open it again afterwards: this dialog closes the window's connections before the
restore, and tells the window through :attr:`BackupsDialog.restored` (and
:attr:`BackupsDialog.restore_result` once ``exec()`` returns) that it must reopen it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QLocale, QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from missionplanner import wording
from missionplanner.errors import MissionPlannerError
from missionplanner.services import backups
from missionplanner.services.backups import BackupInfo, RestoreResult
from missionplanner.store.database import Database
from missionplanner.store.instance import holder
from ui.backup_scheduler import BackupScheduler
from ui.errors import show_error
from ui.models.table import ROW_ROLE, SORT_ROLE, Column, RowTableModel
from ui.tasks import Runner

SI_SIZES = QLocale.DataSizeFormat.DataSizeSIFormat  # 98.3 kB, as file managers say


def local_time(info: BackupInfo) -> str:
    """When the backup was made, in this computer's local time."""
    return info.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupsDialog(QDialog):
    """The backups of ``db``'s file: list, Back up now, Restore…, Show folder."""

    # Emitted after a restore replaced the database: the window must reopen it.
    restored = Signal(object)  # RestoreResult
    backed_up = Signal(object)  # BackupInfo

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        scheduler: BackupScheduler | None = None,
        runner: Runner | None = None,
        let_go: Callable[[], None] | None = None,
        take_back: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.scheduler = scheduler
        # Copies and restores run off the GUI thread, one at a time.
        self.runner = runner or Runner(self)
        self.runner.busy_changed.connect(self._busy_changed)
        # Lets go of the file before a restore (the window's whole session, if it has one).
        self.let_go = let_go or db.close
        self.take_back = take_back or (lambda: None)
        self.restore_result: RestoreResult | None = None
        self.setWindowTitle(self.tr("Backups"))
        self.resize(720, 420)

        locale = QLocale()
        columns: list[Column[BackupInfo]] = [
            Column(self.tr("Date"), local_time, sort=lambda b: b.created),
            Column(
                self.tr("Size"),
                lambda b: locale.formattedDataSize(b.size, 1, SI_SIZES),
                sort=lambda b: b.size,
                numeric=True,
            ),
            Column(
                self.tr("Note"),
                lambda b: self.tr("before a restore") if b.before_restore else "",
            ),
            Column(self.tr("File"), lambda b: b.name, tooltip=lambda b: str(b.path)),
        ]
        self.model: RowTableModel[BackupInfo] = RowTableModel(
            columns, key=lambda b: str(b.path), parent=self
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Backups"))

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back_up_button = QPushButton(self.tr("&Back up now"))
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_file_button = QPushButton(self.tr("Restore from &file…"))
        self.show_folder_button = QPushButton(self.tr("Show &folder"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.choose_and_restore)
        self.show_folder_button.clicked.connect(self.show_folder)
        buttons = QHBoxLayout()
        for button in (
            self.back_up_button,
            self.restore_button,
            self.restore_file_button,
            self.show_folder_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)

        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    # --- state ------------------------------------------------------------------------

    @property
    def db_path(self) -> Path | None:
        return self.db.path

    def reload(self) -> None:
        path = self.db_path
        found = backups.list_backups(path) if path is not None else []
        self.model.set_rows(found)
        if path is None:
            self.summary.setText(self.tr("This database is kept in memory only: no backups."))
        else:
            self.summary.setText(
                self.tr(
                    "Backups of {name} are made automatically after changes (at most every "
                    "{minutes} minutes, and when the app closes). The last {last} are kept, "
                    "and one a day for {days} days, in:\n{folder}"
                ).format(
                    name=path.name,
                    minutes=int(backups.BACKUP_INTERVAL.total_seconds() // 60),
                    last=backups.KEEP_LAST,
                    days=backups.KEEP_DAYS,
                    folder=backups.backup_folder(path),
                )
            )
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = rows[0].data(ROW_ROLE)
        return info if isinstance(info, BackupInfo) else None

    def select(self, path: Path) -> None:
        row = self.model.row_of(str(path))
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        has_file = self.db_path is not None
        can_restore = has_file and not self.db.read_only
        self.back_up_button.setEnabled(has_file)
        self.show_folder_button.setEnabled(has_file)
        self.restore_button.setEnabled(can_restore and self.selected() is not None)
        self.restore_file_button.setEnabled(can_restore)
        if self.db.read_only:
            why = self.tr("The database is open read-only; reopen it to restore a backup.")
            self.restore_button.setToolTip(why)
            self.restore_file_button.setToolTip(why)

    # --- actions ----------------------------------------------------------------------

    def back_up_now(self) -> None:
        path = self.db_path
        if path is None:
            return

        def failed(error: BaseException) -> None:
            if isinstance(error, MissionPlannerError):
                show_error(self, error, self.tr("No backup was made"))
            else:
                raise error

        self.runner.start(
            self.tr("Backing up {name}").format(name=path.name),
            lambda _progress: backups.make_backup(path),
            self._backed_up,
            failed,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        if self.scheduler is not None:
            self.scheduler.record_backup(info)
        self.reload()
        self.select(info.path)
        self.backed_up.emit(info)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            for button in (self.back_up_button, self.restore_button, self.restore_file_button):
                button.setEnabled(False)
        else:
            self._update_buttons()

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self.restore(info.path, self.tr("the backup of {date}").format(date=local_time(info)))

    def choose_and_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup file"),
            "",
            self.tr("Databases (*.sqlite);;All files (*)"),
        )
        if path:
            self.restore(Path(path), Path(path).name)

    def restore(self, backup: Path, description: str) -> None:
        """Ask, then replace the database with ``backup``; the window must then reopen it."""
        target = self.db_path
        if target is None or self.db.read_only:
            return
        other = holder(target)
        if other is not None:
            QMessageBox.warning(
                self,
                self.tr("Restore"),
                self.tr(
                    "{name} is also open in another Mission Planner window (process {pid}). "
                    "Close that window first, then restore."
                ).format(name=target.name, pid=other),
            )
            return
        try:
            backups.check_restorable(backup, target)
        except MissionPlannerError as error:
            show_error(self, error, self.tr("Nothing was restored"))
            return
        if not self._confirm(target, description) or self.runner.busy:
            return
        if self.scheduler is not None:
            self.scheduler.wait()
        # Let go of the file: its connections would otherwise keep the old one alive.
        self.let_go()

        def failed(error: BaseException) -> None:
            self.take_back()
            if isinstance(error, MissionPlannerError):
                show_error(self, error, self.tr("Nothing was restored"))
                self.reload()
            else:
                raise error

        self.runner.start(
            self.tr("Restoring {name}").format(name=target.name),
            lambda _progress: backups.restore(backup, target),
            self._restored,
            failed,
        )

    def _restored(self, result: RestoreResult) -> None:
        if self.scheduler is not None:
            self.scheduler.stop()
        self.restore_result = result
        QMessageBox.information(
            self, self.tr("Restored"), "\n\n".join(wording.lines(result.messages()))
        )
        self.restored.emit(result)
        self.accept()

    def _confirm(self, target: Path, description: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Restore"),
            self.tr("Replace {name} with {what}?").format(name=target.name, what=description),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            self.tr(
                "Everything changed since that backup is replaced. The database as it is "
                "now is kept as a backup first, so you can go back to it."
            )
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is restore

    def show_folder(self) -> None:
        path = self.db_path
        if path is None:
            return
        folder = backups.backup_folder(path)
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            QMessageBox.information(
                self,
                self.tr("Backups folder"),
                self.tr("The backups are in:\n{folder}").format(folder=folder),
            )
