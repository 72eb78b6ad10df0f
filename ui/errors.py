"""Errors as dialogs: a clear message for the user, the details in the log file."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from missionplanner.errors import MissionPlannerError, StaleRecordError
from missionplanner.logs import log_file

log = logging.getLogger("missionplanner.ui")


translate = QCoreApplication.translate


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Tell the user what went wrong, in words; unexpected errors also go to the log."""
    if isinstance(error, StaleRecordError):
        QMessageBox.warning(parent, title or translate("Errors", "Changed elsewhere"), str(error))
        return
    if isinstance(error, MissionPlannerError):
        QMessageBox.warning(parent, title or translate("Errors", "Mission Planner"), str(error))
        return
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    QMessageBox.critical(
        parent,
        title or translate("Errors", "Something went wrong"),
        translate(
            "Errors",
            "Something unexpected went wrong ({name}). Your work saved so far is safe.\n\n"
            "Details were written to the log file:\n{path}",
        ).format(name=type(error).__name__, path=log_file()),
    )


def install_excepthook() -> None:
    """Route exceptions that escape a slot to a dialog instead of a traceback."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("uncaught: %s", "".join(traceback.format_exception(kind, error, tb)))
        show_error(None, error)

    sys.excepthook = hook
