"""A plan's two dates in review: when git recorded its register hashes, and when its public random value comes.

A draw is fair only when the registers were fixed (their SHA-256 committed)
before the public random value existed.  Lint cannot see git, so it compares
the plan's own ``seed.registers_fixed`` with ``seed.date``; review reads the
commit itself: the earliest commit that added each of the plan's current
hashes to the plan file, the latest of those being when all were recorded.
Its committer date is taken in Beijing time (UTC+8), where lotteries draw.
A plan whose seed date is not after that day is an error; hashes not yet
committed will be committed today at the earliest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from akq_cli.core.state import CatalogState, is_plan_name
from akq_cli.review.semdiff import ItemChange

BEIJING = timezone(timedelta(hours=8))


@dataclass
class PlanDates:
    change: ItemChange
    seed_date: str | None  # seed.date as written
    declared: str | None  # seed.registers_fixed as written
    committed: str | None  # committer date (ISO 8601) of the commit that recorded every hash; None: not yet
    today: str

    @property
    def committed_day(self) -> str | None:
        if self.committed is None:
            return None
        return datetime.fromisoformat(self.committed).astimezone(BEIJING).date().isoformat()

    @property
    def error(self) -> bool:
        if not self.seed_date:
            return False  # the schema reports a missing or malformed date
        return self.seed_date <= (self.committed_day or self.today)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.change.path,
            "id": self.change.id,
            "seed_date": self.seed_date,
            "registers_fixed_declared": self.declared,
            "registers_committed": self.committed,
            "registers_committed_day": self.committed_day,
            "error": self.error,
        }


def _hashes(data: dict[str, Any]) -> list[str]:
    entries = [*(data.get("registers") or []), data.get("inspectors")]
    return [e["sha256"] for e in entries if isinstance(e, dict) and isinstance(e.get("sha256"), str) and e["sha256"]]


def _text(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value if isinstance(value, str) else None


def plan_dates(head: CatalogState, files: list[ItemChange], today: date | None = None) -> list[PlanDates]:
    """The dates of every plan the change adds or alters (the head's plan, read against the head's history)."""
    day = (today or datetime.now(BEIJING).date()).isoformat()
    out = []
    for ch in files:
        if ch.path is None or not is_plan_name(ch.path) or not isinstance(ch.data, dict):
            continue
        seed = ch.data.get("seed") if isinstance(ch.data.get("seed"), dict) else {}
        found = [head.committed_at(ch.path, sha) for sha in _hashes(ch.data)]
        committed = None if not found or None in found else max(found, key=lambda d: datetime.fromisoformat(d or ""))
        out.append(PlanDates(ch, _text(seed.get("date")), _text(seed.get("registers_fixed")), committed, day))
    return out
