"""The first ledger: commitments, status history, tasks, decisions, appeals, the event chain.

Revision ID: 0001
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from akq_cli.ledger import chain
from akq_cli.ledger.rls import CHECK_FUNCTION
from akq_cli.ledger.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Built from the schema module as it is now: a later revision adds only what an older ledger lacks
    # (0002 looks before it adds).
    bind = op.get_bind()
    metadata.create_all(bind)
    chain.install_guards(bind)
    if bind.dialect.name == "postgresql":
        bind.execute(text(CHECK_FUNCTION))


def downgrade() -> None:
    metadata.drop_all(op.get_bind())
