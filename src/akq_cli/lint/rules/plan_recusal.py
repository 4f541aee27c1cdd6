"""plan-recusal: an inspection plan states when an inspector must recuse (行政处罚法 第四十三条)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, present

# Checked against the text of 《中华人民共和国行政处罚法》 as revised 2021-01-22, 第四十三条第一款:
# “执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避。”
MISSING = {
    "zh": "没有写回避规则（inspection.recusal）。《中华人民共和国行政处罚法》第四十三条：执法人员与案件有直接利害关系"
    "或者有其他关系可能影响公正执法的，应当回避。请逐条写明回避情形，并在执法人员名录的“回避对象”列登记。",
    "en": "No recusal rules (inspection.recusal). Article 43 of the Administrative Penalty Law requires an officer with a "
    "direct interest or another relationship that may affect fairness to recuse. List the cases, and record them in "
    "the inspector register's 回避对象 column.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    inspection = node_at(ctx.root, "inspection")
    if inspection is None or not isinstance(inspection.value, dict):
        return
    recusal = inspection.get("recusal")
    if not present(recusal):
        yield Hit(recusal or inspection, pointer=inspection.pointer + "/recusal")


RULE = Rule(
    id="plan-recusal",
    severity="error",
    summary={
        "zh": "抽查计划没有写执法人员的回避规则（行政处罚法第四十三条）。",
        "en": "A plan without recusal rules (Administrative Penalty Law, art. 43).",
    },
    description={
        "zh": "随机抽取执法人员时要排除应当回避的人。回避情形写在计划中（inspection.recusal），"
        "每名执法人员需回避的检查对象登记在执法人员名录的“回避对象”列，`akq draw` 抽取时据此排除。",
        "en": "A random draw of inspectors must leave out those who must recuse. The cases are stated in the plan "
        "(inspection.recusal); each inspector's conflicts are listed in the register's 回避对象 column, which "
        "`akq draw` honours.",
    },
    message=MISSING,
    bad=(Example("# plans/2025/RSJ-1.yaml\ninspection:\n  per_target: 2\n  recusal: []\n", at=("31:12",)),),
    good=(Example("# plans/2025/RSJ-1.yaml\ninspection:\n  per_target: 2\n  recusal:\n    - 执法人员是检查对象的近亲属的\n"),),
    check=_check,
    scope="plan",
)
