"""What a change hides with its own rule changes: a new or edited akq.toml, a new or widened suppression.

`akq review` judges the head with the base's rules, so nothing here can lower
its verdict below "needs legal approval".  It finds, for the reviewer, each
finding the base's rules report on the head that the change's own additions
would hide, and what hides it:

- a suppression (``# akq: disable=RULE reason``) in the head that covers the
  finding, where no suppression in the base's version of the file covered it
  (new, or widened to more rules or a wider key);
- the head's akq.toml, which ignores the rule, lowers its severity or changes
  its options, so that `akq lint` on the branch would not report it as the
  base's rules do.

Suppressions are found by linting the head once more with every directive cut
out of the text (positions stay the same); a finding that appears only then was
suppressed in the head.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from akq_cli.core.loader import read_document
from akq_cli.core.state import CatalogState
from akq_cli.lint import suppression
from akq_cli.lint.config import LintConfig
from akq_cli.lint.findings import Finding, Severity
from akq_cli.lint.registry import in_scope

MARK = b"akq"  # a file without it has no directive (suppression.parse says the same)


@dataclass
class Hidden:
    finding: Finding  # as the base's rules report it on the head
    introduced: bool  # False: the base has it too
    how: str  # "directive" | "ignore" | "severity" | "options"
    source: str  # the file holding the directive, or the head's akq.toml
    line: int = 0  # the directive's line
    text: str = ""  # the directive as written; for "severity", the head's severity

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding.to_json(),
            "introduced": self.introduced,
            "how": self.how,
            "source": self.source,
            "line": self.line,
            "text": self.text,
        }


def _directives(path: str, data: bytes) -> tuple[list[suppression.Directive], list[str]]:
    doc = read_document(Path(path), data)
    if doc.root is None:
        return [], []
    return suppression.parse(doc), doc.text.split("\n")


def without_directives(snap: CatalogState) -> CatalogState | None:
    """``snap`` with every suppression directive cut out of its files; None when it has none."""
    files: dict[str, bytes] = {}
    for path, data in snap.files.items():
        if MARK not in data or not path.endswith((".yaml", ".yml")):
            continue
        directives, lines = _directives(path, data)
        if not directives:
            continue
        for d in directives:
            lines[d.line - 1] = lines[d.line - 1][: d.column - 1]
        files[path] = "\n".join(lines).encode("utf-8")
    return snap.overlay(files) if files else None


_DIRECTIVE_RULES = frozenset(r.id for r in in_scope("directive"))  # findings about directives themselves


def _key(f: Finding) -> tuple[str, str, int, int, str, str]:
    return (f.rule, f.file, f.line, f.column, f.pointer, f.match or "")


def _covered(f: Finding, directives: list[suppression.Directive]) -> bool:
    """Does one of the base's directives cover ``f``?  By key, not line: lines move between versions."""
    return any(f.rule in d.rules and any(f.pointer == p or f.pointer.startswith(p + "/") for p in d.pointers)
               for d in directives)


def by_suppression(
    base: CatalogState, head: CatalogState, judged: list[Finding], bare: list[Finding], renames: dict[str, str]
) -> list[tuple[Finding, str, int, str]]:
    """(finding, file, line, directive text) for each finding only a new or widened directive hides.

    ``judged``: the head's findings under the base's rules; ``bare``: the same
    with every directive cut out.
    """
    left = Counter(_key(f) for f in judged)
    old_path = {new: old for old, new in renames.items()}
    cache: dict[str, tuple[list[suppression.Directive], list[str]]] = {}

    def directives(snap: CatalogState, path: str) -> tuple[list[suppression.Directive], list[str]]:
        key = f"{snap.label}\0{path}"
        if key not in cache:
            data = snap.files.get(path)
            cache[key] = _directives(path, data) if data is not None and MARK in data else ([], [])
        return cache[key]

    out = []
    for f in bare:
        k = _key(f)
        if left[k] > 0:
            left[k] -= 1
            continue
        if f.rule in _DIRECTIVE_RULES:
            continue
        base_directives, _ = directives(base, old_path.get(f.file, f.file))
        if _covered(f, base_directives):
            continue  # suppressed before this change too
        head_directives, lines = directives(head, f.file)
        d = next((d for d in head_directives if d.covers(f)), None)
        line, text = (d.line, lines[d.line - 1][d.column - 1 :].strip()) if d else (0, "")
        out.append((f, f.file, line, text))
    return out


def by_config(judged: list[Finding], own: list[Finding], head_config: LintConfig) -> list[tuple[Finding, str, str]]:
    """(finding, how, head severity) for each finding the head's akq.toml hides or lowers.

    ``own``: the head's findings under its own rules.
    """
    theirs: dict[tuple[str, str, int, int, str, str], list[Finding]] = {}
    for g in own:
        theirs.setdefault(_key(g), []).append(g)
    out = []
    for f in judged:
        matches = theirs.get(_key(f))
        if matches:
            g = matches.pop()
            if Severity[g.severity] < Severity[f.severity]:
                out.append((f, "severity", g.severity))
        elif f.rule not in _DIRECTIVE_RULES:
            out.append((f, "options" if head_config.enabled(f.rule) else "ignore", ""))
    return out
