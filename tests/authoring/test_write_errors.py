"""A write that cannot happen says where and why, in Chinese, and exits 2; temp files never reach git.

The tests run as root in CI, where chmod stops nothing: the unwritable places are
/proc (no new files), /dev/full (no space left), a file where a folder is expected,
and a folder where a file is expected.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from akq_cli.core import files
from conftest import CATALOG, REPO, run_akq

from .gitrepo import git, make_repo

NO_NEW_FILES = "这个位置不存在或不能新建文件"
DISK_FULL = "磁盘空间已满"
A_FILE_IN_THE_WAY = "路径中有一段是文件而不是文件夹"
IS_A_FOLDER = "这是一个文件夹"


def _assert_refused(r, path: str, why: str) -> None:
    assert r.code == 2, (r.code, r.out, r.err)
    assert f"无法写入 {path}：{why}" in " ".join(r.err.split()).replace(" ：", "："), r.err
    assert "Traceback" not in r.err and "内部错误" not in r.err and "akq-tmp" not in r.err
    assert "No such file" not in r.err and "File exists" not in r.err  # the OS's English, untranslated


@pytest.fixture
def blocker(tmp_path: Path) -> Path:
    """A regular file: writing to blocker/x needs it to be a folder."""
    path = tmp_path / "afile"
    path.write_text("x", "utf-8")
    return path


def _where(blocker: Path) -> list[tuple[str, str]]:
    return [("/proc/akq-out", NO_NEW_FILES), (str(blocker / "out"), A_FILE_IN_THE_WAY)]


@pytest.mark.parametrize("case", range(2))
def test_report_and_lint_json_name_the_users_path_and_the_reason(case, blocker):
    path, why = _where(blocker)[case]
    _assert_refused(run_akq("report", "-o", path + ".md", cwd=REPO), path + ".md", why)
    _assert_refused(run_akq("lint", "--format", f"json={path}.json", "catalog", cwd=REPO), path + ".json", why)


def test_report_onto_a_full_disk_says_so_not_cannot_read():
    r = run_akq("report", "-o", "/dev/full", cwd=REPO)
    _assert_refused(r, "/dev/full", DISK_FULL)
    assert "无法读取" not in r.err


def test_a_folder_where_a_file_is_expected(tmp_path):
    _assert_refused(run_akq("report", "-o", tmp_path, cwd=REPO), str(tmp_path), IS_A_FOLDER)


def test_review_output(tmp_path, blocker):
    repo = make_repo(tmp_path / "r")
    for path, why in _where(blocker):
        _assert_refused(run_akq("review", "--base", "main", "-o", path + ".md", cwd=repo), path + ".md", why)


def test_export_output(blocker):
    for path, why in _where(blocker):
        _assert_refused(run_akq("export", CATALOG, "-o", path, cwd=REPO), path, why)


def test_render_output(blocker):
    for path, why in _where(blocker):
        r = run_akq("render", "SFJ-ZM-001", "-o", path, cwd=REPO)
        assert r.code == 2 and f"无法写入输出目录 {path}：{why}" in r.err.replace("\n", ""), r.err
        assert "Traceback" not in r.err


# --- temporary files -------------------------------------------------------------------------------


def test_temporary_files_carry_the_ignored_prefix(tmp_path, monkeypatch):
    seen: list[str] = []
    real = os.replace

    def spy(src, dst):  # type: ignore[no-untyped-def]
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    files.atomic_write_text(tmp_path / "SFJ-ZM-001.yaml", "id: x\n")
    assert len(seen) == 1 and seen[0].startswith(files.TMP_PREFIX)
    assert files.GITIGNORE_PATTERN == ".akq-tmp-*"


def test_leftovers_of_a_killed_run_go_on_the_next_write_and_fresh_ones_stay(tmp_path):
    old_file = tmp_path / ".akq-tmp-SFJ-ZM-001.yaml.x1"
    old_dir = tmp_path / ".akq-tmp-render-abc"
    fresh = tmp_path / ".akq-tmp-SFJ-ZM-002.yaml.x2"  # another run writing right now
    mine = tmp_path / ".SFJ-ZM-003.yaml.notours.tmp"
    for p in (old_file, fresh, mine):
        p.write_text("half", "utf-8")
    old_dir.mkdir()
    (old_dir / "SFJ-ZM-001.docx").write_bytes(b"PK")
    stale = time.time() - files.STALE_AFTER_S - 60
    for p in (old_file, old_dir):
        os.utime(p, (stale, stale))
    files.atomic_write_text(tmp_path / "SFJ-ZM-001.yaml", "id: x\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["SFJ-ZM-001.yaml", fresh.name, mine.name])


def test_the_repository_ignores_akq_temporary_files(tmp_path):
    """What `kill -9` leaves beside an item is not picked up by `git add -A`."""
    repo = make_repo(tmp_path / "r")
    (repo / ".gitignore").write_text((REPO / ".gitignore").read_text("utf-8"), "utf-8")
    (repo / "catalog/items/SFJ/.akq-tmp-SFJ-ZM-001.yaml.k9").write_text("half", "utf-8")
    (repo / "out/.akq-tmp-render-k9").mkdir(parents=True)
    (repo / "out/.akq-tmp-render-k9/SFJ-ZM-001.docx").write_bytes(b"PK")
    git(repo, "add", "-A")
    assert "akq-tmp" not in git(repo, "status", "--porcelain", "--ignored=no")


def test_fmt_leaves_no_temporary_file(tmp_path):
    catalog = tmp_path / "catalog"
    import shutil

    shutil.copytree(CATALOG, catalog)
    item = catalog / "items/SFJ/SFJ-ZM-001.yaml"
    item.write_text(item.read_text("utf-8").replace("kind: certification", "kind:   certification"), "utf-8")
    assert run_akq("fmt", catalog, cwd=tmp_path).code == 0
    assert not [p for p in catalog.rglob("*") if p.name.startswith(".akq-tmp-")]
