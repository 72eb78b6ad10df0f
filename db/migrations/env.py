"""Alembic environment. The application passes an open connection in
``config.attributes["connection"]``; developers running the ``alembic`` command get an
engine from ``db/alembic.ini`` instead."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from missionplanner.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        run_with(conn)


if context.is_offline_mode():
    raise SystemExit("Mission Planner migrations run online only.")
run_migrations_online()
