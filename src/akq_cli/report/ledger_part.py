"""The ledger's statistics in `akq report` (四: the 司法局 assesses departments on them), when a ledger is
configured (akq.toml [ledger], AKQ_LEDGER or --ledger). Without one the report is what it always was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.location import locate


@dataclass(frozen=True)
class LedgerPart:
    sections: list[tuple[str, list[str], list[list[Any]]]]
    json: dict[str, Any]


def ledger_part(start: Path, explicit: str | None, as_of: str) -> LedgerPart | None:
    """None when no ledger is configured; LedgerError when one is and cannot be read."""
    try:
        location = locate(start, explicit)
    except LedgerError as exc:
        if exc.key == "no-ledger" and explicit is None:
            return None
        raise
    # Imported here: SQLAlchemy costs a third of a second, and most reports have no ledger.
    from akq_cli.ledger import db, present, stats

    engine = db.engine_for(location)
    db.require_schema(engine)
    day = date.fromisoformat(as_of)
    with engine.connect() as conn:
        rows = stats.statistics(conn, day)
    return LedgerPart(present.stats_tables(rows), present.stats_json(rows, day))
