"""Decide what a file is before touching it.

A zero-byte file opens as a valid empty SQLite database, and migrating it would turn a
damaged plan into an empty one without a word. So every file is classified first,
reading its header bytes and then opening it read-only; nothing here writes. A file
with our application id is ours only if its schema is exactly what the migrations make
at its version (``schema_check``): a trigger or view of its own could rewrite data or
hang the app.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from missionplanner.messages import Message
from missionplanner.store.engine import sqlite_uri
from missionplanner.store.guard import STATEMENT_SECONDS, harden, was_stopped
from missionplanner.store.schema_check import expected_schemas, read_schema, schema_problem

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id marks our files: "MPLN" as a big-endian 32-bit integer.
APPLICATION_ID = 0x4D504C4E
# Files larger than this are not integrity-checked on open (it takes seconds).
QUICK_CHECK_LIMIT = 64 * 1024 * 1024
# Below this much free space, a failed write beside the file means the disk is full.
LOW_SPACE = 1024 * 1024


class FileKind(Enum):
    """What a file is; codes, not words (the store and backups say each in words)."""

    MISSING = "missing"
    EMPTY = "empty"
    NOT_SQLITE = "not-sqlite"
    FOREIGN = "foreign"
    CORRUPT = "corrupt"
    # Our application id, but tables, views or triggers the migrations do not make.
    UNEXPECTED = "unexpected"
    # Our application id and tables, but no (or an empty) migration-version table.
    NO_VERSION = "no-version"
    # Whole as far as we know, but it cannot be read now: a full disk, a lock, an error.
    DISK_FULL = "disk-full"
    UNREADABLE = "unreadable"
    TOO_NEW = "too-new"
    OUTDATED = "outdated"
    CURRENT = "current"


class Verdict(NamedTuple):
    kind: FileKind
    revision: str | None = None
    # Why, for UNEXPECTED (what differs) and UNREADABLE (what SQLite said).
    problem: Message | None = None


def _read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def classify(path: Path, known_revisions: set[str], head: str) -> Verdict:
    """The kind of file at ``path`` and, for our databases, its schema revision."""
    if not path.exists():
        return Verdict(FileKind.MISSING)
    if path.stat().st_size == 0:
        return Verdict(FileKind.EMPTY)
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return Verdict(FileKind.NOT_SQLITE)
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        return Verdict(FileKind.FOREIGN)
    journal = _journal(path)
    if journal.exists() and journal.stat().st_size > 0:
        return _classify_rolled_back(path, known_revisions, head)
    return _classify_ours(path, known_revisions, head)


def _classify_rolled_back(path: Path, known_revisions: set[str], head: str) -> Verdict:
    """A writer stopped mid-change and left its journal: SQLite rolls the change back
    on the next open, so judge the file as it will be then. Read without the journal,
    it looks damaged. The rollback happens on a copy: nothing here writes."""
    with tempfile.TemporaryDirectory(prefix="missionplanner-") as folder:
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(_journal(path), _journal(copy))
        except OSError as error:
            if _disk_full(error=None, folder=Path(folder)):
                return Verdict(FileKind.DISK_FULL)
            return Verdict(FileKind.UNREADABLE, problem=Message("store.sqlite.other", detail=error))
        try:
            connection = sqlite3.connect(copy)
            try:
                harden(connection)
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            return _failed(error, copy)
        return _classify_ours(copy, known_revisions, head)


def _classify_ours(path: Path, known_revisions: set[str], head: str) -> Verdict:
    uri = sqlite_uri(path, read_only=True)
    if not path.with_name(path.name + "-wal").exists():
        # Nothing waits in a WAL file, so read the file as it stands: ``immutable``
        # keeps SQLite from creating -wal and -shm files beside a file we may refuse.
        uri += "&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        return _failed(error, path)
    try:
        harden(connection)
        if path.stat().st_size <= QUICK_CHECK_LIMIT:
            result = connection.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                return Verdict(FileKind.CORRUPT)
        schema = read_schema(connection)
        versions: list[str] = []
        if ("table", "alembic_version") in schema:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            versions = [str(row[0]) for row in rows]
    except sqlite3.Error as error:
        return _failed(error, path)
    finally:
        connection.close()
    if not schema:
        # Our id and nothing else: the migrations build the whole schema from nothing.
        return Verdict(FileKind.OUTDATED)
    if len(versions) != 1:
        return Verdict(FileKind.NO_VERSION)
    (revision,) = versions
    if revision not in known_revisions:
        return Verdict(FileKind.TOO_NEW, revision)
    problem = schema_problem(schema, expected_schemas()[revision])
    if problem is not None:
        return Verdict(FileKind.UNEXPECTED, revision, problem)
    if revision != head:
        return Verdict(FileKind.OUTDATED, revision)
    return Verdict(FileKind.CURRENT, revision)


def _failed(error: sqlite3.Error, path: Path) -> Verdict:
    """What an error of SQLite says about the file: damage only when SQLite says so."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return Verdict(FileKind.CORRUPT)
    if _disk_full(error, path.parent):
        return Verdict(FileKind.DISK_FULL)
    if was_stopped(error):
        return Verdict(
            FileKind.UNREADABLE, problem=Message("store.sqlite.too-long", seconds=STATEMENT_SECONDS)
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return Verdict(FileKind.UNREADABLE, problem=Message("store.sqlite.busy"))
    return Verdict(FileKind.UNREADABLE, problem=Message("store.sqlite.other", detail=error))


def _disk_full(error: sqlite3.Error | None, folder: Path) -> bool:
    """SQLite says the disk is full, or could not grow the shared-memory file beside
    the database (it is tried on every open; on a full disk it is what fails), or a
    write failed where hardly any space is left."""
    name = getattr(error, "sqlite_errorname", "") if error is not None else "SQLITE_IOERR"
    if name in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"):
        return True
    if not name.startswith("SQLITE_IOERR"):
        return False
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False
