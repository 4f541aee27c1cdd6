"""Real git repositories in temporary folders, holding a copy of the sample catalog."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import CATALOG, REPO

ENV = {
    "GIT_AUTHOR_NAME": "县司法局",
    "GIT_AUTHOR_EMAIL": "sfj@example.invalid",
    "GIT_COMMITTER_NAME": "县司法局",
    "GIT_COMMITTER_EMAIL": "sfj@example.invalid",
    "GIT_AUTHOR_DATE": "2021-04-01T10:00:00+08:00",
    "GIT_COMMITTER_DATE": "2021-04-01T10:00:00+08:00",
}


def git(repo: Path, *args: str) -> str:
    import os

    proc = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **ENV}, check=True
    )
    return proc.stdout.strip()


def make_repo(folder: Path) -> Path:
    """A repository on branch main with the sample catalog and the schemas, one commit."""
    shutil.copytree(CATALOG, folder / "catalog")
    shutil.copytree(REPO / "schemas", folder / "schemas")
    git(folder, "init", "-q", "-b", "main")
    commit(folder, "初始目录清单")
    return folder


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
