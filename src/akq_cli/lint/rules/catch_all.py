"""catch-all: a clause that lets the body ask for more than it listed (seed 三（二）: 不含兜底条款)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core import zhtext
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.rules import vague_term
from akq_cli.lint.wording import wording


def _check(ctx: ItemContext) -> Iterable[Hit]:
    # No options of its own: a phrase allowed for vague-term (a statute quoted verbatim) is allowed here too.
    allowed = vague_term.RULE.option(ctx.config, "allowed-phrases")
    for node in wording(ctx.root):
        for m in zhtext.find_catch_all(node.value, allowed):
            yield Hit(node, {"match": m.text}, index=m.start, match=m.text)


RULE = Rule(
    id="catch-all",
    severity="error",
    summary={
        "zh": "兜底条款：“法律法规规定的其他材料”“其他需要提供的材料”“行政机关认为需要的其他情形”等让行政机关可以再要别的。",
        "en": "Catch-all clauses (法律法规规定的其他材料, 其他需要提供的材料, 行政机关认为需要的其他情形 …) that let the body ask for more.",
    },
    description={
        "zh": "工作方案三（二）要求告知承诺书“不含模糊表述或兜底条款”。告知承诺的意义在于一次告知清楚：申请人看完告知书，"
        "就知道要符合哪些条件、交哪些材料。“其他材料”“规定的其他条件”“认为需要的其他情形”“包括但不限于”"
        "“根据需要要求补充的材料”“另行通知的材料”“可能会有补充材料的要求”都让申请人无法预知还要交什么，也让“不再索要证明”落空。"
        "请逐项列明全部材料、条件或情形，删去兜底的一项；法律法规确有其他要求的，写明该法规的名称和条款，并写出具体内容。\n\n"
        "行政机关承诺不再要求的写法不算兜底条款，例如“行政机关不得要求申请人提交其他材料”“无需提交其他证明”。"
        "“公民、法人和其他组织”中的“其他组织”是法定主体类别，也不算。",
        "en": "The county plan (seed 三（二）) forbids catch-all clauses in the notification. Notification-commitment works "
        "because the applicant is told everything at once: which conditions to meet and which materials to bring. "
        "其他材料, 规定的其他条件, 认为需要的其他情形, 包括但不限于, 根据需要要求补充的材料, 另行通知的材料 and 可能会有补充材料的要求 all let "
        "the body ask for something the applicant could not foresee. List every material, condition or case and "
        "remove the open entry; where a statute demands more, name it and its article and write the requirement out.\n\n"
        "A promise not to ask for more is not a catch-all (行政机关不得要求申请人提交其他材料, 无需提交其他证明), and "
        "其他组织 in 公民、法人和其他组织 is a legal category.",
    },
    message={
        "zh": "“{match}”是兜底条款：申请人无法预知还要提交或符合什么。请逐项列明，删去这一项。",
        "en": "'{match}' is a catch-all clause: the applicant cannot foresee what else may be asked. List every entry and remove it.",
    },
    bad=(
        Example(
            "kind: business_license\nmaterials:\n  - 从事职业中介活动的申请书\n  - 人力资源服务许可告知承诺书\n  - 法律法规规定的其他材料\n",
            note={"zh": "材料清单的最后一项是兜底条款", "en": "the last entry of the materials is a catch-all"},
            at=("19:5",),
        ),
        Example(
            "verification:\n  power: 法律援助机构可以核查收入、财产信息以及其他需要核查的事项。\n  methods: [online, assisted]\n"
            "  timing: {amount: 7, unit: day, from: accepted}\n",
            note={"zh": "核查范围没有边界", "en": "the scope of verification has no bound"},
            at=("28:29",),
        ),
    ),
    good=(
        Example(
            "kind: business_license\nmaterials:\n  - 从事职业中介活动的申请书\n  - 人力资源服务许可告知承诺书\n"
            "  - 除以上2项材料外，行政机关不得要求申请人提交其他材料。\n",
            note={"zh": "承诺不再要求其他材料，不是兜底条款", "en": "a promise not to ask for more is not a catch-all"},
        ),
    ),
    check=_check,
)
