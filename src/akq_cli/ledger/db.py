"""Where the ledger is and how to open it: akq.toml `[ledger] path=` / `url=`, or AKQ_LEDGER.

SQLite (WAL, owner-only file) for one office, PostgreSQL (psycopg 3) when departments share a server.
A ledger holds personal data, so akq refuses to create one inside a git work tree.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError

from akq_cli.ledger.errors import LedgerError
from akq_cli.ledger.location import Location, work_tree_of


def engine_for(location: Location, *, create: bool = False) -> Engine:
    if location.path is None:
        return create_engine(location.url, future=True)
    path = location.path
    if create:
        tree = work_tree_of(path)
        if tree is not None:
            raise LedgerError("inside-work-tree", path=str(path), tree=str(tree))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    elif not path.is_file():
        raise LedgerError("missing", path=str(path))
    # SQLite gives the -wal and -shm files it makes beside the database the database file's own mode.
    restrict(path)
    engine = create_engine(location.url, future=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def _begin_immediate(conn) -> None:  # type: ignore[no-untyped-def]
    # Take the write lock when the transaction starts: the event chain's tail and the next ids are read and then
    # extended, and no other writer may come between (readers are not blocked in WAL mode).
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # transactions are begun by _begin_immediate, not by the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with synchronous=NORMAL: a committed transaction survives a crash of akq; a power cut may lose the last
    # ones but never corrupts the file or half-writes one (OFF could, so never that). One fsync per checkpoint
    # instead of one per commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A page cache of up to 256 MiB (taken only as pages are read): an import's index pages stay in memory.
    cursor.execute("PRAGMA cache_size=-262144")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@contextmanager
def deferred_indexes(conn: Connection, *tables: Table) -> Iterator[None]:
    """SQLite, tables still empty: drop their secondary indexes for a bulk load and build them once after it (a
    sort instead of a million random inserts). Inside the load's transaction: if it fails, the rollback restores
    them. PostgreSQL: nothing (a department's role does not own the indexes)."""
    if conn.dialect.name != "sqlite" or any(conn.execute(select(t.c.id).limit(1)).first() for t in tables):
        yield
        return
    indexes = [index for t in tables for index in sorted(t.indexes, key=lambda i: str(i.name))]
    for index in indexes:
        index.drop(conn)
    yield
    # The sorts in memory, on both cores (SQLite's own worker threads; its default is none).
    conn.exec_driver_sql("PRAGMA temp_store=MEMORY")
    conn.exec_driver_sql("PRAGMA threads=2")
    for index in indexes:
        index.create(conn)


WINDOWS = os.name == "nt"


def restrict(path: Path) -> None:
    """Owner-only: 0600 on POSIX; on Windows an ACL granting the current user alone (icacls: drop the inherited
    entries, grant full control to the user). A failure is an error, never a ledger left readable by others."""
    if not WINDOWS:
        os.chmod(path, 0o600)
        return
    user = os.environ.get("USERNAME") or getpass.getuser()
    try:
        done = subprocess.run(["icacls", str(path), "/inheritance:r", "/grant:r", f"{user}:F"],
                              check=False, capture_output=True, text=True)
    except OSError as exc:
        raise LedgerError("acl-failed", path=str(path), detail=exc.strerror or str(exc)) from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout or "").strip().splitlines()
        raise LedgerError("acl-failed", path=str(path), detail=said[0] if said else f"icacls exit {done.returncode}")


def upgrade(engine: Engine) -> str:
    """Alembic `upgrade head` on the ledger; returns the revision it is at."""
    # Imported here: only `init` and `upgrade` need Alembic (its import costs 100 ms).
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() or ""


# The newest revision in migrations/versions (tests/ledger/test_migration.py holds them equal): a ledger at an older
# one is refused with the way to upgrade, not with the database's "no such column".
SCHEMA_REVISION = "0002"


def require_schema(engine: Engine) -> None:
    if not inspect(engine).has_table("events"):
        raise LedgerError("not-initialised")
    try:
        with engine.connect() as conn:
            have = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except DBAPIError:
        return  # a department's role under row-level security may not read it; the server's admin upgrades
    if have != SCHEMA_REVISION:
        raise LedgerError("old-schema", have=have or "?", want=SCHEMA_REVISION)
