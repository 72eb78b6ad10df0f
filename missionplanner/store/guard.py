"""Settings every SQLite connection gets, so a database file cannot act on its own.

A database file can carry SQL that runs when it is read: triggers, views, defaults.
``trusted_schema = OFF`` keeps such SQL from calling functions with side effects, and
defensive mode (where Python offers it) keeps statements from editing the schema's
own records. A file can also hold a query that never ends (a recursive view), so every
statement is stopped after :data:`STATEMENT_SECONDS`: the app then says so instead of
hanging. The schema itself is compared with what the migrations make elsewhere
(``store/schema_check.py``); these settings are the second line.
"""

from __future__ import annotations

import sqlite3
from time import monotonic

# Longer than any statement of a healthy plan takes (an integrity check of a large
# file takes a few seconds), short enough that a hostile file cannot hang the app.
STATEMENT_SECONDS = 60.0
# How many SQLite virtual-machine steps pass between two looks at the clock.
_STEPS_BETWEEN_LOOKS = 20_000


def harden(connection: sqlite3.Connection, statement_seconds: float = STATEMENT_SECONDS) -> None:
    """Apply the settings to a newly opened connection (before it reads anything)."""
    connection.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None and hasattr(connection, "setconfig"):
        connection.setconfig(defensive, True)
    started = monotonic()

    # SQLite tells the trace callback when a statement starts running: the clock of
    # each statement starts there.
    def on_statement(_sql: str) -> None:
        nonlocal started
        started = monotonic()

    def too_long() -> int:
        return 1 if monotonic() - started > statement_seconds else 0

    connection.set_trace_callback(on_statement)
    connection.set_progress_handler(too_long, _STEPS_BETWEEN_LOOKS)


def was_stopped(error: BaseException | None) -> bool:
    """Whether ``error`` is a statement stopped by :func:`harden`'s time limit."""
    return isinstance(error, sqlite3.OperationalError) and str(error) == "interrupted"
