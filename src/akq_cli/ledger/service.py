"""The ledger commands' work, between the typer layer (commands/ledger.py) and the modules: open the ledger
and the catalog, run one operation in one transaction, turn LedgerError into a message and exit code 2.

Exit codes: 0 done (check: 可以), 1 done with something to act on (check: 不可以; import: rows rejected;
audit: tampering found; due: overdue tasks), 2 the command could not run (the message says why)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from akq_cli.core.catalog import load_catalog
from akq_cli.core.git import GitError, repo_root, resolve
from akq_cli.core.state import CatalogError
from akq_cli.ledger import db, present
from akq_cli.ledger.deadlines import CalendarOverrides, OverridesError, load_overrides
from akq_cli.ledger.errors import LedgerError, msg
from akq_cli.ledger.location import Location, locate, settings
from akq_cli.ledger.records import Recorder
from akq_cli.ledger.tasks import TaskPlanner


def actor(explicit: str | None) -> str:
    return explicit or os.environ.get("AKQ_ACTOR") or getpass.getuser()


def guarded(work: Callable[[], int]) -> int:
    try:
        return work()
    except LedgerError as exc:
        present.err(exc.message())
    except CatalogError as exc:
        present.err(exc.message())
    except GitError as exc:
        present.err(exc.message())
    except OverridesError as exc:
        present.err(str(exc))
    except DBAPIError as exc:
        # The server's own first line (a row-level-security refusal, a lost connection); never the statement or
        # its parameters, which hold personal data.
        detail = str(exc.orig).splitlines()[0] if exc.orig is not None else type(exc).__name__
        present.err(msg("database", detail=detail))
    return 2


def open_ledger(ledger: str | None, *, create: bool = False) -> tuple[Location, Engine]:
    location = locate(Path.cwd(), ledger)
    engine = db.engine_for(location, create=create)
    if not create:
        db.require_schema(engine)
    return location, engine


def planner() -> TaskPlanner:
    folder, table = settings(Path.cwd())
    calendar = table.get("calendar")
    overrides: CalendarOverrides | None = None
    if calendar and folder is not None:
        overrides = load_overrides(folder / str(calendar))
    return TaskPlanner(overrides)


def retention() -> dict[str, int]:
    raw = settings(Path.cwd())[1].get("retention", {})
    return {k: int(v) for k, v in raw.items() if k in ("commitments", "decisions")} if isinstance(raw, dict) else {}


def catalog_items(catalog: Path | None) -> tuple[dict[str, dict[str, Any]], Path]:
    cat = load_catalog(catalog)
    return {item.id: item.data for item in cat.items if item.readable}, cat.root


def catalog_commit(root: Path, explicit: str | None) -> str:
    """The catalog version the applicant was shown: --catalog-commit, else the catalog repository's HEAD."""
    repo = repo_root(root)
    return resolve(repo, explicit or "HEAD")


def recorder(conn: Connection, catalog: Path | None, commit: str | None, who: str) -> Recorder:
    items, root = catalog_items(catalog)
    return Recorder(conn, items, catalog_commit(root, commit), who, planner())


def today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise LedgerError("bad-date", field="--on", value=value) from exc
