"""The linter: files in, findings out.  Output formats live in akq_cli.output."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from akq_cli.config import LintConfig
from akq_cli.findings import Finding, Severity
from akq_cli.i18n import pick, t
from akq_cli.rules import all_rules
from akq_cli.rules.base import CatalogContext, Hit, ItemContext, ItemSummary, Rule
from akq_cli.source import Document, Node, read_document


@dataclass
class FileResult:
    findings: list[Finding]
    summary: ItemSummary | None


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            c[f.severity] += 1
        return c

    def summary(self) -> dict[str, object]:
        return {"files": self.files, "findings": len(self.findings), **self.counts()}

    def worst(self) -> Severity | None:
        return max((f.level for f in self.findings), default=None)


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the current directory when possible."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def make_finding(rule: Rule, doc: Document, file: str, hit: Hit, config: LintConfig) -> Finding:
    node = hit.node
    line, col = node.line, node.column
    end_line = end_col = None
    if hit.index is not None and hit.match:
        line, col = doc.locate(node, hit.index, hit.match)
        end_line, end_col = line, col + len(hit.match)
    template = hit.message or rule.message
    return Finding(
        rule=rule.id,
        severity=config.severity_of(rule.id, rule.severity),
        file=file,
        line=line,
        column=col,
        pointer=hit.pointer if hit.pointer is not None else node.pointer,
        message=pick(template, **hit.args),
        match=hit.match,
        end_line=end_line,
        end_column=end_col,
        fix=hit.fix,
    )


def lint_document(doc: Document, file: str, config: LintConfig) -> FileResult:
    rules = all_rules()
    findings: list[Finding] = []
    syntax = rules["yaml-syntax"]
    if config.enabled(syntax.id):
        for p in doc.problems:
            findings.append(
                Finding(
                    rule=syntax.id,
                    severity=config.severity_of(syntax.id, "warning" if not p.fatal else syntax.severity),
                    file=file,
                    line=p.line,
                    column=p.column,
                    pointer="",
                    message=t(p.code, **p.args),
                )
            )
    root = doc.root
    if root is None or any(p.fatal for p in doc.problems):
        return FileResult(findings, None)
    if not isinstance(root.value, dict):
        findings.append(
            make_finding(
                rules["schema"],
                doc,
                file,
                Hit(
                    root,
                    message={
                        "zh": "事项文件的顶层应当是“键: 值”的映射。",
                        "en": "An item file must be a mapping of keys to values at the top level.",
                    },
                ),
                config,
            )
        )
        return FileResult(findings, None)
    ctx = ItemContext(doc.path, doc, root, config)
    for rule in rules.values():
        if rule.scope != "item" or rule.id == syntax.id or not config.enabled(rule.id):
            continue
        for hit in rule.check(ctx):
            findings.append(make_finding(rule, doc, file, hit, config))
    return FileResult(findings, summarize(file, root))


def summarize(file: str, root: Node) -> ItemSummary:
    def s(key: str) -> str | None:
        n = root.get(key)
        return n.value if n is not None and isinstance(n.value, str) else None

    def pos(key: str) -> tuple[int, int]:
        n = root.get(key)
        return (n.line, n.column) if n is not None else (root.line, root.column)

    certs = root.get("certifications")
    cert_list = (
        [(n.value, n.line, n.column) for n in certs.value if isinstance(n.value, str)]
        if certs is not None and isinstance(certs.value, list)
        else []
    )
    return ItemSummary(
        file=file,
        id=s("id"),
        id_line=pos("id")[0],
        id_column=pos("id")[1],
        kind=s("kind"),
        title=s("title"),
        matter=s("matter"),
        department=s("department"),
        department_line=pos("department")[0],
        department_column=pos("department")[1],
        certifications=cert_list,
        status=s("status"),
    )


def lint_file(path: Path, config: LintConfig) -> FileResult:
    file = display_path(path)
    try:
        doc = read_document(path)
    except OSError as exc:
        return FileResult(
            [
                Finding(
                    "yaml-syntax", "error", file, 1, 1, "", t("unreadable", path=file, error=exc.strerror or str(exc))
                )
            ],
            None,
        )
    return lint_document(doc, file, config)


def catalog_findings(ctx: CatalogContext) -> Iterable[Finding]:
    for rule in all_rules().values():
        if rule.scope == "catalog" and ctx.config.enabled(rule.id):
            yield from rule.check(ctx)


def lint_paths(files: list[Path], config: LintConfig, departments: set[str] | None) -> LintReport:
    report = LintReport(files=len(files))
    summaries: list[ItemSummary] = []
    for path in files:
        result = lint_file(path, config)
        report.findings.extend(result.findings)
        if result.summary is not None:
            summaries.append(result.summary)
    report.findings.extend(catalog_findings(CatalogContext(summaries, departments, config)))
    report.findings.sort(key=Finding.sort_key)
    return report
