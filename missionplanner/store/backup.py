"""Copies of a live database through SQLite's online backup API.

A plain file copy of a database in WAL mode misses the commits still in the WAL file;
the backup API copies a consistent snapshot. Every copy is a single self-contained file
(rollback-journal mode, so opening it leaves no -wal or -shm files beside it), is
integrity-checked, and appears under its name only once complete: a failed copy leaves
nothing behind.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from missionplanner.errors import DatabaseFileError
from missionplanner.messages import Message, Words
from missionplanner.store.engine import sqlite_uri
from missionplanner.store.guard import harden

# Files SQLite may keep beside a database.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
# Copies of a database are private to their owner (SQLite gives its side files the same).
COPY_MODE = 0o600


def sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDECAR_SUFFIXES]


def source_uri(path: Path, at_rest: bool = False) -> str:
    """A read-only URI for ``path``.

    ``at_rest`` is for files nobody writes to (a backup): when no WAL file waits beside
    it, it is read as it stands, so SQLite creates no -wal or -shm files next to it.
    """
    uri = sqlite_uri(path, read_only=True)
    journal = path.with_name(path.name + "-journal")
    # A journal left by a writer that stopped holds what undoes its half-made change:
    # read as it stands, the file would be copied half-changed.
    cut_short = journal.exists() and journal.stat().st_size > 0
    if at_rest and not cut_short and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def _describe(error: sqlite3.Error) -> Words:
    text = str(error)
    if "malformed" in text or "not a database" in text:
        return Message("store.copy.damaged")
    if "disk is full" in text:
        return Message("store.copy.disk-full")
    if "unable to open" in text:
        return Message("store.copy.cannot-open")
    return text


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _create_empty(path: Path, mode: int) -> None:
    """An empty file with ``mode``, for SQLite to fill: it keeps the file's permissions."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        if hasattr(os, "fchmod"):  # the umask may have taken bits the caller asked for
            os.fchmod(handle, mode)
    finally:
        os.close(handle)


def backup_database(
    source: Path,
    target: Path,
    *,
    source_at_rest: bool = False,
    partial: Path | None = None,
    mode: int = COPY_MODE,
    make_folder: bool = True,
) -> Path:
    """Copy ``source`` to ``target`` (written under a temporary name, then renamed).

    The copy is checked with ``PRAGMA integrity_check`` before it takes its name; on any
    failure no file is left and :class:`DatabaseFileError` explains why. ``partial`` is
    the temporary name (``target`` + ``.partial`` unless given), ``mode`` the copy's
    permissions; ``make_folder`` creates a missing folder for it.
    """
    partial = partial or target.with_name(target.name + ".partial")

    def clean_up() -> None:
        for leftover in (partial, *sidecars(partial)):
            leftover.unlink(missing_ok=True)

    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        clean_up()
        _create_empty(partial, mode)
        src = sqlite3.connect(source_uri(source, source_at_rest), uri=True)
        try:
            harden(src)
            dst = sqlite3.connect(partial)
            try:
                harden(dst)
                src.backup(dst)
                # The copy inherits WAL mode from a live database; make it one file.
                dst.execute("PRAGMA journal_mode = DELETE")
                verdict = dst.execute("PRAGMA integrity_check").fetchone()
            finally:
                dst.close()
        finally:
            src.close()
        if not verdict or verdict[0] != "ok":
            raise DatabaseFileError(Message("store.copy.failed-check", name=source.name))
        fsync_file(partial)
        os.replace(partial, target)
        fsync_folder(target.parent)
    except sqlite3.Error as error:
        clean_up()
        raise DatabaseFileError(
            Message("store.copy.failed", name=source.name, target=target, reason=_describe(error))
        ) from error
    except OSError as error:
        clean_up()
        raise DatabaseFileError(
            Message("store.copy.not-written", target=target, reason=error.strerror or str(error))
        ) from error
    except BaseException:
        clean_up()
        raise
    return target
