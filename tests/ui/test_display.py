"""Without a display, or without Qt's X11 libraries, the app says so instead of aborting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from missionplanner.errors import MissionPlannerError
from ui.display import check_display

ROOT = Path(__file__).resolve().parents[2]


def test_without_a_display_the_app_says_so_in_one_line_and_does_not_abort(
    tmp_path: Path,
) -> None:
    environ = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    script = (
        "import sys\n"
        "from ui.launch import main\n"
        "code = main(sys.argv[1:])\n"
        "print('PySide6' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    database = tmp_path / "plan.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", script, "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=environ,
    )
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("missionplanner: No display found")
    assert "the command line still works" in line
    assert "Reinstalling" not in done.stderr
    # Qt was never started, and nothing was created.
    assert done.stdout.strip() == "False"
    assert not database.exists()


def test_missing_x11_libraries_are_named_by_their_packages() -> None:
    missing = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    with pytest.raises(MissionPlannerError) as raised:
        check_display(
            {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"},
            "linux",
            can_load=lambda library: library not in missing,
        )
    said = str(raised.value)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4." in said
    assert "\n" not in said


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
        {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"},
    ],
)
def test_platforms_other_than_x11_need_no_x11_libraries(environ: dict[str, str]) -> None:
    check_display(environ, "linux", can_load=lambda _library: False)


@pytest.mark.parametrize("environ", [{}, {"QT_QPA_PLATFORM": "xcb"}])
def test_windows_and_macos_are_not_checked(environ: dict[str, str]) -> None:
    for system in ("win32", "darwin"):
        check_display(environ, system, can_load=lambda _library: False)
