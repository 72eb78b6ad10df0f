"""The Qt binding in use does not corrupt the interpreter."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_keep_python_none_alive() -> None:
    """shiboken6 6.12.0 drops a reference to None on every call that returns nothing.

    On Python 3.11 a few repaints then end the process with "none_dealloc"; the
    dependency excludes that release, and this test catches a return of the bug.
    """
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("probe")
    assert sys.getrefcount(None) >= before - 50
