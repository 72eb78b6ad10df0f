"""Killing the app mid-write loses nothing committed; two processes share a file safely.

The kill test forks writers from a helper process that has already imported the app
(starting Python with SQLAlchemy anew for each round would cost over a second), lets each
one import mission files and edit records, committing and reporting every commit in a log
file, kills it with SIGKILL at a random moment, and then checks the file: it passes
``PRAGMA integrity_check``, everything reported committed is there, and no import is half
there. The next round opens the file the killed one left behind (WAL recovery included).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from missionplanner.domain.forms import MeetingForm
from missionplanner.errors import StaleRecordError
from missionplanner.services import records
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database
from missionplanner.store.schema import Meeting, Mission

ROUNDS = 21
MEETINGS_PER_IMPORT = 30
WAIT_SECONDS = 60

HELPER = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path

    from missionplanner.domain.forms import MissionForm
    from missionplanner.services import records, transfer
    from missionplanner.store.database import open_database
    from missionplanner.store.schema import Mission

    MEETINGS = int(sys.argv[1])


    def mission(mission_id):
        return {
            "format": "missionplanner/1",
            "missions": [
                {
                    "id": mission_id,
                    "title": "Imported " + mission_id,
                    "home_timezone": "America/New_York",
                    "participants": [{"id": mission_id + "-p", "name": "Dana Ortiz"}],
                    "stops": [
                        {
                            "id": mission_id + "-s",
                            "city": "Bogotá",
                            "country": "CO",
                            "arrive": "2026-10-01",
                            "depart": "2026-10-31",
                        }
                    ],
                    "meetings": [
                        {
                            "id": f"{mission_id}-{n}",
                            "title": f"Meeting {n}",
                            "stop": mission_id + "-s",
                            "start": f"2026-10-{1 + n % 28:02d}T{8 + n % 9:02d}:00",
                            "end": f"2026-10-{1 + n % 28:02d}T{8 + n % 9:02d}:45",
                        }
                        for n in range(MEETINGS)
                    ],
                }
            ],
        }


    def work(mode, db_path, log_path, key):
        out = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)

        def report(line):
            os.write(out, (line + "\\n").encode())

        try:
            db = open_database(Path(db_path))
            with db.reading() as session:
                counter = session.get(Mission, "counter")
                value, version = int(counter.objectives), counter.version
            report(f"open {value}")
            n = 0
            while True:
                n += 1
                if mode == "import" or (mode == "mixed" and n % 2):
                    transfer.import_data(db, mission(f"{key}-{n}"))
                    report(f"mission {key}-{n}")
                else:
                    value += 1
                    version = records.change(
                        db, MissionForm, "counter", version, objectives=str(value)
                    )
                    report(f"counter {value}")
        except BaseException as error:
            report(f"error {type(error).__name__}: {error}")
            os._exit(1)


    print("ready", flush=True)
    while True:
        command = sys.stdin.readline().split()
        if not command:
            break
        pid = os.fork()
        if pid == 0:
            work(*command)
            os._exit(0)
        print(pid, flush=True)
        sys.stdin.readline()  # the test has killed the writer: reap it
        _pid, status = os.waitpid(pid, 0)
        print(status, flush=True)
    """
)


def complete_lines(log: Path) -> list[str]:
    if not log.exists():
        return []
    text = log.read_text(encoding="utf-8")
    return text.split("\n")[:-1]  # a line is reported once its newline is written


def wait_for_lines(log: Path, count: int) -> list[str]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        lines = complete_lines(log)
        errors = [line for line in lines if line.startswith("error")]
        assert not errors, errors
        if len(lines) >= count:
            return lines
        assert time.monotonic() < deadline, f"the writer reported only {lines}"
        time.sleep(0.002)


def check_database(path: Path, missions: set[str], counter: int) -> None:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        meetings = dict(
            connection.execute(
                "SELECT mission_id, count(*) FROM meetings GROUP BY mission_id"
            ).fetchall()
        )
        stored = {
            row[0] for row in connection.execute("SELECT id FROM missions WHERE id != 'counter'")
        }
        value, version = connection.execute(
            "SELECT objectives, version FROM missions WHERE id = 'counter'"
        ).fetchone()
    finally:
        connection.close()
    # Everything reported as committed is there, complete.
    assert missions <= stored, f"reported committed, but missing: {sorted(missions - stored)}"
    # No import is half there: every mission has all its meetings, or does not exist.
    partial = {m: n for m in stored if (n := meetings.get(m, 0)) != MEETINGS_PER_IMPORT}
    assert not partial, f"imports half there (mission: meetings): {partial}"
    # The counter is at the last reported value, or one more (killed before reporting);
    # the version rose once per edit, so no edit was lost or applied twice.
    assert counter <= int(value) <= counter + 1
    assert version == int(value) + 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writers are forked (POSIX)")
