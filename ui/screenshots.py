"""Save a picture of each main view on the demo missions.

``python -m ui.screenshots OUTDIR [WIDTHxHEIGHT]``: the README's pictures at 1440×900
(docs/screenshots/), or the same views at a laptop size (1280x720, 1024x768) to look at.

Runs headless; the pictures go in the README (docs/screenshots/).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from missionplanner.services.transfer import load_demo
from missionplanner.store.database import Database, open_database
from ui.app import make_application
from ui.settings import UiSettings

SIZE = (1440, 900)
MISSION = "m-atl-latam-2027"


def dark_palette() -> QPalette:
    """A dark palette like the ones desktops hand to apps in dark mode."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2e"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1e20"),
        (roles.AlternateBase, "#29292c"),
        (roles.ToolTipBase, "#3a3a3e"),
        (roles.ToolTipText, "#f0f0f0"),
        (roles.PlaceholderText, "#8c8c8c"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#333337"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.BrightText, "#ff6b6b"),
        (roles.Light, "#4a4a4f"),
        (roles.Midlight, "#3d3d42"),
        (roles.Mid, "#2a2a2d"),
        (roles.Dark, "#1a1a1c"),
        (roles.Shadow, "#000000"),
        (roles.Highlight, "#2f7dd1"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#6cb4ff"),
        (roles.LinkVisited, "#b48cff"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def save_all(out: Path, size: tuple[int, int] = SIZE) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.sqlite")
        load_demo(db)
        settings = UiSettings(QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(db, settings)
        window.resize(*size)
        window.show()
        window.mission_list.select(MISSION)
        # Today / Next as seen on Tuesday 14 September 2027, 11:00 in Santiago.
        window.today.clock = lambda: datetime(2027, 9, 14, 14, 0)
        saved = []
        for number, (name, page, tab) in enumerate(
            [
                ("overview", 0, window.overview),
                ("schedule", 0, window.schedule),
                ("meetings", 0, window.meetings),
                ("problems", 0, window.problems_view),
                ("directory", 1, None),
                ("cities-and-travel", 0, window.route),
                ("delegation", 0, window.delegation),
                ("today", 0, window.today),
            ],
            start=1,
        ):
            window.pages.setCurrentIndex(page)
            if tab is not None:
                window.workspace.setCurrentWidget(tab)
            if name == "directory":
                window.directory.select_organization("org-ruta-n")
            app.processEvents()
            path = out / f"{number:02d}-{name}.png"
            window.grab().save(str(path))
            saved.append(path)
        # The same app on a dark system palette: the schedule, where colours matter most.
        light = app.palette()
        app.setPalette(dark_palette())
        window.pages.setCurrentIndex(0)
        window.workspace.setCurrentWidget(window.schedule)
        app.processEvents()
        path = out / "09-schedule-dark.png"
        window.grab().save(str(path))
        saved.append(path)
        app.setPalette(light)
        saved.append(_contact_import(out, Path(folder), db))
        window.close()
        db.close()
    return saved


# A contacts export as Spanish-locale Excel writes it: semicolons, Windows-1252.
CONTACTS_CSV = (
    "Nombre;Empresa;Ciudad;País;Correo electrónico;Teléfono;Cargo\r\n"
    "Alejandro Franco;RUTA N;MEDELLIN;Colombia;;(604) 516 7770;Director Ejecutivo\r\n"
    "Ana Gómez;Ruta N.;Medellín;CO;ana@rutanmedellin.org;;Alianzas\r\n"
    "Luis Pérez;Invest Pacific;Cali;CO;luis@;;Analista\r\n"
    "Pedro Ruiz;Empresa Nueva;Bogotá;CO;;310 555 1234;Gerente\r\n"
)


def _contact_import(out: Path, folder: Path, db: Database) -> Path:
    """The contacts import wizard's review page, before anything is written."""
    from PySide6.QtWidgets import QWizard

    from ui.dialogs.contact_import import ContactImportWizard
    from ui.operations import Operations

    source = folder / "contactos.csv"
    source.write_bytes(CONTACTS_CSV.encode("cp1252"))
    operations = Operations(db)
    wizard = ContactImportWizard(operations)
    wizard.show()
    wizard.file_page.path.setText(str(source))
    for _ in range(3):
        wizard.button(QWizard.WizardButton.NextButton).click()
        # Reading and planning run off the GUI thread: let them end.
        while operations.busy:
            QApplication.processEvents()
        QApplication.processEvents()
    path = out / "10-import-contacts.png"
    wizard.grab().save(str(path))
    wizard.close()
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    width, height = (sys.argv[2] if len(sys.argv) > 2 else "1440x900").split("x")
    for picture in save_all(target, (int(width), int(height))):
        print(picture)
