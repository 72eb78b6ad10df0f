"""UI state remembered between sessions (QSettings): window, splitters, databases, folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from missionplanner.paths import is_demo_database

RECENT_LIMIT = 8
EXPORT_FOLDER_KEY = "exports/folder"
# Where each kind of export was saved before they shared one folder.
_OLDER_EXPORT_FOLDER_KEYS = ("documents/folder", "calendars/folder")


class UiSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings()

    def recent_databases(self) -> list[Path]:
        value = self.settings.value("databases/recent", [])
        items = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        )
        return [Path(str(item)) for item in items if str(item)]

    def remember_database(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_databases() if p != path]
        self.settings.setValue("databases/recent", [str(p) for p in [path, *recent][:RECENT_LIMIT]])
        # The demo is never "your database": plain `missionplanner` must open the same
        # file the command line uses, or the user's own work would land in the demo.
        if not is_demo_database(path):
            self.settings.setValue("databases/last", str(path))

    def last_database(self) -> Path | None:
        """The last database of the user's own (a demo remembered by an older version is not)."""
        value = self.settings.value("databases/last", "")
        if not value or is_demo_database(Path(str(value))):
            return None
        return Path(str(value))

    def export_folder(self) -> Path | None:
        """The folder the last export (of any kind) was saved in."""
        for key in (EXPORT_FOLDER_KEY, *_OLDER_EXPORT_FOLDER_KEYS):
            value = str(self.settings.value(key, "") or "")
            if value:
                return Path(value)
        return None

    def remember_export_folder(self, folder: Path) -> None:
        self.settings.setValue(EXPORT_FOLDER_KEY, str(folder))

    def flag(self, key: str, default: bool) -> bool:
        value = self.settings.value(key, default)
        if isinstance(value, str):  # INI files keep "true" and "false"
            return value.lower() == "true"
        return bool(value)

    def set_flag(self, key: str, value: bool) -> None:
        self.settings.setValue(key, value)

    def bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)
