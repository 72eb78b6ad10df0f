"""Compare a database file's schema with the one the migrations make at its version.

A file with our application id can still hold tables, views or triggers of its own: a
trigger on ``meetings`` that rewrites missions on the next import, a view named like
a table, a view that never ends. Nothing but what the migrations make at the file's
version is accepted.

What is expected is found by running the migrations on a database in memory, one
revision after the other, and reading ``sqlite_master`` after each (once a process).
Tables are compared clause by clause as a set: Alembic's batch mode rebuilds a table
with its constraints in no fixed order, so two healthy files at one version may list
them differently. Quoting, case and spacing do not count.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from missionplanner.messages import Message

# Tables SQLite makes and keeps itself (AUTOINCREMENT, ANALYZE); never app data.
_SQLITE_OWN = frozenset(
    {"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"}
)

_QUOTED_NAME = re.compile(r'"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]')
_STRING = re.compile(r"'(?:[^']|'')*'")


@dataclass(frozen=True)
class SchemaObject:
    """One row of ``sqlite_master``, its SQL reduced to what means something."""

    kind: str
    name: str
    table: str
    shape: tuple[str, ...]


Schema = Mapping[tuple[str, str], SchemaObject]


def _tokens(sql: str) -> str:
    """``sql`` in lower case without identifier quotes, spaced one way (strings kept)."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _STRING.sub(keep, sql)
    text = _QUOTED_NAME.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    text = re.sub(r"\s+", " ", text.lower()).strip()
    text = re.sub(r"\s*([(),])\s*", r"\1", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _split_top_level(body: str) -> list[str]:
    """The comma-separated parts of a table's body, not splitting inside brackets."""
    parts, depth, start, quoted = [], 0, 0, False
    for index, char in enumerate(body):
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [part for part in parts if part]


def _shape(kind: str, sql: str | None) -> tuple[str, ...]:
    if sql is None:
        return ()
    text = _tokens(sql)
    if kind != "table":
        return (text,)
    opening, closing = text.find("("), text.rfind(")")
    if opening < 0 or closing < opening:
        return (text,)
    head, body, tail = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    return (head, tail, *sorted(_split_top_level(body)))


def read_schema(connection: sqlite3.Connection) -> dict[tuple[str, str], SchemaObject]:
    """The schema of an open database, without SQLite's own bookkeeping tables."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return _objects(rows)


def _objects(
    rows: Iterable[tuple[str, str, str, str | None]],
) -> dict[tuple[str, str], SchemaObject]:
    found: dict[tuple[str, str], SchemaObject] = {}
    for kind, name, table, sql in rows:
        if kind == "table" and name in _SQLITE_OWN:
            continue
        found[(kind, name.lower())] = SchemaObject(kind, name, table.lower(), _shape(kind, sql))
    return found


@cache
def expected_schemas() -> dict[str, Schema]:
    """The schema the migrations make at each revision, by revision."""
    # Imported here: the migrations import the engine, which the classifier uses too.
    from alembic import command
    from alembic.script import ScriptDirectory

    from missionplanner.store.engine import make_engine, writer
    from missionplanner.store.migrate import alembic_config

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    revisions = [revision.revision for revision in reversed(list(script.walk_revisions()))]
    engine = writer(make_engine(None))
    schemas: dict[str, Schema] = {}
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            for revision in revisions:
                command.upgrade(config, revision)
                rows = connection.exec_driver_sql(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master"
                ).fetchall()
                schemas[revision] = _objects(tuple(row) for row in rows)
            connection.rollback()
    finally:
        engine.dispose()
    return schemas


def schema_problem(found: Schema, expected: Schema) -> Message | None:
    """What is wrong with ``found`` compared with ``expected``, or None if nothing.

    Objects the app does not make are named first (they are what can do harm), then
    changed ones, then missing ones.
    """
    for key in sorted(found.keys() - expected.keys()):
        item = found[key]
        return Message("schema.extra", kind=Message(f"schema.kind.{item.kind}"), name=item.name)
    for key in sorted(found.keys() & expected.keys()):
        if found[key] != expected[key]:
            item = found[key]
            return Message(
                "schema.changed", kind=Message(f"schema.kind.{item.kind}"), name=item.name
            )
    for key in sorted(expected.keys() - found.keys()):
        item = expected[key]
        return Message("schema.missing", kind=Message(f"schema.kind.{item.kind}"), name=item.name)
    return None
