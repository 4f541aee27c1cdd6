"""Backup and restore (SQLite online backup, pg_dump / pg_restore), and purge after the retention period."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, select

from akq_cli.ledger import chain
from akq_cli.ledger.db import restrict
from akq_cli.ledger.deadlines import add_months
from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.location import Location, work_tree_of
from akq_cli.ledger.schema import commitments, decisions

# Years after which personal data goes (the counts stay): a county decision, so akq.toml may change them
# ([ledger.retention]). A decision's clock starts when its publication ends.
RETENTION = {"commitments": 3, "decisions": 5}


def _outside_git(path: Path) -> None:
    tree = work_tree_of(path)
    if tree is not None:
        raise LedgerError("inside-work-tree", path=str(path), tree=str(tree))


def _pg_url(location: Location) -> str:
    return "postgresql://" + location.url.split("://", 1)[1]


def backup(location: Location, target: Path) -> None:
    _outside_git(target.resolve())
    if target.exists():
        raise LedgerError("restore-exists", path=str(target))
    _owner_only_file(target)
    if location.path is None:
        _tool(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _pg_url(location)], "pg_dump")
    else:
        with sqlite3.connect(f"file:{location.path}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        dst.close()
    restrict(target)


def restore(location: Location, source: Path) -> None:
    """Into a new SQLite file, or into an empty PostgreSQL database: never over a ledger."""
    if location.path is None:
        _tool(["pg_restore", "--no-owner", f"--dbname={_pg_url(location)}", str(source)], "pg_restore")
        return
    target = location.path
    _outside_git(target)
    if target.exists():
        raise LedgerError("restore-exists", path=str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    _owner_only_file(target)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    restrict(target)


def _owner_only_file(path: Path) -> None:
    """Create the file 0600 before anything writes personal data into it."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _tool(argv: list[str], name: str) -> None:
    if shutil.which(argv[0]) is None:
        raise LedgerError("tool-failed", tool=name, detail="not installed (apt-get install postgresql-client)")
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise LedgerError("tool-failed", tool=name, detail=proc.stderr.strip()[-500:])


@dataclass(frozen=True)
class Purged:
    commitments: int
    decisions: int


def purge(conn: Connection, actor: str, today: date, retention: dict[str, int] | None = None) -> Purged:
    """Blank the personal fields of records past retention; every other column (and so every count) stays."""
    years = {**RETENTION, **(retention or {})}
    blocked = select(decisions.c.commitment_id).where(decisions.c.purged_on.is_(None),
                                                      decisions.c.commitment_id.is_not(None))
    old = conn.execute(
        select(commitments.c.id, commitments.c.status_on).where(
            commitments.c.purged_on.is_(None), commitments.c.status != "accepted", commitments.c.id.not_in(blocked))
    ).all()
    n = 0
    for row in old:
        if add_months(row.status_on, 12 * years["commitments"]) <= today:
            chain.update_row(conn, actor, "purge", commitments, row.id, {
                "applicant_name": "", "applicant_id": "", "proxy_name": None, "proxy_authorisation": None,
                "fill_in": "{}", "purged_on": today})
            n += 1
    m = 0
    for d in conn.execute(select(decisions.c.id, decisions.c.decided_on, decisions.c.publish_until)
                          .where(decisions.c.purged_on.is_(None))).all():
        if add_months(d.publish_until or d.decided_on, 12 * years["decisions"]) <= today:
            chain.update_row(conn, actor, "purge", decisions, d.id,
                             {"applicant_name": "", "applicant_id": "", "purged_on": today})
            m += 1
    return Purged(n, m)
