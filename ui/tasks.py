"""Long work off the GUI thread, with a progress dialog and Cancel."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from missionplanner.progress import Progress

T = TypeVar("T")

# How many workers are running with the collector held off, and whether it was on.
_holds = 0
_collector_was_enabled = False


def hold_collector() -> None:
    """Keep Python's collector off while a worker thread runs (call on the GUI thread).

    A collection on a worker thread may finalize Qt wrappers that belong to the GUI
    thread, which crashes. Collect now, and keep the collector off until the last
    worker is done (the work's own collector pauses then leave it off too).
    """
    global _holds, _collector_was_enabled
    if _holds == 0:
        gc.collect()
        _collector_was_enabled = gc.isenabled()
        gc.disable()
    _holds += 1


def release_collector() -> None:
    """A worker started after :func:`hold_collector` is done (call on the GUI thread)."""
    global _holds
    _holds = max(0, _holds - 1)
    if _holds == 0 and _collector_was_enabled:
        gc.enable()


class _Worker(QObject):
    step = Signal(str)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], Any], cancel: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.cancel = cancel

    def run(self) -> None:
        progress = Progress(report=self.step.emit, cancelled=self.cancel.is_set)
        try:
            result = self.work(progress)
        except BaseException as error:  # handed to the GUI thread, shown there
            self.failed.emit(error)
            return
        self.done.emit(result)


def run_with_progress(parent: QWidget | None, title: str, work: Callable[[Progress], T]) -> T:
    """Run ``work`` in a worker thread while a progress dialog with Cancel is shown.

    The window stays responsive; the result is returned, or the work's error raised.
    """
    cancel = threading.Event()
    dialog = QProgressDialog(title, QProgressDialog.tr("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.canceled.connect(cancel.set)
    thread = QThread()
    worker = _Worker(work, cancel)
    worker.moveToThread(thread)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def finished(result: object) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: object) -> None:
        outcome["error"] = error
        loop.quit()

    worker.step.connect(dialog.setLabelText)
    worker.done.connect(finished)
    worker.failed.connect(failed)
    thread.started.connect(worker.run)
    hold_collector()
    try:
        thread.start()
        loop.exec()
        thread.quit()
        thread.wait()
    finally:
        release_collector()
    dialog.reset()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]  # type: ignore[no-any-return]
