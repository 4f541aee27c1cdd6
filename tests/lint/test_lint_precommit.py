"""The pre-commit hook (.pre-commit-hooks.yaml) runs `akq lint` on the changed item files."""

from __future__ import annotations

import re
import shlex

import yaml

from conftest import REPO, run_akq

from .helpers import edit, item


def hook() -> dict:
    (entry,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return entry


def test_hook_definition():
    h = hook()
    assert h["id"] == "akq-lint"
    assert h["language"] == "python"
    assert shlex.split(h["entry"]) == ["akq", "lint"]
    files = re.compile(h["files"])
    assert files.search("catalog/items/SFJ/SFJ-ZM-001.yaml")
    assert files.search("catalog/items/SFJ/SFJ-ZM-001.yml")
    for other in ("catalog/catalog.yaml", "catalog/departments.yaml", "templates/form/x.yaml", "README.md"):
        assert not files.search(other), other


def test_entry_lints_the_files_pre_commit_passes(small_catalog):
    """pre-commit appends the changed files (relative to the repository root) to the entry."""
    repo = small_catalog.parent
    changed = [item(small_catalog, n).relative_to(repo).as_posix() for n in ("SFJ-ZM-0001", "GAJ-ZM-0001")]
    assert all(re.search(hook()["files"], f) for f in changed)
    argv = shlex.split(hook()["entry"])[1:]  # "akq" is the console script the hook installs
    r = run_akq(*argv, *changed, cwd=repo)
    assert r.code == 0, r.out + r.err
    assert "检查了 2 个文件" in r.out
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    r = run_akq(*argv, *changed, cwd=repo)
    assert r.code == 1  # pre-commit stops the commit
    assert "catalog/items/SFJ/SFJ-ZM-0001.yaml" in r.out and "已发布" in r.out
