"""liability-missing: the civil, administrative or criminal liability of a false commitment not stated.

Stated means: the text names the law it rests on (a 《title》, or the title of
one of the item's own legal_basis entries) and its article (第…条); the
administrative liability also names the measure (撤销, 罚款 with its range,
终止, 纳入信用记录 …).  A bare 依法承担民事责任 tells the applicant nothing
before signing.  The catalog's standard_text.*.liability_intro (…依法作出如下
处理：) is said once in catalog.yaml and introduces the items' three texts on
every form; it is not an item value, and this rule leaves it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from akq_cli.core.zhtext import lazy
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import placeholder, scaffold_marker

if TYPE_CHECKING:
    from akq_cli.core.loader import Node

KINDS = {
    "civil": (
        "民事责任",
        "civil",
        "例如“给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任”",
    ),
    "administrative": (
        "行政责任",
        "administrative",
        "例如“依照《中华人民共和国行政许可法》第六十九条第二款撤销已作出的决定”，并写明罚款等处理的依据",
    ),
    "criminal": (
        "刑事责任",
        "criminal",
        "例如“涉嫌犯罪的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任”",
    ),
}

MISSING = {
    "zh": "没有写明不实承诺的{what}（liability.{key}）：请写明承担什么责任、依据哪部法律的哪一条，{example}。",
    "en": "The {what_en} liability of a false commitment (liability.{key}) is not stated: say what follows and under which article of which law.",
}
EMPTY = {
    "zh": "不实承诺的{what}（liability.{key}）没有实际内容（“{value}”）：请写明承担什么责任、依据哪部法律的哪一条，{example}。",
    "en": "The {what_en} liability (liability.{key}) has no content ('{value}'): say what follows and under which article of which law.",
}
NO_LAW = {
    "zh": "不实承诺的{what}（liability.{key}）没有写明依据哪部法律（“{value}”）；只写“依法……”不够，申请人签字前要知道依据和后果。"
    "请写出法律全称（带书名号）和条款，{example}。",
    "en": "The {what_en} liability (liability.{key}) names no law ('{value}'): a bare 依法… does not tell the applicant "
    "what follows. Name the law in 《》 and its article.",
}
NO_ARTICLE = {
    "zh": "不实承诺的{what}（liability.{key}）写了法律但没有写到条（“{value}”）：请写明“第…条”，{example}。",
    "en": "The {what_en} liability (liability.{key}) names a law but no article ('{value}'): add 第…条.",
}
NO_MEASURE = {
    "zh": "不实承诺的行政责任（liability.administrative）没有写明处理措施（“{value}”）：请写明撤销、终止办理、责令退回、"
    "罚款（写明数额范围）、纳入信用记录等具体措施。",
    "en": "The administrative liability (liability.administrative) names no measure ('{value}'): say which — revocation "
    "(撤销), termination (终止), repayment (责令退回), a fine with its range (罚款), a credit record (纳入信用记录) …",
}
NO_RANGE = {
    "zh": "“罚款”没有写明数额范围：请照所依据的条款写明幅度，例如“处200元以下罚款”“处骗取金额2倍以上5倍以下的罚款”。",
    "en": "The fine (罚款) has no range: give the amounts of the article it rests on, e.g. 处200元以下罚款, 处骗取金额2倍以上5倍以下的罚款.",
}

_N = "[一二三四五六七八九十百千零〇两0-9０-９]+"
ARTICLE = lazy(f"第{_N}条")
TITLE = lazy(r"《[^《》]+》")
# What an administrative body does about a false commitment; a 罚款 needs its range (NO_RANGE).
MEASURE = lazy(
    r"撤销|撤回|吊销|注销|终止|停止|取消|暂停|收缴|收回|追回|追缴|退回|没收|罚款|警告|责令|关闭|拘留|不予|"
    r"不得|禁止|限制|纳入[^，。；]{0,12}信用|信用记录|黑名单|治安管理处罚|处分"
)
FINE = lazy("罚款")
# 200元以下, 三千元以下, 1倍以上3倍以下, 5万元以上20万元以下, 一万元至三万元
RANGE = lazy(f"{_N}(?:\\.{_N})?万?(?:元|倍)(?:以上|以下|至)")
_CLAUSE = "，。；,;"


def _short(value: str, limit: int = 30) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit] + "…"


def _own_titles(ctx: ItemContext) -> Iterator[str]:
    """The item's legal_basis documents as a clerk may write them without 《》: full and short."""
    basis = ctx.root.get("legal_basis")
    for entry in basis.value if basis is not None and isinstance(basis.value, list) else ():
        node = entry.get("document") if isinstance(entry.value, dict) else None
        if node is not None and isinstance(node.value, str):
            title = node.value.strip().strip("《》").strip()
            if title:
                yield title
                short = title.removeprefix("中华人民共和国")
                if short != title and len(short) >= 3:
                    yield short


