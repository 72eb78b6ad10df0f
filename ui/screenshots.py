"""Save a picture of each main view on the demo missions: ``python -m ui.screenshots OUTDIR``.

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

from missionplanner.services.transfer import load_demo
from missionplanner.store.database import open_database
from ui.app import make_application
from ui.settings import UiSettings

SIZE = (1440, 900)
MISSION = "m-atl-latam-2027"


def save_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "demo.sqlite")
        load_demo(db)
        settings = UiSettings(QSettings(str(Path(folder) / "ui.ini"), QSettings.Format.IniFormat))
        window = MainWindow(db, settings)
        window.resize(*SIZE)
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
        window.close()
        db.close()
    return saved


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for picture in save_all(target):
        print(picture)
