"""Chinese wording for the item model's enum values, and sentence punctuation helpers."""

from __future__ import annotations

import re
from typing import Any

from akq_cli.core import vocab

METHODS = vocab.METHOD
VERIFICATION_METHODS = vocab.zh(vocab.VERIFICATION)

_ENDINGS = "。；！？：，、.;!?:,"
_LINE_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


def bare(text: Any) -> str:
    """The text without surrounding blanks and without its closing punctuation."""
    value = str(text or "").strip()
    while value and value[-1] in _ENDINGS:
        value = value[:-1].rstrip()
    return value


def sentence(text: Any) -> str:
    """The text as a full sentence ending in 。 (kept when it already ends in ！ or ？)."""
    value = str(text or "").strip()
    if not value:
        return ""
    if value[-1] in "。！？":
        return value
    return bare(value) + "。"


def enumerate_lines(texts: list[str]) -> list[str]:
    """`1．…；` for each but the last, which ends in 。 (GB/T 9704's third level numbering).

    A single entry is a plain sentence: a list of one numbered "1．" reads as if the rest were lost."""
    count = len(texts)
    if count == 1:
        return [sentence(texts[0])]
    return [f"{i}．{bare(t)}{'；' if i < count else '。'}" for i, t in enumerate(texts, 1)]


def methods(value: Any) -> list[str]:
    """The commitment methods as a list of enum values, in the order the item gives them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return ["written"]


def join_cn(texts: list[str]) -> str:
    return "、".join(t for t in texts if t)


def legal_basis(entry: Any) -> str:
    """《文件》第…条 from one legal_basis entry; a document without 《》 gets them."""
    if not isinstance(entry, dict):
        return bare(entry)
    # A line break inside a citation (a title or article typed over two lines of a spreadsheet cell) is no
    # break on the form: Word would break the line there and then wrap the rest again.
    document = _LINE_BREAKS.sub("", bare(entry.get("document")))
    if document and not document.startswith("《"):
        document = f"《{document}》"
    return f"{document}{_LINE_BREAKS.sub('', bare(entry.get('article')))}"


def legal_bases(entries: Any) -> list[str]:
    return [text for text in (legal_basis(e) for e in entries or []) if text]


def verification_methods(values: Any) -> list[str]:
    return [VERIFICATION_METHODS.get(v, str(v)) for v in values or [] if v]


def text_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value or [] if str(v).strip()]
