"""Statistics for the 司法局's assessment (四): per department, item and month. No personal data leaves here.

Formulas (docs/ledger.md repeats them for county staff):
- 办件量 cases: commitments and proof cases recorded, by signing month;
- 告知承诺办件量 commitments: those that took the commitment route;
- 撤回数 withdrawn: commitments whose status is 撤回;
- 核查完成率 completion: tasks with an outcome / tasks due by the report date or already done;
- 超期核查数 overdue: tasks done after their deadline, or not done and past it on the report date;
- 不实承诺数 false: tasks whose outcome is 不实;
- 不实承诺率 false rate: 不实承诺数 / tasks with an outcome.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, case, func, select

from akq_cli.ledger.schema import commitments, tasks


@dataclass(frozen=True)
class StatRow:
    department: str
    item_id: str
    month: str
    cases: int
    commitments: int
    withdrawn: int
    tasks_due: int
    tasks_done: int
    overdue: int
    false: int

    @property
    def completion(self) -> float | None:
        return self.tasks_done / self.tasks_due if self.tasks_due else None

    @property
    def false_rate(self) -> float | None:
        return self.false / self.tasks_done if self.tasks_done else None

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "completion": _round(self.completion), "false_rate": _round(self.false_rate)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _month(conn: Connection, column: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)  # SQLite keeps dates as YYYY-MM-DD text


def statistics(conn: Connection, as_of: date, department: str | None = None) -> list[StatRow]:
    """One pass over commitments left-joined to their task (one task per commitment at most, made at record time)."""
    month = _month(conn, commitments.c.signed_on).label("month")
    done = tasks.c.outcome.is_not(None)

    def one(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    query = (
        select(
            commitments.c.department, commitments.c.item_id, month,
            func.count().label("cases"),
            one(commitments.c.route == "commitment").label("commitments"),
            one(commitments.c.status == "withdrawn").label("withdrawn"),
            one(tasks.c.id.is_not(None) & ((tasks.c.due_on <= as_of) | done)).label("tasks_due"),
            one(done).label("tasks_done"),
            one((done & (tasks.c.outcome_on > tasks.c.due_on)) | (~done & (tasks.c.due_on < as_of))).label("overdue"),
            one(tasks.c.outcome == "false").label("false"),
        )
        .select_from(commitments.outerjoin(tasks, tasks.c.commitment_id == commitments.c.id))
        .where(commitments.c.signed_on <= as_of)
        .group_by(commitments.c.department, commitments.c.item_id, month)
        .order_by(commitments.c.department, commitments.c.item_id, month)
    )
    if department:
        query = query.where(commitments.c.department == department)
    return [StatRow(r.department, r.item_id, r.month, *(int(v or 0) for v in r[3:])) for r in conn.execute(query)]


def totals(rows: list[StatRow], key: str = "department") -> list[StatRow]:
    """Sums per department (key='department') or for the county (key='')."""
    sums: dict[str, list[int]] = {}
    for r in rows:
        k = getattr(r, key) if key else ""
        acc = sums.setdefault(k, [0] * 7)
        for i, v in enumerate((r.cases, r.commitments, r.withdrawn, r.tasks_due, r.tasks_done, r.overdue, r.false)):
            acc[i] += v
    return [StatRow(k, "", "", *v) for k, v in sorted(sums.items())]
