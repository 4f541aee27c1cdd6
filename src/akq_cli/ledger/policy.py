"""Who may use the commitment route (三（六）), on plain DB-API rows: shared by the full `check` (SQLAlchemy,
both backends) and its fast path (sqlite3 alone, which starts in a fraction of SQLAlchemy's import time)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

# ? placeholders (sqlite3); psycopg's %s is substituted by `sql_for`.
CHECK_SQL = (
    "SELECT department, number, decided_on, reason, dishonesty_class, repair_from, publish_until, state, source "
    "FROM decisions WHERE applicant_id = ? ORDER BY decided_on, id"
)


# PostgreSQL: through a SECURITY DEFINER function, so that a department role under row-level security still
# sees every department's decisions on the applicant (rls.py).
PG_CHECK_SQL = (
    "SELECT department, number, decided_on, reason, dishonesty_class, repair_from, publish_until, state, source "
    "FROM akq_check_rows(%s)"
)


def sql_for(dialect: str) -> str:
    return PG_CHECK_SQL if dialect == "postgresql" else CHECK_SQL


@dataclass(frozen=True)
class DishonestyClass:
    code: str
    name: str
    name_en: str
    min_months: int
    max_months: int


@cache
def classes() -> dict[str, DishonestyClass]:
    raw = tomllib.loads((Path(__file__).with_name("credit_classes.toml")).read_text("utf-8"))
    return {code: DishonestyClass(code, t["name"], t["name_en"], int(t["min_months"]), int(t["max_months"]))
            for code, t in raw.items()}


@dataclass(frozen=True)
class Blocking:
    department: str
    number: str
    decided_on: date
    reason: str
    dishonesty_class: str
    repair_from: date | None
    source: str  # local | upper


@dataclass(frozen=True)
class CheckResult:
    allowed: bool
    known: bool  # the ledger has any decision on this applicant at all
    blocking: tuple[Blocking, ...]


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def is_blocking(state: str, dishonesty_class: str | None, publish_until: date | None, on: date) -> bool:
    """A dishonesty record bars the commitment route until it is repaired, annulled on objection, or its maximum
    publication period has ended (令第36号: publication then stops by itself)."""
    return state == "active" and dishonesty_class is not None and (publish_until is None or on < publish_until)


def evaluate(rows: Iterable[Sequence[Any]], on: date) -> CheckResult:
    rows = list(rows)
    blocking = tuple(
        Blocking(r[0], r[1], _day(r[2]), r[3], r[4], _day(r[5]), r[8])  # type: ignore[arg-type]
        for r in rows if is_blocking(r[7], r[4], _day(r[6]), on)
    )
    return CheckResult(not blocking, bool(rows), blocking)
