"""gitinfo.EarlyLog: the change log's git log, started before the export reads anything."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from akq_cli.core.git import GitError
from akq_cli.site.gitinfo import EarlyLog
from akq_cli.site.history import read_changes

from .conftest import git, make_repo


def _summary(sets: list) -> list:
    return [(s.commit, s.date, s.nth, [(c.kind, c.id, c.title, c.fields, c.effective) for c in s.changes]) for s in sets]


def test_the_early_log_gives_the_change_log_git_would_give_later(history_repo: Path) -> None:
    started = EarlyLog(history_repo / "catalog")  # from the catalog's folder: "items" is the items folder
    early = started.result()
    assert early is not None and early.returncode == 0
    assert _summary(read_changes(history_repo, "catalog", log=early)) == _summary(read_changes(history_repo, "catalog"))
    assert started.result() is None  # asked once


def test_a_catalog_at_the_top_of_its_repository(tmp_path: Path, history_repo: Path) -> None:
    repo = tmp_path / "top"
    shutil.copytree(history_repo / "catalog", repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "catalog at the top")
    early = EarlyLog(repo).result()
    assert _summary(read_changes(repo, "", log=early)) == _summary(read_changes(repo, ""))


def test_outside_a_repository_git_says_so_as_it_would_later(tmp_path: Path) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path)  # not the repository a test runner may sit in
    try:
        early = EarlyLog(folder).result()
    finally:
        if env_ceiling is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
    assert early is not None and early.returncode != 0
    with pytest.raises(GitError):
        read_changes(folder, "", log=early)


def test_without_git_the_change_log_runs_it_itself(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git here
    assert EarlyLog(tmp_path).result() is None


def test_stop_ends_git_and_leaves_no_process(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    started = EarlyLog(repo / "catalog")
    started.stop()
    started.stop()  # twice is harmless
    assert started.result() is None
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_git_runs_at_the_lowest_priority(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.name != "posix":
        pytest.skip("priorities are set on POSIX only")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(f"#!{sys.executable}\nimport os\nprint(os.nice(0))\n", "utf-8")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    early = EarlyLog(tmp_path).result()
    assert early is not None and early.stdout.decode().strip() == "19", early
    assert os.nice(0) < 19  # this process kept its own
