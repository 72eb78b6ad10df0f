"""Starting the desktop app: the application object, the database, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from missionplanner import __version__
from missionplanner.desktop_entry import APP_ID
from missionplanner.logs import setup_logging
from missionplanner.paths import resource
from ui.collector import adopt_collector_policy
from ui.errors import install_excepthook
from ui.settings import UiSettings
from ui.windows import open_window


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName("MissionPlanner")
    QCoreApplication.setApplicationName("Mission Planner")
    QCoreApplication.setApplicationVersion(__version__)
    # The name of the applications-menu entry, so the desktop shows its windows under it.
    QGuiApplication.setDesktopFileName(APP_ID)
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
    settings = UiSettings()
    if reopen_last:
        database = choose_start_database(database, settings)
    window = open_window(database, settings, read_only=read_only)
    if window is None:
        return 2
    if os.environ.get(CLOSE_AT_START_ENV):
        _close_once_shown(app, window.windowTitle())
    return app.exec()


# Set, the app closes as soon as its first window is up: a packaged build (which has no
# Python to run a test with) proves headless that it starts, loads its database and
# builds the whole window.
CLOSE_AT_START_ENV = "MISSIONPLANNER_CLOSE_AT_START"


def _close_once_shown(app: QApplication, title: str) -> None:
    def close() -> None:
        print(f"window shown: {title}", file=sys.stderr)
        app.closeAllWindows()

    QTimer.singleShot(0, close)
