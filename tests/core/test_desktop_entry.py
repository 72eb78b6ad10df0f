"""`missionplanner --install-desktop-entry`: Mission Planner in a Linux applications menu."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import pytest

from missionplanner import desktop_entry

# The command this environment installed, run as a user would run it.
COMMAND = Path(sys.executable).parent / "missionplanner"

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="the applications-menu entry is for Linux"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COMMAND), *args], capture_output=True, text=True, timeout=60, env=os.environ
    )


def read_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_puts_the_app_and_its_icon_in_the_menu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    done = run("--install-desktop-entry")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    entry = data / "applications" / "missionplanner.desktop"
    assert str(entry) in done.stdout

    fields = read_entry(entry)
    assert fields["Type"] == "Application"
    assert fields["Name"] == "Mission Planner"
    assert fields["Comment"]
    assert fields["Terminal"] == "false"
    assert fields["Categories"] == "Office;ProjectManagement;"
    assert "MimeType" not in fields
    started = Path(fields["Exec"])
    assert started.is_absolute() and started.is_file() and os.access(started, os.X_OK)
    assert started.samefile(COMMAND)
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / f"{fields['Icon']}.svg"
    assert icon.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_uninstall_removes_what_install_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert run("--install-desktop-entry").returncode == 0
    done = run("--uninstall-desktop-entry")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    assert [p for p in (tmp_path / "data").rglob("*") if p.is_file()] == []
    again = run("--uninstall-desktop-entry")
    assert again.returncode == 0
    assert "nothing was removed" in again.stdout


def test_without_xdg_data_home_the_entry_goes_to_the_home_folder(
    isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    desktop_entry.install(COMMAND)
    assert (isolated_user_folders / ".local/share/applications/missionplanner.desktop").is_file()


def test_with_a_command_it_refuses_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    done = run("--install-desktop-entry", "missions")
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "data").exists()


def _exec_program(value: str) -> str:
    """The program an Exec value names, unquoted as the Desktop Entry Specification says."""
    value = value.replace("%%", "%")
    if not value.startswith('"'):
        return value
    out, chars = [], iter(value[1:-1])
    for ch in chars:
        out.append(next(chars) if ch == "\\" else ch)
    return "".join(out)


@pytest.mark.parametrize(
    "folder", ["My Apps", "100% tools", 'a "quoted" name', "costs $5", "back\\slash"]
)
def test_a_command_in_an_awkward_folder_is_started_all_the_same(
    tmp_path: Path, folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = tmp_path / folder / "missionplanner"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    desktop_entry.install(command)
    fields = read_entry(tmp_path / "data" / "applications" / "missionplanner.desktop")
    # configparser keeps the string escapes; a menu undoes them first.
    assert _exec_program(fields["Exec"].replace("\\\\", "\\")) == str(command)
    assert fields["TryExec"].replace("\\\\", "\\") == str(command)
