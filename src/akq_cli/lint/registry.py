"""The rule registry: every rule module in RULE_MODULES, in the order they run."""

from __future__ import annotations

import importlib
from functools import cache

from akq_cli.lint.framework import Rule, Scope

RULE_MODULES = (
    "yaml_syntax",
    "schema",
    "placeholder",  # 待填写 left by akq new / akq import (akq_cli.author.scaffold)
    "control_character",  # invisible and control characters, raw or escaped; fixed on the raw text
    "suppression",  # inline `# akq: disable=` comments (applied by akq_cli.lint.suppression)
    # the policy's rules (seed 一, 二（三）, 三（二）)
    "notification_incomplete",
    "liability_missing",
    "legal_basis_unspecific",
    "approval_missing",
    "excluded_domain",
    "status_incomplete",  # withdrawn/suspended items say since when and why (issues 10.4, 12.4)
    # conditions traced to their article, and the form's fill-in fields (issue 10.1, 10.2)
    "condition_untraced",
    "condition_basis_unknown",
    "fill_in_missing",
    "fill_in_orphaned",
    "fill_in_mismatch",
    "vague_term",
    "catch_all",
    "personal_data",
    "doc_number_format",
    "punctuation",
    "timing_unreadable",  # verification.timing as {amount, unit, from} (issue 13.2; akq_cli.core.timing)
    # inspection plans, catalog/plans/<year>/*.yaml (双随机、一公开, seed 三（四）)
    "plan_sample_size",
    "plan_rounding",
    "plan_stratum_minimum",
    "plan_inspector_count",
    "plan_recusal",
    "plan_seed_date",
    "plan_legal_basis",
    "plan_weighting",
    # catalog scope: over the summaries of all linted items
    "duplicate",
    "reference",
)


@cache
def all_rules() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for name in RULE_MODULES:
        rule: Rule = importlib.import_module(f"akq_cli.lint.rules.{name}").RULE
        rules[rule.id] = rule
    return rules


def get(rule_id: str) -> Rule | None:
    return all_rules().get(rule_id)


def in_scope(scope: Scope) -> tuple[Rule, ...]:
    """The rules the engine calls at one stage of a run, in registry order (not cached: 16 rules cost nothing)."""
    return tuple(rule for rule in all_rules().values() if rule.scope == scope)
