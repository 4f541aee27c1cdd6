"""Precision and recall of vague-term and catch-all on the labelled corpus (tests/corpus/)."""

from __future__ import annotations

import pytest

from .corpus import RULES, load, report

ALL = ("vague", "catch_all", "lookalikes", "holdout", "holdout2")


def test_the_corpus_is_large_and_covers_every_kind_of_snippet():
    entries = load(ALL)
    assert len(entries) >= 150
    assert sum(1 for e in entries if e.get("vague-term")) >= 50
    assert sum(1 for e in entries if e.get("catch-all")) >= 40
    assert sum(1 for e in entries if not any(e.get(r) for r in RULES)) >= 60
    assert len({e["text"] for e in entries}) == len(entries), "a snippet appears twice"


@pytest.mark.parametrize("rule", RULES)
def test_precision_and_recall_are_at_least_95_percent(rule):
    scores = report(ALL)
    s = scores[rule]
    print(f"\n{s.line(rule)}")
    assert s.precision >= 0.95, "\n".join(s.misses)
    assert s.recall >= 0.95, "\n".join(s.misses)
