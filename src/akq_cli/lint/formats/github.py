"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

    ::error file=catalog/items/SFJ/SFJ-ZM-001.yaml,line=12,col=19,endColumn=20,title=akq vague-term::message

Escaping follows the Actions runner: in the message %, CR and LF are
percent-encoded; in property values also ':' and ','.
"""

from __future__ import annotations

from akq_cli.core.escape import visible
from akq_cli.lint.engine import LintReport

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    # visible(): a file name or matched text from a merge request may hold ESC sequences meant for the job log
    return visible(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: LintReport) -> str:
    out = []
    for f in report.findings:
        props = {"file": f.file, "line": str(f.line), "col": str(f.column)}
        if f.end_column:
            props["endLine"] = str(f.end_line or f.line)
            props["endColumn"] = str(f.end_column)
        props["title"] = f"akq {f.rule}"
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
        out.append(f"::{LEVEL[f.severity]} {head}::{escape_data(f.message)}\n")
    return "".join(out)
