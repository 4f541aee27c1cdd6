"""Verification tasks: made from the item's `verification` when a commitment is recorded, listed by `due`,
closed by `verify`, helped by `assist` (协助核查函)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, and_, select

from akq_cli.core.timing import Timing, parse_text, timing_of
from akq_cli.ledger import chain
from akq_cli.ledger.deadlines import CalendarOverrides, Deadline, due_date
from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.schema import DIGESTED, commitments, tasks
from akq_cli.render.assist_letter import AssistLetter, write_assist_letter

OUTCOMES = {"true": "属实", "false": "不实", "unverifiable": "无法核查"}
METHODS = {"online": "在线核查", "on_site": "现场核查", "assisted": "协助核查"}
# The reply period a 协助核查函 asks for unless the clerk says otherwise.
ASSIST_REPLY = Timing(5, "workday", "accepted")


def item_timing(item: Mapping[str, Any]) -> Timing | None:
    verification = item.get("verification") or {}
    timing = timing_of(verification)
    if timing is None and isinstance(verification.get("timing"), str):
        # A catalog not yet migrated to the structured field: read the old sentence the way lint's fix does.
        timing = parse_text(verification["timing"])
    return timing


class TaskPlanner:
    def __init__(self, overrides: CalendarOverrides | None = None) -> None:
        self.overrides = overrides
        # An import of a year's cases asks for a few hundred distinct (timing, day) pairs a million times.
        self._deadlines: dict[tuple[Timing, date], Deadline] = {}

    def deadline(self, timing: Timing, start: date) -> Deadline:
        key = (timing, start)
        found = self._deadlines.get(key)
        if found is None:
            found = self._deadlines[key] = due_date(start, timing, self.overrides)
        return found

    def plan(self, conn: Connection, actor: str, new: Iterable[tuple[int, Mapping[str, Any], date, str, str]]) -> None:
        """A task for each new commitment: (its id, its item, its signing day, its department, its item id)."""
        rows = []
        # Everything but the commitment's id follows from the item and the day: a few hundred pairs in an import.
        made: dict[tuple[int, date], tuple[tuple[Any, ...], str]] = {}
        shared: dict[int, str] = {}  # commitment id -> the repr part of its task's digest that it shares
        for commitment_id, item, signed_on, department, item_id in new:
            key = (id(item), signed_on)
            rest = made.get(key)
            if rest is None:
                values = self._task(item, signed_on, department, item_id)
                rest = made[key] = (values, "\x1f".join(map(repr, values[:_DIGESTED_AFTER])))
            rows.append((commitment_id, *rest[0]))
            shared[commitment_id] = rest[1]

        def digest(row: tuple[Any, ...]) -> str:  # chain.row_digest's value, the shared part's repr made once
            return hashlib.sha256(f"{row[0]!r}\x1f{row[1]!r}\x1f{shared[row[1]]}".encode()).hexdigest()

        chain.insert_batch(conn, actor, "task", tasks, rows, digest)

    def _task(self, item: Mapping[str, Any], signed_on: date, department: str, item_id: str) -> tuple[Any, ...]:
        """A task's columns after id and commitment_id, in table order."""
        v = item.get("verification") or {}
        timing = item_timing(item)
        start = signed_on if timing is not None and timing.start == "accepted" else None
        due = self.deadline(timing, start) if timing is not None and start is not None else None
        return (
            json.dumps(v.get("methods") or [], ensure_ascii=False), json.dumps(v.get("data_sources") or [], ensure_ascii=False),
            json.dumps(timing.mapping()) if timing else None, start, due.due if due else None,
            bool(due and due.provisional), due.reason if due else None,
            None, None, None, None, None, None, None, None,  # outcome … assist_reply_by: nothing done yet
            department, item_id, signed_on,
        )

    def started(self, conn: Connection, actor: str, commitment_id: int, events: set[str], on: date) -> None:
        """The decision or registration happened: tasks counted from it get their deadline now."""
        for task in conn.execute(select(tasks).where(tasks.c.commitment_id == commitment_id)).mappings():
            if task["start_on"] is None and task["timing"]:
                timing = Timing(**_timing_args(task["timing"]))
                if timing.start in events:
                    due = self.deadline(timing, on)
                    chain.update_row(conn, actor, "deadline", tasks, task["id"], {
                        "start_on": on, "due_on": due.due, "provisional": due.provisional,
                        "provisional_reason": due.reason})

    def refresh(self, conn: Connection, actor: str) -> int:
        """Recompute 暂定 deadlines: the calendar may have learned the year since (a newer chinesecalendar)."""
        changed = 0
        for task in conn.execute(select(tasks).where(and_(tasks.c.provisional.is_(True), tasks.c.outcome.is_(None)))).mappings().all():
            due = self.deadline(Timing(**_timing_args(task["timing"])), task["start_on"])
            if (due.due, due.provisional) != (task["due_on"], task["provisional"]):
                chain.update_row(conn, actor, "deadline", tasks, task["id"],
                                 {"due_on": due.due, "provisional": due.provisional, "provisional_reason": due.reason})
                changed += 1
        return changed


