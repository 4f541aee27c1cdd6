"""akq review judges the head with the base's rules; what the change's own rule changes hide is shown apart.

Real git repositories: main holds the sample catalog, a branch changes it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run_akq

from .gitrepo import commit, edit, git, make_repo

SFJ1 = "catalog/items/SFJ/SFJ-ZM-001.yaml"
CRIMINAL = re.compile(r"^  criminal: .*\n", re.M)
CONTENT = "content: 申请人及其共同生活的家庭成员"
VAGUE = "content: 申请人的身份证等相关材料及其共同生活的家庭成员"
DISABLE = "  # akq: disable=vague-term 照录原文"


def _drop_criminal(repo: Path) -> None:
    path = repo / SFJ1
    text = path.read_text("utf-8")
    assert CRIMINAL.search(text)
    path.write_text(CRIMINAL.sub("", text, count=1), encoding="utf-8")


def _suppress_content(repo: Path) -> None:
    """Append the directive to the end of the content line."""
    path = repo / SFJ1
    lines = path.read_text("utf-8").split("\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith("content: "))
    lines[i] += DISABLE
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    repo = make_repo(tmp_path / "r")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def _review(repo: Path, fmt: str = "json", *args: str):
    return run_akq("review", "--base", "main", "--format", fmt, *args, cwd=repo)


def _liability_check(data: dict) -> dict:
    checks = next(c["checks"] for c in data["checklists"] if c["path"] == SFJ1)
    return next(c for c in checks if c["key"] == "liability")


def test_own_akq_toml_cannot_switch_off_the_rule_that_judges_it(repo):
    (repo / "catalog/akq.toml").write_text('[lint]\nignore = ["liability-missing"]\n', encoding="utf-8")
    _drop_criminal(repo)
    commit(repo, "不再要求刑事责任")
    assert run_akq("lint", cwd=repo).code == 0  # the branch's own rules pass it

    r = _review(repo)
    assert r.code == 3, r.out
    data = json.loads(r.out)
    hidden = data["findings"]["hidden"]
    assert [(h["finding"]["rule"], h["finding"]["pointer"], h["how"], h["introduced"]) for h in hidden] == [
        ("liability-missing", "/liability/criminal", "ignore", True)
    ]
    assert hidden[0]["source"] == "catalog/akq.toml"
    assert data["findings"]["introduced"] == [] and data["blocking"] is False
    check = _liability_check(data)
    assert check["state"] == "fail" and check["hidden"] == 1 and "liability-missing" in check["rules"]

    md = _review(repo, "markdown").out
    assert "✅" not in md.split("### 审核清单")[0].split("**结论：**")[1].splitlines()[0]
    section = md.split("#### ⚖️ 被本次变更屏蔽的问题（需法律审核）（1）")[1].split("###")[0]
    assert "`liability-missing`" in section and "catalog/akq.toml 不再运行规则 liability-missing" in section
    assert "- [ ] ❌ 写明民事、行政、刑事责任" in md

    text = _review(repo, "text")
    assert text.code == 3 and "被本次变更屏蔽的问题" in text.out and "✘ 写明民事、行政、刑事责任" in text.out


def test_lowered_severity_is_hidden_too(repo):
    (repo / "catalog/akq.toml").write_text('[lint.severity]\nliability-missing = "warning"\n', encoding="utf-8")
    _drop_criminal(repo)
    commit(repo, "刑事责任只是警告")
    data = json.loads(_review(repo).out)
    assert data["exit_code"] == 3
    assert [(h["how"], h["text"], h["finding"]["severity"]) for h in data["findings"]["hidden"]] == [
        ("severity", "warning", "error")
    ]


def test_an_error_nothing_hides_exits_1(repo):
    _drop_criminal(repo)
    commit(repo, "删除刑事责任")
    r = _review(repo)
    assert r.code == 1
    data = json.loads(r.out)
    assert data["findings"]["hidden"] == []
    assert [f["rule"] for f in data["findings"]["introduced"]] == ["liability-missing"]


def test_weakening_liability_to_a_bare_yifa_is_ticked_as_failing(repo):
    """Keys all present, but 依法追究相应责任 names no law and no article: lint and the checklist both say so."""
    path = repo / SFJ1
    path.write_text(CRIMINAL.sub("  criminal: 依法追究相应责任。\n", path.read_text("utf-8"), count=1), encoding="utf-8")
    commit(repo, "刑事责任改为依法追究")
    r = _review(repo)
    assert r.code == 1, r.out
    data = json.loads(r.out)
    assert [(f["rule"], f["pointer"]) for f in data["findings"]["introduced"]] == [
        ("liability-missing", "/liability/criminal")
    ]
    assert _liability_check(data)["state"] == "fail"
    text = _review(repo, "text").out
    assert "✘ 写明民事、行政、刑事责任" in text and "✔ 写明民事、行政、刑事责任" not in text


def test_new_suppression_is_shown_for_legal_review(repo):
    edit(repo / SFJ1, CONTENT, VAGUE)
    _suppress_content(repo)
    commit(repo, "照录原文")
    assert run_akq("lint", cwd=repo).code == 0

    r = _review(repo)
    assert r.code == 3, r.out
    hidden = json.loads(r.out)["findings"]["hidden"]
    assert sorted((h["finding"]["rule"], h["finding"]["match"], h["how"], h["introduced"]) for h in hidden) == [
        ("vague-term", "相关", "directive", True),
        ("vague-term", "等", "directive", True),
    ]
    assert all(h["source"] == SFJ1 and h["text"] == DISABLE.strip() for h in hidden)
    md = _review(repo, "markdown").out
    section = md.split("#### ⚖️ 被本次变更屏蔽的问题（需法律审核）（2）")[1].split("###")[0]
    assert "新增的禁用注释" in section and "照录原文" in section and "等相关材料" not in section.split("|")[0]
    assert "- [ ] ❌ 要求可量化，无模糊表述和兜底条款" in md


def test_suppressing_a_preexisting_error_is_shown_too(tmp_path):
    repo = make_repo(tmp_path / "r")
    edit(repo / SFJ1, CONTENT, VAGUE)
    commit(repo, "原有的模糊表述")
    git(repo, "checkout", "-q", "-b", "change")
    _suppress_content(repo)
    commit(repo, "屏蔽")
    data = json.loads(_review(repo).out)
    assert data["exit_code"] == 3
    assert {(h["finding"]["match"], h["introduced"]) for h in data["findings"]["hidden"]} == {
        ("等", False),
        ("相关", False),
    }
    assert data["findings"]["fixed"] == []  # hidden is not fixed


@pytest.fixture
def suppressed_on_main(tmp_path):
    """main already has 等相关材料 with a reviewed suppression; the branch starts from there."""
    repo = make_repo(tmp_path / "r")
    edit(repo / SFJ1, CONTENT, VAGUE)
    _suppress_content(repo)
    commit(repo, "照录原文，已经审核")
    git(repo, "checkout", "-q", "-b", "change")
    return repo


def test_a_suppression_the_base_already_had_is_not_flagged(suppressed_on_main):
    repo = suppressed_on_main
    edit(repo / SFJ1, "id: SFJ-ZM-001\n", "# 下移两行\n#\nid: SFJ-ZM-001\n")  # the directive moves
    commit(repo, "加注释")
    r = _review(repo)
    assert r.code == 0, r.out
    assert json.loads(r.out)["findings"]["hidden"] == []


def test_widened_suppression_is_flagged(suppressed_on_main):
    repo = suppressed_on_main
    edit(repo / SFJ1, "等相关材料", "等相关材料，以及法律法规规定的其他材料")  # a catch-all clause
    edit(repo / SFJ1, "disable=vague-term", "disable=vague-term,catch-all")
    commit(repo, "再屏蔽兜底条款")
    data = json.loads(_review(repo).out)
    assert data["exit_code"] == 3
    assert [h["finding"]["rule"] for h in data["findings"]["hidden"]] == ["catch-all"]


def test_help_documents_the_exit_codes():
    r = run_akq("review", "--help")
    assert r.code == 0
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\s*{code}\s+\S", r.out, re.M), code
    assert "法律审核" in r.out


# --- the checklist follows the findings ---------------------------------------------------------------


def test_checklist_agrees_with_lint_on_an_annex_entry(repo):
    """附件第262项 cites a State Council decision's annex: lint-clean, so the checklist ticks it."""
    path = repo / SFJ1
    edit(path, "  - document: 《中华人民共和国法律援助法》\n    article: 第三十四条\n    level: law\n",
         "  - document: 《国务院对确需保留的行政审批项目设定行政许可的决定》\n    article: 附件第262项\n"
         "    level: state_council_decision\n")
    commit(repo, "依据为国务院决定附件")
    lint = run_akq("lint", "--format", "json", cwd=repo)
    assert lint.code == 0 and [f for f in json.loads(lint.out)["findings"] if f["file"] == SFJ1] == []
    data = json.loads(_review(repo).out)
    checks = next(c["checks"] for c in data["checklists"] if c["path"] == SFJ1)
    basis = next(c for c in checks if c["key"] == "legal_basis")
    assert basis["state"] == "pass", basis
    assert "附件第262项" in basis["detail"] and "legal-basis-unspecific" in basis["rules"]
    assert all(c["state"] in ("pass", "manual") for c in checks)


