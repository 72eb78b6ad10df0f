"""Where ``-o`` may write: hostile outputs, for every command that writes a file.

Each refusal is exit 2 and one line, and the database still opens, unchanged. What is
allowed follows the file as it is: a symbolic link keeps pointing where it did, a device
or named pipe stays one, a replaced file keeps its permissions, a new one is private.
"""

from __future__ import annotations

import hashlib
import os
import pty
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

from missionplanner.cli import main
from missionplanner.cli_outputs import Terminated, termination_unwinds
from missionplanner.errors import MissionPlannerError
from missionplanner.io.atomic import STALE_TEMPORARY_SECONDS, write_atomically
from missionplanner.paths import backup_folder
from missionplanner.services.missions import list_missions
from missionplanner.services.transfer import import_data
from missionplanner.store.database import open_database
from missionplanner.store.instance import lock_path

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files")

MISSION = {
    "format": "missionplanner/1",
    "missions": [
        {
            "id": "m1",
            "title": "Cali delegation",
            "home_timezone": "America/Bogota",
            "stops": [
                {
                    "id": "s1",
                    "city": "Cali",
                    "country": "CO",
                    "arrive": "2026-10-05",
                    "depart": "2026-10-07",
                }
            ],
        }
    ],
}

# Every command that writes a file: its arguments before -o, and a fitting file name.
WRITERS = {
    "export-json": (["export-json"], "out.json"),
    "ics": (["ics", "m1"], "out.ics"),
    "export-sheet": (["export-sheet", "m1", "meetings"], "out.csv"),
    "itinerary": (["itinerary", "m1"], "out.pdf"),
    "briefing": (["briefing", "m1"], "out.pdf"),
    "backup": (["backup"], "out.sqlite"),
}
TEXT_WRITERS = ["export-json", "ics", "export-sheet"]
IS_DATABASE = "it is the database itself (or one of its files); choose another file name."
IN_BACKUPS = "it is in the database's backups folder; choose another place."


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan_file(tmp_path: Path, empty_database_file: Path) -> Path:
    path = tmp_path / "plan.sqlite"
    shutil.copyfile(empty_database_file, path)
    with open_database(path) as db:
        import_data(db, MISSION)
    return path


def run(
    capsys: pytest.CaptureFixture[str], plan: Path, writer: str, output: str
) -> tuple[int, str, str]:
    arguments, _name = WRITERS[writer]
    capsys.readouterr()
    code = main(["--db", str(plan), *arguments, "-o", output])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, line: str) -> None:
    assert code == 2
    assert out == ""
    assert err == f"missionplanner: {line}\n"


def assert_database_intact(plan: Path, before: str) -> None:
    assert digest(plan) == before
    with open_database(plan, read_only=True) as db:
        assert [m.title for m in list_missions(db)] == ["Cali delegation"]


# --- the database, its files and its backups are never an output ---------------------


def _symlink(tmp: Path, to: Path) -> Path:
    link = tmp / "innocent.name"
    link.symlink_to(to)
    return link


def _hard_link(tmp: Path, to: Path) -> Path:
    link = tmp / "another-name.sqlite"
    os.link(to, link)
    return link


PROTECTED: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "the database": (lambda plan, _tmp: plan, IS_DATABASE),
    "its -wal file": (lambda plan, _tmp: Path(f"{plan}-wal"), IS_DATABASE),
    "its -shm file": (lambda plan, _tmp: Path(f"{plan}-shm"), IS_DATABASE),
    "its -journal file": (lambda plan, _tmp: Path(f"{plan}-journal"), IS_DATABASE),
    "a detour through ..": (lambda plan, tmp: tmp / "no-such" / ".." / plan.name, IS_DATABASE),
    "a symbolic link to it": (lambda plan, tmp: _symlink(tmp, plan), IS_DATABASE),
    "a symbolic link to its -wal": (
        lambda plan, tmp: _symlink(tmp, Path(f"{plan}-wal")),
        IS_DATABASE,
    ),
    "a hard link to it": (lambda plan, tmp: _hard_link(tmp, plan), IS_DATABASE),
    "its lock": (lambda plan, _tmp: lock_path(plan), IS_DATABASE),
    "its backups folder": (lambda plan, _tmp: backup_folder(plan) / "out.file", IN_BACKUPS),
}


@posix_only
@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("target", list(PROTECTED))
def test_no_writer_writes_over_the_database(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str, target: str
) -> None:
    make, why = PROTECTED[target]
    output = make(plan_file, tmp_path)
    before = digest(plan_file)
    code, out, err = run(capsys, plan_file, writer, str(output))
    assert_refused(code, out, err, f"Cannot write {output}: {why}")
    assert_database_intact(plan_file, before)


