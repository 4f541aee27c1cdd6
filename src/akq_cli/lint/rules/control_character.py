"""control-character: invisible and control characters, written raw or as a YAML escape.

C0 and C1 controls (but tab and newline), DEL, zero-width characters,
bidirectional embeddings, overrides and isolates, a byte-order mark inside the
text and noncharacters (akq_cli.core.invisible).  A document-scope rule: it
reads the file's text, so it reports a file that does not parse too.  The
characters libyaml refuses outright the loader reports already (yaml-syntax, at
the same place); this rule reports every other one, and every escape in a
double-quoted value (``"\\e[2J"``, ``"\\v"``, ``"\\u202e"``) at the backslash.
`akq lint --fix` removes them from the raw text (akq_cli.lint.fixes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from akq_cli.core import invisible
from akq_cli.core.i18n import pick
from akq_cli.core.loader import Document
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import DocumentContext, Example, Rule

# A double-quoted scalar's escapes (YAML 1.1 and 1.2): \x, \u and \U with hex digits, else one character.
ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[\s\S])")
_SINGLE = {"0": "\x00", "a": "\x07", "b": "\x08", "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85"}

_ESCAPED = {
    "zh": "转义“{escape}”写出了看不见的字符：{name_zh}。请删除这个转义：它会扰乱终端，让表格和 Word 文件无法打开"
    "（`akq lint --fix` 可以自动删除，垂直制表符和换页符改为空格）。",
    "en": "The escape '{escape}' writes an invisible character: {name_en}. Remove the escape: it disturbs terminals and "
    "makes spreadsheets and Word files unreadable (`akq lint --fix` removes it; a vertical tab or form feed becomes "
    "a space).",
}


def escaped(text: str) -> str | None:
    """The character a double-quoted scalar's escape stands for, or None (a line continuation, a bad code point)."""
    body = text[1:]
    if body[0] in "xuU":
        code = int(body[1:], 16)
        return chr(code) if code <= 0x10FFFF else None
    return _SINGLE.get(body)


def escapes(doc: Document) -> Iterator[tuple[int, str, str]]:
    """(offset in the file, escape as written, character) of each escape that writes one of these characters."""
    text = doc.text
    if doc.root is None or "\\" not in text:
        return  # no backslash, no escape: the common case costs one search, not a walk of the tree
    for node in doc.root.walk():
        if node.style != '"' or not isinstance(node.value, str):
            continue
        raw = text[node.start : node.end]
        if "\\" not in raw:
            continue
        for m in ESCAPE.finditer(raw):
            ch = escaped(m.group())
            if ch is not None and invisible.is_invisible(ch):
                yield node.start + m.start(), m.group(), ch


def _check(ctx: DocumentContext) -> Iterable[Finding]:
    doc = ctx.doc
    if any(p.code == "nul-byte" for p in doc.problems):
        return  # not text: the loader said so once, a finding per NUL would bury it
    told = {(p.line, p.column) for p in doc.problems if p.code == "control-character"}
    severity = ctx.config.severity_of(RULE.id, RULE.severity)
    found = [(m.start(), m.group(), m.group(), RULE.message) for m in invisible.find(doc.text)]
    found.extend((at, written, ch, _ESCAPED) for at, written, ch in escapes(doc))
    for offset, written, ch, message in sorted(found):
        line, column = doc.position(offset)
        if (line, column) in told:
            continue
        name = invisible.names(ch)
        yield Finding(
            rule=RULE.id,
            severity=severity,
            file=ctx.file,
            line=line,
            column=column,
            pointer="",
            message=pick(message, name_zh=name["zh"], name_en=name["en"], escape=written),
            match=written,
            end_line=line,
            end_column=column + len(written),
        )


