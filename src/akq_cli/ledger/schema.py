"""The ledger's tables (SQLAlchemy Core). Changing one needs a new Alembic revision in migrations/versions."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# One signed commitment (or, route='proof', a case where the applicant chose to bring the proofs:
# 三（六） lets them choose, and 办件量 counts both).
commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(24), nullable=False, unique=True),  # 承诺编码
    Column("item_id", String(40), nullable=False),
    Column("department", String(16), nullable=False),
    Column("catalog_commit", String(40), nullable=False),  # the catalog version the applicant was shown
    Column("route", String(12), nullable=False, default="commitment"),  # commitment | proof
    Column("applicant_kind", String(12), nullable=False),  # person | organisation
    Column("applicant_name", Text, nullable=False),
    Column("applicant_id", String(18), nullable=False),  # 居民身份证号码 or 统一社会信用代码; '' once purged
    Column("proxy_name", Text),
    Column("proxy_authorisation", Text),
    Column("fill_in", Text, nullable=False, default="{}"),  # JSON: the applicant's fill-in values
    Column("signed_on", Date, nullable=False),
    Column("channel", String(8), nullable=False),  # window | online
    Column("status", String(12), nullable=False, default="accepted"),
    Column("status_on", Date, nullable=False),
    Column("source", Text),  # import file and row, or 'record'
    Column("purged_on", Date),
    # (No index on applicant_id: nothing looks commitments up by applicant; check reads decisions.)
    # Covering for the statistics (stats.py): an index-only scan in group order, no table lookups.
    Index("ix_commitments_stats", "department", "item_id", "signed_on", "route", "status"),
)

# Every status a commitment has had: accepted (受理) -> concluded (办结) / withdrawn (撤回) / terminated (终止) /
# revoked (撤销).
status_history = Table(
    "status_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id"), nullable=False, index=True),
    Column("status", String(12), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("reason", Text),
    Column("actor", Text, nullable=False),
)

# Verification tasks, one per commitment, from the item's `verification` block.
tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id"), nullable=False, index=True),
    Column("methods", Text, nullable=False),  # JSON list: online | on_site | assisted
    Column("data_sources", Text, nullable=False),  # JSON list
    Column("timing", Text),  # JSON {amount, unit, from} as the item said when the task was made; None: unreadable
    Column("start_on", Date),  # the starting event's day; None until it happens (作出决定, 登记)
    Column("due_on", Date),  # None: the item's timing cannot be read
    Column("provisional", Boolean, nullable=False, default=False),  # 暂定: the calendar does not cover the year
    Column("provisional_reason", Text),
    Column("outcome", String(12)),  # true (属实) | false (不实) | unverifiable (无法核查)
    Column("outcome_on", Date),
    Column("method", String(12)),
    Column("inspector", Text),
    Column("note", Text),
    Column("assist_number", Text),  # 协助核查函 number
    Column("assist_to", Text),
    Column("assist_reply_by", Date),
    # Copies of the commitment's department, item and signing day (fixed once it is recorded), so that the
    # statistics group tasks without joining a million commitments. Not in the row digest (copies, not facts):
    # audit checks them against the commitment instead.
    Column("department", String(16), info={"copy": True}),
    Column("item_id", String(40), info={"copy": True}),
    Column("signed_on", Date, info={"copy": True}),
    Index("ix_tasks_due", "outcome", "due_on"),
    Index("ix_tasks_stats", "department", "item_id", "signed_on", "due_on", "outcome", "outcome_on"),
)

# Decisions after a 不实 finding (or imported from an upper-level list): the measure and any dishonesty record.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("commitment_id", Integer, ForeignKey("commitments.id")),  # None for an upper-level list entry
    Column("source", String(8), nullable=False),  # local | upper
    Column("department", Text, nullable=False),  # who decided (谁认定谁修复)
    Column("applicant_id", String(18), nullable=False),
    Column("applicant_name", Text, nullable=False),
    Column("number", Text, nullable=False),  # 文书号
    Column("decided_on", Date, nullable=False),
    Column("heard_on", Date),  # 陈述申辩 (local decisions require it)
    Column("measure", String(16), nullable=False),  # terminate | rectify | revoke | penalty | refer | listed
    Column("reason", Text, nullable=False),
    Column("dishonesty_class", String(8)),  # minor | general | serious (credit_classes.toml); None: no record
    Column("repair_from", Date),  # earliest repair application date (end of the minimum publication period)
    Column("publish_until", Date),  # the maximum publication period ends: publication stops by itself
    Column("state", String(12), nullable=False, default="active"),  # active | repaired | annulled
    Column("purged_on", Date),
    Index("ix_decisions_applicant", "applicant_id"),
)

# Repair (信用修复) and objection (异议) applications on a decision, with their result.
appeals = Table(
    "appeals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("decision_id", Integer, ForeignKey("decisions.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # repair | objection
    Column("applied_on", Date, nullable=False),
    Column("basis", Text, nullable=False),
    Column("result", String(10)),  # granted | refused | None (pending)
    Column("decided_on", Date),
)

# Append-only, hash-chained: each event carries the digest of the row it wrote and the hash of the event before.
events = Table(
    "events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(24), nullable=False),
    Column("tbl", String(24), nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    # Since revision 0002 an insert is one event for its batch of rows, row_id..last_id, whose digest covers the
    # rows' digests in id order; a change to one row carries the row's digest before it (prior) and after it.
    # Both None: an event written before 0002 (one per row, its digest the row's after the write).
    Column("last_id", Integer),
    Column("prior", String(64)),
    Index("ix_events_row", "tbl", "row_id"),
)

# The last 承诺编码 serial given out per signing day: county-wide, so outside row-level security (a department
# that cannot see the others' commitments still gets the next free serial).
code_serials = Table(
    "code_serials",
    metadata,
    Column("day", Date, primary_key=True),
    Column("last", Integer, nullable=False),
)

# PostgreSQL: which database role belongs to which department (row-level security reads it).
department_roles = Table(
    "department_roles",
    metadata,
    Column("role", String(63), primary_key=True),
    Column("department", String(16), nullable=False),
)

# Tables whose rows the event chain covers, in a fixed order (audit walks them).
AUDITED = {t.name: t for t in (commitments, status_history, tasks, decisions, appeals)}
# The columns a row's digest covers: all but the copies.
DIGESTED = {name: [c for c in t.columns if not c.info.get("copy")] for name, t in AUDITED.items()}
