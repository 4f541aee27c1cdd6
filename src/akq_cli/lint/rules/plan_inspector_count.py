"""plan-inspector-count: at least two enforcement officers per target (行政处罚法 第四十二条)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, number

# Checked against the text of 《中华人民共和国行政处罚法》 as revised 2021-01-22, 第四十二条第一款:
# “行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。”
TOO_FEW = {
    "zh": "每个检查对象的执法人员是 {value} 人。《中华人民共和国行政处罚法》第四十二条：执法人员不得少于两人。请改为2或更多。",
    "en": "{value} inspector(s) per target. Article 42 of the Administrative Penalty Law requires at least two. Use 2 or more.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    node = node_at(ctx.root, "inspection", "per_target")
    if node is None:
        return  # the schema reports it missing
    value = number(node)
    if value is None or isinstance(value, float) or value < 2:
        yield Hit(node, {"value": node.value})


RULE = Rule(
    id="plan-inspector-count",
    severity="error",
    summary={
        "zh": "抽查计划每个检查对象的执法人员少于2人（行政处罚法第四十二条）。",
        "en": "Fewer than two inspectors per target (Administrative Penalty Law, art. 42).",
    },
    description={
        "zh": "《中华人民共和国行政处罚法》第四十二条第一款规定执法人员不得少于两人（法律另有规定的除外）。"
        "抽查发现承诺不实可能引起行政处罚，所以每个检查对象至少随机抽取2名执法人员（inspection.per_target）。",
        "en": "Article 42(1) of the Administrative Penalty Law: no fewer than two enforcement officers. An inspection "
        "may lead to a penalty, so each target gets at least two randomly drawn inspectors (inspection.per_target).",
    },
    message=TOO_FEW,
    bad=(Example("# plans/2025/RSJ-1.yaml\ninspection:\n  per_target: 1\n  recusal:\n    - 执法人员与检查对象有直接利害关系的\n", at=("30:15",)),),
    good=(Example("# plans/2025/RSJ-1.yaml\ninspection:\n  per_target: 3\n  recusal:\n    - 执法人员与检查对象有直接利害关系的\n"),),
    check=_check,
    scope="plan",
)
