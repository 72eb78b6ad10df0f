"""Opening, creating and upgrading a database file, and units of work on it."""

from __future__ import annotations

import os
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
from missionplanner.store import migrate
from missionplanner.store.backup import backup_database
from missionplanner.store.classify import APPLICATION_ID, FileKind, classify
from missionplanner.store.engine import make_engine, writer


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
            raise DatabaseFileError("The database is open read-only; changes are not allowed.")
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
        raise StaleRecordError(
            "This record was changed elsewhere (in another window or program) since it was "
            "read. Reload it and make the change again."
        ) from error
    except IntegrityError as error:
        raise ValidationError(
            f"The change conflicts with other records and was not saved ({error.orig})."
        ) from error
    except DBAPIError as error:
        raise DatabaseFileError(describe_sqlite_error(error.orig)) from error


def describe_sqlite_error(error: BaseException | None) -> str:
    text = str(error)
    if "disk is full" in text:
        return "The disk is full: the change was not saved. Free some space and try again."
    if "locked" in text or "busy" in text:
        return "The database is busy in another window or program. Wait a moment and try again."
    if "readonly" in text:
        return "The database file cannot be written (it is read-only)."
    if "malformed" in text or "not a database" in text:
        return "The database file is damaged. Restore it from a backup."
    if "unable to open" in text:
        return "The database file could not be opened (check that its folder exists)."
    return f"The database reported a problem: {text}"


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
    kind, revision = classify(path, migrate.known_revisions(), migrate.head_revision())
    if kind is FileKind.MISSING:
        if read_only or not create:
            raise DatabaseFileError(f"There is no database at {path}.")
        _create(path)
    else:
        _refuse_unusable(path, kind, revision)
    database = None
    if kind is FileKind.OUTDATED:
        if read_only:
            raise DatabaseFileError(
                f"{path.name} was made by an older version of Mission Planner and must be "
                "upgraded first: open it once without read-only."
            )
        database_backup = _upgrade_backup_path(path, revision)
        backup_database(path, database_backup)
        migrate.upgrade(path)
        database = Database(make_engine(path), path)
        database.upgrade_backup = database_backup
        return database
    return Database(make_engine(path, read_only=read_only), path, read_only=read_only)


def _refuse_unusable(path: Path, kind: FileKind, revision: str | None) -> None:
    name = path.name
    if kind is FileKind.EMPTY:
        raise NotADatabaseError(
            f"{name} is an empty file, not a Mission Planner database. It was left as it is; "
            "to start a new plan, choose a new file name."
        )
    if kind is FileKind.NOT_SQLITE:
        raise NotADatabaseError(
            f"{name} is not a Mission Planner database (it is not a database file at all). "
            "It was left as it is."
        )
    if kind is FileKind.FOREIGN:
        raise NotADatabaseError(
            f"{name} is a database of another application, not of Mission Planner. "
            "It was left as it is."
        )
    if kind is FileKind.CORRUPT:
        raise NotADatabaseError(
            f"{name} is damaged and cannot be opened. It was left as it is; restore it from "
            "a backup."
        )
    if kind is FileKind.TOO_NEW:
        raise SchemaTooNewError(
            f"{name} was written by a newer version of Mission Planner (schema {revision}). "
            "Install the newer version to open it; the file was left as it is."
        )


def _upgrade_backup_path(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-{revision or 'unversioned'}-{stamp}.sqlite")


def _create(path: Path) -> None:
    """Create a new database; it appears at ``path`` only once it is complete."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseFileError(f"Cannot create the folder for {path}: {error}") from error
    partial = path.with_name(path.name + ".creating")
    for leftover in (partial, *_sidecars(partial)):
        leftover.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(partial)
        try:
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
        raise DatabaseFileError(f"Cannot create the database {path}: {error}") from error
    finally:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so it can be renamed on its own."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()
