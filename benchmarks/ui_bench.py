"""Mission Planner desktop app benchmarks: start-up, directory filter, schedule, memory.

Run from the repository root::

    uv run python benchmarks/ui_bench.py               # generate + import data, measure
    uv run python benchmarks/ui_bench.py --data DIR    # reuse files of generate.py --out DIR
    uv run python benchmarks/ui_bench.py --runs 5      # more runs (medians are reported)

The app runs off screen (``QT_QPA_PLATFORM=offscreen``) on one SQLite file holding the
large generated file and the 1,000-meeting mission, imported once in a setup process.
Every measurement runs in a fresh Python process started with ``sys.executable -c``:

- a bare PySide6 window (``QApplication`` + ``QMainWindow`` shown), the floor;
- the app: ``MainWindow`` on the database, shown; then, in the same process, the
  directory filter typed one keystroke at a time, the schedule of the 1,000-meeting
  mission opened, and the peak resident set size (``ru_maxrss``) at the end.

Start-up is timed from the parent (a timestamp before the process is started to the line
the child prints once the window is shown and one ``processEvents()`` has run, from a
``QTimer.singleShot(0, ...)`` after ``show()``) and inside the child (from the first line
of the script). The difference is the interpreter's own start. These are measurements,
not tests: nothing asserts a time. The result is a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

STARTUP_TARGET_S = 1.5
FILTER_TARGET_MS = 50.0
SCHEDULE_TARGET_MS = 300.0
MEMORY_TARGET_MB = 400.0
RESULT_PREFIX = "UI-BENCH "
DB_NAME = "ui-bench.sqlite"
FILTER_WORD = "bogota"

# --- the child scripts (run with ``sys.executable -c``) --------------------------------

# Common head: the very first line takes the time, before any import of this script.
HEAD = f"""\
import time
T0 = time.perf_counter()
W0 = time.time()
import json, os, sys
def emit(payload):
    print({RESULT_PREFIX!r} + json.dumps(payload), flush=True)
def rss_mb():
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6
"""

BARE = (
    HEAD
    + """\
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
T_IMPORTS = time.perf_counter()
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1440, 900)
window.show()
def shown():
    QApplication.processEvents()
    emit({"phase": "shown", "wall_start": W0, "in_child_s": time.perf_counter() - T0,
          "imports_s": T_IMPORTS - T0, "rss_mb": rss_mb()})
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""
)

