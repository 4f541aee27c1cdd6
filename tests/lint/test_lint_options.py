"""`akq lint` options and exit codes as users meet them: --fail-on, --select, --ignore, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_akq

from .helpers import edit, findings, item


@pytest.fixture
def flawed(small_catalog: Path) -> Path:
    """One schema error (an enum value in Chinese) and one yaml-syntax warning (a BOM)."""
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    bom = item(small_catalog, "GAJ-ZM-0001")
    bom.write_bytes(b"\xef\xbb\xbf" + bom.read_bytes())
    return small_catalog


def lint(catalog: Path, *args: str):
    return run_akq("lint", "--no-cache", *args, cwd=catalog.parent)


def test_clean_catalog_exits_0_and_says_so(small_catalog):
    r = lint(small_catalog, "catalog")
    assert r.code == 0, r.out + r.err
    assert "检查了 14 个文件：0 个错误" in r.out
    assert r.err == ""


def test_error_exits_1_with_json_report(flawed):
    r = lint(flawed, "catalog", "--format", "json")
    assert r.code == 1, r.err
    got = {(f["rule"], f["severity"], f["file"], f["line"], f["pointer"]) for f in findings(r.out)}
    status_line = item(flawed, "SFJ-ZM-0001").read_text("utf-8").splitlines().index("status: 已发布") + 1
    assert ("schema", "error", "catalog/items/SFJ/SFJ-ZM-0001.yaml", status_line, "/status") in got
    assert ("yaml-syntax", "warning", "catalog/items/GAJ/GAJ-ZM-0001.yaml", 1, "") in got


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--ignore", "schema"], 0),  # only the BOM warning is left
        (["--ignore", "schema", "--fail-on", "warning"], 1),
        (["--ignore", "schema", "--fail-on", "info"], 1),
        (["--select", "schema"], 1),
        (["--select", "yaml-syntax,suppression"], 0),
        (["--select", "yaml-syntax", "--fail-on", "warning"], 1),
        (["--ignore", "schema,yaml-syntax", "--fail-on", "info"], 0),
    ],
)
def test_fail_on_select_ignore(flawed, args, code):
    r = lint(flawed, "catalog", "--format", "json", *args)
    assert r.code == code, (args, r.out, r.err)
    rules = {f["rule"] for f in findings(r.out)}
    if "--select" in args:
        chosen = set(args[args.index("--select") + 1].split(","))
        assert rules <= chosen
    if "--ignore" in args:
        assert not rules & set(args[args.index("--ignore") + 1].split(","))


def test_select_accepts_repeated_options(flawed):
    r = lint(flawed, "catalog", "--format", "json", "--select", "schema", "--select", "yaml-syntax")
    assert {f["rule"] for f in findings(r.out)} == {"schema", "yaml-syntax"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--select", "vague-trem"], "vague-trem"),
        (["--ignore", "nope"], "nope"),
        (["--format", "xml"], "xml"),
        (["--fail-on", "fatal"], "fatal"),
        (["--format", "json", "--format", "sarif"], "--format"),
        (["--jobs", "0"], "--jobs"),
    ],
)
def test_usage_errors_exit_2_with_a_message(small_catalog, args, needle):
    r = lint(small_catalog, "catalog", *args)
    assert r.code == 2, r.out + r.err
    assert needle in r.err
    assert "Traceback" not in r.err


def test_missing_path_and_folder_without_items_exit_2(tmp_path):
    r = run_akq("lint", tmp_path / "no-such-dir")
    assert r.code == 2 and "路径不存在" in r.err and "no-such-dir" in r.err
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", "utf-8")
    r = run_akq("lint", tmp_path / "empty")
    assert r.code == 2 and "没有找到事项文件" in r.err
    r = run_akq("--lang", "en", "lint", tmp_path / "empty")
    assert r.code == 2 and "No item files" in r.err


def test_no_catalog_here_exits_2(tmp_path):
    r = run_akq("lint", cwd=tmp_path)
    assert r.code == 2 and "catalog.yaml" in r.err


def test_default_path_is_the_catalog_of_the_current_repository(small_catalog):
    r = run_akq("lint", "--no-cache", "--format", "json", cwd=small_catalog)
    assert r.code == 0, r.err
    assert "\"files\": 14" in r.out  # 12 items, catalog.yaml, departments.yaml
    # `akq lint .` at the repository root means the catalog, not every YAML file below it.
    (small_catalog.parent / "stray.yaml").write_text("not: an item\n", "utf-8")
    r = run_akq("lint", "--no-cache", "--format", "json", ".", cwd=small_catalog.parent)
    assert r.code == 0, r.out


def test_a_console_without_chinese_gets_question_marks_not_a_crash(flawed):
    """A Windows console or pipe in cp1252 (or GBK) cannot encode every character akq prints."""
    import os
    import subprocess

    from conftest import akq_command

    def run(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
        env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "200"}
        return subprocess.run([*akq_command(), "lint", "--no-cache", *args, "catalog"], cwd=flawed.parent, env=env,
                              capture_output=True)

    for encoding in ("cp1252", "gbk", "ascii"):
        p = run(encoding)
        assert p.returncode == 1 and b"Traceback" not in p.stderr, (encoding, p.stderr)
        assert "catalog/items/SFJ/SFJ-ZM-0001.yaml" in p.stdout.decode(encoding)
    assert "已发布" in run("gbk").stdout.decode("gbk")
    # Machine formats are UTF-8 whatever the console's code page.
    assert json.loads(run("cp1252", "--format", "json").stdout.decode("utf-8"))["summary"]["error"] == 1
