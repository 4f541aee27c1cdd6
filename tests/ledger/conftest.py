"""Ledger fixtures: every shared test runs on SQLite and on PostgreSQL.

PostgreSQL: a throwaway cluster per test session (initdb + pg_ctl in a temporary folder, a unix socket
only, run as `nobody` when the tests run as root, since PostgreSQL refuses to run as root), one fresh
database per test. Marked `system`: skipped locally when the server binaries are missing, a failure under
CI=true (.ci/run installs the postgresql package).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from akq_cli.app import app
from akq_cli.core.i18n import set_lang
from akq_cli.ledger.ids import id_check_char
from conftest import CATALOG, IN_CI, Result


def _pg_bin() -> Path | None:
    """Debian keeps initdb and pg_ctl in /usr/lib/postgresql/VERSION/bin, off PATH."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if versions:
        return Path(versions[-1]).parent
    found = shutil.which("initdb")
    return Path(os.path.realpath(found)).parent if found else None


def _as_owner(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *argv] if os.geteuid() == 0 else argv


@dataclass
class Cluster:
    bin: Path
    socket: Path
    counter: itertools.count

    def url(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}"

    def execute(self, sql: str, database: str = "postgres", user: str = "postgres") -> list[tuple]:
        with psycopg.connect(host=str(self.socket), user=user, dbname=database, autocommit=True) as conn:
            cur = conn.execute(sql)
            return cur.fetchall() if cur.description else []


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    bin_dir = _pg_bin()
    if bin_dir is None:
        message = "PostgreSQL server binaries (initdb, pg_ctl) are not installed (.ci/run installs postgresql)"
        if IN_CI:
            pytest.fail(message + " — CI=true, so this is a failure, not a skip")
        pytest.skip(message)
    # Not under pytest's tmp folder: that is owner-only, and the server runs as nobody.
    top = Path(tempfile.mkdtemp(prefix="akq-pg-"))
    data, socket = top / "data", top / "sock"
    socket.mkdir()
    os.chmod(top, 0o755)
    if os.geteuid() == 0:
        shutil.chown(top, "nobody")
        shutil.chown(socket, "nobody")
    subprocess.run(_as_owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                              "--locale=C", "--no-sync"]), check=True, capture_output=True)
    subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(top / "log"), "-w", "-o",
                              f"-k {socket} -c listen_addresses='' -c fsync=off", "start"]),
                   check=True, capture_output=True)
    try:
        yield Cluster(bin_dir, socket, itertools.count(1))
    finally:
        subprocess.run(_as_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(top, ignore_errors=True)


@dataclass
class Backend:
    name: str  # sqlite | postgresql
    ledger: str  # what --ledger / AKQ_LEDGER takes
    cluster: Cluster | None = None
    database: str = ""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.system)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "ledger" / "ledger.db"))
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    database = f"ledger_{os.getpid()}_{next(cluster.counter)}"
    cluster.execute(f"CREATE DATABASE {database}")
    return Backend("postgresql", cluster.url(database), cluster, database)


@pytest.fixture(scope="session")
def catalog_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalog in a git repository of its own (the ledger records the commit the applicant saw)."""
    repo = tmp_path_factory.mktemp("catalog-repo") / "repo"
    shutil.copytree(CATALOG, repo)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    for argv in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "sample"]):
        subprocess.run(argv, cwd=repo, check=True, env=env)
    return repo


@dataclass
class Ledger:
    """Runs `akq ledger …` against one backend from inside the catalog repository, and keeps every output.

    In-process (typer's test runner): a subprocess per command costs an interpreter start and every import,
    and these tests run dozens of commands. The tests of the entry point itself (the fast `check`, the README
    path) use real processes."""

    backend: Backend
    cwd: Path
    outputs: list[str]

    def __call__(self, *args: str, input: str | None = None, lang: str | None = None) -> Result:
        env = {"AKQ_LEDGER": self.backend.ledger, "AKQ_ACTOR": "tester", "AKQ_LANG": lang or "zh"}
        with contextlib.chdir(self.cwd):
            outcome = CliRunner().invoke(app, ["ledger", *args], input=input, env=env)
        set_lang("zh")
        if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
            raise outcome.exception
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        self.outputs += [result.out, result.err]
        return result


@pytest.fixture
def ledger(backend: Backend, catalog_repo: Path) -> Ledger:
    run = Ledger(backend, catalog_repo, [])
    assert run("init").code == 0
    return run


def id_number(first17: str) -> str:
    return first17 + id_check_char(first17)