# --- places that cannot take the file ------------------------------------------------

UNWRITABLE: dict[str, tuple[Callable[[Path, str], Path], Callable[[Path, str], str]]] = {
    "a missing folder": (
        lambda tmp, name: tmp / "no-such-folder" / name,
        lambda tmp, _name: f"there is no folder {tmp / 'no-such-folder'}.",
    ),
    "inside a regular file": (
        lambda tmp, name: _file(tmp / "notes.txt") / name,
        lambda tmp, _name: f"{tmp / 'notes.txt'} is a file, not a folder.",
    ),
    "a folder": (
        lambda tmp, _name: _folder(tmp / "trip files"),
        lambda _tmp, _name: "it is a folder.",
    ),
}


def _file(path: Path) -> Path:
    path.write_text("keep me")
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("place", list(UNWRITABLE))
def test_a_place_that_cannot_take_the_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str, place: str
) -> None:
    make, why = UNWRITABLE[place]
    name = WRITERS[writer][1]
    output = make(tmp_path, name)
    before = digest(plan_file)
    code, out, err = run(capsys, plan_file, writer, str(output))
    assert_refused(code, out, err, f"Cannot write {output}: {why(tmp_path, name)}")
    assert_database_intact(plan_file, before)
    assert not (tmp_path / "no-such-folder").exists()
    if (tmp_path / "notes.txt").exists():
        assert (tmp_path / "notes.txt").read_text() == "keep me"


@posix_only
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root writes anywhere")
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_read_only_folder_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str
) -> None:
    folder = _folder(tmp_path / "read-only")
    folder.chmod(0o500)
    output = folder / WRITERS[writer][1]
    before = digest(plan_file)
    try:
        code, out, err = run(capsys, plan_file, writer, str(output))
    finally:
        folder.chmod(0o700)
    assert_refused(code, out, err, f"Cannot write {output}: Permission denied")
    assert_database_intact(plan_file, before)
    assert list(folder.iterdir()) == []


