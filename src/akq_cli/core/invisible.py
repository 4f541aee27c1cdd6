"""Invisible and control characters: which they are, what they are called, and text without them.

Text pasted from Word or a web page brings characters nobody sees: a vertical
tab (Word's soft line break), zero-width spaces, a right-to-left override that
shows a reviewer other words than the file holds.  Written as YAML escapes
(``"\\e[2J"``) they also reach a terminal, a spreadsheet or a DOCX file, which
the first clears and the other two refuse to open.  The ``control-character``
rule finds them, the loader names the ones libyaml refuses, ``lint --fix``
removes them, and every writer passes values through ``clean`` regardless.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# C0 controls but tab, newline and carriage return, DEL, C1 controls, zero-width characters, bidirectional
# embeddings, overrides and isolates, the byte-order mark inside text, and the noncharacters of the BMP.
_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff"
# The other planes' noncharacters are their last two code points.  Listing all 32 in a character class
# makes every search several times slower (100 us for an item, against 20 us); a range is as fast, so
# the searches take U+1FFFE..U+10FFFF as candidates and ``is_invisible`` keeps the noncharacters.
_ASTRAL = "\U0001fffe-\U0010ffff"
_CANDIDATE_IN_FILE = re.compile(f"[{_BMP}{_ASTRAL}]")  # in a file's text, where \r\n and \r end lines
# inside a value a carriage return came from an escape: YAML folds real line breaks to \n
_CANDIDATE_IN_VALUE = re.compile(f"[{_BMP}\r{_ASTRAL}]")
# The whole class spelled out, for a pattern that adds characters of its own (akq_cli.core.escape).
CLASS = _BMP + "\r" + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(1, 17))
# What libyaml's reader refuses (YAML 1.1's printable set), plus NEL, which it reads as a line break.
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
SPACE = frozenset("\x0b\x0c")  # a vertical tab or form feed separated words: it becomes a space

_C0 = {
    0x00: ("空字符 NUL", "null NUL"),
    0x01: ("标题开始符 SOH", "start of heading SOH"),
    0x02: ("正文开始符 STX", "start of text STX"),
    0x03: ("正文结束符 ETX", "end of text ETX"),
    0x04: ("传输结束符 EOT", "end of transmission EOT"),
    0x05: ("询问符 ENQ", "enquiry ENQ"),
    0x06: ("确认符 ACK", "acknowledge ACK"),
    0x07: ("响铃符 BEL", "bell BEL"),
    0x08: ("退格符 BS", "backspace BS"),
    0x0B: ("垂直制表符", "vertical tab"),
    0x0C: ("换页符", "form feed"),
    0x0D: ("回车符 CR", "carriage return CR"),
    0x1B: ("转义字符 ESC", "escape ESC"),
    0x7F: ("删除符 DEL", "delete DEL"),
    0x85: ("下一行符 NEL", "next line NEL"),
    0x9B: ("控制序列引导符 CSI", "control sequence introducer CSI"),
    0x9D: ("操作系统命令符 OSC", "operating system command OSC"),
    0x200B: ("零宽空格", "zero width space"),
    0x200C: ("零宽不连字", "zero width non-joiner"),
    0x200D: ("零宽连字", "zero width joiner"),
    0x2060: ("零宽不换行符", "word joiner"),
    0x202A: ("从左到右嵌入", "left-to-right embedding"),
    0x202B: ("从右到左嵌入", "right-to-left embedding"),
    0x202C: ("嵌入结束", "pop directional formatting"),
    0x202D: ("从左到右覆盖", "left-to-right override"),
    0x202E: ("从右到左覆盖", "right-to-left override"),
    0x2066: ("从左到右隔离", "left-to-right isolate"),
    0x2067: ("从右到左隔离", "right-to-left isolate"),
    0x2068: ("首个强字符隔离", "first strong isolate"),
    0x2069: ("隔离结束", "pop directional isolate"),
    0xFEFF: ("零宽不换行空格（BOM）", "zero width no-break space (BOM)"),
}
_NOTE = {
    0x0B: ("Word 中的软换行", "Word's soft line break"),
    0x0C: ("Word 中的分页符", "Word's page break"),
}


def is_invisible(ch: str) -> bool:
    """Whether one character is of the class (a carriage return counts: in a value it is one)."""
    cp = ord(ch)
    if cp >= 0x1FFFE:
        return cp & 0xFFFE == 0xFFFE
    return _CANDIDATE_IN_VALUE.match(ch) is not None


def find(text: str) -> Iterator[re.Match[str]]:
    """Each character of the class in a file's text (line ends excluded), in order."""
    return (m for m in _CANDIDATE_IN_FILE.finditer(text) if ord(m.group()) < 0x1FFFE or is_invisible(m.group()))


def contains(text: str) -> bool:
    """Whether a value holds a character of the class."""
    return any(is_invisible(m.group()) for m in _CANDIDATE_IN_VALUE.finditer(text))


def names(ch: str) -> dict[str, str]:
    """The character's name and code point in Chinese and English: “垂直制表符 U+000B（Word 中的软换行）”."""
    cp = ord(ch)
    zh, en = _C0.get(cp) or (
        ("控制字符", "control character")
        if cp < 0x20 or 0x7F <= cp <= 0x9F
        else ("非字符", "noncharacter")
        if 0xFDD0 <= cp <= 0xFDEF or cp & 0xFFFE == 0xFFFE
        else ("不可见字符", "invisible character")
    )
    code = f"U+{cp:04X}"
    note = _NOTE.get(cp)
    return {
        "zh": f"{zh} {code}" + (f"（{note[0]}）" if note else ""),
        "en": f"{en} {code}" + (f" ({note[1]})" if note else ""),
    }


def _replace(m: re.Match[str]) -> str:
    ch = m.group()
    if not is_invisible(ch):
        return ch  # a character of another plane, only a candidate
    return " " if ch in SPACE else ""


def clean(text: str) -> str:
    """``text`` without invisible and control characters; a vertical tab or form feed becomes a space."""
    return _CANDIDATE_IN_VALUE.sub(_replace, text) if _CANDIDATE_IN_VALUE.search(text) else text


def clean_file(text: str) -> str:
    """A file's text without them, its line ends (\\r\\n, \\r) kept: what `akq lint --fix` does to raw text."""
    return _CANDIDATE_IN_FILE.sub(_replace, text) if _CANDIDATE_IN_FILE.search(text) else text


def yields_clean_values(text: str) -> bool:
    """Whether every value and key YAML reads from ``text`` is clean already, so that clean_data may be skipped.

    A value holds only characters of the text, line breaks folded, unless an escape in a double-quoted
    scalar makes one ("\\u200b"): hence no candidate character and no backslash at all.
    """
    return "\\" not in text and not _CANDIDATE_IN_FILE.search(text)


def clean_data(value: Any) -> Any:
    """Plain data (dicts, lists, scalars) with every string and key cleaned; unchanged values are the same objects."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value
