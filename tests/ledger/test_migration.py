"""Revision 0002 on a ledger written before it: one event per row (no last_id, no prior), tasks without the copies
of their commitment's department, item and day. After `akq ledger init` upgrades it, audit still passes over the old
events and the new, the statistics count the old tasks, and an edit of an old row is still caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from akq_cli.ledger import db
from akq_cli.ledger.chain import GENESIS, event_hash, row_digest
from akq_cli.ledger.schema import AUDITED
from ledger.conftest import Ledger
from ledger.test_ledger import OTHER, engine, record


def _as_before_0002(ledger: Ledger) -> None:
    """Rewrite a fresh ledger the way revision 0001's code wrote it."""
    with engine(ledger.backend).begin() as conn:
        rows = [(name, dict(row)) for name, table in AUDITED.items()
                for row in conn.execute(table.select().order_by(table.c.id)).mappings()]
        conn.execute(text("DROP TRIGGER events_no_delete"))
        conn.execute(text("DELETE FROM events"))
        prev = GENESIS
        for seq, (name, row) in enumerate(rows, 1):
            digest = row_digest(AUDITED[name], row)
            h = event_hash(prev, seq, "2026-11-02T08:00:00+00:00", "old", "record", name, row["id"], digest)
            conn.execute(text("INSERT INTO events (seq, at, actor, action, tbl, row_id, digest, prev, hash) "
                              "VALUES (:s, '2026-11-02T08:00:00+00:00', 'old', 'record', :t, :r, :d, :p, :h)"),
                         {"s": seq, "t": name, "r": row["id"], "d": digest, "p": prev, "h": h})
            prev = h
        conn.execute(text("CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
                          "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"))
        for index in ("ix_tasks_stats", "ix_commitments_stats"):
            conn.execute(text(f"DROP INDEX {index}"))
        for table, column in (("events", "last_id"), ("events", "prior"), ("tasks", "department"),
                              ("tasks", "item_id"), ("tasks", "signed_on")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("CREATE INDEX ix_commitments_dept_month ON commitments (department, signed_on)"))
        conn.execute(text("CREATE INDEX ix_commitments_applicant ON commitments (applicant_id)"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # DROP COLUMN to fake the old schema: SQLite's way
def test_a_ledger_from_before_0002_upgrades_and_audits(ledger: Ledger) -> None:
    old = record(ledger)
    _as_before_0002(ledger)
    refused = ledger("audit")
    assert refused.code == 2 and "结构版本是 0001" in refused.err and "akq ledger init" in refused.err, refused.err
    assert "结构版本 0002" in ledger("init").out
    assert ledger("audit").code == 0  # over the old events alone, as revision 0001's code would have said
    with engine(ledger.backend).connect() as conn:
        assert conn.execute(text("SELECT department, item_id, signed_on FROM tasks")).all() == [("MZJ", "MZJ-ZM-001", "2026-11-02")]
    record(ledger, OTHER)  # a batch event after the old ones
    assert ledger("verify", old, "不实", "--method", "online", "--inspector", "李四", "--on", "2026-11-05").code == 0
    assert ledger("audit").code == 0
    stats = json.loads(ledger("stats", "--format", "json", "--on", "2026-12-31").out)["rows"]
    assert [(r["item_id"], r["cases"], r["tasks_done"], r["false"]) for r in stats] == [("MZJ-ZM-001", 2, 1, 1)]
    with engine(ledger.backend).begin() as conn:
        conn.execute(text("UPDATE commitments SET applicant_name = '李鬼' WHERE code = :c"), {"c": old})
        conn.execute(text("UPDATE tasks SET item_id = 'MZJ-ZM-002' WHERE id = 2"))
    result = ledger("audit")
    assert result.code == 1 and "commitments#1: 记录在 akq 之外被修改" in result.out
    assert "tasks#2: 记录在 akq 之外被修改" in result.out, result.out


def test_the_revision_akq_wants_is_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    assert ScriptDirectory.from_config(config).get_current_head() == db.SCHEMA_REVISION
