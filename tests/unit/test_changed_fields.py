"""The change log's "调整了…" list: only differing fields are diffed, and the answer is the full semantic diff's."""

from __future__ import annotations

from typing import Any

import pytest

from akq_cli.review.semdiff import diff_values
from akq_cli.site.history import _INDEX, UNLISTED_FIELDS, changed_fields, label

BASE: dict[str, Any] = {
    "id": "GAJ-ZM-001", "title": "亲属关系证明", "status": "published", "effective_date": "2021-12-01",
    "legal_basis": [{"document": "《中华人民共和国户口登记条例》", "article": "第十条", "level": "law"}],
    "conditions": [{"text": "申请人与被投靠人之间为夫妻关系。", "basis": "《中华人民共和国户口登记条例》第十条"}],
    "commitment": {"method": "electronic", "proxy_allowed": True},
    "verification": {"methods": ["online"], "timing": {"amount": 5, "unit": "workday", "from": "accepted"}},
}


def _full_diff(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What changed_fields answered before it skipped identical fields: the whole item diffed."""
    names: list[str] = []
    for change in diff_values(before, after):
        if change.pointer.lstrip("/").split("/")[0] not in UNLISTED_FIELDS:
            name = _INDEX.sub("", label(change.pointer))
            if name not in names:
                names.append(name)
    return names


@pytest.mark.parametrize("change", [
    {"title": "亲属关系证明（新）"},
    {"commitment": {"method": "electronic", "proxy_allowed": 1}},  # == True, but another type: a change
    {"verification": {"methods": ["online"], "timing": {"amount": 5.0, "unit": "workday", "from": "accepted"}}},
    {"legal_basis": []},
    {"conditions": [*BASE["conditions"], {"text": "新增条件。"}]},
    {"materials": ["户口簿"]},  # a field added
    {"effective_date": "2022-01-01", "status": "suspended"},
])
def test_the_listed_fields_are_those_of_the_full_diff(change: dict[str, Any]) -> None:
    after = {**BASE, **change}
    assert changed_fields(BASE, after) == _full_diff(BASE, after)
    assert changed_fields(after, BASE) == _full_diff(after, BASE)  # a field removed, the other way round


def test_identical_items_have_no_changed_field() -> None:
    assert changed_fields(BASE, {**BASE}) == []
