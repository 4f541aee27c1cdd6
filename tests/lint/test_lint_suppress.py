"""Inline suppression `# akq: disable=RULE reason`, on the line or above the key, and the
`suppression` rule that reports directives without a reason or without effect."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_akq

from .helpers import edit, findings, item


def lint(catalog: Path, *args: str, cache: bool = False):
    extra = () if cache else ("--no-cache",)
    r = run_akq("lint", *extra, "--format", "json", "catalog", *args, cwd=catalog.parent)
    assert r.code in (0, 1), r.err
    return r.code, [(f["rule"], f["line"], f["column"], f["message"]) for f in findings(r.out)]


@pytest.fixture
def target(small_catalog: Path) -> Path:
    return item(small_catalog, "SFJ-ZM-0001")


def line_of(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if text in ln)


def test_directive_at_the_end_of_the_line(small_catalog, target):
    edit(target, "status: published", "status: 已发布  # akq: disable=schema 县里沿用的旧称，待统一修订")
    assert lint(small_catalog) == (0, [])


def test_directive_on_the_line_above_the_key(small_catalog, target):
    edit(target, "status: published", "# akq: disable=schema 县里沿用的旧称，待统一修订\nstatus: 已发布")
    assert lint(small_catalog) == (0, [])


def test_directive_above_a_key_covers_its_whole_value(small_catalog, target):
    text = target.read_text("utf-8")
    assert "verification:\n  power:" in text
    edit(target, "  methods:\n", "  # akq: disable=schema 核查方式按州里的试点名称填写\n  methods:\n  - 电话核查\n")
    assert lint(small_catalog) == (0, [])
    # Without the directive the same value is an error two lines below the key.
    edit(target, "  # akq: disable=schema 核查方式按州里的试点名称填写\n", "")
    code, got = lint(small_catalog)
    assert code == 1 and [(r, ln) for r, ln, _, _ in got] == [("schema", line_of(target, "- 电话核查"))]


def test_directive_does_not_reach_other_keys(small_catalog, target):
    edit(target, "status: published", "status: 已发布")
    edit(target, "kind: certification", "kind: certification  # akq: disable=schema 误放的注释")
    code, got = lint(small_catalog)
    assert code == 1
    assert [(r, ln) for r, ln, _, _ in got] == [
        ("suppression", line_of(target, "akq: disable")),  # suppresses nothing on its own line
        ("schema", line_of(target, "status: 已发布")),
    ]


def test_directive_without_reason_still_suppresses_but_is_reported(small_catalog, target):
    edit(target, "status: published", "status: 已发布  # akq: disable=schema")
    code, got = lint(small_catalog)
    n = line_of(target, "status:")
    col = target.read_text("utf-8").splitlines()[n - 1].index("#") + 1
    assert code == 0
    ((rule, line, column, message),) = got
    assert (rule, line, column) == ("suppression", n, col)
    assert "理由" in message


def test_unused_unknown_and_malformed_directives(small_catalog, target):
    edit(target, "kind: certification", "kind: certification  # akq: disable=schema,yaml-syntax 理由写了")
    edit(target, "status: published", "status: published  # akq: disable=vauge-term 拼错了规则名")
    edit(target, "department: SFJ", "# akq: 这一行不是禁用注释\ndepartment: SFJ")
    code, got = lint(small_catalog)
    assert code == 0
    messages = {(ln, m) for _, ln, _, m in got}
    assert all(r == "suppression" for r, *_ in got)
    kind, status, dept = line_of(target, "kind:"), line_of(target, "status:"), line_of(target, "# akq: 这一行")
    assert {ln for ln, _ in messages} == {kind, status, dept}
    assert sum(1 for ln, m in messages if ln == kind and "没有屏蔽任何问题" in m) == 2  # schema and yaml-syntax
    assert any(ln == status and "vauge-term" in m and "不存在" in m for ln, m in messages)
    assert any(ln == dept and "无法识别" in m for ln, m in messages)


def test_text_inside_a_quoted_value_is_not_a_directive(small_catalog, target):
    edit(target, "kind: certification", "kind: certification\nnote_in_text: '说明 # akq: disable=schema 不是注释'")
    code, got = lint(small_catalog)
    assert code == 1
    assert [r for r, *_ in got] == ["schema"]  # the unknown key is reported, nothing is suppressed


def test_several_rules_in_one_directive(small_catalog, target):
    edit(target, "status: published", "status: 已发布  # akq: disable=schema，suppression 全角逗号也可以")
    code, got = lint(small_catalog)
    assert code == 0
    # `suppression` cannot suppress itself: naming it is "suppressing nothing".
    assert [(r, "suppression" in m) for r, _, _, m in got] == [("suppression", True)]


def test_a_directive_for_a_rule_that_did_not_run_is_not_unused(small_catalog, target):
    edit(target, "kind: certification", "kind: certification  # akq: disable=yaml-syntax 理由写了")
    assert lint(small_catalog, "--select", "schema,suppression") == (0, [])
    assert lint(small_catalog, "--ignore", "suppression")[1] == []
    assert [r for r, *_ in lint(small_catalog)[1]] == ["suppression"]


def test_suppression_rule_is_documented_with_examples():
    r = run_akq("rules", "suppression")
    assert r.code == 0
    assert "# akq: disable=" in r.out and "理由" in r.out
    r = run_akq("--lang", "en", "rules")
    assert "suppression" in r.out


def test_catalog_scope_findings_are_suppressed_too_with_and_without_the_cache(small_catalog):
    """duplicate and reference run over all files after the per-file stage; directives still apply."""
    target = item(small_catalog, "GAJ-ZM-0001")
    edit(target, "department: GAJ", "department: SFJ")  # not the folder it sits in: reference
    code, got = lint(small_catalog)
    assert code == 1 and [r for r, *_ in got] == ["reference"]
    edit(target, "department: SFJ", "# akq: disable=reference 公安局户籍科代司法局受理，文件暂放原处\ndepartment: SFJ")
    assert lint(small_catalog) == (0, [])
    assert lint(small_catalog, cache=True) == (0, [])  # cold, fills the cache
    assert lint(small_catalog, cache=True) == (0, [])  # answered by the cache
    # The directive names a rule that now finds nothing once the department is right again: reported.
    edit(target, "department: SFJ", "department: GAJ")
    code, got = lint(small_catalog, cache=True)
    assert [(r, "没有屏蔽任何问题" in m) for r, _, _, m in got] == [("suppression", True)]
