"""Opening, creating and upgrading a database file, and units of work on it."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from missionplanner.errors import (
    DatabaseFileError,
    NotADatabaseError,
    SchemaTooNewError,
    StaleRecordError,
    ValidationError,
)
from missionplanner.messages import Message
from missionplanner.paths import make_private_folder, user_data_dir
from missionplanner.store import migrate
from missionplanner.store.backup import COPY_MODE, backup_database
from missionplanner.store.classify import APPLICATION_ID, FileKind, Verdict, classify
from missionplanner.store.engine import make_engine, writer
from missionplanner.store.guard import STATEMENT_SECONDS, harden, was_stopped


class Database:
    """An open database. Use :meth:`reading` and :meth:`writing` for units of work."""

    def __init__(self, engine: Engine, path: Path | None, read_only: bool = False) -> None:
        self.engine = engine
        self.path = path
        self.read_only = read_only
        self.upgrade_backup: Path | None = None
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(writer(engine), expire_on_commit=False)

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(in memory)"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with _translated_errors(), self._reader() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One unit of work: ``BEGIN IMMEDIATE``, commit on success, roll back on error."""
        if self.read_only:
            raise DatabaseFileError(Message("store.read-only"))
        with _translated_errors(), self._writer() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


@contextmanager
def _translated_errors() -> Iterator[None]:
    try:
        yield
    except StaleDataError as error:
        raise StaleRecordError(Message("store.stale-record")) from error
    except IntegrityError as error:
        raise ValidationError(Message("store.conflict", detail=str(error.orig))) from error
    except DBAPIError as error:
        raise DatabaseFileError(describe_sqlite_error(error.orig)) from error


def describe_sqlite_error(error: BaseException | None) -> Message:
    """What SQLite's error means for the person whose change it stopped."""
    text = str(error)
    if was_stopped(error):
        return Message("store.sqlite.too-long", seconds=STATEMENT_SECONDS)
    if "disk is full" in text or getattr(error, "sqlite_errorname", "") in NO_ROOM:
        return Message("store.sqlite.disk-full")
    if "locked" in text or "busy" in text:
        return Message("store.sqlite.busy")
    if "readonly" in text:
        return Message("store.sqlite.read-only")
    if "malformed" in text or "not a database" in text:
        return Message("store.sqlite.damaged")
    if "unable to open" in text:
        return Message("store.sqlite.cannot-open")
    return Message("store.sqlite.other", detail=text)


# What SQLite says when a write found no room: a full disk (SQLITE_FULL), the
# shared-memory file that could not grow, or a write refused outright (a file-size
# limit or a quota gives EFBIG or EDQUOT, which SQLite reports as a failed write). The
# unit of work is rolled back, so nothing was changed.
NO_ROOM = frozenset({"SQLITE_FULL", "SQLITE_IOERR_SHMSIZE", "SQLITE_IOERR_WRITE"})
# Errors of the system that mean there is no room for the file.
NO_ROOM_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
# "postgresql://…", "sqlite:///…": an address, not a path. (A path holds at most one
# slash in a row, so the address shows as "postgresql:/…".) Two letters at least, so
# a Windows drive ("C:/") is a path.
_ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")


def check_location(path: Path) -> None:
    """Refuse, before anything is created or read, what cannot be a database file: a
    database server's address, a folder, a device or a pipe (reading one would hang)."""
    if _ADDRESS.match(path.as_posix()):
        raise DatabaseFileError(Message("store.location.address", path=path))
    if path.is_dir():
        raise DatabaseFileError(Message("store.location.folder", path=path))
    if path.exists() and not path.is_file():
        raise DatabaseFileError(Message("store.location.not-a-file", path=path))


def in_memory_database() -> Database:
    """A fresh database in memory, at the newest schema (for tests and benchmarks)."""
    engine = make_engine(None)
    with writer(engine).begin() as connection:
        migrate.upgrade(None, connection)
    return Database(engine, None)


