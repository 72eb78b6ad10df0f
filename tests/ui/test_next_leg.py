"""Add travel proposes the next leg of the route, not the first one again."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from missionplanner.services.missions import load_plan
from ui.dialogs.travel import TravelDialog
from ui.main_window import MainWindow
from ui.window.editing import next_leg

MISSION = "m-atl-latam-2027"


def test_the_next_leg_leaves_where_the_last_trip_arrived(demo_window: MainWindow) -> None:
    plan = load_plan(demo_window.db, MISSION)
    # Atlanta → Santiago → Bogotá so far; Medellín comes next on the route.
    so_far = replace(plan, travel=tuple(sorted(plan.travel, key=lambda t: t.depart_utc)[:2]))
    form = next_leg(so_far)
    assert (form.origin, form.destination) == ("Bogotá (BOG)", "Medellín")
    assert form.depart_local == datetime(2027, 9, 17, 9, 0)
    assert form.depart_timezone == "America/Bogota"


def test_add_travel_proposes_the_leg_after_the_last_trip(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    main = demo_window
    main.mission_list.select(MISSION)
    assert main.plan is not None and len(main.plan.travel) == 5
    proposed: list[tuple[str, str, datetime]] = []

    def read() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, TravelDialog):
            QTimer.singleShot(20, read)
            return
        proposed.append(
            (
                dialog.origin.text(),
                dialog.destination.text(),
                dialog.depart.dateTime().toPython(),  # type: ignore[arg-type]
            )
        )
        dialog.reject()

    QTimer.singleShot(0, read)
    main.add_travel_action.trigger()
    qtbot.waitUntil(lambda: bool(proposed))
    # The last flight takes the delegation home to Atlanta on the 18th: the next leg
    # leaves Atlanta the day after, not Santiago on the first day.
    assert proposed == [("Atlanta (ATL)", "", datetime(2027, 9, 19, 9, 0))]
