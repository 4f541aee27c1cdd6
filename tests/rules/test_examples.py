"""Every rule's own examples are its tests: each failing example trips that rule (and no other),
each passing example does not trip it.  The same examples make up docs/rules and `akq rules ID`."""

from __future__ import annotations

import pytest

from akq_cli.lint.examples import BUSINESS_LICENSE, CERTIFICATION, build, files, lint_example
from akq_cli.lint.framework import Example, Rule
from akq_cli.lint.registry import all_rules

RULES = list(all_rules().values())


def _cases(kind: str) -> list[tuple[Rule, int, Example]]:
    return [(r, i, ex) for r in RULES for i, ex in enumerate(getattr(r, kind), 1)]


def _id(case: tuple[Rule, int, Example]) -> str:
    return f"{case[0].id}-{case[1]}"


def _rules_hit(example: Example) -> list[str]:
    return [f.rule for f in lint_example(example)]


@pytest.mark.parametrize("fragment", [CERTIFICATION, BUSINESS_LICENSE], ids=["certification", "business_license"])
def test_the_base_items_are_lint_clean(fragment: str):
    assert lint_example(Example(fragment)) == []


def test_every_rule_has_failing_and_passing_examples():
    assert [r.id for r in RULES if not r.bad or not r.good] == []


@pytest.mark.parametrize("case", _cases("bad"), ids=_id)
def test_a_failing_example_trips_its_rule_and_only_it(case):
    rule, _, example = case
    hit = _rules_hit(example)
    assert rule.id in hit, f"{rule.id} example did not trip the rule:\n{files(example)}"
    assert set(hit) == {rule.id}, f"other rules fired too: {hit}"


@pytest.mark.parametrize("case", _cases("good"), ids=_id)
def test_a_passing_example_is_clean(case):
    """Stricter than "not this rule": a passing example is a fully clean item."""
    assert _rules_hit(case[2]) == []


def test_fragments_replace_keys_in_place_so_positions_point_into_them():
    text = build("conditions:\n  - 申请人年满18周岁。\n")
    lines = text.splitlines()
    assert lines.index("  - 申请人年满18周岁。") == lines.index("conditions:") + 1
    assert lines.index("conditions:") == CERTIFICATION.splitlines().index("conditions:")
    assert "materials:" in build("kind: business_license\n")
    assert "disclosure:" not in build("", drop=("disclosure",))


def test_a_catalog_example_is_several_files():
    (rule,) = [r for r in RULES if r.id == "duplicate"]
    assert sorted(files(rule.bad[0])) == ["items/SFJ/SFJ-ZM-001.yaml", "items/SFJ/SFJ-ZM-002.yaml"]