APP = (
    HEAD
    + """\
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from missionplanner.store.database import open_database
from ui.app import make_application
from ui.main_window import MainWindow
from ui.settings import UiSettings
T_IMPORTS = time.perf_counter()
db_path, ini_path, big_id, word = sys.argv[1:5]
app = make_application()
T_APP = time.perf_counter()
db = open_database(db_path)
T_DB = time.perf_counter()
window = MainWindow(db, UiSettings(QSettings(ini_path, QSettings.Format.IniFormat)))
T_WINDOW = time.perf_counter()
window.show()

def filter_keystrokes():
    window.pages.setCurrentWidget(window.directory)
    QApplication.processEvents()
    field = window.directory.search_field
    texts = [word[:n] for n in range(1, len(word) + 1)]
    texts += [word[:n] for n in range(len(word) - 1, -1, -1)]  # backspace to empty
    strokes = []
    for text in texts:
        t = time.perf_counter()
        field.setText(text)
        QApplication.processEvents()
        strokes.append({"text": text, "ms": (time.perf_counter() - t) * 1000,
                        "rows": window.directory.proxy.rowCount()})
    return strokes

def open_schedule():
    window.pages.setCurrentWidget(window.splitter)
    window.workspace.setCurrentWidget(window.schedule)
    QApplication.processEvents()
    t = time.perf_counter()
    window.show_mission(big_id)
    QApplication.processEvents()
    first = (time.perf_counter() - t) * 1000
    # Once more after another mission, for information: the second opening.
    others = [m for m in window.summaries if m != big_id]
    window.show_mission(others[0])
    QApplication.processEvents()
    t = time.perf_counter()
    window.show_mission(big_id)
    QApplication.processEvents()
    again = (time.perf_counter() - t) * 1000
    return first, again

def shown():
    QApplication.processEvents()
    t_shown = time.perf_counter()
    emit({"phase": "shown", "wall_start": W0, "in_child_s": t_shown - T0,
          "imports_s": T_IMPORTS - T0, "application_s": T_APP - T_IMPORTS,
          "open_database_s": T_DB - T_APP, "main_window_s": T_WINDOW - T_DB,
          "show_s": t_shown - T_WINDOW, "rss_mb": rss_mb()})
    if os.environ.get("UI_BENCH_STARTUP_ONLY"):
        app.quit()
        return
    strokes = filter_keystrokes()
    first, again = open_schedule()
    emit({"phase": "done", "strokes": strokes, "schedule_ms": first,
          "schedule_again_ms": again, "rss_mb": rss_mb()})
    window.close()
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""
)

SETUP = """\
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import generate
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_file
from missionplanner.store.database import open_database
data, db_path = Path(sys.argv[2]), Path(sys.argv[3])
if not (data / "missions-large.json").exists():
    data.mkdir(parents=True, exist_ok=True)
    generate.write_files(data)
db = open_database(db_path)
import_file(db, data / "missions-large.json")
import_file(db, data / "mission-1000.json")
# The 1,000-meeting mission (its count leaves out cancelled meetings): the largest.
print(max(list_missions(db), key=lambda m: m.meetings).id)
"""


# --- the driver -------------------------------------------------------------------------


def run_child(script: str, args: list[str], env: dict[str, str]) -> list[dict[str, Any]]:
    """Run ``script`` in a new interpreter; each result line gets the parent's wall time.

    ``parent_s`` of a line is the time from just before the process is started to the
    moment the parent reads that line (not the process's exit).
    """
    results: list[dict[str, Any]] = []
    start = time.perf_counter()
    wall_start = time.time()
    with subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(RESULT_PREFIX):
                result = json.loads(line.removeprefix(RESULT_PREFIX))
                result["parent_s"] = time.perf_counter() - start
                if "wall_start" in result:
                    result["interpreter_s"] = result["wall_start"] - wall_start
                results.append(result)
        stderr = process.stderr.read() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"child process failed ({process.returncode}):\n{stderr}")
    return results


def environment(work: Path, bytecode: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("UI_BENCH_STARTUP_ONLY", None)
    # The app keeps backups and a lock in the user data folder: keep them in the run's.
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(work / variable.lower())
    if bytecode:  # as benchmarks/run.py: compiled modules, as an installed app has them
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def setup(data: Path, db_path: Path, env: dict[str, str]) -> str:
    print("setup: generating and importing data (about 10-15 s)…", file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, "-c", SETUP, str(HERE), str(data), str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"setup failed:\n{done.stderr}")
    return done.stdout.split()[-1]


def drive(data: Path | None, runs: int, bytecode: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="missionplanner-ui-bench-") as temporary:
        work = Path(temporary)
        env = environment(work, bytecode)
        folder = data.resolve() if data is not None else work / "data"
        db_path = work / DB_NAME
        big_id = setup(folder, db_path, env)

        def app_args(run: int) -> list[str]:
            return [str(db_path), str(work / f"settings-{run}.ini"), big_id, FILTER_WORD]

        # Warm-up: compiles the bytecode cache and brings the files into the OS cache.
        run_child(BARE, [], env)
        run_child(APP, app_args(0), env)
        bare: list[dict[str, Any]] = []
        app: list[dict[str, Any]] = []
        for run in range(1, runs + 1):
            print(f"  run {run} of {runs}", file=sys.stderr, flush=True)
            bare.append(run_child(BARE, [], env)[0])
            shown, done = run_child(APP, app_args(run), env)
            app.append({"shown": shown, "done": done})
        return {"bare": bare, "app": app}


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(value: float, target: float) -> str:
    return "met" if value < target else "**missed**"


def table(results: dict[str, Any]) -> str:
    bare, app = results["bare"], results["app"]
    shown = [a["shown"] for a in app]
    done = [a["done"] for a in app]
    strokes = [s for d in done for s in d["strokes"]]
    stroke_ms = [s["ms"] for s in strokes]
    worst = max(strokes, key=lambda s: s["ms"])
    start_s = median([s["parent_s"] for s in shown])
    filter_median = median(stroke_ms)
    filter_worst = worst["ms"]
    schedule = median([d["schedule_ms"] for d in done])
    memory = max(d["rss_mb"] for d in done)
    rows = [
        (
            "App start-up to main window shown (whole process)",
            f"**{start_s:.2f} s**",
            f"< {STARTUP_TARGET_S} s ({verdict(start_s, STARTUP_TARGET_S)})",
        ),
        (
            "↳ interpreter start (before the script's first line)",
            f"{median([s['interpreter_s'] for s in shown]):.3f} s",
            "",
        ),
        (
            "↳ imports (PySide6, SQLAlchemy, app modules)",
            f"{median([s['imports_s'] for s in shown]):.3f} s",
            "",
        ),
        ("↳ `make_application`", f"{median([s['application_s'] for s in shown]):.3f} s", ""),
        ("↳ `open_database`", f"{median([s['open_database_s'] for s in shown]):.3f} s", ""),
        (
            "↳ `MainWindow(...)` (includes loading all lists, first mission)",
            f"{median([s['main_window_s'] for s in shown]):.3f} s",
            "",
        ),
        ("↳ `show()` + first events", f"{median([s['show_s'] for s in shown]):.3f} s", ""),
        (
            "Bare PySide6 window start-up (floor, whole process)",
            f"{median([b['parent_s'] for b in bare]):.2f} s",
            "",
        ),
        ("↳ interpreter start", f"{median([b['interpreter_s'] for b in bare]):.3f} s", ""),
        (
            f"Directory filter keystroke, median ({len(stroke_ms)} keystrokes)",
            f"**{filter_median:.1f} ms**",
            f"< {FILTER_TARGET_MS:.0f} ms ({verdict(filter_median, FILTER_TARGET_MS)})",
        ),
        (
            f"Directory filter keystroke, worst (`{worst['text'] or '(empty)'}`, "
            f"{worst['rows']:,} rows)",
            f"**{filter_worst:.1f} ms**",
            f"< {FILTER_TARGET_MS:.0f} ms ({verdict(filter_worst, FILTER_TARGET_MS)})",
        ),
        (
            "Open schedule of the 1,000-meeting mission (first time)",
            f"**{schedule:.0f} ms**",
            f"< {SCHEDULE_TARGET_MS:.0f} ms ({verdict(schedule, SCHEDULE_TARGET_MS)})",
        ),
        (
            "↳ the same, opened again",
            f"{median([d['schedule_again_ms'] for d in done]):.0f} ms",
            "",
        ),
        (
            "Peak memory after all that (ru_maxrss)",
            f"**{memory:.0f} MB**",
            f"< {MEMORY_TARGET_MB:.0f} MB ({verdict(memory, MEMORY_TARGET_MB)})",
        ),
        ("↳ app just after start-up", f"{max(s['rss_mb'] for s in shown):.0f} MB", ""),
        ("↳ bare PySide6 window", f"{max(b['rss_mb'] for b in bare):.0f} MB", ""),
    ]
    lines = ["| measurement | result | target |", "|---|---:|---|"]
    lines += [f"| {name} | {result} | {target} |" for name, result, target in rows]
    return "\n".join(lines)


def machine() -> str:
    return (
        f"{os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder with files of generate.py --out")
    parser.add_argument("--runs", type=int, default=3, help="measured runs (default 3)")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE: every process compiles what it imports",
    )
    parser.add_argument("--json", action="store_true", help="also print the raw figures")
    args = parser.parse_args(argv)
    results = drive(args.data, args.runs, bytecode=not args.no_bytecode_cache)
    print(f"Machine: {machine()}; {args.runs} runs, medians.\n")
    print(table(results))
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
