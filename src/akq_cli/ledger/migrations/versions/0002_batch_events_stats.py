"""Batch events and the statistics' copies: events.last_id and events.prior; tasks.department, item_id and
signed_on (copied from the commitment); covering indexes for the statistics; no index on commitments.applicant_id.

Revision 0001 builds its tables from the schema module as it is now, so a ledger created since this revision
already has all of this and a ledger created before has none of it: add what is missing.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = {
    "events": [sa.Column("last_id", sa.Integer), sa.Column("prior", sa.String(64))],
    "tasks": [sa.Column("department", sa.String(16)), sa.Column("item_id", sa.String(40)),
              sa.Column("signed_on", sa.Date)],
}
INDEXES = {
    "commitments": [("ix_commitments_stats", ["department", "item_id", "signed_on", "route", "status"])],
    "tasks": [("ix_tasks_stats", ["department", "item_id", "signed_on", "due_on", "outcome", "outcome_on"])],
}


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    added_copies = False
    for table, columns in COLUMNS.items():
        have = {c["name"] for c in inspector.get_columns(table)}
        for column in columns:
            if column.name not in have:
                op.add_column(table, column)
                added_copies |= table == "tasks"
    if added_copies:
        op.execute(
            "UPDATE tasks SET department = c.department, item_id = c.item_id, signed_on = c.signed_on "
            "FROM commitments AS c WHERE c.id = tasks.commitment_id"
        )
    for table, indexes in INDEXES.items():
        have = {i["name"] for i in inspector.get_indexes(table)}
        for name, columns in indexes:
            if name not in have:
                op.create_index(name, table, columns)
    have = {i["name"] for i in inspector.get_indexes("commitments")}
    if "ix_commitments_dept_month" in have:
        op.drop_index("ix_commitments_dept_month", "commitments")  # ix_commitments_stats serves a department's queries
    if "ix_commitments_applicant" in have:
        op.drop_index("ix_commitments_applicant", "commitments")  # no query reads it; every import paid for it


def downgrade() -> None:
    op.drop_index("ix_tasks_stats", "tasks")
    op.drop_index("ix_commitments_stats", "commitments")
    op.create_index("ix_commitments_dept_month", "commitments", ["department", "signed_on"])
    op.create_index("ix_commitments_applicant", "commitments", ["applicant_id"])
    for table, columns in COLUMNS.items():
        for column in columns:
            op.drop_column(table, column.name)
