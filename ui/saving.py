"""Saving an export: ask where, write it off the GUI thread, offer to open it.

Every export in the app (PDF documents, calendars, spreadsheets, mission files) takes
this one road, so they agree on the folder offered (one, shared by all kinds: people
keep a mission's files together), the default file name, the suffix, how errors are
shown and the question at the end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from missionplanner.errors import MissionPlannerError
from missionplanner.io.targets import refuse_protected
from missionplanner.progress import Cancelled, Progress
from ui.errors import show_error
from ui.settings import UiSettings
from ui.tasks import Runner

T = TypeVar("T")

translate = QCoreApplication.translate

# Characters no file name may hold on Windows (the strictest), plus control characters.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
# Device names Windows refuses as a file's name, whatever the suffix.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
NAME_LIMIT = 60


def clean_file_name(text: str, fallback: str = "mission", limit: int = NAME_LIMIT) -> str:
    """A safe file name (without suffix) from a title: accents kept, illegal parts gone.

    "Atlanta → Bogotá / Medellín: 2027" becomes "Atlanta → Bogotá Medellín 2027".
    """
    text = unicodedata.normalize("NFC", text)
    # Invisible formatting characters (bidi marks, zero-width joiners) confuse file lists.
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = " ".join(_ILLEGAL.sub(" ", text).split())
    # A leading dot hides the file on macOS and Linux; Windows drops trailing dots.
    text = text[:limit].strip(" .")
    if not text:
        return fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = f"_{text}"
    return text


@dataclass(frozen=True)
class FileType:
    """One kind of file an export can write: its name in the dialog and its suffix."""

    name: str
    suffix: str  # with the dot: ".pdf"

    @property
    def filter(self) -> str:
        return f"{self.name} (*{self.suffix})"


def fix_suffix(path: Path, types: Sequence[FileType], chosen: FileType) -> Path:
    """``path`` with the chosen type's suffix added, unless it already ends in one of ``types``."""
    if path.suffix.lower() in {t.suffix for t in types}:
        return path
    return path.with_name(path.name.rstrip(".") + chosen.suffix)


def start_folder(settings: UiSettings) -> Path:
    folder = settings.export_folder()
    if folder is not None and folder.is_dir():
        return folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def ask_save_path(
    parent: QWidget | None,
    settings: UiSettings,
    title: str,
    name: str,
    types: Sequence[FileType],
    protect: Path | None = None,
) -> Path | None:
    """Ask where to save, in the folder of the last export; None if cancelled.

    ``name`` is the default file name without suffix; the first of ``types`` is the default.
    ``protect`` is the open database: choosing it, its files or its backups is refused
    (with the command line's words) and the question asked again.
    """
    while True:
        target = _ask_once(parent, settings, title, name, types)
        if target is None:
            return None
        try:
            refuse_protected(target, protect)
        except MissionPlannerError as error:
            show_error(parent, error, title)
            continue
        return target


def _ask_once(
    parent: QWidget | None,
    settings: UiSettings,
    title: str,
    name: str,
    types: Sequence[FileType],
) -> Path | None:
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(start_folder(settings) / (name + types[0].suffix)),
        ";;".join(t.filter for t in types),
    )
    if not path:
        return None
    chosen = next((t for t in types if t.filter == chosen_filter), types[0])
    target = fix_suffix(Path(path), types, chosen)
    # The dialog asked about replacing the name typed, not the one with the suffix added.
    if target != Path(path) and target.exists():
        answer = QMessageBox.question(
            parent,
            title,
            translate("Saving", "{name} already exists. Replace it?").format(name=target.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return target


def show_failure(
    parent: QWidget | None, runner: Runner, error: BaseException, title: str = ""
) -> None:
    """Tell the user why nothing was written, once; Cancel needs no words."""
    if isinstance(error, MissionPlannerError) and not isinstance(error, Cancelled):
        show_error(parent, error, title)
        return
    runner.show_failure(error)


def offer_to_open(parent: QWidget | None, path: Path, details: str = "") -> bool:
    """ "Saved <name>", with Open (the default) and Close. True if the file was opened."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        translate("Saving", "Saved"),
        translate("Saving", "Saved {name}.").format(name=path.name),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        parent,
    )
    question = translate("Saving", "Open it now?")
    box.setInformativeText(f"{details}\n\n{question}" if details else question)
    box.setDefaultButton(QMessageBox.StandardButton.Open)
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    box.exec()
    opened = box.clickedButton() is box.button(QMessageBox.StandardButton.Open)
    box.deleteLater()
    if opened:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return opened


def write_file(
    parent: QWidget | None,
    runner: Runner,
    settings: UiSettings,
    path: Path,
    write: Callable[[Path, Progress], T],
    *,
    failed_title: str,
    details: Callable[[T], str] | None = None,
    done: Callable[[T], None] | None = None,
) -> bool:
    """Write ``path`` with ``write(path, progress)`` off the GUI thread, then offer to open it.

    Returns at once: True if the work started, False if another task is running.
    ``write`` runs on the worker thread and must not touch widgets. On success the
    folder is remembered for the next export; an error is shown once, under
    ``failed_title``; Cancel ends quietly.
    """

    def finished(result: T) -> None:
        settings.remember_export_folder(path.parent)
        if done is not None:
            done(result)
        offer_to_open(parent, path, details(result) if details is not None else "")

    return runner.start(
        translate("Saving", "Writing {name}").format(name=path.name),
        lambda progress: write(path, progress),
        finished,
        lambda error: show_failure(parent, runner, error, failed_title),
    )


def save_as(
    parent: QWidget | None,
    runner: Runner,
    settings: UiSettings,
    *,
    title: str,
    name: str,
    types: Sequence[FileType],
    write: Callable[[Path, Progress], T],
    failed_title: str,
    details: Callable[[T], str] | None = None,
    done: Callable[[T], None] | None = None,
    protect: Path | None = None,
) -> bool:
    """Ask where to save, then :func:`write_file` there.

    ``protect`` is the open database, never offered as a target (see :func:`ask_save_path`).
    False (and nothing asked) while another task runs, or if the user cancelled.
    """
    if runner.busy:
        return False
    path = ask_save_path(parent, settings, title, name, types, protect)
    if path is None:
        return False
    return write_file(
        parent, runner, settings, path, write, failed_title=failed_title, details=details, done=done
    )
