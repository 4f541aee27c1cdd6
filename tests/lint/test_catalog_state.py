"""Every command reads catalog files through one CatalogState: hostile entries and states that stay apart.

A merge request only has to commit a symlink or make a FIFO to turn a CI job
against itself: a symlink to /dev/zero grew `akq lint` to 24 GB, a FIFO hung
it, a symlink to /proc/self/environ printed the job's secrets.  Each case here
must give a finding naming the path, exit 1, finish, and print nothing of the
target.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from akq_cli.core.state import (
    DiskState,
    MemoryState,
    NotRegularFile,
    TooLarge,
    read_regular,
    repository_state,
)
from authoring.gitrepo import commit, git, make_repo
from conftest import run_akq

SECRET = "akq-test-secret-4711"


def hostile(catalog_copy: Path, kind: str) -> str:
    """Put one hostile entry among the catalog's items; its path as lint shows it."""
    folder = catalog_copy / "items" / "SFJ"
    name = folder / "SFJ-ZM-900.yaml"
    if kind == "dev-zero":
        os.symlink("/dev/zero", name)
    elif kind == "proc-environ":
        os.symlink("/proc/self/environ", name)
    elif kind == "relative-link":
        os.symlink("SFJ-ZM-001.yaml", name)
    elif kind == "fifo":
        os.mkfifo(name)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device file needs root (CI runs as root)")
        os.mknod(name, 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # the same device as /dev/zero
    elif kind == "socket":
        import socket

        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(name))
    elif kind == "linked-folder":
        os.symlink("/proc/self", folder / "SELF")
        return "catalog/items/SFJ/SELF"
    return "catalog/items/SFJ/SFJ-ZM-900.yaml"


KINDS = ["dev-zero", "proc-environ", "relative-link", "fifo", "device", "socket", "linked-folder"]
WORDS = {"dev-zero": "符号链接", "proc-environ": "符号链接", "relative-link": "符号链接", "fifo": "命名管道",
         "device": "设备文件", "socket": "套接字", "linked-folder": "符号链接"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_hostile_entry_is_a_finding_never_opened(catalog_copy, kind, fmt):
    shown = hostile(catalog_copy, kind)
    # run_akq has a timeout: a FIFO that was opened would hang until then and fail the test
    r = run_akq("lint", "--format", fmt, "--no-cache", cwd=catalog_copy.parent, env={"AKQ_TEST_SECRET": SECRET},
                timeout=60)
    assert r.code == 1, r.err
    assert shown in r.out
    assert WORDS[kind] in r.out
    assert SECRET not in r.out + r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "proc-environ"])
def test_hostile_entry_named_on_the_command_line(catalog_copy, kind):
    shown = hostile(catalog_copy, kind)
    r = run_akq("lint", shown, cwd=catalog_copy.parent, env={"AKQ_TEST_SECRET": SECRET}, timeout=60)
    assert r.code == 1 and shown in r.out and SECRET not in r.out + r.err


@pytest.mark.parametrize("command", [["fmt", "--check"], ["render", "-o", "OUT"], ["export", "catalog", "-o", "OUT"],
                                     ["report", "--format", "json"]])
def test_other_commands_neither_hang_nor_leak(catalog_copy, tmp_path, command):
    hostile(catalog_copy, "fifo")
    os.symlink("/proc/self/environ", catalog_copy / "items" / "GAJ" / "GAJ-ZM-900.yaml")
    args = [str(tmp_path / "out") if a == "OUT" else a for a in command]
    r = run_akq(*args, cwd=catalog_copy.parent, env={"AKQ_TEST_SECRET": SECRET}, timeout=120)
    assert SECRET not in r.out + r.err
    assert "Traceback" not in r.err and "内部错误" not in r.err
    if (tmp_path / "out").exists():
        for path in (tmp_path / "out").rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), path


def test_read_regular_is_bounded_and_refuses_special_files(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 2000)
    assert len(read_regular(big, limit=2000)) == 2000
    with pytest.raises(TooLarge):
        read_regular(big, limit=1999)
    os.symlink(big, tmp_path / "link.yaml")
    with pytest.raises(NotRegularFile) as info:
        read_regular(tmp_path / "link.yaml")
    assert info.value.kind == "symlink"
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(NotRegularFile) as info:
        read_regular(tmp_path / "pipe.yaml")
    assert info.value.kind == "fifo"
    # stat says 0 for /proc files: the bound comes from reading, not from stat
    with pytest.raises(TooLarge):
        read_regular("/proc/self/maps", limit=10)


def test_a_huge_file_is_reported_not_read_whole(catalog_copy):
    with open(catalog_copy / "items" / "SFJ" / "SFJ-ZM-900.yaml", "wb") as fh:
        fh.truncate(3_000_000_000)  # sparse: 3 GB on paper, nothing on disk
    r = run_akq("lint", "--no-cache", cwd=catalog_copy.parent, timeout=60)
    assert r.code == 1 and "SFJ-ZM-900.yaml" in r.out and "超过上限" in r.out


