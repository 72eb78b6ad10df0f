"""Briefing pack benchmark: seconds and pages per second, next to a plain reportlab floor.

Run from the repository root::

    uv run python benchmarks/pdf_bench.py              # generate, import, measure (~2 min)
    uv run python benchmarks/pdf_bench.py --runs 3     # medians of three measured runs

Two missions are measured: the 1,000-meeting mission of ``generate.py`` and a
300-meeting mission built the same way (6 cities, 10 participants), both imported into
one SQLite file together with the large file (so organizations have meetings in other
missions, as the "earlier meetings" of each brief expect).

For each mission, in a fresh process: ``load_dossier`` and ``check`` are timed apart;
then a tiny pack (the mission cut to 3 meetings) is rendered once so that fonts and
modules are loaded; then the pack is rendered (``BriefingRenderer.render``: building
the story and laying it out in one pass) and, as the floor, plain reportlab lays out the
same paragraphs (the same markup and styles, parsed anew) in a ``SimpleDocTemplate``
with the same page size and margins: no tables, page breaks, anchors, contents numbers,
drawings or page furniture. The ratio of the two is the cost of the structure.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import collector  # noqa: E402
import generate  # noqa: E402

RESULT_PREFIX = "BENCHMARK-RESULT "
MISSION_300 = "mission-300"
MISSIONS = (MISSION_300, generate.BIG_MISSION_ID)
RATIO_TARGET = 1.5
SECONDS_300_TARGET = 10.0


def peak_rss_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def mission_300_file(seed: int = generate.SEED) -> dict[str, Any]:
    """A 300-meeting mission of 6 cities, with the organizations it refers to."""
    builder = generate._MissionBuilder(
        seed,
        MISSION_300,
        stops=6,
        meetings=300,
        participants=10,
        stay=(7, 9),
        start=date(2026, 6, 1),
        organizations=20_000,
    )
    mission = builder.build()
    return {
        "format": generate.FORMAT,
        "organizations": [builder.org(i) for i in sorted(builder.referenced)],
        "missions": [mission],
    }


# --- steps (each in its own process) -------------------------------------------------------


def step_setup(db_path: Path) -> dict[str, Any]:
    from missionplanner.services import transfer
    from missionplanner.store.database import open_database

    began = time.perf_counter()
    with open_database(db_path) as db:
        transfer.import_data(db, generate.large_file())
        transfer.import_data(db, generate.big_mission_file())
        transfer.import_data(db, mission_300_file())
    return {"setup_s": time.perf_counter() - began}


def _paragraphs(flowables: Sequence[Any]) -> Iterator[Any]:
    """Every Paragraph of a story, inside tables, groups and contents lines too, in order."""
    from reportlab.platypus import KeepTogether, Paragraph, Table

    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            yield flowable
        elif isinstance(getattr(flowable, "text", None), Paragraph):  # a contents line
            yield flowable.text
        elif isinstance(flowable, Table):
            for row in flowable._cellvalues:
                for cell in row:
                    yield from _paragraphs(cell if isinstance(cell, list | tuple) else [cell])
        elif isinstance(flowable, KeepTogether):
            yield from _paragraphs(flowable._content)


def floor_texts(renderer: Any, paper: Any) -> list[tuple[str, Any]]:
    """The markup and style of every paragraph of the pack (links left out)."""
    from reportlab.lib.units import mm

    renderer.width = paper.size[0] - 36 * mm
    # Internal links would point at anchors the floor does not have.
    unlinked = re.compile(r"</?a\b[^>]*>")
    texts = []
    for paragraph in _paragraphs(renderer.story()):
        text = unlinked.sub("", paragraph.text)
        if paragraph.bulletText:  # a label hanging in the margin: the same words in line
            text = f"{paragraph.bulletText} {text}"
        texts.append((text, paragraph.style))
    return texts


def render_floor(texts: list[tuple[str, Any]], paper: Any) -> tuple[int, int]:
    """Plain reportlab: the same paragraphs, one after the other; (pages, bytes)."""
    from reportlab import rl_config
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = io.BytesIO()
    story = [Paragraph(text, style) for text, style in texts]
    doc = SimpleDocTemplate(
        out,
        pagesize=paper.size,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=24 * mm,
        bottomMargin=18 * mm,
    )
    # The same stream encoding as the pack (compressed, not ASCII85-encoded).
    ascii85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story)
    finally:
        rl_config.useA85 = ascii85
    return int(doc.page), len(out.getvalue())


def step_measure(db_path: Path, mission: str, what: str) -> dict[str, Any]:
    """The pack (``what`` = "pack") or the floor ("floor") of one mission, timed."""
    from missionplanner.checks import check
    from missionplanner.export.briefing import BriefingRenderer
    from missionplanner.export.paper import Paper
    from missionplanner.services.dossier import load_dossier
    from missionplanner.store.database import open_database

    paper = Paper.A4
    with open_database(db_path, read_only=True) as db:
        began = time.perf_counter()
        dossier = load_dossier(db, mission)
        load_s = time.perf_counter() - began
    began = time.perf_counter()
    problems = check(dossier.plan)
    check_s = time.perf_counter() - began
    # Warm-up of the same kind on a pack cut to 3 meetings: fonts, modules, zone data.
    few = dossier.meetings[:3]
    tiny = dataclasses.replace(
        dossier,
        meetings=few,
        plan=dataclasses.replace(dossier.plan, meetings=tuple(m.info for m in few)),
    )
    result: dict[str, Any] = {
        "mission": mission,
        "meetings": len(dossier.meetings),
        "cancelled": sum(1 for m in dossier.meetings if m.cancelled),
        "problems": len(problems),
        "load_s": load_s,
        "check_s": check_s,
    }
    if what == "pack":
        BriefingRenderer(tiny, paper, problems=[]).render(io.BytesIO())
        out = io.BytesIO()
        began, cpu = time.perf_counter(), time.process_time()
        pages = BriefingRenderer(dossier, paper, problems=problems).render(out)
        result["seconds"] = time.perf_counter() - began
        result["cpu_s"] = time.process_time() - cpu
        result["pages"] = pages
        result["bytes"] = len(out.getvalue())
    else:
        render_floor(floor_texts(BriefingRenderer(tiny, paper, problems=[]), paper), paper)
        texts = floor_texts(BriefingRenderer(dossier, paper, problems=problems), paper)
        began, cpu = time.perf_counter(), time.process_time()
        pages, size = render_floor(texts, paper)
        result["seconds"] = time.perf_counter() - began
        result["cpu_s"] = time.process_time() - cpu
        result["pages"] = pages
        result["bytes"] = size
        result["paragraphs"] = len(texts)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


# --- the driver --------------------------------------------------------------------------


def _run(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    print(f"  {' '.join(args)}…", file=sys.stderr, flush=True)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"benchmark step failed (exit {done.returncode})")
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line.removeprefix(RESULT_PREFIX))
            return result
    raise SystemExit("benchmark step printed no result")


def _median(results: list[dict[str, Any]]) -> dict[str, Any]:
    merged = dict(results[0])
    for key, value in results[0].items():
        if isinstance(value, float):
            merged[key] = statistics.median(r[key] for r in results)
    return merged


def table(results: dict[tuple[str, str], dict[str, Any]]) -> str:
    lines = [
        "| mission | pages | pack | pages/s | floor: same paragraphs, plain | ratio "
        "(CPU time) | target |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for mission in MISSIONS:
        pack, floor = results[mission, "pack"], results[mission, "floor"]
        ratio = pack["seconds"] / floor["seconds"]
        cpu_ratio = pack["cpu_s"] / floor["cpu_s"]
        verdict = "met" if ratio < RATIO_TARGET else "MISSED"
        targets = [f"ratio < {RATIO_TARGET:g} ({verdict})"]
        if mission == MISSION_300:
            met = "met" if pack["seconds"] < SECONDS_300_TARGET else "MISSED"
            targets.append(f"< {SECONDS_300_TARGET:g} s ({met})")
        lines.append(
            f"| {pack['meetings']:,} meetings ({pack['cancelled']} cancelled) | "
            f"{pack['pages']:,} | {pack['seconds']:.2f} s | "
            f"{pack['pages'] / pack['seconds']:.0f} | "
            f"{floor['seconds']:.2f} s ({floor['pages']:,} pages) | {ratio:.2f}× "
            f"({cpu_ratio:.2f}×) | {'; '.join(targets)} |"
        )
    lines.append("")
    lines.append(
        "| mission | `load_dossier` | `check` | paragraphs | PDF size | peak memory (pack) |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|")
    for mission in MISSIONS:
        pack, floor = results[mission, "pack"], results[mission, "floor"]
        lines.append(
            f"| {pack['meetings']:,} meetings | {pack['load_s']:.2f} s | "
            f"{pack['check_s']:.2f} s | {floor['paragraphs']:,} | "
            f"{pack['bytes'] / 1e6:.1f} MB | {pack['peak_rss_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Briefing pack benchmark.")
    parser.add_argument("--runs", type=int, default=1, help="measured runs; medians reported")
    parser.add_argument("--db", type=Path, help="reuse a database set up by an earlier run")
    parser.add_argument("--json", action="store_true", help="also print the raw results")
    parser.add_argument(
        "--collector",
        choices=collector.CHOICES,
        default="cli",
        help="garbage-collector policy of pack and floor alike: the command line's "
        "(default), Python's defaults, or none",
    )
    parser.add_argument("--step", choices=["setup", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--mission", help=argparse.SUPPRESS)
    parser.add_argument("--what", choices=["pack", "floor"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.step == "setup":
        print(RESULT_PREFIX + json.dumps(step_setup(args.db)))
        return 0
    if args.step == "measure":
        collector.apply_from_environment()
        print(RESULT_PREFIX + json.dumps(step_measure(args.db, args.mission, args.what)))
        return 0

    with tempfile.TemporaryDirectory(prefix="missionplanner-pdf-bench-") as temporary:
        work = Path(temporary)
        env = dict(os.environ)
        env[collector.ENV] = args.collector
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        db_path = args.db
        if db_path is None or not db_path.exists():
            db_path = db_path or work / "bench.sqlite"
            _run(["--step", "setup", "--db", str(db_path)], env)
        every: dict[tuple[str, str], list[dict[str, Any]]] = {
            (m, w): [] for m in MISSIONS for w in ("pack", "floor")
        }
        for _ in range(args.runs):
            for mission, what in every:
                command = ["--step", "measure", "--db", str(db_path), "--mission", mission]
                every[mission, what].append(_run([*command, "--what", what], env))
    results = {key: _median(runs) for key, runs in every.items()}
    if args.json:
        print(json.dumps({f"{m} {w}": runs for (m, w), runs in every.items()}, indent=2))
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