RULE = Rule(
    id="control-character",
    severity="error",
    summary={
        "zh": "文字中有看不见的控制字符、零宽字符或文字方向控制符（直接写入或以“\\v”“\\e”等转义写出）。",
        "en": "Invisible control, zero-width or text-direction characters, written raw or as an escape such as '\\v'.",
    },
    description={
        "zh": "从 Word、网页或聊天软件复制的文字常带着看不见的字符：垂直制表符（Word 中的软换行）、换页符、"
        "零宽空格、文字方向控制符等。它们印在告知承诺书上看不出来，却会让导出的表格和 Word 文件无法打开；"
        "转义字符（ESC）能改写审核人的终端画面，文字方向控制符能让审核人看到的文字与文件实际内容不同。"
        "这条规则报告 C0 和 C1 控制字符（制表符和换行除外）、DEL、零宽字符（U+200B–U+200D、U+2060、"
        "正文中的 U+FEFF）、文字方向的嵌入、覆盖和隔离符（U+202A–U+202E、U+2066–U+2069）以及非字符，"
        "无论是直接写入的，还是在双引号中以 YAML 转义（如 `\\v`、`\\e`、`\\x1b`、`\\u202e`）写出的。"
        "YAML 本身不允许的字符会让文件无法读取，由 yaml-syntax 在同一位置报告。"
        "`akq lint --fix` 会删除这些字符，即使文件无法读取也能修正；垂直制表符和换页符改为空格。",
        "en": "Text pasted from Word, web pages or chat apps often brings invisible characters: vertical tabs (Word's "
        "soft line break), form feeds, zero-width spaces, text-direction controls. Nobody sees them on the printed "
        "form, yet they make exported spreadsheets and Word files unreadable; an escape character (ESC) can repaint a "
        "reviewer's terminal, and a direction override can show a reviewer other words than the file holds. Reported: "
        "C0 and C1 controls (but tab and newline), DEL, zero-width characters (U+200B-U+200D, U+2060, U+FEFF inside "
        "text), bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and noncharacters, "
        "whether written raw or as a YAML escape in double quotes (such as `\\v`, `\\e`, `\\x1b`, `\\u202e`). "
        "Characters YAML itself refuses make the file unreadable; yaml-syntax reports those at the same place. "
        "`akq lint --fix` removes them, from a file that does not parse too; a vertical tab or form feed becomes a "
        "space.",
    },
    message={
        "zh": "这里有看不见的字符：{name_zh}。请删除：它会扰乱终端，让表格和 Word 文件无法打开，或让人看到与文件不同的文字"
        "（`akq lint --fix` 可以自动删除，垂直制表符和换页符改为空格）。",
        "en": "An invisible character stands here: {name_en}. Remove it: it disturbs terminals, makes spreadsheets and "
        "Word files unreadable or shows other text than the file holds (`akq lint --fix` removes it; a vertical tab "
        "or form feed becomes a space).",
    },
    bad=(
        Example(
            'title: "经济困难\\v证明"\n',
            note={"zh": "垂直制表符（Word 中的软换行）写成转义", "en": "a vertical tab (Word's soft line break) as an escape"},
            fix='title: "经济困难 证明"\n',
            at=("3:13",),
        ),
        Example(
            'matter: "申请法律援助\\u200b"\n',
            note={"zh": "零宽空格", "en": "a zero-width space"},
            fix='matter: "申请法律援助"\n',
            at=("4:16",),
        ),
        Example(
            'title: "经济困难证明\\e[2J\\a"\n',
            note={"zh": "清空终端屏幕并响铃的转义序列", "en": "an escape sequence that clears the terminal, and a bell"},
            fix='title: "经济困难证明[2J"\n',
            at=("3:15", "3:20"),
        ),
    ),
    good=(
        Example(
            'content: "申请人及其共同生活的家庭成员上一年度人均月收入低于新疆维吾尔自治区人民政府公布的法律援助经济困难标准。\\n'
            '申请人没有委托代理人。"\n',
            note={"zh": "换行和制表符可以写", "en": "newlines and tabs are fine"},
        ),
    ),
    check=_check,
    scope="document",
    fixable=True,
)
