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


def _one(cond: Any) -> Any:
    return func.sum(case((cond, 1), else_=0))


def statistics(conn: Connection, as_of: date, department: str | None = None) -> list[StatRow]:
    """Two aggregates by department, item and signing day, each an index-only scan in index order (the covering
    indexes ix_commitments_stats and ix_tasks_stats; a task carries its commitment's department, item and day),
    merged here into months. One join of a million commitments with their tasks took seconds."""
    done = tasks.c.outcome.is_not(None)
    cases = (
        select(commitments.c.department, commitments.c.item_id, commitments.c.signed_on, func.count(),
               _one(commitments.c.route == "commitment"), _one(commitments.c.status == "withdrawn"))
        .where(commitments.c.signed_on <= as_of)
        .group_by(commitments.c.department, commitments.c.item_id, commitments.c.signed_on)
    )
    checks = (
        select(tasks.c.department, tasks.c.item_id, tasks.c.signed_on,
               _one((tasks.c.due_on <= as_of) | done), _one(done),
               _one((done & (tasks.c.outcome_on > tasks.c.due_on)) | (~done & (tasks.c.due_on < as_of))),
               _one(tasks.c.outcome == "false"))
        .where(tasks.c.signed_on <= as_of)
        .group_by(tasks.c.department, tasks.c.item_id, tasks.c.signed_on)
    )
    if department:
        cases = cases.where(commitments.c.department == department)
        checks = checks.where(tasks.c.department == department)
    sums: dict[tuple[str, str, str], list[int]] = {}
    for dept, item, day, *counts in conn.execute(cases):
        acc = sums.setdefault((dept, item, day.isoformat()[:7]), [0] * 7)
        for i, v in enumerate(counts):
            acc[i] += int(v or 0)
    for dept, item, day, *counts in conn.execute(checks):
        acc = sums.setdefault((dept, item, day.isoformat()[:7]), [0] * 7)
        for i, v in enumerate(counts, 3):
            acc[i] += int(v or 0)
    return [StatRow(*key, *values) for key, values in sorted(sums.items())]


def totals(rows: list[StatRow], key: str = "department") -> list[StatRow]:
    """Sums per department (key='department') or for the county (key='')."""
    sums: dict[str, list[int]] = {}
    for r in rows:
        k = getattr(r, key) if key else ""
        acc = sums.setdefault(k, [0] * 7)
        for i, v in enumerate((r.cases, r.commitments, r.withdrawn, r.tasks_due, r.tasks_done, r.overdue, r.false)):
            acc[i] += v
    return [StatRow(k, "", "", *v) for k, v in sorted(sums.items())]
