"""legal-basis-unspecific: a legal basis that does not name its document in 《》 and its article."""

from __future__ import annotations

import re
from collections.abc import Iterable

from akq_cli.core.zhtext import lazy
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import placeholder, scaffold_marker

_N = "[一二三四五六七八九十百千零〇两0-9０-９]+"
# 第四十一条, 第十八条第一款, 第二十二条第一款第（三）项, 第十条之一, 附件第262项
_REF = f"(?:附件(?:{_N})?)?第{_N}(?:条(?:之[一二三四五六七八九十]+)?(?:第{_N}款)?(?:第[（(]?{_N}[）)]?项)?|项)"
# After the first reference, 、第三款 or 、第（三）项 continue the article before it.
_MORE = f"(?:{_REF}|第{_N}款(?:第[（(]?{_N}[）)]?项)?|第[（(]?{_N}[）)]?项)"
ARTICLE = lazy(f"{_REF}(?:\\s*(?:、|，|,|和|及|以及|至|或者)\\s*{_MORE})*")
# One 《title》, optionally followed by its number in brackets: 《…》（国发〔2021〕7号）
DOCUMENT = lazy(r"《[^《》]+》(?:\s*[（(][^（）()]+[）)])?")
GENERIC = lazy(
    r"(?:国家)?(?:有关|相关)(?:法律|法规|规定|政策|文件|要求)(?:、?法规)?|国家(?:的)?规定|法律法规(?:的)?规定|上级(?:文件|规定|要求)|等法律法规"
)

MESSAGES = {
    "generic": {
        "zh": "设定依据“{match}”是泛指，没有写明是哪一个文件的哪一条。请写出文件全称（带书名号）和条款，例如“《中华人民共和国法律援助法》”“第四十一条”。",
        "en": "'{match}' is a generic reference, not a document and article. Name the document in 《》 and the article, e.g. 《中华人民共和国法律援助法》, 第四十一条.",
    },
    "document": {
        "zh": "设定依据的文件“{value}”没有用书名号写明全称。请写作“《文件全称》”，一条依据只写一个文件，例如“《中华人民共和国法律援助法》”。",
        "en": "The document '{value}' is not named in 《》. Write one full title per entry, e.g. 《中华人民共和国法律援助法》.",
    },
    "article": {
        "zh": "条款“{value}”不具体。请写作“第…条”，需要时加“第…款”“第…项”，例如“第四十一条”“第十八条第一款”。",
        "en": "The article '{value}' is not specific. Write 第…条, with 第…款 / 第…项 where needed, e.g. 第四十一条, 第十八条第一款.",
    },
}


def _generic(value: str) -> re.Match[str] | None:
    outside = re.sub(r"《[^《》]*》", lambda m: "\0" * len(m.group()), value)  # titles may contain 有关
    return GENERIC.search(outside)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    basis = ctx.root.get("legal_basis")
    if basis is None or not isinstance(basis.value, list):
        return
    for entry in basis.value:
        if not isinstance(entry.value, dict):
            continue
        for key in ("document", "article"):
            node = entry.get(key)
            if node is None or not isinstance(node.value, str) or scaffold_marker(node.value):
                continue  # missing or not text: schema; 待填写: placeholder
            value = node.value.strip()
            generic = _generic(value)
            if generic:
                yield Hit(
                    node,
                    {"match": generic.group()},
                    message=MESSAGES["generic"],
                    index=node.value.index(generic.group()),
                    match=generic.group(),
                )
                continue
            pattern = DOCUMENT if key == "document" else ARTICLE
            if not value or placeholder(value) or not pattern.fullmatch(value):
                yield Hit(node, {"value": value}, message=MESSAGES[key])


RULE = Rule(
    id="legal-basis-unspecific",
    severity="error",
    summary={
        "zh": "设定依据没有用书名号写明文件全称、没有写到“第…条”，或者只写了“有关法律法规”这类泛指。",
        "en": "A legal basis without a document named in 《》, without a 第…条 article, or a generic phrase (有关法律法规).",
    },
    description={
        "zh": "告知承诺书要告知“设定依据”（工作方案三（二））。申请人和审核人员要能查到原文，所以每条依据都要写："
        "document 文件全称并带书名号（可以在后面用括号写文号，例如“《国务院关于……的通知》（国发〔2021〕7号）”），"
        "article 具体条款（“第四十一条”“第十八条第一款”“第二十二条第一款第三项”，几条之间用顿号分隔；"
        "国务院决定的附件目录写作“附件第262项”）。“有关法律法规”“相关规定”“国家有关规定”这类泛指不能作为依据。",
        "en": "The notification states the legal basis (seed 三（二）), and applicants and reviewers must be able to look it "
        "up. Each entry names its document in full inside 《》 (a number may follow in brackets, e.g. 《…通知》（国发〔2021〕7号）) "
        "and its article (第四十一条, 第十八条第一款, 第二十二条第一款第三项; several separated by 、; an entry of a State "
        "Council decision's annex as 附件第262项). Generic phrases such as 有关法律法规, 相关规定, 国家有关规定 are not a basis.",
    },
    message=MESSAGES["article"],
    bad=(
        Example(
            "legal_basis:\n  - document: 有关法律法规\n    article: 第四十一条\n    level: law\n",
            note={"zh": "泛指，不是具体文件", "en": "a generic phrase, not a document"},
            at=("11:15",),
        ),
        Example(
            "legal_basis:\n  - document: 中华人民共和国法律援助法\n    article: 第四十一条\n    level: law\n",
            note={"zh": "没有书名号", "en": "no 《》"},
            at=("11:15",),
        ),
        Example(
            "legal_basis:\n  - document: 《中华人民共和国法律援助法》\n    article: 第四章\n    level: law\n",
            note={"zh": "只写到章，没有写到条", "en": "a chapter, not an article"},
            at=("12:14",),
        ),
    ),
    good=(
        Example(
            "legal_basis:\n  - document: 《中华人民共和国法律援助法》\n    article: 第四十一条第一款\n    level: law\n",
        ),
        Example(
            "legal_basis:\n  - document: 《中华人民共和国法律援助法》\n    article: 第四十一条、第四十二条\n    level: law\n",
            note={"zh": "几条之间用顿号分隔", "en": "several articles separated by 、"},
        ),
    ),
    check=_check,
)
