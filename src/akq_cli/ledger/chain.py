"""The append-only event chain: every write akq makes gets an event carrying a digest of what it wrote and
the hash of the event before it.

An insert is one event for its batch of rows (row_id..last_id), whose digest covers the rows' own digests in id
order: an import of a million commitments writes a few hundred events, not two million. A change to one row is
one event carrying the row's digest before the change (prior) and after it.

`audit` recomputes all of it: a row edited behind akq's back no longer matches its last event (or its batch's
digest), and an event edited (or a whole chain recomputed to hide an edit) no longer matches a head exported
earlier to a place the ledger's users cannot rewrite (the catalog repository: heads hold no personal data).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.schema import AUDITED, DIGESTED, commitments, events, tasks

GENESIS = "0" * 64
CHAIN_LOCK = 0x616B715F6C6564  # "akq_led": the advisory lock that serialises chain writers

# Dates go to SQLite as SQLAlchemy's Date type stores them (YYYY-MM-DD). Registered here rather than converted
# row by row on the import path; the same conversion as Python 3.11's default adapter, which 3.12 deprecates.
sqlite3.register_adapter(date, date.isoformat)


def digest_values(values: Iterable[Any]) -> str:
    """SHA-256 over the repr of a row's values in table order, as SQLAlchemy's Python types (int, str, bool, date,
    None): the same for the row written and the row read back. repr keeps '1' and 1, None and 'None' apart."""
    return hashlib.sha256("\x1f".join(map(repr, values)).encode()).hexdigest()


def row_digest(table: Table, row: Mapping[str, Any]) -> str:
    return digest_values([row.get(c.name) for c in DIGESTED[table.name]])


def batch_digest(digests: Iterable[str]) -> str:
    """An insert event's digest: over its rows' digests (64 hex characters each) in id order."""
    return hashlib.sha256("".join(digests).encode()).hexdigest()


def event_hash(prev: str, seq: int, at: str, actor: str, action: str, tbl: str, row_id: int, digest: str,
               last_id: int | None = None, prior: str | None = None) -> str:
    parts = [prev, str(seq), at, actor, action, tbl, str(row_id), digest]
    if last_id is not None or prior is not None:  # an event written before revision 0002 has neither
        parts += [str(last_id), prior or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _lock_and_tail(conn: Connection) -> tuple[int, str]:
    if conn.dialect.name == "postgresql":
        # One writer extends the chain at a time (until its transaction ends); readers are not blocked. An
        # advisory lock needs no table privilege beyond the department roles' INSERT. Taken before the rows are
        # written, so that one insert's ids come from the sequence unmixed with another writer's.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK})
    last = conn.execute(select(events.c.seq, events.c.hash).order_by(events.c.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


# (first row id, last row id, digest, prior digest or None for an insert)
Entry = tuple[int, int, str, str | None]


def _append(conn: Connection, tail: tuple[int, str], actor: str, action: str, tbl: str, entries: Sequence[Entry]) -> None:
    seq, prev = tail
    at = now()
    batch = []
    for first, last, digest, prior in entries:
        seq += 1
        h = event_hash(prev, seq, at, actor, action, tbl, first, digest, last, prior)
        batch.append((seq, at, actor, action, tbl, first, digest, prev, h, last, prior))
        prev = h
    if conn.dialect.name == "sqlite":
        names = [c.name for c in events.columns]
        conn.connection.cursor().executemany(
            f"INSERT INTO events ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", batch)
    elif batch:
        conn.execute(insert(events), [dict(zip([c.name for c in events.columns], b, strict=True)) for b in batch])


def insert_batch(conn: Connection, actor: str, action: str, table: Table, rows: Sequence[tuple[Any, ...]],
                 digest: Callable[[tuple[Any, ...]], str] | None = None) -> list[int]:
    """Insert rows given as tuples of every column after id, in table order (defaults included, dates as date),
    and chain one event for them; returns the new ids. ``digest``: the row digest of a written row (id first),
    for a caller that can compute it faster than row_digest and gives the same.

    SQLite: a plain DB-API executemany (SQLAlchemy's per-row parameter processing costs more than the insert).
    Transactions begin IMMEDIATE (db.py), so this one holds the write lock and can count the ids itself."""
    if not rows:
        return []
    tail = _lock_and_tail(conn)
    if conn.dialect.name == "sqlite":
        top = conn.execute(select(func.max(table.c.id))).scalar() or 0
        written = [(top + n, *row) for n, row in enumerate(rows, 1)]
        names = [c.name for c in table.columns]
        conn.connection.cursor().executemany(
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", written)
        ids = list(range(top + 1, top + 1 + len(rows)))
    else:
        # PostgreSQL: sequences, since a department role under row-level security cannot see max(id).
        names = [c.name for c in table.columns][1:]
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                              [dict(zip(names, row, strict=True)) for row in rows])
        ids = [r[0] for r in result]
        written = [(i, *row) for i, row in zip(ids, rows, strict=True)]
    if digest is None:
        digested = {c.name for c in DIGESTED[table.name]}
        positions = [i for i, c in enumerate(table.columns) if c.name in digested]
        pick = itemgetter(*positions) if len(positions) < len(table.columns) else None
        digests = [digest_values(pick(w) if pick else w) for w in written]
    else:
        digests = [digest(w) for w in written]
    if ids[-1] - ids[0] + 1 == len(ids):
        entries: list[Entry] = [(ids[0], ids[-1], batch_digest(digests), None)]
    else:  # ids with gaps (another sequence user): one event per row, so that no range claims a row not written
        entries = [(i, i, batch_digest([d]), None) for i, d in zip(ids, digests, strict=True)]
    _append(conn, tail, actor, action, table.name, entries)
    return ids


def insert_rows(conn: Connection, actor: str, action: str, table: Table, rows: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert rows given as mappings of every column but id; returns the new ids."""
    names = [c.name for c in table.columns][1:]
    return insert_batch(conn, actor, action, table, [tuple(row.get(n) for n in names) for row in rows])


def _current(conn: Connection, table: Table, row_id: int) -> str:
    return row_digest(table, conn.execute(select(table).where(table.c.id == row_id)).mappings().one())


def update_row(conn: Connection, actor: str, action: str, table: Table, row_id: int, values: dict[str, Any]) -> None:
    tail = _lock_and_tail(conn)
    before = _current(conn, table, row_id)
    conn.execute(table.update().where(table.c.id == row_id).values(**values))
    _append(conn, tail, actor, action, table.name, [(row_id, row_id, _current(conn, table, row_id), before)])


def touch(conn: Connection, actor: str, action: str, table: Table, row_id: int) -> None:
    """An event that changes nothing but must be on record (a --reveal, a letter carrying the full ID)."""
    tail = _lock_and_tail(conn)
    digest = _current(conn, table, row_id)
    _append(conn, tail, actor, action, table.name, [(row_id, row_id, digest, digest)])


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


@dataclass
class _Batch:
    """An insert event's rows as audit meets them: their digests as written, in id order."""
    first: int
    last: int
    digest: str
    seen: list[int]
    hasher: Any


def _where(name: str, first: int, last: int) -> str:
    return f"{name}#{first}" if first == last else f"{name}#{first}–{last}"


def audit(conn: Connection, heads: Iterable[Head] = ()) -> tuple[list[Problem], Head]:
    problems: list[Problem] = []
    wanted = {h.seq: h for h in heads}
    batches: dict[str, list[tuple[int, int, str]]] = {name: [] for name in AUDITED}
    # Per row, the events that changed it after its insert (or, before revision 0002, every event on it):
    # (digest before, digest after); digest before is None for an event written before 0002.
    states: dict[tuple[str, int], list[tuple[str | None, str]]] = {}
    prev, expect_seq, last = GENESIS, 1, Head(0, GENESIS, "")
    for e in _events(conn):
        if e.seq != expect_seq:
            problems.append(Problem("chain-broken", f"event {e.seq}", f"expected {expect_seq}"))
        if e.prev != prev:
            problems.append(Problem("chain-broken", f"event {e.seq}"))
        if event_hash(e.prev, e.seq, e.at, e.actor, e.action, e.tbl, e.row_id, e.digest, e.last_id, e.prior) != e.hash:
            problems.append(Problem("event-edited", f"event {e.seq}"))
        exported = wanted.pop(e.seq, None)
        if exported is not None and exported.hash != e.hash:
            problems.append(Problem("head-mismatch", f"event {e.seq}", exported.at))
        if e.last_id is not None and e.prior is None:
            batches.setdefault(e.tbl, []).append((e.row_id, e.last_id, e.digest))
        else:
            states.setdefault((e.tbl, e.row_id), []).append((e.prior, e.digest))
        prev, expect_seq, last = e.hash, e.seq + 1, Head(e.seq, e.hash, e.at)
    for missing in sorted(wanted):
        problems.append(Problem("head-missing", f"event {missing}", wanted[missing].at))
    for name, table in AUDITED.items():
        problems += _audit_rows(conn, name, table, sorted(batches[name]), states)
    problems += _audit_copies(conn)
    return list(dict.fromkeys(problems)), last  # a deleted row of a batch that akq had changed: once


def _audit_rows(conn: Connection, name: str, table: Table, batches: list[tuple[int, int, str]],
                states: dict[tuple[str, int], list[tuple[str | None, str]]]) -> list[Problem]:
    """Each row against its changes and its insert batch, walking the rows and the batches in id order."""
    problems: list[Problem] = []
    pending = iter(batches)
    batch: _Batch | None = None

    def close(b: _Batch) -> None:
        seen = set(b.seen)
        gone = [i for i in range(b.first, b.last + 1) if i not in seen]
        problems.extend(Problem("row-deleted", f"{name}#{i}") for i in gone)
        if not gone and b.hasher.hexdigest() != b.digest:
            problems.append(Problem("row-edited", _where(name, b.first, b.last)))

    def advance(row_id: int) -> _Batch | None:
        nonlocal batch
        while batch is None or batch.last < row_id:
            if batch is not None:
                close(batch)
            nxt = next(pending, None)
            if nxt is None:
                batch = None
                return None
            batch = _Batch(nxt[0], nxt[1], nxt[2], [], hashlib.sha256())
        return batch if batch.first <= row_id else None

    for row in conn.execute(select(table).order_by(table.c.id)).mappings().yield_per(10_000):
        row_id = row["id"]
        digest = row_digest(table, row)
        changes = states.pop((name, row_id), [])
        if changes and changes[-1][1] != digest:
            problems.append(Problem("row-edited", f"{name}#{row_id}"))
        elif any(later[0] is not None and later[0] != earlier[1] for earlier, later in pairwise(changes)):
            # edited between two of akq's changes: the later one read the edited row
            problems.append(Problem("row-edited", f"{name}#{row_id}"))
        home = advance(row_id)
        if home is not None:
            home.seen.append(row_id)
            # the row as its insert wrote it: before its first change, or as it is now
            home.hasher.update(((changes[0][0] or "") if changes else digest).encode())
        elif not changes or changes[0][0] is not None:  # no insert event (one before 0002 has no prior)
            problems.append(Problem("row-unrecorded", f"{name}#{row_id}"))
    advance(1 << 62)  # close the last batch and any left without rows
    problems.extend(Problem("row-deleted", f"{tbl}#{row_id}") for tbl, row_id in sorted(states) if tbl == name)
    for key in [k for k in states if k[0] == name]:
        del states[key]
    return problems


def _audit_copies(conn: Connection) -> list[Problem]:
    """A task's copies of its commitment's department, item and day (the statistics group by them)."""
    differ = (tasks.c.department != commitments.c.department) | (tasks.c.item_id != commitments.c.item_id) \
        | (tasks.c.signed_on != commitments.c.signed_on) | tasks.c.department.is_(None)
    query = select(tasks.c.id).join(commitments, commitments.c.id == tasks.c.commitment_id).where(differ).order_by(tasks.c.id)
    return [Problem("row-edited", f"tasks#{task_id}") for task_id in conn.execute(query).scalars()]