# The digest covers a task's columns up to its copies (schema.DIGESTED): id, commitment_id, then these many.
_DIGESTED_AFTER = len(DIGESTED["tasks"]) - 2
assert [c.name for c in DIGESTED["tasks"]] == [c.name for c in tasks.columns][:len(DIGESTED["tasks"])]


def _timing_args(text: str) -> dict[str, Any]:
    raw = json.loads(text)
    return {"amount": raw["amount"], "unit": raw["unit"], "start": raw["from"]}


@dataclass(frozen=True)
class DueRow:
    code: str
    item_id: str
    department: str
    applicant_name: str
    applicant_id: str
    due_on: date | None
    provisional: bool
    reason: str | None
    overdue: bool
    assist_reply_by: date | None


def due(conn: Connection, as_of: date, within: int, department: str | None = None) -> list[DueRow]:
    """Open tasks due by ``as_of + within`` days (overdue ones first), and open tasks with no deadline yet."""
    horizon = as_of + timedelta(days=within)
    query = (
        select(commitments.c.code, commitments.c.item_id, commitments.c.department, commitments.c.applicant_name,
               commitments.c.applicant_id, tasks.c.due_on, tasks.c.provisional, tasks.c.provisional_reason,
               tasks.c.assist_reply_by)
        .join(commitments, commitments.c.id == tasks.c.commitment_id)
        .where(tasks.c.outcome.is_(None), commitments.c.status.in_(("accepted", "concluded")))
        .where((tasks.c.due_on <= horizon) | tasks.c.due_on.is_(None))
        .order_by(tasks.c.due_on, commitments.c.code)
    )
    if department:
        query = query.where(commitments.c.department == department)
    return [DueRow(r.code, r.item_id, r.department, r.applicant_name, r.applicant_id, r.due_on, bool(r.provisional),
                   r.provisional_reason, r.due_on is not None and r.due_on < as_of, r.assist_reply_by)
            for r in conn.execute(query)]


def _task_of(conn: Connection, code: str) -> tuple[Any, Any]:
    row = conn.execute(select(commitments).where(commitments.c.code == code)).mappings().first()
    if row is None:
        raise LedgerError("unknown-commitment", code=code)
    task = conn.execute(select(tasks).where(tasks.c.commitment_id == row["id"]).order_by(tasks.c.id)).mappings().first()
    if task is None:
        raise LedgerError("no-task", code=code)
    return row, task


def verify(conn: Connection, actor: str, code: str, outcome: str, method: str, inspector: str, note: str,
           on: date) -> None:
    _, task = _task_of(conn, code)
    chain.update_row(conn, actor, "verify", tasks, task["id"], {
        "outcome": outcome, "outcome_on": on, "method": method, "inspector": inspector, "note": note or None})


def assist(conn: Connection, actor: str, code: str, *, number: str, from_department: str, to_department: str,
           item_title: str, checks: tuple[str, ...], reply_by: date | None, contact: str, on: date,
           output: Path, planner: TaskPlanner) -> AssistLetter:
    row, task = _task_of(conn, code)
    reply = reply_by or planner.deadline(ASSIST_REPLY, on).due
    letter = AssistLetter(
        number=number, from_department=from_department, to_department=to_department, item_title=item_title,
        commitment_code=code, applicant_name=row["applicant_name"], applicant_id=row["applicant_id"],
        checks=checks, reply_by=reply, contact=contact, date=on,
    )
    chain.update_row(conn, actor, "assist", tasks, task["id"],
                     {"assist_number": number, "assist_to": to_department, "assist_reply_by": reply})
    # The letter carries the full ID number: the one sanctioned reveal, on record (in the same transaction,
    # before the file exists) like a --reveal.
    chain.touch(conn, actor, "reveal:assist-letter", commitments, row["id"])
    write_assist_letter(output, letter)
    return letter