def test_a_committed_symlink_is_refused_in_a_revision(tmp_path):
    repo = make_repo(tmp_path / "repo")
    os.symlink("/proc/self/environ", repo / "catalog" / "items" / "SFJ" / "SFJ-ZM-900.yaml")
    head = commit(repo, "一个符号链接")
    state = repository_state(repo, head, "catalog", "head")
    doc = state.document("catalog/items/SFJ/SFJ-ZM-900.yaml")
    assert state.refused == {"catalog/items/SFJ/SFJ-ZM-900.yaml": "symlink"}
    assert doc.root is None and doc.problems[0].code == "not-regular-file"
    r = run_akq("review", "--base", "HEAD~1", "--head", "HEAD", "--format", "json", cwd=repo,
                env={"AKQ_TEST_SECRET": SECRET})
    assert r.code == 1, r.err
    assert "catalog/items/SFJ/SFJ-ZM-900.yaml" in r.out and SECRET not in r.out + r.err


def test_review_of_commits_ignores_untracked_files_on_disk(tmp_path):
    """Commit A; commit B adds SFJ-ZM-050; an untracked copy sits in items/GAJ/: the review of A..B is clean."""
    repo = make_repo(tmp_path / "repo")
    items = repo / "catalog" / "items"
    text = (items / "SFJ" / "SFJ-ZM-001.yaml").read_text("utf-8").replace("SFJ-ZM-001", "SFJ-ZM-050")
    text = text.replace("\nmatter: ", "\nmatter: 另一项", 1)
    text = re.sub(r"\naliases:\n(  - .*\n)+", "\n", text)  # a new item has its own common names (alias-duplicate)
    (items / "SFJ" / "SFJ-ZM-050.yaml").write_text(text, "utf-8")
    commit(repo, "新增 SFJ-ZM-050")
    shutil.copy(items / "SFJ" / "SFJ-ZM-050.yaml", items / "GAJ" / "SFJ-ZM-050.yaml")
    assert "GAJ/SFJ-ZM-050.yaml" in git(repo, "status", "--porcelain", "--untracked-files=all")
    r = run_akq("review", "--base", "HEAD~1", "--head", "HEAD", "--format", "json", cwd=repo)
    assert r.code == 0, r.out + r.err
    assert [f["rule"] for f in json.loads(r.out)["findings"]["introduced"]] == []
    # The working tree does hold the copy: reviewing it (no --head) finds the duplicate, as it should.
    r = run_akq("review", "--base", "HEAD", "--format", "json", cwd=repo)
    assert r.code == 1 and "duplicate" in [f["rule"] for f in json.loads(r.out)["findings"]["introduced"]]


def test_states_read_the_same_catalog_the_same_way(tmp_path):
    """A commit, the working tree and the same bytes in memory give the same lint findings."""
    from akq_cli.lint.engine import run
    from akq_cli.lint.settings import LintConfig

    repo = make_repo(tmp_path / "repo")
    head = git(repo, "rev-parse", "HEAD")
    at_commit = repository_state(repo, head, "catalog", "commit")
    on_disk = DiskState(repo, "catalog", "disk")
    in_memory = MemoryState(dict(at_commit.files), "catalog")
    results = [run(s, LintConfig()).findings for s in (at_commit, on_disk, in_memory)]
    assert results[0] == results[1] == results[2]
    assert at_commit.item_names() == on_disk.item_names() == in_memory.item_names()
    assert len(at_commit.item_names()) > 20


def test_lint_memory_stays_bounded_on_dev_zero(catalog_copy):
    hostile(catalog_copy, "dev-zero")
    proc = subprocess.run(
        ["bash", "-c", "ulimit -v 1500000 && exec \"$@\"", "_", str(Path(sys.executable).with_name("akq")),
         "lint", "--no-cache"],
        cwd=catalog_copy.parent, capture_output=True, timeout=60, check=False,
    )
    assert proc.returncode == 1, proc.stderr.decode()


def test_change_log_reads_history_with_the_loader(tmp_path):
    """A title written as a block scalar, or quoted with a #, is read as YAML says, not as a line of text."""
    from akq_cli.site.history import read_changes

    repo = make_repo(tmp_path / "repo")
    path = repo / "catalog" / "items" / "SFJ" / "SFJ-ZM-001.yaml"
    lines = path.read_text("utf-8").splitlines()
    lines = [("title: |-\n  经济困难证明（#1 新版）" if ln.startswith("title:") else ln) for ln in lines]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    commit(repo, "改写名称")
    titles = [c.title for s in read_changes(repo, "catalog") for c in s.changes if c.id == "SFJ-ZM-001"]
    assert titles[0] == "经济困难证明（#1 新版）"
