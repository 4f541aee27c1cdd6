"""docs/rules/ is generated from the rules' definitions; `akq rules` shows the same content."""

from __future__ import annotations

from akq_cli.lint.docs import render
from akq_cli.lint.registry import all_rules
from conftest import REPO, run_akq

DOCS = REPO / "docs" / "rules"


def test_the_committed_rule_docs_are_up_to_date():
    pages = render()
    stale = sorted(
        name for name, text in pages.items() if not (DOCS / name).is_file() or (DOCS / name).read_text("utf-8") != text
    )
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    assert (stale, extra) == ([], []), "run: python -m akq_cli.lint.docs"


def test_every_rule_page_shows_what_lint_reports_for_its_failing_examples():
    pages = render()
    for rule in all_rules().values():
        text = pages[f"{rule.id}.md"]
        assert text.count("`akq lint` 报告 reports:") == len(rule.bad)
        assert f" {rule.id} " in text.split("## 通过的例子")[0], rule.id


def test_akq_rules_lists_every_rule():
    r = run_akq("rules", env={"COLUMNS": "250"})
    assert r.code == 0
    assert [rid for rid in all_rules() if rid not in r.out] == []


def test_akq_rules_explains_one_rule_with_its_examples_and_findings():
    r = run_akq("rules", "vague-term")
    assert r.code == 0
    assert "不通过的例子" in r.out and "通过的例子" in r.out
    assert "“等”表述模糊" in r.out  # the finding the failing example produces
    en = run_akq("rules", "vague-term", "--lang", "en")
    assert "'等' is vague" in en.out


def test_akq_rules_with_an_unknown_id_is_a_usage_error():
    r = run_akq("rules", "no-such-rule")
    assert r.code == 2
    assert "vague-term" in r.err


def test_a_rule_page_shows_each_example_config_and_fix():
    pages = render()
    for rule in all_rules().values():
        text = pages[f"{rule.id}.md"]
        for example in (*rule.bad, *rule.good):
            if example.config:
                assert f"```toml\n{example.config}```" in text, rule.id
            if example.fix is not None and example.fix != example.yaml:
                assert f"修正为 fixes it to:\n\n```yaml\n{example.fix}```" in text, rule.id
