"""What `akq review` puts on one page: the change, its lint findings split by origin, the checklists.

Findings of the base and the head are matched by rule, file, JSON Pointer and
matched text (not by line: an edit above a finding moves it without changing
it); a renamed item's base findings count under its new path.  What only the
head has was introduced by the change, what only the base has was fixed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from akq_cli.core.catalog import Catalog
from akq_cli.core.state import CatalogState
from akq_cli.lint.cache import MemoCache
from akq_cli.lint.config import ConfigError, LintConfig, config_for
from akq_cli.lint.engine import run
from akq_cli.lint.findings import Finding
from akq_cli.review.checklist import Check, item_checks
from akq_cli.review.semdiff import CatalogDiff, ItemChange, diff_snapshots


@dataclass
class Review:
    diff: CatalogDiff
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    preexisting: list[Finding] = field(default_factory=list)  # in the files this change touches
    preexisting_elsewhere: int = 0
    checklists: list[tuple[ItemChange, list[Check]]] = field(default_factory=list)
    department_names: dict[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return any(f.severity == "error" for f in self.introduced)

    def department_rows(self) -> list[tuple[str, str, dict[str, int]]]:
        rows: dict[str, dict[str, int]] = {}
        for it in self.diff.items:
            if it.status == "reformatted":
                continue
            for dep in it.departments:
                counts = rows.setdefault(dep, {"added": 0, "removed": 0, "renamed": 0, "changed": 0})
                counts[it.status] += 1
        return [(d, self.department_names.get(d, ""), rows[d]) for d in sorted(rows)]

    def to_json(self) -> dict[str, Any]:
        return {
            "diff": self.diff.to_json(),
            "findings": {
                "introduced": [f.to_json() for f in self.introduced],
                "fixed": [f.to_json() for f in self.fixed],
                "preexisting": [f.to_json() for f in self.preexisting],
                "preexisting_elsewhere": self.preexisting_elsewhere,
            },
            "departments": [{"id": d, "name": n, **c} for d, n, c in self.department_rows()],
            "checklists": [
                {"id": it.id, "title": it.title, "path": it.path, "checks": [c.to_json() for c in checks]}
                for it, checks in self.checklists
            ],
            "blocking": self.blocking,
        }


def _key(f: Finding, renames: dict[str, str]) -> tuple[str, str, str, str]:
    return (f.rule, renames.get(f.file, f.file), f.pointer, f.match or "")


def split_findings(
    base: list[Finding], head: list[Finding], renames: dict[str, str]
) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(introduced, fixed, pre-existing) — pre-existing findings as they stand in the head."""
    base_left = Counter(_key(f, renames) for f in base)
    head_left = Counter(_key(f, {}) for f in head)
    introduced, preexisting, fixed = [], [], []
    for f in head:
        k = _key(f, {})
        if base_left[k] > 0:
            base_left[k] -= 1
            preexisting.append(f)
        else:
            introduced.append(f)
    for f in base:
        k = _key(f, renames)
        if head_left[k] > 0:
            head_left[k] -= 1
        else:
            fixed.append(f)
    return introduced, fixed, preexisting


def _department_names(state: CatalogState) -> dict[str, str]:
    return {k: str(d.get("name", "")) for k, d in Catalog.from_state(state, with_items=False).departments.items()}


def build_review(base: CatalogState, head: CatalogState) -> Review:
    """Raises akq_cli.lint.config.ConfigError when the head's akq.toml is broken."""
    diff = diff_snapshots(base, head)
    head_config = config_for(head)
    try:
        base_config = config_for(base)
    except ConfigError:
        base_config = LintConfig()  # a broken config in the past is no reason to refuse today's review
    memo: dict[str, MemoCache] = {}  # a file unchanged between base and head is linted once

    def lint(state: CatalogState, config: LintConfig) -> list[Finding]:
        return run(state, config, cache=memo.setdefault(config.fingerprint(), MemoCache())).findings

    base_findings = lint(base, base_config)
    head_findings = lint(head, head_config)
    introduced, fixed, pre = split_findings(base_findings, head_findings, diff.renames())

    touched = {p for it in [*diff.items, *diff.files] for p in (it.path, it.old_path) if p}
    review = Review(diff, introduced, fixed)
    review.preexisting = [f for f in pre if f.file in touched]
    review.preexisting_elsewhere = len(pre) - len(review.preexisting)
    review.department_names = {**_department_names(base), **_department_names(head)}
    by_file: dict[str, list[Finding]] = {}
    for f in head_findings:
        by_file.setdefault(f.file, []).append(f)
    for it in diff.items:
        if it.status in ("added", "changed", "renamed") and it.data is not None and it.path:
            old = it.old_data if it.status != "added" else None
            review.checklists.append((it, item_checks(it.data, by_file.get(it.path, []), old)))
    return review