def test_sigkill_mid_import_or_edit_loses_nothing_committed(
    tmp_path: Path, empty_database_file: Path
) -> None:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    with open_database(path) as db, db.writing() as session:
        session.add(Mission(id="counter", title="Edited", home_timezone="UTC", objectives="0"))
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    helper = subprocess.Popen(
        [sys.executable, "-c", HELPER, str(MEETINGS_PER_IMPORT)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert helper.stdin is not None and helper.stdout is not None
    reported_missions: set[str] = set()
    counter = 0
    try:
        assert helper.stdout.readline().strip() == "ready"
        for number in range(ROUNDS):
            mode = ("import", "edit", "mixed")[number % 3]
            log = tmp_path / f"round-{number}.log"
            helper.stdin.write(f"{mode} {path} {log} r{number}\n")
            helper.stdin.flush()
            pid = int(helper.stdout.readline())
            # "open" is the first line: waiting for one line may kill before any commit.
            wait_for_lines(log, rng.randint(1, 6))
            time.sleep(rng.uniform(0, 0.03))  # somewhere inside the next commit, or not
            os.kill(pid, signal.SIGKILL)
            helper.stdin.write("reap\n")
            helper.stdin.flush()
            status = int(helper.stdout.readline())
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"round {number} (seed {seed}): the writer was not killed: {status}"
            )
            for line in complete_lines(log):
                kind, _, value = line.partition(" ")
                if kind == "mission":
                    reported_missions.add(value)
                elif kind in ("open", "counter"):
                    # The writer starts from what is stored (perhaps one unreported edit
                    # of the writer before it), then reports each edit it commits.
                    counter = int(value)
            try:
                check_database(path, reported_missions, counter)
            except AssertionError as error:
                raise AssertionError(f"round {number} ({mode}, seed {seed}): {error}") from None
    finally:
        helper.stdin.close()
        try:
            helper.wait(timeout=10)
        except subprocess.TimeoutExpired:
            helper.kill()
            helper.wait()
    assert reported_missions, "no import was ever committed: the test proved nothing"
    assert counter > 0, "no edit was ever committed: the test proved nothing"
    # The file the last killed writer left opens as a Mission Planner database.
    with open_database(path) as db, db.reading() as session:
        assert session.get(Mission, "counter") is not None


EDITOR = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta
    from pathlib import Path

    from missionplanner.domain.forms import MeetingForm
    from missionplanner.services import records
    from missionplanner.store.database import open_database
    from missionplanner.store.schema import Meeting

    path, meeting_id, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    db = open_database(path)
    with db.reading() as session:
        version = session.get(Meeting, meeting_id).version
    start = datetime(2026, 10, 6, 8, 0)
    for n in range(rounds):
        # Each edit names the version this process last saw of its own meeting.
        moved = start + timedelta(minutes=n)
        version = records.change(
            db, MeetingForm, meeting_id, version, start_local=moved,
            end_local=moved + timedelta(hours=1),
        )
    db.close()
    print(version)
    """
)

MEETINGS = [
    {
        "id": name,
        "title": f"Meeting {name}",
        "stop": "s1",
        "start": "2026-10-06T10:00",
        "end": "2026-10-06T11:00",
    }
    for name in ("a", "b")
]


def test_two_processes_editing_one_plan_both_land_and_a_stale_edit_is_refused(
    tmp_path: Path, empty_database_file: Path, santiago_mission: Callable[..., dict[str, Any]]
) -> None:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    rounds = 40
    with open_database(path) as window:
        import_data(window, santiago_mission(MEETINGS))
        with window.reading() as session:
            seen = session.get(Meeting, "a")
            assert seen is not None
            seen_version = seen.version
        # Two other processes edit different meetings of the same mission at once.
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", EDITOR, str(path), meeting, str(rounds)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for meeting in ("a", "b")
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert [p.returncode for p in processes] == [0, 0], [err for _out, err in outputs]
        # Both landed in full: no edit was refused for another record's change.
        with window.reading() as session:
            for meeting, (out, _err) in zip(("a", "b"), outputs, strict=True):
                record = session.get(Meeting, meeting)
                assert record is not None
                assert record.version == int(out) == seen_version + rounds
                assert record.start_local.minute == rounds - 1
        # This window still holds meeting a as it was before: its edit is refused...
        with pytest.raises(StaleRecordError, match="changed elsewhere"):
            records.change(window, MeetingForm, "a", seen_version, status="cancelled")
        with window.reading() as session:
            unchanged = session.get(Meeting, "a")
            assert unchanged is not None and unchanged.status != "cancelled"
        # ...and once reloaded, the same edit lands.
        records.change(window, MeetingForm, "a", seen_version + rounds, status="cancelled")
        with window.reading() as session:
            assert session.get(Meeting, "a").status == "cancelled"  # type: ignore[union-attr]
