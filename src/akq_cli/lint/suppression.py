"""Inline suppression: ``# akq: disable=RULE[,RULE] reason`` in an item's YAML.

A directive at the end of a line covers the findings on that line and the value
of a key written on it; a directive on a line of its own covers the next line
that holds YAML (typically a key) and that key's whole value.  Directives are
parsed once per file (and cached with the file's results); they are applied to
the item-scope and catalog-scope findings of every run.  A directive without a
reason, naming no known rule, or suppressing nothing is itself reported by the
directive-scope rule ``suppression`` (akq_cli.lint.rules.suppression).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from akq_cli.core.loader import Document
from akq_cli.lint.findings import Finding

_MARK = re.compile(r"#\s*akq\s*:\s*(\S.*)?$")
_DISABLE = re.compile(r"disable\s*=\s*(\S*)\s*(.*)$")
_SEP = re.compile(r"[,，、]")


@dataclass(slots=True)
class Directive:
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    target_line: int | None  # the line it covers; None: nothing follows it
    pointers: tuple[str, ...] = ()  # values it covers entirely
    malformed: bool = False
    used: set[str] = field(default_factory=set)

    def covers(self, f: Finding) -> bool:
        if f.rule not in self.rules:
            return False
        if f.line == self.target_line:
            return True
        return any(f.pointer == p or f.pointer.startswith(p + "/") for p in self.pointers)

    def to_json(self) -> list[object]:
        return [self.line, self.column, list(self.rules), self.reason, self.target_line, list(self.pointers),
                self.malformed]

    @classmethod
    def from_json(cls, raw: list) -> Directive:  # type: ignore[type-arg]
        line, column, rules, reason, target, pointers, malformed = raw
        return cls(line, column, tuple(rules), reason, target, tuple(pointers), bool(malformed))


def parse(doc: Document) -> list[Directive]:
    """The directives in a parsed document (cheap when there are none)."""
    text = doc.text
    if "akq" not in text or doc.root is None:
        return []
    lines = text.split("\n")
    # A '#' inside a quoted or block scalar is text, not a comment.
    spans = [(n.start, n.end) for n in doc.root.walk() if n.style is not None and isinstance(n.value, str)]
    found: list[Directive] = []
    offset = 0
    starts = []
    for ln in lines:
        starts.append(offset)
        offset += len(ln) + 1
    for idx, raw in enumerate(lines):
        if "akq" not in raw:
            continue
        for m in _MARK.finditer(raw):
            pos = m.start()
            if pos > 0 and not raw[pos - 1].isspace():
                continue
            absolute = starts[idx] + pos
            if any(a <= absolute < b for a, b in spans):
                continue
            found.append(_directive(m.group(1) or "", idx + 1, pos + 1, raw[:pos].strip() == "", lines))
            break
    if found:
        _attach_pointers(doc, found)
    return found


def _directive(body: str, line: int, column: int, own_line: bool, lines: list[str]) -> Directive:
    target: int | None = line
    if own_line:
        target = None
        for j in range(line, len(lines)):
            s = lines[j].strip()
            if s and not s.startswith("#"):
                target = j + 1
                break
    m = _DISABLE.match(body.strip())
    if m is None:
        return Directive(line, column, (), "", target, malformed=True)
    rules = tuple(r.strip() for r in _SEP.split(m.group(1)) if r.strip())
    return Directive(line, column, rules, m.group(2).strip(), target, malformed=not rules)


def _attach_pointers(doc: Document, directives: list[Directive]) -> None:
    assert doc.root is not None
    by_line: dict[int, list[str]] = {}
    for node in doc.root.walk():
        if not node.pointer:
            continue
        for ln in {node.key_line, node.line}:
            if ln:
                by_line.setdefault(ln, []).append(node.pointer)
    for d in directives:
        if d.target_line is None:
            continue
        pointers = by_line.get(d.target_line, [])
        # Keep the outermost pointers: a value covers everything below it.
        outer = [p for p in pointers if not any(p != q and p.startswith(q + "/") for q in pointers)]
        d.pointers = tuple(dict.fromkeys(outer))


def apply(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive covers; each directive's ``used`` names the rules it silenced.

    What is wrong with the directives themselves is the directive-scope rule's to
    report (akq_cli.lint.rules.suppression), after this.
    """
    for d in directives:
        d.used = set()
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for d in directives:
            if d.covers(f):
                d.used.add(f.rule)
                hit = True
        if not hit:
            kept.append(f)
    return kept
