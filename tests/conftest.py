"""Shared test helpers.

- ``run_akq``: run the real console script in a subprocess (as users meet it),
  returning exit code, stdout and stderr.
- ``require_tool``: skip when a system tool is missing, but fail under CI=true,
  where .ci/run must have installed it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "catalog"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@dataclass
class Result:
    code: int
    out: str
    err: str


def akq_command() -> list[str]:
    exe = Path(sys.executable).with_name("akq")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "akq_cli"]


def run_akq(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
            input: str | None = None, timeout: float = 300) -> Result:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", **(env or {})}
    full_env.pop("AKQ_LANG", None) if env is None or "AKQ_LANG" not in env else None
    proc = subprocess.run(
        [*akq_command(), *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def require_tool(name: str, *, why: str = "") -> str:
    """Path of a system tool; skip locally if missing, fail under CI=true."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed{': ' + why if why else ''} (.ci/run installs it)"
    if IN_CI:
        pytest.fail(message + " — CI=true, so this is a failure, not a skip")
    pytest.skip(message)


@pytest.fixture(autouse=True, scope="session")
def _own_lint_cache(tmp_path_factory: pytest.TempPathFactory):
    """akq's lint cache lives in the user's cache folder: the tests keep theirs apart, one per worker."""
    before = os.environ.get("AKQ_CACHE_DIR")
    os.environ["AKQ_CACHE_DIR"] = str(tmp_path_factory.mktemp("akq-cache"))
    yield
    if before is None:
        os.environ.pop("AKQ_CACHE_DIR", None)
    else:
        os.environ["AKQ_CACHE_DIR"] = before


@pytest.fixture
def akq():
    return run_akq


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    """A writable copy of the sample catalog (tmp/catalog), for tests that change it."""
    dest = tmp_path / "catalog"
    shutil.copytree(CATALOG, dest)
    return dest
