"""The ``missionplanner`` command: the core's commands, or the desktop app when none is given.

Each check runs in a fresh process, so what it loads is what a user's run loads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from missionplanner import __version__

ROOT = Path(__file__).resolve().parents[2]


def launch(*args: str) -> tuple[int, str, str]:
    """``missionplanner ARGS`` through the entry point; stdout ends with the modules loaded."""
    script = (
        "import json, sys\n"
        "from ui.launch import main\n"
        f"code = main({list(args)!r})\n"
        "print(json.dumps(sorted(m for m in ('ui.app', 'PySide6') if m in sys.modules)))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    return done.returncode, done.stdout, done.stderr


def test_version_is_answered_by_the_core_without_the_desktop_app() -> None:
    code, out, _err = launch("--version")
    *said, loaded = out.strip().splitlines()
    assert code == 0
    assert said == [f"missionplanner {__version__}"]
    assert json.loads(loaded) == []


def test_a_command_runs_in_the_core_without_the_desktop_app(tmp_path: Path) -> None:
    database = str(tmp_path / "plan.sqlite")
    assert launch("--db", database, "demo")[0] == 0
    code, out, _err = launch("--db", database, "missions", "--json")
    *said, loaded = out.strip().splitlines()
    assert code == 0
    assert len(json.loads("\n".join(said))) >= 1
    assert json.loads(loaded) == []


def test_a_bad_command_is_refused_by_the_core(tmp_path: Path) -> None:
    code, _out, err = launch("--db", str(tmp_path / "plan.sqlite"), "no-such-command")
    assert code == 2
    assert "unknown command “no-such-command”" in err


def test_the_core_alone_says_where_the_desktop_app_is() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "missionplanner.cli", "--db", "unused.sqlite"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "The desktop app starts with 'missionplanner'" in done.stderr


def test_importing_the_whole_core_loads_neither_the_desktop_app_nor_qt() -> None:
    script = (
        "import pkgutil, importlib, sys, missionplanner\n"
        "for info in pkgutil.walk_packages(missionplanner.__path__, 'missionplanner.'):\n"
        "    if not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ui', 'PySide6')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
