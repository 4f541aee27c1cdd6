"""plan-rounding: an inspection plan drawn by ratio states how a fractional count is rounded."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at

MISSING = {
    "zh": "按比例抽取，但没有写取整方式（sample.rounding）。名录有 {example} 户、比例为 5% 时要抽几户？"
    "请写 up（向上取整）、down（向下取整）或 nearest（四舍五入）。",
    "en": "A ratio without rounding (sample.rounding): how many is 5% of {example}? Write up, down or nearest.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    sample = node_at(ctx.root, "sample")
    if sample is None or not isinstance(sample.value, dict) or sample.get("ratio") is None:
        return
    if sample.get("rounding") is None:
        yield Hit(sample, {"example": 30}, pointer=sample.pointer + "/rounding")


RULE = Rule(
    id="plan-rounding",
    severity="error",
    summary={
        "zh": "抽查计划按比例抽取，但没有写取整方式。",
        "en": "A plan drawn by ratio does not say how a fractional count is rounded.",
    },
    description={
        "zh": "比例乘以户数往往不是整数。取整方式事先写在计划中，抽取多少户就不由抽取的人临时决定，任何人都能算出同样的数。",
        "en": "A ratio times a register rarely gives a whole number. Stating the rounding in advance means nobody "
        "decides the count at draw time, and anyone can compute the same number.",
    },
    message=MISSING,
    bad=(
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.2\n  stratify_by: 事项编号\n  minimum_per_stratum: 1\n", at=("25:3",)),
    ),
    good=(Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.2\n  rounding: nearest\n  minimum_per_stratum: 1\n"),),
    check=_check,
    scope="plan",
)
