"""Every rule's own examples are its tests: each failing example trips that rule (and no other),
at the positions it states, and `akq lint --fix` makes of it what it states; each passing
example does not trip it; each is linted with the akq.toml it carries (as sqlfluff's
fail_str / fix_str / configs).  The same examples make up docs/rules and `akq rules ID`."""

from __future__ import annotations

import dataclasses

import pytest

from akq_cli.lint.examples import BUSINESS_LICENSE, CERTIFICATION, build, files, fixed, lint_example, position
from akq_cli.lint.framework import Example, Rule
from akq_cli.lint.registry import all_rules

RULES = list(all_rules().values())


def _cases(kind: str, having: str = "") -> list[tuple[Rule, int, Example]]:
    """(rule, number, example) for the failing ("bad") or passing ("good") examples, those with ``having`` set."""
    return [(r, i, ex) for r in RULES for i, ex in enumerate(getattr(r, kind), 1) if not having or getattr(ex, having)]


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


@pytest.mark.parametrize("case", _cases("bad", "at"), ids=_id)
def test_a_failing_example_is_reported_where_it_says(case):
    rule, _, example = case
    single = len(files(example)) == 1
    assert tuple(position(f, single) for f in lint_example(example) if f.rule == rule.id) == example.at


@pytest.mark.parametrize("case", _cases("bad", "fix"), ids=_id)
def test_fix_makes_of_a_failing_example_what_it_says(case):
    _, _, example = case
    assert example.fix is not None
    assert fixed(example) == files(dataclasses.replace(example, yaml=example.fix))


@pytest.mark.parametrize("case", _cases("bad", "config") + _cases("good", "config"), ids=_id)
def test_an_example_config_changes_what_is_reported(case):
    """A config that changes nothing would teach nothing (and would hide a setting that stopped working)."""
    _, _, example = case
    assert lint_example(example) != lint_example(dataclasses.replace(example, config=""))


def test_only_a_fixable_rule_states_fixes_and_each_shows_one_that_changes_the_file():
    for rule in RULES:
        with_fix = [ex for ex in rule.bad if ex.fix is not None]
        assert bool(with_fix) == rule.fixable, rule.id
        assert not rule.fixable or any(ex.fix != ex.yaml for ex in with_fix), rule.id
        assert all(ex.fix is None and not ex.at for ex in rule.good), rule.id


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