def test_checklist_entries_fail_exactly_on_their_rules():
    from akq_cli.lint.findings import Finding
    from akq_cli.review.checklist import ENTRIES, item_checks

    data = {"kind": "business_license", "status": "published"}
    assert [c.state for c in item_checks(data, [])] == ["pass"] * len(ENTRIES) + ["manual"]
    for entry in ENTRIES:
        for rule, pointers in entry.rules.items():
            f = Finding(rule, "error", "x.yaml", 1, 1, (pointers[0] + "/0") if pointers else "/title", "m")
            failing = {c.key for c in item_checks(data, [f]) if c.state == "fail"}
            assert entry.key in failing, (entry.key, rule)
            info = replace(f, severity="info")  # advice, not a failure
            assert all(c.state != "fail" for c in item_checks(data, [info]))
    elsewhere = Finding("schema", "error", "x.yaml", 1, 1, "/title", "m")
    failing = {c.key for c in item_checks(data, [elsewhere]) if c.state == "fail"}
    assert failing == {"complete"}


def test_manual_entries_say_so():
    from akq_cli.review.checklist import item_checks

    checks = item_checks({"kind": "certification", "status": "published"}, [], old={"status": "draft"})
    manual = [c for c in checks if c.state == "manual"]
    assert [c.key for c in manual] == ["status", "basis_text"]
    assert all(c.title.startswith("人工核对") for c in manual)


