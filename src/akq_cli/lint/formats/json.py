"""`--format json`: the machine-readable report of ../shared/spec/item-model.md."""

from __future__ import annotations

import json

from akq_cli.lint.engine import LintReport


def render(report: LintReport) -> str:
    payload = {"findings": [f.to_json() for f in report.findings], "summary": report.summary()}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
