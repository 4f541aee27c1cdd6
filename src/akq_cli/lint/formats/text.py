"""`--format text`: findings grouped by file, with the offending line and the match marked.

    catalog/items/SFJ/SFJ-ZM-001.yaml
      12:19  错误  vague-term
        “等”是模糊表述……（wrapped lines keep this indent）
        12 | content: 申请人家庭人均收入等情况
           |                    ^

Only ASCII is used for the frame ('|', '^'): box-drawing characters are
"ambiguous width" and take two cells in a Chinese Windows console, which would
push the marker off the match.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from akq_cli.core.escape import visible
from akq_cli.core.i18n import lang
from akq_cli.core.state import read_regular
from akq_cli.lint.engine import LintReport
from akq_cli.lint.findings import Finding

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_LABEL = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
INDENT = 4


def _source_lines(file: str) -> list[str]:
    # read_regular: a finding may be about a symlink to /proc/self/environ or a FIFO; never open those
    try:
        text = read_regular(file).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # not text we could show faithfully
    # split at newlines only: splitlines() also breaks at a vertical tab or NEL, which the finding is about
    return [ln.rstrip("\r").replace("\t", " ") for ln in text.split("\n")]


_OPENING = frozenset("（《「『“‘〔【([{")
_CLOSING = frozenset("，。、；：！？）》」』”’〕】,.;:!?)]}")


def _tokens(text: str) -> list[str]:
    """Units a line may break between: ASCII words, spaces, single CJK characters.

    Closing punctuation sticks to what precedes it and opening punctuation to
    what follows, so that no line starts with “，” or ends with “（”.
    """
    raw: list[str] = []
    for ch in text:
        if ch.isascii() and not ch.isspace() and raw and raw[-1][-1].isascii() and not raw[-1][-1].isspace():
            raw[-1] += ch
        else:
            raw.append(ch)
    out: list[str] = []
    pending = ""
    for tok in raw:
        if tok in _OPENING:
            pending += tok
            continue
        tok = pending + tok
        pending = ""
        if out and tok[0] in _CLOSING and not out[-1].isspace():
            out[-1] += tok
        else:
            out.append(tok)
    if pending:
        out.append(pending)
    return out


def wrap(text: str, width: int) -> list[str]:
    """Wrap mixed Chinese/English text to ``width`` terminal cells.

    rich wraps only at spaces, so a Chinese sentence with one English word in
    it breaks at that word and leaves a ragged short line; here any CJK
    character is a break point, as in Chinese typesetting.
    """
    from rich.cells import cell_len

    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for tok in _tokens(paragraph):
            if cell_len(line + tok) <= width:
                line += tok
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if tok.isspace() else tok
            while cell_len(line) > width:  # one word wider than the screen: cut it
                cut = len(line)
                while cut > 1 and cell_len(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _window(src: str, start: int, length: int, room: int) -> tuple[str, int]:
    """Crop ``src`` to ``room`` cells, keeping characters start..start+length; returns (text, new start).

    Drops only as much as needed: first from the left (keeping a quarter of the
    room as context before the match), then from the right.
    """
    from itertools import accumulate

    from rich.cells import get_character_cell_size

    cum = [0, *accumulate(get_character_cell_size(ch) for ch in src)]  # cum[i]: cells of src[:i]
    if cum[-1] <= room:
        return src, start
    dots = 3
    left = 0
    # Smallest left cut that makes the rest fit, but never closer to the match than the context.
    context = room // 4
    while left < start and cum[-1] - cum[left] + dots > room and cum[start] - cum[left] > context:
        left += 1
    prefix = "..." if left else ""
    right = len(src)
    keep = min(start + length, len(src))
    while right > keep and cum[right] - cum[left] + len(prefix) > room:
        right -= 1
    return prefix + src[left:right], start - left + len(prefix)


def _snippet(f: Finding, src: str, width: int, gutter: int) -> list[Any]:
    from rich.cells import cell_len
    from rich.text import Text

    style = _STYLE[f.severity].split()[-1]
    start = max(f.column - 1, 0)
    length = (f.end_column - f.column) if f.match and f.end_column else 1
    # A control character in the line would act on the terminal: show it as <U+XXXX>, the marker moved to match.
    start, length, src = len(visible(src[:start])), len(visible(src[start : start + length])), visible(src)
    room = max(width - INDENT - gutter - 3, 20)
    shown, start = _window(src, start, length, room)
    pad = " " * INDENT
    line = Text.assemble((f"{pad}{f.line:>{gutter}} | ", "dim"))
    body = Text(shown, no_wrap=True, overflow="crop")
    if f.match and f.end_column:
        body.stylize(f"bold {style}", start, start + length)
    line.append(body)
    marker = Text.assemble(
        (f"{pad}{'':>{gutter}} | ", "dim"),
        " " * cell_len(shown[:start]),
        ("^" * max(cell_len(shown[start : start + length]), 1), f"bold {style}"),
    )
    return [line, marker]


def render(report: LintReport, console: Any) -> None:
    from rich.text import Text

    labels = _LABEL[lang()]
    width = console.width
    for file, group in groupby(report.findings, key=lambda f: f.file):
        findings = list(group)
        lines = _source_lines(file)
        gutter = len(str(max(f.line for f in findings)))
        console.print(Text(visible(file), style="bold underline"), no_wrap=True, overflow="ellipsis")
        for f in findings:
            console.print(
                Text.assemble(
                    (f"  {f.line}:{f.column}", "dim"),
                    "  ",
                    (labels[f.severity], _STYLE[f.severity]),
                    "  ",
                    (f.rule, "magenta"),
                ),
                no_wrap=True,
            )
            for part in wrap(visible(f.message), max(width - INDENT, 20)):
                console.print(Text(" " * INDENT + part), no_wrap=True, overflow="crop")
            if 0 < f.line <= len(lines) and lines[f.line - 1].strip():
                for part in _snippet(f, lines[f.line - 1], width, gutter):
                    console.print(part, no_wrap=True, overflow="crop")
        console.print()
    c = report.counts()
    if lang() == "zh":
        summary = f"检查了 {report.files} 个文件：{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 个提示。"
    else:
        summary = f"Checked {report.files} files: {c['error']} errors, {c['warning']} warnings, {c['info']} infos."
    style = "bold red" if c["error"] else "bold yellow" if c["warning"] else "bold green"
    console.print(Text(summary, style=style))