# --- what reaches a terminal or a merge-request comment ---------------------------------------------

HOSTILE = r'"@all 请看 <img src=x onerror=alert(1)> [red]红[/red] :smile: \e]0;PWNED\a\e[2J 证明"'


def test_catalog_text_cannot_act_on_the_terminal_or_the_comment(repo):
    edit(repo / SFJ1, "title: 经济困难证明", f"title: {HOSTILE}")
    commit(repo, "标题")
    md = _review(repo, "markdown").out
    assert "\x1b" not in md and "\x07" not in md
    assert "@all" not in md and "@<!-- -->all" in md
    assert "<img" not in md and "&lt;img" in md
    assert r"&lt;U+001B&gt;\]0;PWNED&lt;U+0007&gt;" in md
    for args in (("diff", "main"), ("review", "--base", "main")):
        r = run_akq(*args, cwd=repo, env={"TERM": "xterm-256color", "FORCE_COLOR": "1"})
        assert "\x1b]0;PWNED" not in r.out and "\x1b[2J" not in r.out, args
        plain = run_akq(*args, cwd=repo)
        assert "[red]红[/red]" in plain.out and ":smile:" in plain.out, args
        assert "<U+001B>]0;PWNED<U+0007>" in plain.out


def test_markdown_escaping():
    from akq_cli.core import escape

    assert escape.markdown("a|b *c* _d_ `e` #1 <b> & @x\nnext") == (
        r"a\|b \*c\* \_d\_ \`e\` \#<!-- -->1 &lt;b&gt; &amp; @<!-- -->x<br>next"
    )
    assert escape.code_span("a`b|c") == r"``a`b\|c``"
    assert escape.rich_text("[bold]x[/bold]\x1b") == r"\[bold]x\[/bold]<U+001B>"


