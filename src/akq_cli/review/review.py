"""What `akq review` puts on one page: the change, its lint findings split by origin, the checklists.

The head is judged with the base's rules (its akq.toml): a branch cannot switch
off or lower the rules that judge it.  What the change's own akq.toml or new
suppressions would hide is listed apart, for legal review (akq_cli.review.hidden).

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
from akq_cli.lint.engine import run, with_register
from akq_cli.lint.findings import Finding
from akq_cli.review.checklist import Check, item_checks
from akq_cli.review.hidden import Hidden, by_config, by_suppression, without_directives
from akq_cli.review.plans import PlanDates, plan_dates
from akq_cli.review.semdiff import CatalogDiff, ItemChange, diff_snapshots

EXIT_CLEAN = 0
EXIT_INTRODUCED = 1  # the change introduces errors nothing hides: fix them
EXIT_CONFIG = 2  # the change's own akq.toml is wrong (or switches off what makes files checkable): fix it
EXIT_LEGAL = 3  # the only new errors are hidden by the change's own rule changes: legal approval


@dataclass
class Review:
    diff: CatalogDiff
    introduced: list[Finding] = field(default_factory=list)  # new under the base's rules, and not hidden
    fixed: list[Finding] = field(default_factory=list)
    preexisting: list[Finding] = field(default_factory=list)  # in the files this change touches
    preexisting_elsewhere: int = 0
    hidden: list[Hidden] = field(default_factory=list)  # hidden only by the change's own rule changes
    checklists: list[tuple[ItemChange, list[Check]]] = field(default_factory=list)
    department_names: dict[str, str] = field(default_factory=dict)
    config_error: ConfigError | None = None  # the head's akq.toml, refused; the head is still judged by the base's
    plans: list[PlanDates] = field(default_factory=list)  # changed plans: register hashes committed vs seed date

    @property
    def blocking(self) -> bool:
        return (self.config_error is not None or any(f.severity == "error" for f in self.introduced)
                or any(p.error for p in self.plans))

    @property
    def hidden_errors(self) -> int:
        return sum(1 for h in self.hidden if h.finding.severity == "error")

    @property
    def exit_code(self) -> int:
        if self.config_error is not None:
            return EXIT_CONFIG
        if self.blocking:
            return EXIT_INTRODUCED
        return EXIT_LEGAL if self.hidden_errors else EXIT_CLEAN

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
                "hidden": [h.to_json() for h in self.hidden],
            },
            "departments": [{"id": d, "name": n, **c} for d, n, c in self.department_rows()],
            "checklists": [
                {"id": it.id, "title": it.title, "path": it.path, "checks": [c.to_json() for c in checks]}
                for it, checks in self.checklists
            ],
            "plans": [p.to_json() for p in self.plans],
            "config_error": None if self.config_error is None else self.config_error.to_json(),
            "blocking": self.blocking,
            "exit_code": self.exit_code,
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


def _config(state: CatalogState) -> tuple[LintConfig, Finding | None]:
    """The state's akq.toml with its own law register (the base's register judges the head, as its akq.toml
    does), and the finding of a broken laws.toml."""
    try:
        config = config_for(state)
    except ConfigError:
        config = LintConfig()  # a broken config in the past is no reason to refuse today's review
    return with_register(config, state)


class _Linter:
    """engine.run with one in-memory memo per configuration: a file whose bytes are the same in two states is
    checked once."""

    def __init__(self) -> None:
        self.memo: dict[str, MemoCache] = {}

    def lint(self, state: CatalogState, config: LintConfig) -> list[Finding]:
        return run(state, config, cache=self.memo.setdefault(config.fingerprint(), MemoCache())).findings


def build_review(base: CatalogState, head: CatalogState) -> Review:
    """The review of the change from ``base`` to ``head``, judged by the base's rules.

    A head whose akq.toml is broken, or would switch off what makes files checkable, is still judged: the
    error is part of the review (``Review.config_error``, exit 2), not a reason to show nothing.
    """
    diff = diff_snapshots(base, head)
    renames = diff.renames()
    base_config, base_problem = _config(base)
    head_problem = with_register(LintConfig(), head)[1]  # a laws.toml the change broke
    try:
        head_config: LintConfig | None = with_register(config_for(head), head)[0]
        config_error = None
    except ConfigError as exc:
        head_config, config_error = None, exc
    linter = _Linter()
    base_findings = linter.lint(base, base_config) + ([base_problem] if base_problem else [])
    judged = linter.lint(head, base_config)  # the base's rules and register, the head's suppressions
    if head_problem is not None:
        judged = sorted([*judged, head_problem], key=Finding.sort_key)

    stripped = without_directives(head)
    bare = linter.lint(stripped, base_config) if stripped is not None else judged
    hidden = [
        Hidden(f, True, "directive", file, line, text)
        for f, file, line, text in by_suppression(base, head, judged, bare, renames)
    ]
    if head_config is not None and head_config.fingerprint() != base_config.fingerprint():
        source = str(head_config.source or "akq.toml")
        own = linter.lint(head, head_config)
        hidden += [Hidden(f, True, how, source, 0, sev) for f, how, sev in by_config(judged, own, head_config)]
    strict = judged + [h.finding for h in hidden if h.how == "directive"]
    strict.sort(key=Finding.sort_key)

    introduced, fixed, pre = split_findings(base_findings, strict, renames)
    new = {id(f) for f in introduced}
    for h in hidden:
        h.introduced = id(h.finding) in new
    hidden.sort(key=lambda h: h.finding.sort_key())
    hidden_ids = {id(h.finding) for h in hidden}

    touched = {p for it in [*diff.items, *diff.files] for p in (it.path, it.old_path) if p}
    review = Review(diff, [f for f in introduced if id(f) not in hidden_ids], fixed, hidden=hidden)
    review.config_error = config_error
    pre = [f for f in pre if id(f) not in hidden_ids]
    review.preexisting = [f for f in pre if f.file in touched]
    review.preexisting_elsewhere = len(pre) - len(review.preexisting)
    review.plans = plan_dates(head, diff.files)
    review.department_names = {**_department_names(base), **_department_names(head)}
    by_file: dict[str, list[Finding]] = {}
    for f in strict:
        by_file.setdefault(f.file, []).append(f)
    hidden_findings = [h.finding for h in hidden]
    for it in diff.items:
        if it.status in ("added", "changed", "renamed") and it.data is not None and it.path:
            old = it.old_data if it.status != "added" else None
            review.checklists.append((it, item_checks(it.data, by_file.get(it.path, []), old, hidden_findings)))
    return review
