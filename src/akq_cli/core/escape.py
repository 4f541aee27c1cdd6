"""Making catalog text safe for the output it is shown in: a terminal (rich markup) or Markdown.

Every value in an item file is written by whoever opened the merge request.
Shown raw, an escape sequence repaints the reviewer's terminal, ``[red]``
restyles rich output, ``<img>`` or ``@all`` acts in a merge-request comment.
The templates under ``templates/review`` and ``templates/report`` escape every
value with one of these functions (akq_cli.core.textout), so a template cannot
forget to.
"""

from __future__ import annotations

import re

from rich.markup import escape as _rich_escape

from akq_cli.core import invisible

# What the control-character rule reports (akq_cli.core.invisible), and the direction marks and
# invisible operators too: a reviewer must see every character that is not what it looks like.
_INVISIBLE = re.compile(f"[{invisible.CLASS}\u200e\u200f\u2061-\u2064]")
# GitLab and GitHub turn these into mentions and references (@all, #12, !3, ~bug, %v1, $5)
# whatever backslashes precede them; an empty HTML comment between the sign and the
# word renders as nothing and breaks the reference.
_REFERENCE = re.compile(r"([@#!~%$])(?=\w)")


def visible(text: str) -> str:
    """``text`` with each invisible or control character written as <U+XXXX>."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def rich_text(text: str) -> str:
    """``text`` as rich console markup that prints exactly ``text``."""
    return _rich_escape(visible(text))


def markdown(text: str) -> str:
    """Text that Markdown and the HTML inside it show literally, in a table cell too (GitLab and GitHub)."""
    out = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#~":
        out = out.replace(ch, "\\" + ch)
    out = _REFERENCE.sub(r"\1<!-- -->", out)
    return out.replace("\r\n", "<br>").replace("\n", "<br>")


def code_span(text: str) -> str:
    """``text`` as a Markdown code span: literal, whatever backticks it holds."""
    # GFM splits a table row at | even inside a code span, unless it is escaped.
    text = visible(text).replace("\n", " ").replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
