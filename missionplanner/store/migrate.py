"""Runs the Alembic migrations from code: no ``alembic.ini``, no hand-run step."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from missionplanner.errors import DatabaseFileError
from missionplanner.messages import Message
from missionplanner.paths import migrations_dir
from missionplanner.store.engine import make_engine, writer


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def upgrade(path: Path | None, connection: Connection | None = None) -> None:
    """Bring the database to the newest schema.

    Foreign keys are switched off on the raw connection before any statement (SQLite
    ignores the pragma inside a transaction): batch migrations rebuild tables, and
    dropping the old table with foreign keys on would silently cascade-delete children.
    Afterwards ``foreign_key_check`` must find nothing, or the upgrade is rolled back.
    """
    config = alembic_config()
    if connection is not None:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        return
    engine = writer(make_engine(path, foreign_keys=False))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseFileError(Message("store.upgrade-broken-links"))
    finally:
        engine.dispose()
