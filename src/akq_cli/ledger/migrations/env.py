"""Alembic environment: akq passes its own open connection (akq_cli.ledger.db.upgrade)."""

from __future__ import annotations

from alembic import context

from akq_cli.ledger.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
