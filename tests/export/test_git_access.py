"""A repository git will not read (another user's: a CI container) is named with its fix, and
`akq export` under CI=true refuses to publish an empty change log instead of the real one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import run_akq

from .conftest import EXPORT_FIXTURE, make_repo

FIX = "git config --global --add safe.directory"


def _env(repo: Path, ci: str) -> dict[str, str]:
    # No global or system git config that could already trust every folder (safe.directory = *).
    empty = str(repo.parent / "empty-gitconfig")
    Path(empty).write_text("", "utf-8")
    return {"GIT_CONFIG_GLOBAL": empty, "GIT_CONFIG_SYSTEM": empty, "GIT_CONFIG_NOSYSTEM": "1", "CI": ci}


@pytest.fixture
def foreign_repo(tmp_path: Path) -> Path:
    """A committed catalog owned by another user, as a CI job's checkout can be."""
    if os.geteuid() != 0:
        pytest.skip("needs root to give the repository to another user (CI runs as root)")
    repo = make_repo(tmp_path)
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 4321, 4321)
    return repo


def test_review_names_dubious_ownership_and_the_fix(foreign_repo: Path) -> None:
    r = run_akq("review", "--base", "main", cwd=foreign_repo, env=_env(foreign_repo, ""))
    assert r.code == 2, r.err
    flat = r.err.replace("\n", "")
    assert f"{FIX} {foreign_repo}" in flat and "dubious ownership" in flat
    assert "不在 git 仓库中" not in flat and "Traceback" not in flat


def test_export_warns_with_the_fix_outside_ci(foreign_repo: Path, tmp_path: Path) -> None:
    r = run_akq("export", foreign_repo / "catalog", "-o", tmp_path / "site", env=_env(foreign_repo, ""))
    assert r.code == 0, r.err
    assert FIX in r.err.replace("\n", "")


def test_export_under_ci_refuses_rather_than_ship_an_empty_change_log(foreign_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    r = run_akq("export", foreign_repo / "catalog", "-o", out, env=_env(foreign_repo, "true"))
    assert r.code == 2, r.err
    flat = r.err.replace("\n", "")
    assert FIX in flat and "CI=true" in flat and "Traceback" not in flat
    assert not (out / "changes.html").exists()


def test_export_under_ci_refuses_a_catalog_outside_git(tmp_path: Path) -> None:
    cat = tmp_path / "catalog"
    shutil.copytree(EXPORT_FIXTURE, cat)
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path), "CI": "true"}
    r = run_akq("export", cat, "-o", tmp_path / "site", env=env)
    assert r.code == 2 and "不在 git 仓库中" in r.err and "CI=true" in r.err, r.err
    assert not (tmp_path / "site" / "changes.html").exists()


def test_export_under_ci_of_a_readable_repository_works(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    r = run_akq("export", repo / "catalog", "-o", tmp_path / "site", env={"CI": "true"})
    assert r.code == 0, r.err
    assert (tmp_path / "site" / "changes.html").is_file()
