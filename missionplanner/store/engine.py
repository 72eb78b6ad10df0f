"""The one engine factory. SQLite settings are applied here and nowhere else.

Python 3.11's sqlite3 module starts transactions on its own terms, which breaks both
``PRAGMA foreign_keys`` and ``BEGIN IMMEDIATE``. So the driver is put in autocommit
mode on connect and the ``begin`` listener emits the ``BEGIN`` itself: ``IMMEDIATE``
for units of work that may write (two processes then queue for the write lock instead
of failing with "database is locked"), plain ``BEGIN`` for reads.

A file database gets a new connection for every unit of work (``NullPool``). The pool
SQLAlchemy would pick for a ``sqlite://`` URL keeps one connection per thread and closes
the oldest ones once more threads than its size have used it, even while they are in use:
eight worker threads then broke the GUI thread's session. Opening a SQLite connection
costs a fraction of a millisecond, and WAL mode lets the connections read side by side.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, StaticPool

from missionplanner.store.guard import STATEMENT_SECONDS, harden

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "missionplanner_begin"


def sqlite_uri(path: Path, read_only: bool = False) -> str:
    mode = "ro" if read_only else "rwc"
    return f"file:{path.resolve().as_posix()}?mode={mode}"


def make_engine(
    path: Path | None,
    *,
    read_only: bool = False,
    foreign_keys: bool = True,
    statement_seconds: float = STATEMENT_SECONDS,
) -> Engine:
    """An engine on the SQLite file at ``path``, or an in-memory database for tests."""
    if path is None:
        engine = create_engine(
            "sqlite://",
            poolclass=StaticPool,
            connect_args={"check_same_thread": False},
        )
    else:
        uri = sqlite_uri(path, read_only)
        wal = path.with_name(path.name + "-wal")

        def connect() -> sqlite3.Connection:
            chosen = uri
            if read_only and not wal.exists():
                # Nobody has the file open in WAL mode (its -wal file exists while
                # anyone does), so it is read as it stands: SQLite then creates no
                # -wal and -shm files, which would be left behind (a read-only
                # connection cannot remove them) or could not be made at all in a
                # folder that may not be written. Each unit of work has its own
                # connection and decides anew, so a writer that comes later is seen.
                chosen += "&immutable=1"
            return sqlite3.connect(
                chosen, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )

        engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)

    in_memory = path is None

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        harden(dbapi_connection, statement_seconds)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not read_only and not in_memory:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(WRITE_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but every transaction starts with ``BEGIN IMMEDIATE``."""
    return engine.execution_options(**{WRITE_OPTION: "IMMEDIATE"})