def _names_law(value: str, titles: list[str]) -> bool:
    return TITLE.search(value) is not None or any(t in value for t in titles)


def _fine_without_range(value: str) -> Iterator[int]:
    """Where 罚款 stands in a clause that gives no amount."""
    for m in FINE.finditer(value):
        start = max(value.rfind(c, 0, m.start()) for c in _CLAUSE) + 1
        ends = [i for i in (value.find(c, m.end()) for c in _CLAUSE) if i >= 0]
        if not RANGE.search(value, start, min(ends) if ends else len(value)):
            yield m.start()


def _check(ctx: ItemContext) -> Iterable[Hit]:
    liability = ctx.root.get("liability")
    if liability is None or not isinstance(liability.value, dict):
        return  # absent: notification-incomplete; not a mapping: schema
    titles = list(_own_titles(ctx))
    for key, (zh, en, example) in KINDS.items():
        args = {"what": zh, "what_en": en, "key": key, "example": example}
        node = liability.get(key)
        if node is None:
            yield Hit(liability, args, message=MISSING, pointer=f"/liability/{key}")
        elif isinstance(node.value, str) and not scaffold_marker(node.value):
            yield from _content(node, node.value.strip(), key, args, titles)


def _content(node: Node, value: str, key: str, args: dict[str, str], titles: list[str]) -> Iterator[Hit]:
    if not value or placeholder(value):
        yield Hit(node, {**args, "value": value}, message=EMPTY)
        return
    shown = {**args, "value": _short(value)}
    if not _names_law(value, titles):
        yield Hit(node, shown, message=NO_LAW)
    elif not ARTICLE.search(value):
        yield Hit(node, shown, message=NO_ARTICLE)
    if key == "administrative":
        if not MEASURE.search(value):
            yield Hit(node, shown, message=NO_MEASURE)
        for index in _fine_without_range(node.value):
            yield Hit(node, args, index=index, match="罚款", message=NO_RANGE)


