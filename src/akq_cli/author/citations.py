"""A legal-basis cell of a department's list, read as written: 《title》, its 文号 or 令号, articles, article text.

Real lists write a basis in many ways: ``【法律】《中华人民共和国律师法》第十一条、第十二条``,
``《某规程》(某部令第26号)第十二条``, ``《某办法》〔国务院令第412号〕第五条：“……”``, several documents
in one cell split by line breaks or ；.  `parse_basis` returns one entry per article with the document exactly
as titled, the document number and any quoted article text kept apart (the draft shows them as comments),
and the level the 【…】 tag says, else a guess from the name and number.  What is not a citation (a bare
"法规", "有关规定") is returned as ``unparsed`` for the import to report; nothing is made up from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from akq_cli.core import vocab

# The level a tag or a 效力层级 cell names; 规章 and 法规 alone say too little, the name decides.
LEVEL_NAMES: dict[str, str] = {
    **{names["zh"]: code for code, names in vocab.LEVEL.items()},
    "部委规章": "departmental_rule",
    "国务院部门规章": "departmental_rule",
    "自治区地方性法规": "local_regulation",
    "自治条例和单行条例": "local_regulation",
    "单行条例": "local_regulation",
    "其他规范性文件": "normative_document",
    "行政规范性文件": "normative_document",
}

_OPEN, _CLOSE = "（([［〔", "）)]］〕"
# A bracketed note: （国务院令第412号）, (某部令第26号), 〔国发〔2021〕7号〕, [2019年修正]; 〔年份〕 may nest inside.
_NOTE = r"[（(\[［](?:〔[^〔〕]*〕|[^（()）\[\]［］])*[）)\]］]|〔(?:[^〔〕]|〔[^〔〕]*〕)*?(?:令|号)[^〔〕]*〕"
# A document number written without brackets right after the title: 国发〔2021〕7号, 公安部令第88号.
_BARE_NUMBER = r"[\u4e00-\u9fa5]{1,12}(?:〔[0-9０-９]{4}〕[0-9０-９]+号|令第[0-9０-９一二三四五六七八九十百零]+号)"
_NUM = r"[0-9０-９一二三四五六七八九十百千零〇两]+"
_ARTICLE = rf"第{_NUM}条(?:之[一二三四五六七八九十]+)?(?:第{_NUM}款)?(?:第{_NUM}项)?|第{_NUM}[款项](?:第{_NUM}项)?"
_ARTICLES = rf"(?:{_ARTICLE})(?:(?:\s*(?:[、，,和及与]|以及)\s*|\s+)(?:{_ARTICLE}))*"
_TAG = re.compile(r"【([^】]{1,12})】")
_TITLE = re.compile(r"《[^《》]+》")
_UNBRACKETED = re.compile(
    rf"^\s*(?P<title>[\u4e00-\u9fa5（）()]{{4,60}}?(?:法|条例|规定|办法|决定|细则|规则|通知|意见))\s*(?P<rest>第{_NUM}条.*)$", re.S
)
_AFTER = re.compile(rf"\s*(?P<note>{_NOTE}|{_BARE_NUMBER})?\s*(?P<articles>{_ARTICLES})?\s*(?P<note2>{_NOTE})?", re.S)
_SEPARATORS = " \t\n\r；;，,、。.：:和及与以及\"“”'‘’"
# Document numbers say the level better than the title does: 《…办法》（国务院令第412号） is an administrative regulation.
_ISSUED_BY = (
    (re.compile(r"主席令"), "law"),
    (re.compile(r"国务院令"), "administrative_regulation"),
    (re.compile(r"(?:人民)?政府令"), "local_government_rule"),
    (re.compile(r"[部局委署]令|[部局委署]第[0-9０-９一二三四五六七八九十百零]+号令|委员会令"), "departmental_rule"),
)


@dataclass
class Basis:
    """What one cell said: entries for legal_basis, and the parts that are not citations."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)  # text that names no document: reported, not invented

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(e["document"] for e in self.entries))


