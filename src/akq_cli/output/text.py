"""`--format text`: findings grouped by file, with the offending line and the match marked."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from akq_cli.i18n import lang
from akq_cli.lint import LintReport

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _source_line(file: str, line: int, cache: dict[str, list[str]]) -> str:
    if file not in cache:
        try:
            cache[file] = Path(file).read_text("utf-8", errors="replace").splitlines()
        except OSError:
            cache[file] = []
    lines = cache[file]
    return lines[line - 1] if 0 < line <= len(lines) else ""


def render(report: LintReport, console: object) -> None:
    from rich.markup import escape
    from rich.text import Text

    labels = _LABEL[lang()]
    cache: dict[str, list[str]] = {}
    for file, group in groupby(report.findings, key=lambda f: f.file):
        console.print(Text(file, style="bold underline"))
        for f in group:
            head = Text.assemble(
                (f"  {f.line}:{f.column}  ", "dim"),
                (labels[f.severity], _STYLE[f.severity]),
                "  ",
                (f.rule, "magenta"),
                "  ",
                f.message,
            )
            console.print(head)
            src = _source_line(file, f.line, cache)
            if src:
                text = Text("      │ ", style="dim")
                body = Text(src.replace("\t", " "))
                if f.match and f.end_column:
                    body.stylize("bold reverse " + _STYLE[f.severity].split()[-1], f.column - 1, f.end_column - 1)
                text.append(body)
                console.print(text)
        console.print()
    c = report.counts()
    if lang() == "zh":
        summary = f"检查了 {report.files} 个文件：{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 个提示。"
    else:
        summary = f"Checked {report.files} files: {c['error']} errors, {c['warning']} warnings, {c['info']} infos."
    style = "bold red" if c["error"] else "bold green" if not c["warning"] else "bold yellow"
    console.print(Text(summary, style=style))
    del escape
