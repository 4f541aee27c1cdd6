"""`--format sarif`: SARIF 2.1.0, for GitHub code scanning and other viewers.

The rule metadata (tool.driver.rules) comes from the rule registry: the
summary, description and examples that `akq rules RULE` shows.  Text is in the
run's language (--lang); both languages are kept in each rule's properties.
Columns count Unicode code points, as akq's do (columnKind).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from akq_cli import __version__
from akq_cli.core.i18n import lang, pick
from akq_cli.lint.engine import LintReport
from akq_cli.lint.framework import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _help(rule: Rule) -> tuple[str, str]:
    zh = lang() == "zh"
    text = [pick(rule.description)]
    md = [pick(rule.description)]
    for label, examples in (("不通过的例子" if zh else "Fails", rule.bad), ("通过的例子" if zh else "Passes", rule.good)):
        for ex in examples:
            note = f"：{pick(ex.note)}" if ex.note and zh else f": {pick(ex.note)}" if ex.note else ""
            text.append(f"{label}{note}\n{ex.yaml.rstrip()}")
            md.append(f"**{label}**{note}\n\n```yaml\n{ex.yaml.rstrip()}\n```")
    return "\n\n".join(text), "\n\n".join(md)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    text, markdown = _help(rule)
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": pick(rule.summary)},
        "fullDescription": {"text": pick(rule.description)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "summary": dict(rule.summary),
            "description": dict(rule.description),
            "fixable": rule.fixable,
            "scope": rule.scope,
        },
    }


def render(report: LintReport) -> str:
    from akq_cli.lint.registry import all_rules

    rules = list(all_rules().values())
    index = {r.id: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        region: dict[str, Any] = {"startLine": f.line, "startColumn": f.column}
        if f.end_column:
            region["endLine"] = f.end_line or f.line
            region["endColumn"] = f.end_column
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(f.file, safe="/")},
                        "region": region,
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer or "/", "kind": "object"}],
                }
            ],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.match:
            result["properties"] = {"match": f.match}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "akq",
                        "fullName": "akq lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": "zh-CN" if lang() == "zh" else "en-US",
                        "rules": [rule_descriptor(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
