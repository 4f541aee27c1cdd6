"""The append-only event chain: every row akq writes gets an event carrying the row's digest and the hash
of the event before it.

`audit` recomputes both: a row edited behind akq's back no longer matches its last event's digest, and an
event edited (or a whole chain recomputed to hide an edit) no longer matches a head exported earlier to a
place the ledger's users cannot rewrite (the catalog repository: heads hold no personal data).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Date, Table, func, insert, select, text

from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.schema import AUDITED, events

GENESIS = "0" * 64
CHAIN_LOCK = 0x616B715F6C6564  # "akq_led": the advisory lock that serialises chain writers


def row_digest(table: Table, row: Mapping[str, Any]) -> str:
    """SHA-256 over the repr of the row's columns in table order: the same for the row written and the row read
    back, both as SQLAlchemy's Python types (int, str, bool, date, None). repr keeps '1' and 1, None and 'None'
    apart, and costs half what JSON does (an import digests every row)."""
    return hashlib.sha256("\x1f".join([repr(row.get(c.name)) for c in table.columns]).encode()).hexdigest()


def _insert_sqlite(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """A plain DB-API executemany: SQLAlchemy's per-row parameter processing costs more than SQLite's insert.
    Dates are stored as SQLAlchemy's Date type stores them in SQLite (YYYY-MM-DD)."""
    names = [c.name for c in table.columns]
    dates = [i for i, c in enumerate(table.columns) if isinstance(c.type, Date)]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    params = []
    for row in rows:
        values = [row.get(n) for n in names]
        for i in dates:
            if values[i] is not None:
                values[i] = values[i].isoformat()
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def event_hash(prev: str, seq: int, at: str, actor: str, action: str, tbl: str, row_id: int, digest: str) -> str:
    return hashlib.sha256("\x1f".join([prev, str(seq), at, actor, action, tbl, str(row_id), digest]).encode()).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _lock_and_tail(conn: Connection) -> tuple[int, str]:
    if conn.dialect.name == "postgresql":
        # One writer extends the chain at a time (until its transaction ends); readers are not blocked. An
        # advisory lock needs no table privilege beyond the department roles' INSERT.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    last = conn.execute(select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def record_events(conn: Connection, actor: str, action: str, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Chain one event per row (rows as written, with their ids)."""
    seq, prev = _lock_and_tail(conn)
    at = now()
    batch = []
    for row in rows:
        seq += 1
        digest = row_digest(table, row)
        h = event_hash(prev, seq, at, actor, action, table.name, row["id"], digest)
        batch.append({"seq": seq, "at": at, "actor": actor, "action": action, "tbl": table.name,
                      "row_id": row["id"], "digest": digest, "prev": prev, "hash": h})
        prev = h
    if batch:
        if conn.dialect.name == "sqlite":
            _insert_sqlite(conn, events, batch)
        else:
            conn.execute(insert(events), batch)


def insert_rows(conn: Connection, actor: str, action: str, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows (every column given, defaults included) and chain their events; returns the new ids."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        # Transactions begin IMMEDIATE (db.py): this one holds the write lock, so ids can be counted here, and a
        # plain executemany is several times faster than INSERT … RETURNING in batches.
        top = conn.execute(select(func.max(table.c.id))).scalar() or 0
        ids = list(range(top + 1, top + 1 + len(rows)))
        _insert_sqlite(conn, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
    else:
        # PostgreSQL: sequences, since a department role under row-level security cannot see max(id).
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        ids = [r[0] for r in result]
    written = [{**row, "id": i} for row, i in zip(rows, ids, strict=True)]
    record_events(conn, actor, action, table, written)
    return ids


def update_row(conn: Connection, actor: str, action: str, table: Table, row_id: int, values: dict[str, Any]) -> None:
    conn.execute(table.update().where(table.c.id == row_id).values(**values))
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().one()
    record_events(conn, actor, action, table, [dict(row)])


def touch(conn: Connection, actor: str, action: str, table: Table, row_id: int) -> None:
    """An event that changes nothing but must be on record (a --reveal, a letter carrying the full ID)."""
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().one()
    record_events(conn, actor, action, table, [dict(row)])


def install_guards(conn: Connection) -> None:
    """Refuse UPDATE and DELETE on the events table (a determined owner can drop this: heads catch that)."""
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.execute(text(
                f"CREATE TRIGGER events_no_{op.lower()} BEFORE {op} ON events "
                "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
            ))
    else:
        conn.execute(text(
            "CREATE FUNCTION akq_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$"
        ))
        conn.execute(text(
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION akq_events_append_only()"
        ))


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    at: str

    def line(self) -> str:
        return f"{self.seq} {self.hash} {self.at}"


def head(conn: Connection) -> Head:
    last = conn.execute(select(events.c.seq, events.c.hash, events.c.at).order_by(events.c.seq.desc()).limit(1)).first()
    return Head(last.seq, last.hash, last.at) if last else Head(0, GENESIS, "")


def read_heads(path: Path) -> list[Head]:
    heads = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise LedgerError("import-unreadable", path=str(path), detail=str(exc)) from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 2 or not parts[0].isdigit() or len(parts[1]) != 64:
            raise LedgerError("bad-head-file", path=str(path), line=number)
        heads.append(Head(int(parts[0]), parts[1], parts[2] if len(parts) > 2 else ""))
    return heads


@dataclass(frozen=True)
class Problem:
    kind: str  # event-edited | chain-broken | row-edited | row-unrecorded | row-deleted | head-mismatch | head-missing
    where: str  # table#id or event seq
    detail: str = ""


def _events(conn: Connection) -> Iterator[Any]:
    yield from conn.execute(select(events).order_by(events.c.seq)).yield_per(10_000)


def audit(conn: Connection, heads: Iterable[Head] = ()) -> tuple[list[Problem], Head]:
    problems: list[Problem] = []
    wanted = {h.seq: h for h in heads}
    latest: dict[tuple[str, int], str] = {}
    prev, expect_seq, last = GENESIS, 1, Head(0, GENESIS, "")
    for e in _events(conn):
        if e.seq != expect_seq:
            problems.append(Problem("chain-broken", f"event {e.seq}", f"expected {expect_seq}"))
        if e.prev != prev:
            problems.append(Problem("chain-broken", f"event {e.seq}"))
        if event_hash(e.prev, e.seq, e.at, e.actor, e.action, e.tbl, e.row_id, e.digest) != e.hash:
            problems.append(Problem("event-edited", f"event {e.seq}"))
        exported = wanted.pop(e.seq, None)
        if exported is not None and exported.hash != e.hash:
            problems.append(Problem("head-mismatch", f"event {e.seq}", exported.at))
        latest[(e.tbl, e.row_id)] = e.digest
        prev, expect_seq, last = e.hash, e.seq + 1, Head(e.seq, e.hash, e.at)
    for missing in sorted(wanted):
        problems.append(Problem("head-missing", f"event {missing}", wanted[missing].at))
    for name, table in AUDITED.items():
        seen = set()
        for row in conn.execute(select(table)).mappings().yield_per(10_000):
            seen.add(row["id"])
            recorded = latest.get((name, row["id"]))
            if recorded is None:
                problems.append(Problem("row-unrecorded", f"{name}#{row['id']}"))
            elif recorded != row_digest(table, row):
                problems.append(Problem("row-edited", f"{name}#{row['id']}"))
        for tbl, row_id in latest:
            if tbl == name and row_id not in seen:
                problems.append(Problem("row-deleted", f"{name}#{row_id}"))
    return problems, last
