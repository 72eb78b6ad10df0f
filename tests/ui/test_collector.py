"""Python's garbage collector in the desktop app: it runs on the GUI thread only."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from ui.collector import CollectorPolicy, adopt_collector_policy


class Cycle:
    """An object in a reference cycle with itself: only the collector can free it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collections() -> Iterator[list[threading.Thread]]:
    """The thread each collection from now on ran on."""
    seen: list[threading.Thread] = []

    def note(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(threading.current_thread())

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


@pytest.fixture
def policy(qapp: QApplication) -> Iterator[CollectorPolicy]:
    """The app's policy, adopted for one test; the collector is given back afterwards."""
    adopted = adopt_collector_policy(qapp, after_dialog_ms=50)
    try:
        yield adopted
    finally:
        adopted.stop()


def test_no_automatic_collection_once_the_policy_is_adopted(
    policy: CollectorPolicy, collections: list[threading.Thread]
) -> None:
    assert not gc.isenabled()
    garbage = [Cycle() for _ in range(100_000)]
    del garbage
    assert collections == []


def test_a_worker_thread_making_garbage_never_collects(
    policy: CollectorPolicy, collections: list[threading.Thread]
) -> None:
    def make_garbage() -> None:
        for _ in range(100_000):
            Cycle()

    worker = threading.Thread(target=make_garbage)
    worker.start()
    worker.join()
    assert worker not in collections
    assert collections == []


def test_a_closed_dialog_leads_to_a_collection_on_the_gui_thread(
    qtbot: QtBot, policy: CollectorPolicy, collections: list[threading.Thread]
) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert collections == []
    dialog.accept()
    qtbot.waitUntil(lambda: len(collections) > 0)
    assert set(collections) == {threading.main_thread()}


def test_the_gui_thread_also_collects_every_so_often(
    qtbot: QtBot, qapp: QApplication, collections: list[threading.Thread]
) -> None:
    policy = adopt_collector_policy(qapp, every_ms=50)
    try:
        qtbot.waitUntil(lambda: len(collections) >= 2)
    finally:
        policy.stop()
    assert set(collections) == {threading.main_thread()}
