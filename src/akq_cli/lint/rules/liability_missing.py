"""liability-missing: the civil, administrative or criminal liability of a false commitment not stated."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import placeholder

KINDS = {
    "civil": (
        "民事责任",
        "civil",
        "例如“给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任”",
    ),
    "administrative": (
        "行政责任",
        "administrative",
        "例如“依照《中华人民共和国行政许可法》第六十九条撤销已作出的决定”，并写明罚款等处理的依据",
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


def _check(ctx: ItemContext) -> Iterable[Hit]:
    liability = ctx.root.get("liability")
    if liability is None or not isinstance(liability.value, dict):
        return  # absent: notification-incomplete; not a mapping: schema
    for key, (zh, en, example) in KINDS.items():
        args = {"what": zh, "what_en": en, "key": key, "example": example}
        node = liability.get(key)
        if node is None:
            yield Hit(liability, args, message=MISSING, pointer=f"/liability/{key}")
        elif isinstance(node.value, str) and (not node.value.strip() or placeholder(node.value)):
            value = node.value.strip()
            yield Hit(node, {**args, "value": value}, message=EMPTY)


RULE = Rule(
    id="liability-missing",
    severity="error",
    summary={
        "zh": "没有写明不实承诺的民事、行政或刑事责任。",
        "en": "The civil, administrative or criminal liability of a false commitment is not stated.",
    },
    description={
        "zh": "工作方案三（二）要求书面告知“不实承诺可能承担的民事、行政、刑事责任”，申请人也要在承诺书中承诺"
        "“愿意承担不实承诺的法律责任”。三种责任都要分别写明（liability 下的 civil、administrative、criminal），"
        "并写出依据的法律和条款，让申请人在签字前知道后果。缺少其中一项、内容为空或只写“无”“略”“见附件”都会报告。"
        "信用惩戒（credit）另外写，不能代替这三项。",
        "en": "Seed 三（二）: the notification states the civil, administrative and criminal liability a false commitment "
        "may bring, and the applicant commits to accepting it. Each of liability.civil, .administrative and .criminal "
        "must be stated with the law and article it rests on, so that the applicant knows the consequences before "
        "signing. A missing, empty or stand-in value (无, 略, 见附件) is reported. Credit consequences (credit) are "
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
    ),
    good=(
        Example(
            "liability:\n  civil: 申请人以不实承诺取得法律援助，给他人造成损失的，依照《中华人民共和国民法典》第一千一百六十五条承担赔偿责任。\n"
            "  administrative: 核查发现承诺不实的，法律援助机构依照《中华人民共和国法律援助法》第四十八条第一款第一项终止法律援助。\n"
            "  criminal: 伪造、变造国家机关公文、证件办理法律援助的，依照《中华人民共和国刑法》第二百八十条移送司法机关追究刑事责任。\n",
        ),
    ),
    check=_check,
)
