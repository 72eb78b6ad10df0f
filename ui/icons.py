"""Icons shipped in resources/icons (Tango icons, public domain; the app icon is ours)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from missionplanner.paths import resource


@cache
def icon(name: str) -> QIcon:
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()
