"""fill-in-missing: the text binds the applicant to what they filled in, but the form has no place for it (issue 10.1)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import commitment_text, is_history

# What an applicant can only promise about if the form asks for it: 承诺书所填写的…, 所填…, 列明的….
WORDS = re.compile(r"所填|填写的|列明")


def _check(ctx: ItemContext) -> Iterable[Hit]:
    if is_history(ctx.root):
        return  # withdrawn, suspended or repealed: its conditions are history and it makes no form
    declared = ctx.root.get("fill_in")
    if declared is not None and isinstance(declared.value, list) and declared.value:
        return
    for node in commitment_text(ctx.root):
        m = WORDS.search(node.value)
        if m:
            yield Hit(node, {"match": m.group()}, index=m.start(), match=m.group())
            return  # one finding says it; the fix (fill_in) is the same for every mention


RULE = Rule(
    id="fill-in-missing",
    # An error: a commitment to what the form has no place for cannot be made or checked (every sample item
    # now declares its fields; withdrawn, suspended and repealed items make no form and are not judged).
    severity="error",
    summary={
        "zh": "条件、证明内容或承诺文字说到“所填”“填写的”“列明”，事项却没有声明申请人填写的栏目（fill_in）。",
        "en": "The conditions, content or commitment text speak of what is filled in or listed, but the item declares no fill_in field.",
    },
    description={
        "zh": "申请人只能对承诺书上填写了的内容作出承诺，行政机关也只能核查填写了的内容（工作方案三（二）：要求可量化、易操作）。"
        "条件写着“与承诺书所填写的门牌号一致”“承诺书列明了全部共同生活的家庭成员”，而承诺书上只有姓名、证件号码和联系方式，"
        "这个承诺就无法作出、无法核查。请在 fill_in 中为每一项需要填写的内容声明一栏（label 与条件中的说法一致），"
        "告知承诺书会印出相应的填写栏和表格。已取消（withdrawn）、暂停实施（suspended）、已废止（repealed）的事项不出具承诺书，其条件是历史记录，不检查。",
        "en": "An applicant can only commit to what the form lets them write, and the body can only check that (seed 三（二）: "
        "requirements must be quantifiable and workable). A condition about 'the house number filled in on the form' or "
        "'the household members listed on the form' cannot be met when the form only has name, ID and phone. Declare a "
        "fill_in field for each thing to write (its label as the text says it); the form then prints its row or table. Withdrawn, suspended and repealed items make no form; their conditions are history and are not judged.",
    },
    message={
        "zh": "这里说到“{match}”，但事项没有声明申请人填写的栏目：请在 fill_in 中为需要填写的每一项写一栏（label、type），告知承诺书才有地方填写。",
        "en": "The text says '{match}' but the item declares no fill-in field: add a fill_in entry (label, type) for each thing the applicant writes, so the form has room for it.",
    },
    bad=(
        Example(
            "conditions:\n  - text: 申请人的居住地址与承诺书所填写的地址一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "承诺书上没有填写地址的地方", "en": "the form has no place for the address"},
            at=("16:23",),
        ),
    ),
    good=(
        Example(
            "conditions:\n  - text: 申请人的居住地址与承诺书所填写的地址一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "fill_in:\n  - label: 地址\n    type: address\n",
        ),
        Example(
            "conditions:\n  - text: 申请人的居住地址与承诺书所填写的地址一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "status: withdrawn\nstatus_since: 2026-07-01\nstatus_reason: 居住地址改由公安机关人口信息管理系统核查，不再要求申请人承诺。\n",
            note={"zh": "已取消的事项不再出具承诺书，不检查", "en": "a withdrawn item makes no form and is not judged"},
        ),
    ),
    check=_check,
)
