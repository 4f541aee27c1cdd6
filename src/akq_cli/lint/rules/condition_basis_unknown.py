"""condition-basis-unknown: a condition's basis that does not resolve to an article of the item's legal basis (issue 10.2)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from akq_cli.core.conditions import parse_citation
from akq_cli.core.loader import Node
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import scaffold_marker

TITLE = re.compile(r"^《[^《》]+》$")
NOT_A_CITATION = {
    "zh": "依据“{value}”不是“《文件名称》第N条”的写法：请写明文件全称（带书名号）和具体条款，例如“《中华人民共和国社会救助法》第十九条”，可加第M款、第K项。",
    "en": "The basis '{value}' is not of the form 《document》第N条: name the document in 《》 and the article, e.g. 《中华人民共和国社会救助法》第十九条, with 第M款/第K项 where needed.",
}
UNKNOWN_DOCUMENT = {
    "zh": "依据中的文件“{document}”不在本事项的设定依据（legal_basis）中：请改用设定依据中的文件名称（{known}），或者先把该文件和条款加入 legal_basis。",
    "en": "The document '{document}' is not among this item's legal_basis documents ({known}): cite one of them exactly, or add it to legal_basis first.",
}


def _documents(root: Node) -> list[str] | None:
    """The legal_basis documents; None when one is not a plain 《title》 yet (legal-basis-unspecific and
    placeholder report that, and a condition cannot be checked against a document not yet named)."""
    basis = root.get("legal_basis")
    out: list[str] = []
    for entry in basis.value if basis is not None and isinstance(basis.value, list) else []:
        doc = entry.get("document") if isinstance(entry.value, dict) else None
        if doc is None or not isinstance(doc.value, str):
            continue
        value = doc.value.strip()
        if not TITLE.match(value) or scaffold_marker(value):
            return None
        if value not in out:
            out.append(value)
    return out


def _citations(basis: Node) -> Iterable[Node]:
    if isinstance(basis.value, str):
        yield basis
    elif isinstance(basis.value, list):
        yield from (n for n in basis.value if isinstance(n.value, str))


def _check(ctx: ItemContext) -> Iterable[Hit]:
    conditions = ctx.root.get("conditions")
    if conditions is None or not isinstance(conditions.value, list):
        return
    documents = _documents(ctx.root)
    if documents is None:
        return
    known = "、".join(documents)
    for entry in conditions.value:
        basis = entry.get("basis") if isinstance(entry.value, dict) else None
        if basis is None:
            continue
        for node in _citations(basis):
            value = node.value.strip()
            if not value or scaffold_marker(value):
                continue  # empty: the schema; 待填写: placeholder
            citation = parse_citation(value)
            if citation is None:
                yield Hit(node, {"value": value}, message=NOT_A_CITATION)
            elif citation.document not in documents:
                yield Hit(node, {"document": citation.document, "known": known}, message=UNKNOWN_DOCUMENT)


RULE = Rule(
    id="condition-basis-unknown",
    severity="error",
    summary={
        "zh": "条件的依据（basis）不是“《文件名称》第N条”，或者文件不在本事项的设定依据中。",
        "en": "A condition's basis that is not 《document》第N条, or whose document is not among the item's legal_basis.",
    },
    description={
        "zh": "条件的依据要让审核人能直接找到条文：写明文件全称（带书名号）和具体条款（第N条，可加第M款、第K项），"
        "文件名称与 legal_basis 中的一项完全一致。依据的文件不在设定依据中，说明条件超出了设定依据，"
        "或者设定依据漏写了：核对条文后，要么删除这条条件，要么把该文件和条款补进 legal_basis。",
        "en": "A reviewer must be able to find the article: the full title in 《》 and the article (第N条, with 第M款 and "
        "第K项 where needed), the title exactly as in legal_basis. A document outside legal_basis means the condition "
        "goes beyond the legal basis or legal_basis is incomplete: check the text, then remove the condition or add "
        "the document and article to legal_basis.",
    },
    message=UNKNOWN_DOCUMENT,
    bad=(
        Example(
            "conditions:\n  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n"
            "    basis: 《中华人民共和国行政许可法》第十二条\n",
            note={"zh": "文件不在设定依据中", "en": "a document outside legal_basis"},
            at=("17:12",),
        ),
        Example(
            "conditions:\n  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n"
            "    basis: 法律援助法有关规定\n",
            note={"zh": "没有写明文件和条款", "en": "no document and article"},
            at=("17:12",),
        ),
    ),
    good=(
        Example(
            "conditions:\n  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n"
            "    basis: [《中华人民共和国法律援助法》第四十一条第一款]\n",
        ),
    ),
    check=_check,
)
