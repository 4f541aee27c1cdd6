"""`--format gitlab`: GitLab Code Quality report (a JSON array of issues).

The fingerprint identifies an issue across runs and commits: it hashes the
rule, file, JSON Pointer and matched text (not the line number, which moves
whenever someone edits above it), plus an ordinal for repeats.
"""

from __future__ import annotations

import hashlib
import json

from akq_cli.lint.engine import LintReport

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(report: LintReport) -> str:
    issues = []
    seen: dict[str, int] = {}
    for f in report.findings:
        base = "\0".join((f.rule, f.file, f.pointer, f.match or ""))
        n = seen[base] = seen.get(base, 0) + 1
        fingerprint = hashlib.sha256(f"{base}\0{n}".encode()).hexdigest()[:32]
        issues.append(
            {
                "description": f.message,
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": SEVERITY[f.severity],
                "location": {"path": f.file, "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