RULE = Rule(
    id="liability-missing",
    severity="error",
    summary={
        "zh": "没有写明不实承诺的民事、行政或刑事责任，或者只写了“依法……”，没有法律、条款和措施。",
        "en": "The civil, administrative or criminal liability of a false commitment is not stated, or says only "
        "依法… without law, article and measure.",
    },
    description={
        "zh": "工作方案三（二）要求书面告知“不实承诺可能承担的民事、行政、刑事责任”，申请人也要在承诺书中承诺"
        "“愿意承担不实承诺的法律责任”。三种责任都要分别写明（liability 下的 civil、administrative、criminal），"
        "每一项都要写出依据的法律（带书名号的全称，或者本事项设定依据 legal_basis 中的文件名称）和条款（第…条），"
        "让申请人在签字前知道后果；行政责任还要写明处理措施（撤销、终止办理、责令退回、罚款并写明数额范围、"
        "纳入信用记录等）。缺少其中一项、内容为空、只写“无”“略”“见附件”，或者只写“依法承担民事责任”"
        "“依法处理”“依法追究相应责任”这类没有法律和条款的表述，都会报告；“罚款”没有写数额范围的，报告在“罚款”处。"
        "目录总体信息 catalog.yaml 中的 standard_text.*.liability_intro（“……依法作出如下处理：”）是每份告知书"
        "统一的引言，只写一次，不受本规则检查。信用惩戒（credit）另外写，不能代替这三项。",
        "en": "Seed 三（二）: the notification states the civil, administrative and criminal liability a false commitment "
        "may bring, and the applicant commits to accepting it. Each of liability.civil, .administrative and .criminal "
        "must name the law it rests on (its full title in 《》, or the title of one of the item's legal_basis "
        "documents) and the article (第…条), so that the applicant knows the consequences before signing; the "
        "administrative liability also names the measure (revocation, termination, repayment, a fine with its "
        "range, a credit record …). A missing, empty or stand-in value (无, 略, 见附件), or a bare 依法承担民事责任, "
        "依法处理, 依法追究相应责任 without law and article, is reported; a 罚款 without amounts is reported where it "
        "stands. The catalog-wide standard_text.*.liability_intro in catalog.yaml (…依法作出如下处理：) introduces "
        "these texts on every form, is written once, and is not checked here. Credit consequences (credit) are "
        "separate and do not replace these three.",
    },
    message=MISSING,
    bad=(
        Example(
            "liability:\n  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。\n"
            "  administrative: 核查发现承诺不实的，法律援助机构依照《中华人民共和国法律援助法》第四十八条第一款第一项终止法律援助。\n"
            "  credit: 不实承诺信息纳入阿合奇县人民政府公共信用信息目录。\n",
            note={"zh": "没有刑事责任", "en": "no criminal liability"},
            at=("23:3",),
        ),
        Example(
            "liability:\n  civil: 无\n"
            "  administrative: 核查发现承诺不实的，法律援助机构依照《中华人民共和国法律援助法》第四十八条第一款第一项终止法律援助。\n"
            "  criminal: 伪造、变造国家机关公文、证件办理法律援助的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。\n",
            note={"zh": "民事责任只写了“无”", "en": "the civil liability says only 无 (none)"},
            at=("23:10",),
        ),
        Example(
            "liability:\n  civil: 依法承担民事责任。\n"
            "  administrative: 依法处理。\n"
            "  criminal: 依法追究刑事责任。\n",
            note={
                "zh": "三项都只写了“依法……”：没有法律、没有条款，行政责任也没有措施",
                "en": "all three say only 依法…: no law, no article, and no administrative measure",
            },
            at=("23:10", "24:19", "24:19", "25:13"),
        ),
        Example(
            "liability:\n  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。\n"
            "  administrative: 核查发现承诺不实的，依照《中华人民共和国法律援助法》第六十四条处以罚款。\n"
            "  criminal: 构成犯罪的，依照《中华人民共和国刑法》追究刑事责任。\n",
            note={
                "zh": "罚款没有写数额范围；刑事责任写了法律但没有写到条",
                "en": "the fine has no range; the criminal liability names a law but no article",
            },
            at=("24:52", "25:13"),
        ),
    ),
    good=(
        Example(
            "liability:\n  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。\n"
            "  administrative: 核查发现承诺不实的，法律援助机构依照《中华人民共和国法律援助法》第四十八条第一款第一项终止法律援助；"
            "司法行政部门依照该法第六十四条处三千元以下罚款。\n"
            "  criminal: 伪造、变造国家机关公文、证件办理法律援助的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。\n",
        ),
        Example(
            "liability:\n  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。\n"
            "  administrative: 核查发现承诺不实的，法律援助机构依照法律援助法第四十八条第一款第一项终止法律援助。\n"
            "  criminal: 伪造、变造国家机关公文、证件办理法律援助的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。\n",
            note={
                "zh": "行政责任没有书名号，但写的是本事项设定依据（legal_basis）中的法律援助法",
                "en": "the administrative liability names, without 《》, the law of the item's own legal_basis",
            },
        ),
    ),
    check=_check,
)