def guess_level(document: str, note: str = "") -> str:
    """The basis level a document's name and number (``note``: 国务院令第N号) suggest; the import marks it for checking."""
    name = document.strip("《》")
    if "国务院" in name and "决定" in name:
        return "state_council_decision"
    for pattern, level in _ISSUED_BY:
        if pattern.search(note):
            return level
    if name.startswith("国务院") and name.endswith(("办法", "规定", "条例")):
        return "administrative_regulation"
    local = name.startswith(("新疆维吾尔自治区", "自治区", "克孜勒苏柯尔克孜自治州", "自治州", "阿合奇县"))
    if name.endswith(("办法", "规定", "规则", "细则")):  # before 法: 办法 ends in 法 too
        return "local_government_rule" if local else "departmental_rule"
    if name.endswith("条例"):
        return "local_regulation" if local else "administrative_regulation"
    if name.endswith("法"):
        return "law"
    return "normative_document"


def level_named(text: str) -> str | None:
    """The level a 【tag】 or a 效力层级 cell names, if it names exactly one."""
    return LEVEL_NAMES.get(re.sub(r"\s+", "", text).strip("【】[]()（）"))


def articles(text: str) -> list[str]:
    """第十一条、第十二条 -> both; 第十一条第一款、第二款 -> 第十一条第一款, 第十一条第二款."""
    out: list[str] = []
    for piece in re.findall(_ARTICLE, text):
        if "条" not in piece and out:
            piece = out[-1][: out[-1].index("条") + 1] + piece
        out.append(piece)
    return out


def _clean(text: str) -> str:
    return text.strip(_SEPARATORS)


def _note_text(note: str) -> str:
    note = note.strip()
    if note and note[0] in _OPEN and note[-1] in _CLOSE:
        note = note[1:-1]
    return note.strip()


def _cite(document: str, tail: str, level: str | None, out: Basis) -> str:
    """Entries for ``document`` from the text after its title; returns what is left of ``tail``."""
    m = _AFTER.match(tail)
    assert m is not None  # every part of _AFTER is optional
    notes = [_note_text(n) for n in (m.group("note"), m.group("note2")) if n]
    number = "；".join(n for n in notes if n)
    rest = tail[m.end() :]
    # Text after the articles, up to the next document, is the article's wording: kept apart, never in `article`.
    text = re.sub(r"\s*\n\s*", "", _clean(rest))
    for art in articles(m.group("articles") or "") or [""]:
        entry: dict[str, Any] = {
            "document": document,
            "article": art,
            "level": level or guess_level(document, number),
            "guessed": level is None,
        }
        if number:
            entry["number"] = number
        if text and art:
            entry["text"] = text
        out.entries.append(entry)
    return "" if m.group("articles") else text


def parse_basis(cell: str, level: str | None = None) -> Basis:
    """《法》第N条… in a cell → legal_basis entries, one per article; ``level`` (a 效力层级 column) is used
    when no 【tag】 says otherwise."""
    out = Basis()
    current = level
    # Split at tags and titles, keeping them: each title owns the text up to the next tag or title.
    pieces = re.split(r"(【[^】]{1,12}】|《[^《》]+》)", cell)
    i = 0
    before = pieces[0]
    if _clean(before):
        _unbracketed(before, current, out)
    while i + 1 < len(pieces):
        token, tail = pieces[i + 1], pieces[i + 2] if i + 2 < len(pieces) else ""
        i += 2
        if token.startswith("【"):
            named = level_named(token)
            current = named or current
            if named is None and _clean(token):
                out.unparsed.append(token)
            if _clean(tail):
                _unbracketed(tail, current, out)
            continue
        # A title the clerk broke over two lines of the cell (Alt+Enter) is one title: a line break kept in it
        # would be printed inside the citation on the form, then wrapped again by Word.
        left = _cite(re.sub(r"\s+", "", token), tail, current, out)
        if left and not out.entries[-1]["article"]:
            out.entries[-1]["text"] = left  # 《…》 followed by words and no article: keep the words beside it
    return out


def _unbracketed(text: str, level: str | None, out: Basis) -> None:
    """A basis written without 《》: a title ending 法/条例/办法… right before 第N条 is read as that title;
    anything else (法规, 有关规定) is reported."""
    for part in re.split(r"[；;\n]+", text):
        if not _clean(part):
            continue
        m = _UNBRACKETED.match(part)
        if m:
            _cite(f"《{m.group('title').strip()}》", m.group("rest"), level, out)
        else:
            out.unparsed.append(_clean(part))
