"""plan-stratum-minimum: a plan drawn by a positive ratio draws at least one target from each non-empty stratum."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, number

MISSING = {
    "zh": "按比例抽取时要写每层至少抽取的户数（sample.minimum_per_stratum，至少为1）：否则户数少的层（例如只有3户的事项）"
    "按比例算出0户，永远不会被抽查。",
    "en": "A ratio needs sample.minimum_per_stratum (at least 1): otherwise a small stratum rounds to 0 and is never inspected.",
}
TOO_LOW = {
    "zh": "每层至少抽取 {value} 户：按比例抽取时，每个非空的层至少要抽1户，请改为1或更多。",
    "en": "At least {value} per stratum: with a ratio, each non-empty stratum needs at least 1.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    sample = node_at(ctx.root, "sample")
    if sample is None or not isinstance(sample.value, dict):
        return
    ratio = number(sample.get("ratio"))
    if ratio is None or ratio <= 0:
        return
    minimum = sample.get("minimum_per_stratum")
    if minimum is None:
        yield Hit(sample, pointer=sample.pointer + "/minimum_per_stratum")
        return
    value = number(minimum)
    if value is None or isinstance(value, float) or value < 1:
        yield Hit(minimum, {"value": minimum.value}, message=TOO_LOW)


RULE = Rule(
    id="plan-stratum-minimum",
    severity="error",
    summary={
        "zh": "抽查计划按比例抽取，却没有保证每个非空的层至少抽1户。",
        "en": "A plan drawn by a positive ratio does not draw at least one target per non-empty stratum.",
    },
    description={
        "zh": "分层抽取（例如按事项分层）时，户数少的层按比例取整后可能是0户，那些对象就永远不会被抽查，"
        "等于事先把它们排除在监管之外。按比例抽取的计划必须写 minimum_per_stratum（至少为1）；不分层时整个名录是一层。",
        "en": "In a stratified draw a small stratum can round to zero, which exempts its targets from inspection in "
        "advance. A plan drawn by ratio states minimum_per_stratum (at least 1); unstratified, the register is one stratum.",
    },
    message=MISSING,
    bad=(
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.05\n  rounding: down\n  stratify_by: 事项编号\n", at=("25:3",)),
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.05\n  rounding: down\n  minimum_per_stratum: 0\n", at=("27:24",)),
    ),
    good=(Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.05\n  rounding: down\n  minimum_per_stratum: 1\n"),),
    check=_check,
    scope="plan",
)