def test_words_files_have_the_same_keys():
    import tomllib

    from akq_cli.core.resources import resource_dir

    def keys(d, prefix=""):
        return {prefix + k for k, v in d.items() if not isinstance(v, dict)} | {
            x for k, v in d.items() if isinstance(v, dict) for x in keys(v, f"{prefix}{k}.")
        }

    for folder in ("review", "report"):
        zh, en = (tomllib.loads((resource_dir("templates") / folder / f"words.{lang}.toml").read_text("utf-8"))
                  for lang in ("zh", "en"))
        assert keys(zh) == keys(en), folder


# --- an akq.toml that would make files uncheckable -------------------------------------------------------


def test_own_akq_toml_selecting_no_rule_is_an_error_and_the_head_is_still_judged(repo):
    (repo / "catalog/akq.toml").write_text('# 不检查\n[lint]\nselect = []\n', encoding="utf-8")
    _drop_criminal(repo)
    commit(repo, "一条规则都不运行")
    assert run_akq("lint", cwd=repo).code == 2

    r = _review(repo)
    assert r.code == 2, r.out + r.err
    assert "catalog/akq.toml:3:1: lint.select 是空列表" in r.err.replace("\n", "")
    data = json.loads(r.out)
    assert data["config_error"]["file"] == "catalog/akq.toml"
    assert (data["config_error"]["line"], data["config_error"]["column"]) == (3, 1)
    assert [f["rule"] for f in data["findings"]["introduced"]] == ["liability-missing"]  # the base's rules
    assert data["blocking"] is True and data["exit_code"] == 2
    assert _liability_check(data)["state"] == "fail"

    md = _review(repo, "markdown")
    assert md.code == 2
    verdict = md.out.split("**结论：**")[1].splitlines()[0]
    assert "❌" in verdict and "catalog/akq.toml" in verdict and "lint.select 是空列表" in verdict
    text = _review(repo, "text")
    assert text.code == 2 and "lint.select 是空列表" in text.out.replace("\n", "")


def test_own_akq_toml_lowering_yaml_syntax_is_an_error_and_the_broken_file_is_reported(repo):
    (repo / "catalog/akq.toml").write_text('[lint.severity]\nyaml-syntax = "info"\n', encoding="utf-8")
    path = repo / SFJ1
    path.write_text(path.read_text("utf-8") + "title: 第二个标题\n", encoding="utf-8")  # a duplicate key
    commit(repo, "解析错误只是提示")
    r = _review(repo)
    assert r.code == 2, r.out + r.err
    data = json.loads(r.out)
    assert data["config_error"]["line"] == 2 and "lint.severity.yaml-syntax 不能低于 error" in data["config_error"]["message"]
    assert [(f["rule"], f["severity"]) for f in data["findings"]["introduced"]] == [("yaml-syntax", "error")]


def test_ignoring_schema_in_the_head_is_an_error_in_english_too(repo):
    (repo / "catalog/akq.toml").write_text('[lint]\nignore = ["schema"]\n', encoding="utf-8")
    commit(repo, "不检查格式")
    r = run_akq("--lang", "en", "review", "--base", "main", "--format", "markdown", cwd=repo)
    assert r.code == 2
    assert "catalog/akq.toml:2:12: lint.ignore cannot include schema" in r.out
