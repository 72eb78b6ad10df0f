"""Starting the desktop app: the application object, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from missionplanner import __version__
from missionplanner.errors import MissionPlannerError
from missionplanner.logs import setup_logging
from missionplanner.paths import resource
from missionplanner.store.database import open_database
from missionplanner.store.instance import InstanceLock
from ui.collector import adopt_collector_policy
from ui.errors import install_excepthook
from ui.settings import UiSettings


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("MissionPlanner")
    QCoreApplication.setApplicationName("Mission Planner")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv or sys.argv[:1])
    adopt_collector_policy(app)
    _register_fonts()
    icon = resource("icons", "app.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _register_fonts() -> None:
    """Shipped fonts join the fallback chain, so Chinese names never show as boxes."""
    folder = resource("fonts")
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in {".ttf", ".ttc", ".otf"}:
                QFontDatabase.addApplicationFont(str(path))


def choose_start_database(default: Path, settings: UiSettings) -> Path:
    """The last database used, if it still exists; otherwise ``default``."""
    last = settings.last_database()
    return last if last is not None and last.is_file() else default


def run(database: Path, read_only: bool = False, reopen_last: bool = False) -> int:
    """Open the main window on ``database`` (or the last one used); returns the exit code."""
    setup_logging()
    app = make_application()
    install_excepthook()
    if reopen_last:
        database = choose_start_database(database, UiSettings())
    try:
        db = open_database(database, read_only=read_only)
    except MissionPlannerError as error:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open"), str(error))
        return 2
    from ui.main_window import MainWindow

    lock = InstanceLock(database)
    if not lock.acquire():
        QMessageBox.information(
            None,
            QCoreApplication.translate("App", "Already open"),
            QCoreApplication.translate(
                "App",
                "{name} is already open in another Mission Planner window. You can go on: "
                "an edit made from an out-of-date window is refused, never overwriting "
                "the other window's work.",
            ).format(name=database.name),
        )
    settings = UiSettings()
    settings.remember_database(database)
    window = MainWindow(db, settings)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
        lock.release()
