"""plan-weighting: weighting by credit class is never heavier for the commitment route as such (seed 三（四）)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, number

# A class or column that names the route an applicant chose, not their credit.
ROUTE_WORDS = ("告知承诺", "承诺制", "承诺方式", "办理方式")

HEAVIER = {
    "zh": "“{name}”的权重 {weight} 高于其他分类的 {lowest}：按是否通过告知承诺方式办理加重抽查，是工作方案三（四）禁止的"
    "歧视性监管措施。加权只能依据信用状况（例如信用风险分类），请删除这一类或把权重改为不高于 {lowest}。",
    "en": "'{name}' weighs {weight}, more than the other classes' {lowest}: drawing those who used the commitment route "
    "more often is the discriminatory supervision the work plan 三（四） forbids. Weight by credit only.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    weighting = node_at(ctx.root, "weighting")
    weights = node_at(ctx.root, "weighting", "weights")
    if weighting is None or weights is None or not isinstance(weights.value, list):
        return
    column = node_at(weighting, "column")
    by_route = isinstance(getattr(column, "value", None), str) and any(w in column.value for w in ROUTE_WORDS)
    entries = []
    for entry in weights.value:
        name, weight = node_at(entry, "class"), number(node_at(entry, "weight"))
        if name is not None and isinstance(name.value, str) and weight is not None:
            entries.append((name, weight, node_at(entry, "weight")))
    for name, weight, node in entries:
        if not (by_route or any(w in name.value for w in ROUTE_WORDS)):
            continue
        others = [w for n, w, _ in entries if n is not name and not any(r in n.value for r in ROUTE_WORDS)]
        lowest = min(others) if others and not by_route else min(w for _, w, _ in entries)
        if weight > lowest:
            yield Hit(node, {"name": name.value, "weight": weight, "lowest": lowest})


RULE = Rule(
    id="plan-weighting",
    severity="error",
    summary={
        "zh": "抽查计划因为申请人选择告知承诺方式而加重抽查（工作方案三（四））。",
        "en": "A plan weights the draw against those who used the commitment route (work plan 三（四）).",
    },
    description={
        "zh": "工作方案三（四）：将承诺人的信用状况作为确定监管方式的考量因素，但“不得对通过告知承诺制方式办理的企业和群众"
        "采取歧视性监管措施”。所以可以按信用风险分类加权，不能按办理方式加权：名录列名或分类名称提到告知承诺、办理方式的，"
        "其权重不得高于其他分类。",
        "en": "The work plan 三（四） makes credit status a factor in supervision but forbids discriminatory measures against "
        "those who used the commitment route. Weight by credit class, never by route: a class or column naming the "
        "commitment route may not weigh more than the others.",
    },
    message=HEAVIER,
    bad=(
        Example(
            "# plans/2025/RSJ-1.yaml\nweighting:\n  column: 办理方式\n  weights:\n    - class: 告知承诺\n      weight: 3\n"
            "    - class: 提交证明\n      weight: 1\n  basis: 告知承诺办理的风险较高\n",
            at=("42:15",),
        ),
    ),
    good=(
        Example(
            "# plans/2025/RSJ-1.yaml\nweighting:\n  column: 信用风险分类\n  weights:\n    - class: A类\n      weight: 1\n"
            "    - class: D类\n      weight: 3\n  basis: 《阿合奇县全面推行证明事项和涉企经营许可事项告知承诺制工作方案》三（四）：将承诺人的信用状况作为考量因素\n",
        ),
    ),
    check=_check,
    scope="plan",
)
