"""Opening a database in a window: its session, the "already open" notice, its lifetime.

The application object keeps the windows it shows (a Qt window without a parent would
otherwise vanish with its last Python reference); a window is let go once it closes,
and its session (database, lock, backups) is closed with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from missionplanner.errors import MissionPlannerError
from ui.errors import show_error
from ui.session import Session, open_session
from ui.settings import UiSettings

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class _Shown(QObject):
    """The windows the application shows, forgotten as each one is destroyed."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName("mission-planner-windows")
        self.windows: set[MainWindow] = set()

    @staticmethod
    def of_application() -> _Shown:
        app = QApplication.instance()
        assert app is not None
        shown = app.findChild(_Shown, "mission-planner-windows")
        return shown if shown is not None else _Shown(app)

    def keep(self, window: MainWindow) -> None:
        self.windows.add(window)
        window.closed.connect(lambda: self._forget(window))

    def _forget(self, window: MainWindow) -> None:
        self.windows.discard(window)
        window.deleteLater()


def open_window(
    path: Path, settings: UiSettings, *, read_only: bool = False, parent: QWidget | None = None
) -> MainWindow | None:
    """Show ``path`` in a new window with its own session; None (after saying why) if refused."""
    try:
        session = open_session(path, read_only=read_only)
    except MissionPlannerError as error:
        show_error(parent, error, QCoreApplication.translate("App", "Cannot open the database"))
        return None
    if session.shared:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("App", "Already open"),
            QCoreApplication.translate(
                "App",
                "{name} is already open in another Mission Planner window. You can go on: "
                "an edit made from an out-of-date window is refused, never overwriting "
                "the other window's work.",
            ).format(name=path.name),
        )
    settings.remember_database(path)
    return show_session(session, settings)


def show_session(session: Session, settings: UiSettings) -> MainWindow:
    from ui.main_window import MainWindow

    window = MainWindow(session, settings)
    _Shown.of_application().keep(window)
    window.show()
    return window
