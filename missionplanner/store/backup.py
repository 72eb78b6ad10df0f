"""Copies of a live database through SQLite's online backup API.

A plain file copy of a database in WAL mode misses the commits still in the WAL file;
the backup API copies a consistent snapshot. Every copy is integrity-checked.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from missionplanner.errors import DatabaseFileError
from missionplanner.store.engine import sqlite_uri


def backup_database(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` (written under a temporary name, then renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(sqlite_uri(source, read_only=True), uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
                verdict = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if not verdict or verdict[0] != "ok":
            raise DatabaseFileError(f"The backup copy {target.name} failed its integrity check.")
        os.replace(partial, target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise DatabaseFileError(f"Could not back up the database to {target}: {error}") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
