"""The Problems list: each row says its severity by icon and colour, in any palette."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPalette
from pytestqt.qtbot import QtBot

from missionplanner.checks import Severity, check
from missionplanner.services.missions import load_plan
from missionplanner.store.database import Database, open_database
from ui.models.table import ROW_ROLE
from ui.views.problems import ProblemsView


@pytest.fixture(scope="module")
def demo(demo_file: Path) -> Iterator[Database]:
    with open_database(demo_file, read_only=True) as database:
        yield database


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"], ids=["light", "dark"])
def test_errors_and_warnings_each_show_their_icon_and_colour(
    qtbot: QtBot, demo: Database, base: str
) -> None:
    view = ProblemsView()
    qtbot.addWidget(view)
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    view.setPalette(palette)
    view.set_problems(check(load_plan(demo, "m-atl-latam-2027")))
    model = view.proxy
    seen: dict[Severity, QColor] = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        problem = index.data(ROW_ROLE)
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(decoration, QIcon) and not decoration.isNull()
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        assert isinstance(brush, QBrush)
        seen.setdefault(problem.severity, brush.color())
    assert set(seen) == {Severity.ERROR, Severity.WARNING}
    assert seen[Severity.ERROR] != seen[Severity.WARNING]
    for colour in seen.values():
        assert contrast(colour, QColor(base)) >= 4.5