def test_backup_list_says_that_o_does_not_apply(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    capsys.readouterr()
    code = main(["--db", str(plan_file), "backup", "--list", "-o", str(tmp_path / "b.sqlite")])
    out, err = capsys.readouterr()
    assert_refused(
        code,
        out,
        err,
        "-o does not apply to 'backup --list', which only lists the backups kept; leave it "
        "out, or run 'backup -o FILE' to make a backup.",
    )
    assert not (tmp_path / "b.sqlite").exists()


@posix_only
@pytest.mark.parametrize("special", ["-", "/dev/null", "fifo"])
def test_a_backup_goes_to_a_file_only(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, special: str
) -> None:
    output = special
    if special == "fifo":
        output = str(tmp_path / "pipe")
        os.mkfifo(output)
    before = digest(plan_file)
    code, out, err = run(capsys, plan_file, "backup", output)
    assert_refused(
        code,
        out,
        err,
        f"Cannot write {output}: a backup must be a file, not a device, a pipe or the "
        "standard output.",
    )
    assert_database_intact(plan_file, before)


# --- what the output is stays what it is ---------------------------------------------


@posix_only
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_symbolic_link_is_followed_and_kept(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str
) -> None:
    real = tmp_path / "real.file"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / WRITERS[writer][1]
    link.symlink_to(real)
    code, _out, err = run(capsys, plan_file, writer, str(link))
    assert (code, err) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@posix_only
@pytest.mark.parametrize("writer", list(WRITERS))
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_permissions(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str, mode: int
) -> None:
    output = _file(tmp_path / WRITERS[writer][1])
    output.chmod(mode)
    code, _out, err = run(capsys, plan_file, writer, str(output))
    assert (code, err) == (0, "")
    assert output.read_bytes() != b"keep me"
    assert stat.S_IMODE(output.stat().st_mode) == mode


@posix_only
@pytest.mark.parametrize("writer", list(WRITERS))
def test_a_new_file_is_private(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str
) -> None:
    umask = os.umask(0o022)
    try:
        code, _out, err = run(capsys, plan_file, writer, str(tmp_path / WRITERS[writer][1]))
    finally:
        os.umask(umask)
    assert (code, err) == (0, "")
    assert stat.S_IMODE((tmp_path / WRITERS[writer][1]).stat().st_mode) == 0o600


@posix_only
def test_backups_are_private(capsys: pytest.CaptureFixture[str], plan_file: Path) -> None:
    umask = os.umask(0o022)
    try:
        assert main(["--db", str(plan_file), "backup"]) == 0
    finally:
        os.umask(umask)
    folder = backup_folder(plan_file)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700
    (backup,) = folder.iterdir()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


@posix_only
@pytest.mark.parametrize("writer", [w for w in WRITERS if w != "backup"])
def test_a_device_is_written_not_replaced(
    capsys: pytest.CaptureFixture[str], plan_file: Path, writer: str
) -> None:
    code, _out, err = run(capsys, plan_file, writer, os.devnull)
    assert (code, err) == (0, "")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@posix_only
@pytest.mark.parametrize("writer", [w for w in WRITERS if w != "backup"])
def test_a_named_pipe_is_written_not_replaced(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    code, _out, err = run(capsys, plan_file, writer, str(pipe))
    reader.join(timeout=60)
    assert (code, err) == (0, "")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert received and received[0]


# --- standard output ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("writer", "start"),
    [("export-json", "{"), ("ics", "BEGIN:VCALENDAR"), ("export-sheet", "\ufeffCity,")],
)
def test_dash_writes_text_to_standard_output_and_says_so_on_standard_error(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path, writer: str, start: str
) -> None:
    code, out, err = run(capsys, plan_file, writer, "-")
    assert code == 0
    assert out.startswith(start)
    assert err.startswith("missionplanner: ") and err.count("\n") == 1
    assert err.rstrip().endswith("standard output.") and " to -" not in err
    assert not (tmp_path / "-").exists() and not Path("-").exists()


@posix_only
@pytest.mark.parametrize("writer", ["itinerary", "briefing"])
def test_a_pdf_is_refused_on_a_terminal_and_allowed_down_a_pipe(
    plan_file: Path, writer: str
) -> None:
    command = [sys.executable, "-m", "missionplanner.cli", "--db", str(plan_file)]
    command += [*WRITERS[writer][0], "-o", "-"]
    piped = subprocess.run(command, capture_output=True, timeout=120)
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF")

    before = digest(plan_file)
    main_end, terminal = pty.openpty()
    try:
        on_terminal = subprocess.run(
            command, stdout=terminal, stderr=subprocess.PIPE, timeout=120, text=True
        )
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main_end, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main_end)
    assert on_terminal.returncode == 2
    assert on_terminal.stderr == (
        "missionplanner: This file (PDF or Excel) cannot be shown in the terminal; give a "
        "file name after -o, or send it to another program with a pipe (|).\n"
    )
    assert b"%PDF" not in shown
    assert_database_intact(plan_file, before)


# --- temporary files --------------------------------------------------------------------


def test_a_killed_writes_leftover_is_removed_by_the_next_write_once_old(
    capsys: pytest.CaptureFixture[str], plan_file: Path, tmp_path: Path
) -> None:
    old = tmp_path / ".missionplanner-out.ics.0123456789ab.tmp"
    fresh = tmp_path / ".missionplanner-out.ics.ba9876543210.tmp"
    someone_elses = tmp_path / ".out.ics.0123456789ab.tmp"
    for leftover in (old, fresh, someone_elses):
        leftover.write_text("half a calendar")
        long_ago = time.time() - STALE_TEMPORARY_SECONDS - 60
        if leftover is not fresh:
            os.utime(leftover, (long_ago, long_ago))
    code, _out, err = run(capsys, plan_file, "ics", str(tmp_path / "out.ics"))
    assert (code, err) == (0, "")
    assert not old.exists()
    assert fresh.exists() and someone_elses.exists()


@posix_only
def test_a_termination_request_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = _file(tmp_path / "out.ics")

    def write(out: BinaryIO) -> None:
        out.write(b"BEGIN:VCALENDAR\r\n")
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives first
        out.write(b"END:VCALENDAR\r\n")

    with pytest.raises(Terminated), termination_unwinds():
        write_atomically(target, write)
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ics"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = _file(tmp_path / "out.json")

    def write(out: BinaryIO) -> None:
        out.write(b"{")
        raise MissionPlannerError("the mission could not be read")

    with pytest.raises(MissionPlannerError):
        write_atomically(target, write)
    assert target.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@posix_only
def test_a_new_database_and_the_data_folder_are_private() -> None:
    from missionplanner.paths import user_data_dir

    umask = os.umask(0o022)
    try:
        path = user_data_dir() / "missionplanner.sqlite"
        open_database(path).close()
    finally:
        os.umask(umask)
    assert stat.S_IMODE(user_data_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
