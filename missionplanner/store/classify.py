"""Decide what a file is before touching it.

A zero-byte file opens as a valid empty SQLite database, and migrating it would turn a
damaged plan into an empty one without a word. So every file is classified first,
reading its header bytes and then opening it read-only; nothing here writes.
"""

from __future__ import annotations

import sqlite3
import struct
from enum import Enum
from pathlib import Path

from missionplanner.store.engine import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id marks our files: "MPLN" as a big-endian 32-bit integer.
APPLICATION_ID = 0x4D504C4E
# Files larger than this are not integrity-checked on open (it takes seconds).
QUICK_CHECK_LIMIT = 64 * 1024 * 1024


class FileKind(Enum):
    """What a file is; codes, not words (the store and backups say each in words)."""

    MISSING = "missing"
    EMPTY = "empty"
    NOT_SQLITE = "not-sqlite"
    FOREIGN = "foreign"
    CORRUPT = "corrupt"
    TOO_NEW = "too-new"
    OUTDATED = "outdated"
    CURRENT = "current"


def _read_header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def classify(path: Path, known_revisions: set[str], head: str) -> tuple[FileKind, str | None]:
    """The kind of file at ``path`` and, for our databases, its schema revision."""
    if not path.exists():
        return FileKind.MISSING, None
    if path.stat().st_size == 0:
        return FileKind.EMPTY, None
    header = _read_header(path)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return FileKind.NOT_SQLITE, None
    (application_id,) = struct.unpack(">I", header[68:72])
    if application_id != APPLICATION_ID:
        return FileKind.FOREIGN, None
    uri = sqlite_uri(path, read_only=True)
    if not path.with_name(path.name + "-wal").exists():
        # Nothing waits in a WAL file, so read the file as it stands: ``immutable``
        # keeps SQLite from creating -wal and -shm files beside a file we may refuse.
        uri += "&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return FileKind.CORRUPT, None
    try:
        if path.stat().st_size <= QUICK_CHECK_LIMIT:
            result = connection.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                return FileKind.CORRUPT, None
        has_versions = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_versions:
            return FileKind.OUTDATED, None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return FileKind.CORRUPT, None
    finally:
        connection.close()
    revision = row[0] if row else None
    if revision is None:
        return FileKind.OUTDATED, None
    if revision not in known_revisions:
        return FileKind.TOO_NEW, revision
    if revision != head:
        return FileKind.OUTDATED, revision
    return FileKind.CURRENT, revision
