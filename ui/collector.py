"""When Python's cyclic garbage collector runs in the desktop app: on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate when a
threshold is crossed. On a worker thread (an import, a briefing pack, a backup) it may
finalize Qt wrappers that belong to the GUI thread, which crashes; and the bulk work
keeps hundreds of thousands of objects alive that each automatic pass walks again, for
nothing. So, as Anki does, automatic collection is switched off for the whole run, and
the GUI thread collects: every few minutes, and shortly after a dialog closes (dialogs
are where most short-lived widgets and their cycles are left behind, and a moment after
closing one is when a person least notices a pause).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

COLLECT_EVERY_MS = 5 * 60 * 1000
AFTER_DIALOG_MS = 1000


class CollectorPolicy(QObject):
    """Collects on the GUI thread, on a timer and after dialogs close.

    Made by :func:`adopt_collector_policy`; :meth:`stop` gives the collector back its
    automatic runs (the tests use it; the app keeps the policy until it exits).
    """

    def __init__(self, app: QApplication, every_ms: int, after_dialog_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._after_dialog_ms = after_dialog_ms
        self._pending = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(every_ms)
        self._timer.timeout.connect(self.collect)

    def start(self) -> None:
        self._running = True
        gc.disable()
        self._timer.start()
        self._app.installEventFilter(self)

    def stop(self) -> None:
        # A collection already asked for (a dialog just closed) no longer runs.
        self._running = False
        self._app.removeEventFilter(self)
        self._timer.stop()
        gc.enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # This sees every event of the application: the cheap test comes first.
        if event.type() in _CLOSING and isinstance(watched, QDialog):
            self.collect_soon()
        return False

    def collect_soon(self) -> None:
        """Collect a moment from now, once, however many dialogs close meanwhile."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(self._after_dialog_ms, self, self.collect)

    def collect(self) -> None:
        self._pending = False
        if self._running:
            gc.collect()


_CLOSING = frozenset({QEvent.Type.Hide, QEvent.Type.Close})


def adopt_collector_policy(
    app: QApplication,
    *,
    every_ms: int = COLLECT_EVERY_MS,
    after_dialog_ms: int = AFTER_DIALOG_MS,
) -> CollectorPolicy:
    """Turn automatic collection off; collect on the GUI thread from now on."""
    policy = CollectorPolicy(app, every_ms, after_dialog_ms)
    policy.start()
    return policy