def open_database(path: Path, *, create: bool = True, read_only: bool = False) -> Database:
    """Open the Mission Planner database at ``path``.

    A missing file is created (unless ``create`` is false). An older database is copied
    aside and upgraded. Anything that is not a usable Mission Planner database is
    refused with a clear message and left byte-for-byte as it was.
    """
    path = Path(path)
    check_location(path)
    if path.exists() and not _writable(path):
        wal, shm = _sidecars(path)
        if not read_only:
            # SQLite would only say it cannot open the file, once something is read.
            raise DatabaseFileError(Message("store.not-writable", name=path.name))
        if wal.exists() and not shm.exists() and not os.access(path.parent, os.W_OK):
            # SQLite reads a -wal file through the -shm index, which it cannot create
            # in a folder it may not write to; read without it, changes would be missed.
            raise DatabaseFileError(Message("store.read-only-folder-wal", name=path.name))
    verdict = classify(path, migrate.known_revisions(), migrate.head_revision())
    kind, revision = verdict.kind, verdict.revision
    if kind is FileKind.MISSING:
        if read_only or not create:
            raise DatabaseFileError(Message("store.no-database", path=path))
        _create(path)
    else:
        _refuse_unusable(path, verdict)
    if kind is FileKind.OUTDATED:
        if read_only:
            raise DatabaseFileError(Message("store.upgrade-first", name=path.name))
        return _upgrade(path, revision)
    if read_only:
        return _open_read_only(path)
    return Database(make_engine(path), path)


def _writable(path: Path) -> bool:
    """Whether SQLite may write ``path`` and the -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _upgrade(path: Path, revision: str | None) -> Database:
    """Copy the file aside, then upgrade it in one transaction. An upgrade that fails
    is rolled back, leaving the file as it was: the copy is then removed, so failed
    opens do not pile copies up beside it."""
    database_backup = _upgrade_backup_path(path, revision)
    backup_database(path, database_backup)
    try:
        migrate.upgrade(path)
        database = Database(make_engine(path), path)
    except BaseException:
        database_backup.unlink(missing_ok=True)
        raise
    database.upgrade_backup = database_backup
    return database


def _open_read_only(path: Path) -> Database:
    if _has_journal(path):
        # Undoing the cut-short change writes to the file, which read-only forbids.
        raise DatabaseFileError(Message("store.interrupted-change", name=path.name))
    return Database(make_engine(path, read_only=True), path, read_only=True)


def _has_journal(path: Path) -> bool:
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _refuse_unusable(path: Path, verdict: Verdict) -> None:
    name, kind, revision = path.name, verdict.kind, verdict.revision
    if kind is FileKind.EMPTY:
        raise NotADatabaseError(Message("store.refused.empty", name=name))
    if kind is FileKind.NOT_SQLITE:
        raise NotADatabaseError(Message("store.refused.not-sqlite", name=name))
    if kind is FileKind.FOREIGN:
        raise NotADatabaseError(Message("store.refused.foreign", name=name))
    if kind is FileKind.CORRUPT:
        raise NotADatabaseError(Message("store.refused.corrupt", name=name))
    if kind is FileKind.UNEXPECTED:
        raise NotADatabaseError(
            Message("store.refused.unexpected", name=name, problem=verdict.problem)
        )
    if kind is FileKind.NO_VERSION:
        raise NotADatabaseError(Message("store.refused.no-version", name=name))
    if kind is FileKind.DISK_FULL:
        raise DatabaseFileError(Message("store.refused.disk-full", name=name))
    if kind is FileKind.UNREADABLE:
        raise DatabaseFileError(
            Message("store.refused.unreadable", name=name, problem=verdict.problem)
        )
    if kind is FileKind.TOO_NEW:
        raise SchemaTooNewError(Message("store.refused.too-new", name=name, revision=revision))


def _upgrade_backup_path(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-{revision or 'unversioned'}-{stamp}.sqlite")


def _create(path: Path) -> None:
    """Create a new database; it appears at ``path`` only once it is complete."""
    try:
        if path.parent == user_data_dir():
            # The user data folder holds every database, backup and log: theirs only.
            make_private_folder(path.parent)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseFileError(
            Message("store.cannot-create-folder", path=path, reason=str(error))
        ) from error
    partial = path.with_name(path.name + ".creating")
    for leftover in (partial, *_sidecars(partial)):
        leftover.unlink(missing_ok=True)
    try:
        # Private to its owner; SQLite gives the -wal and -shm files the same permissions.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, COPY_MODE))
        connection = sqlite3.connect(partial)
        try:
            harden(connection)
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        migrate.upgrade(partial)
        _checkpoint(partial)
        # A WAL file left behind by a deleted database would be replayed into the new one.
        for leftover in _sidecars(path):
            leftover.unlink(missing_ok=True)
        os.replace(partial, path)
    except sqlite3.Error as error:
        raise DatabaseFileError(describe_sqlite_error(error)) from error
    except OSError as error:
        if error.errno in NO_ROOM_ERRNOS:
            raise DatabaseFileError(Message("store.sqlite.disk-full")) from error
        raise DatabaseFileError(
            Message("store.cannot-create", path=path, reason=str(error))
        ) from error
    finally:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so it can be renamed on its own."""
    connection = sqlite3.connect(path)
    try:
        harden(connection)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
