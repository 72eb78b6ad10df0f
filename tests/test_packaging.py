"""A wheel built from the repository carries the migrations and resources it needs."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    uv = shutil.which("uv")
    assert uv is not None, "uv is needed to build the wheel"
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("missionplanner-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_carries_every_migration(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    expected = {
        f"missionplanner/_data/migrations/versions/{p.name}"
        for p in (ROOT / "db" / "migrations" / "versions").glob("*.py")
    }
    assert expected and expected <= names
    assert "missionplanner/_data/migrations/env.py" in names


def test_wheel_carries_the_demo_missions(wheel: zipfile.ZipFile) -> None:
    assert "missionplanner/_data/resources/demo/missions.json" in wheel.namelist()


def test_wheel_has_the_console_command(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    assert "missionplanner = ui.launch:main" in wheel.read(entry_points).decode()


def test_wheel_carries_no_bytecode_or_local_databases(wheel: zipfile.ZipFile) -> None:
    unwanted = [n for n in wheel.namelist() if "__pycache__" in n or n.endswith(".sqlite")]
    assert unwanted == []
