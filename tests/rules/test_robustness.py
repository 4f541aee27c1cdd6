"""The policy rules read values of any shape without crashing: wrong types are the schema's to report.

The engine turns a rule that raises into a finding (so one bug does not hide every
other finding); here that would pass unnoticed, so a crash is raised again instead.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from akq_cli.core.loader import read_document
from akq_cli.lint import engine
from akq_cli.lint.config import LintConfig
from akq_cli.lint.examples import BUSINESS_LICENSE, CERTIFICATION, DEPARTMENTS
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import CatalogContext
from akq_cli.lint.registry import all_rules

KEYS = (
    "title", "kind", "content", "conditions", "materials", "legal_basis", "commitment", "liability",
    "verification", "disclosure", "risk_domain", "status", "approval", "certifications", "id", "department",
)  # fmt: skip
TEXT = st.text(alphabet="等其他有关相关必要时及时一定左右第条款《》〔〕[]()(),:;0123456789 无待定……", max_size=30)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), TEXT)
VALUE = st.recursive(
    SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=8
)
SUBKEYS = (
    "civil",
    "criminal",
    "administrative",
    "method",
    "power",
    "public",
    "scope",
    "period",
    "document",
    "article",
    "level",
    "authority",
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([CERTIFICATION, BUSINESS_LICENSE]),
    replace=st.dictionaries(
        st.sampled_from(KEYS),
        st.one_of(VALUE, st.dictionaries(st.sampled_from(SUBKEYS), VALUE, max_size=4)),
        max_size=4,
    ),
)
def test_rules_survive_any_shape(base, replace):
    data = yaml.safe_load(base)
    data.update(replace)
    for f in _lint(json.dumps(data, ensure_ascii=False, default=str)):
        assert f.line >= 1 and f.column >= 1 and isinstance(f.message, str)


def _reraise(rule_id: str, file: str, exc: Exception) -> Finding:
    raise AssertionError(f"rule {rule_id} crashed") from exc


def _lint(text: str) -> list[Finding]:
    """Every finding of one item, every stage included; a rule that raises fails the test."""
    doc = read_document(Path("ITEM.yaml"), text.encode("utf-8"))
    config = LintConfig()
    with mock.patch.object(engine, "crashed", _reraise):
        result = engine.lint_document(doc, "ITEM.yaml", config)
        # the catalog-scope rules over this item and a copy of it in another file
        summaries = [result.summary, dataclasses.replace(result.summary, file="OTHER.yaml")] if result.summary else []
        return [*result.findings, *engine.catalog_findings(CatalogContext(summaries, set(DEPARTMENTS), config))]


@pytest.mark.parametrize("scope", ["document", "item", "directive", "catalog"])
def test_a_crash_fails_this_test_instead_of_becoming_a_finding(monkeypatch, scope):
    def boom(ctx):
        raise ZeroDivisionError("division by zero")

    rules = all_rules()
    victim = next(r for r in rules.values() if r.scope == scope)
    monkeypatch.setitem(rules, victim.id, dataclasses.replace(victim, check=boom))
    with pytest.raises(AssertionError, match=f"rule {victim.id} crashed"):
        _lint(CERTIFICATION.replace("purpose: ", "purpose: 证明  # akq: disable=vague-term 照录原文\npurpose_x: "))
