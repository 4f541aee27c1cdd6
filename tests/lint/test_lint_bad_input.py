"""Bad input (issue 2, item 7): a clear finding or error with its location, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, run_akq

from .helpers import edit, findings, item

BAD = FIXTURES / "bad_input"


def lint_one(path: Path, *args: str, lang: str = "zh"):
    r = run_akq("--lang", lang, "lint", "--no-cache", "--format", "json", path, *args)
    assert "Traceback" not in r.err and "内部错误" not in r.err and "internal error" not in r.err, r.err
    return r


# (file, rule, line, column, words the message must contain)
CASES = [
    ("invalid-yaml.yaml", "yaml-syntax", 4, 7, "YAML 语法错误"),
    ("gbk.yaml", "yaml-syntax", 3, 8, "GBK"),
    ("bom.yaml", "yaml-syntax", 1, 1, "BOM"),
    ("tabs.yaml", "yaml-syntax", 24, 1, "Tab"),
    ("duplicate-keys.yaml", "yaml-syntax", 41, 1, "第 40 行"),
    ("alias-bomb.yaml", "yaml-syntax", 2, 4, "锚点"),
    ("python-tag.yaml", "yaml-syntax", 3, 8, "标签"),
    ("empty.yaml", "yaml-syntax", 1, 1, "文件为空"),
    ("comments-only.yaml", "yaml-syntax", 1, 1, "文件为空"),
    ("not-a-mapping.yaml", "schema", 1, 1, "映射"),
    ("nul-byte.yaml", "yaml-syntax", 3, 9, "空字符"),
    ("deep-nesting.yaml", "yaml-syntax", 2, 57, "嵌套"),
    ("multiple-documents.yaml", "yaml-syntax", 42, 1, "第二个文档"),
]


@pytest.mark.parametrize(("name", "rule", "line", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gets_a_finding_with_its_position(name, rule, line, column, words):
    r = lint_one(BAD / name)
    got = [(f["rule"], f["line"], f["column"], f["severity"]) for f in findings(r.out) if words in f["message"]]
    severity = "warning" if name == "bom.yaml" else "error"
    assert got == [(rule, line, column, severity)], findings(r.out)
    assert r.code == 1  # bom.yaml too: its id does not match the file name


def test_english_messages_for_bad_input():
    for name, words in (("gbk.yaml", "not UTF-8"), ("alias-bomb.yaml", "Anchors"), ("tabs.yaml", "tab")):
        r = lint_one(BAD / name, lang="en")
        assert any(words in f["message"] for f in findings(r.out)), (name, r.out)


def test_a_bom_file_is_still_checked_as_an_item(tmp_path):
    shutil.copy(BAD / "bom.yaml", tmp_path / "SFJ-ZM-0001.yaml")
    edit(tmp_path / "SFJ-ZM-0001.yaml", "status: published", "status: 已发布")
    r = lint_one(tmp_path / "SFJ-ZM-0001.yaml")
    status = [f for f in findings(r.out) if f["rule"] == "schema"]
    assert [(f["line"], f["column"]) for f in status] == [(40, 9)]


def test_crlf_line_ends_keep_positions_right():
    r = lint_one(BAD / "crlf.yaml")
    (status,) = [f for f in findings(r.out) if f["rule"] == "schema"]
    assert (status["line"], status["column"], status["pointer"]) == (40, 9, "/status")
    assert not [f for f in findings(r.out) if f["rule"] == "yaml-syntax"]  # CRLF itself is fine


def test_python_tag_is_never_executed():
    marker = Path("/tmp/akq-pwned")
    marker.unlink(missing_ok=True)
    lint_one(BAD / "python-tag.yaml")
    assert not marker.exists()


def test_text_output_for_every_bad_file_at_once():
    r = run_akq("lint", "--no-cache", BAD)
    assert r.code == 1 and "Traceback" not in r.err
    for name, *_ in CASES:
        assert f"bad_input/{name}" in r.out


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "SFJ-ZM-9999.yaml"
    with open(big, "wb") as fh:
        line = ("content: " + "证明" * 40 + "\n").encode()
        fh.write(line * (50 * 1024 * 1024 // len(line) + 1))
    assert big.stat().st_size >= 50 * 1024 * 1024
    r = lint_one(big)
    (f,) = findings(r.out)
    assert (f["rule"], f["line"], f["column"]) == ("yaml-syntax", 1, 1)
    assert "超过上限" in f["message"]
    assert r.code == 1
    r = run_akq("lint", "--no-cache", big)  # the text format does not try to show the file either
    assert "超过上限" in r.out


def test_an_unreadable_file_exits_2_with_its_name(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("running as root (as CI does): chmod 000 does not stop root; see the /proc test below")
    path = tmp_path / "SFJ-ZM-0001.yaml"
    shutil.copy(BAD / "bom.yaml", path)
    path.chmod(0)
    try:
        r = lint_one(path)
    finally:
        path.chmod(0o644)
    assert r.code == 2
    (f,) = findings(r.out)
    assert "无法读取" in f["message"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/mem exists only on Linux")
def test_a_file_whose_read_fails_exits_2_even_as_root():
    # Reading /proc/self/mem at offset 0 fails with EIO for every user, root included.
    r = lint_one(Path("/proc/self/mem"))
    assert r.code == 2
    (f,) = findings(r.out)
    assert f["rule"] == "yaml-syntax" and "无法读取" in f["message"] and "mem" in f["file"]
    text = run_akq("lint", "--no-cache", "/proc/self/mem")
    assert text.code == 2 and "无法读取" in text.out


def test_unreadable_file_among_good_ones_still_reports_the_rest(small_catalog):
    edit(item(small_catalog, "SFJ-ZM-0001"), "status: published", "status: 已发布")
    r = run_akq("lint", "--no-cache", "--format", "json", "catalog", "/proc/self/mem", cwd=small_catalog.parent)
    assert r.code == 2
    rules = {(f["rule"], Path(f["file"]).name) for f in json.loads(r.out)["findings"]}
    assert ("schema", "SFJ-ZM-0001.yaml") in rules and ("yaml-syntax", "mem") in rules


def test_a_rule_that_raises_is_reported_and_the_others_still_run(monkeypatch):
    """Not user input but the same promise: a bug in one rule neither crashes akq nor hides other findings."""
    import dataclasses

    from akq_cli.core.loader import read_document
    from akq_cli.lint.config import LintConfig
    from akq_cli.lint.engine import lint_document
    from akq_cli.lint.registry import all_rules

    rules = all_rules()

    def boom(ctx):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(rules, "vague-term", dataclasses.replace(rules["vague-term"], check=boom))
    data = (BAD / "crlf.yaml").read_bytes()
    result = lint_document(read_document(Path("SFJ-ZM-0001.yaml"), data), "SFJ-ZM-0001.yaml", LintConfig())
    got = {(f.rule, f.line) for f in result.findings}
    assert ("schema", 40) in got  # the other rules ran
    (crash,) = [f for f in result.findings if f.rule == "vague-term"]
    assert "内部错误" in crash.message and "ZeroDivisionError" in crash.message
