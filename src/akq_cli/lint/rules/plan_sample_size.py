"""plan-sample-size: an inspection plan's sample is a ratio in (0, 1] or a count of at least 1, not both."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at, number

NEITHER = {
    "zh": "抽取数量（sample）要写比例 ratio（大于0、不超过1）或数量 count（至少为1），二者写一个。",
    "en": "The sample needs a ratio (over 0, at most 1) or a count (at least 1): one of them.",
}
BOTH = {
    "zh": "抽取数量（sample）同时写了比例 ratio 和数量 count，抽取时不知道按哪个。请只保留一个。",
    "en": "The sample gives both a ratio and a count; the draw cannot tell which applies. Keep one.",
}
BAD_RATIO = {
    "zh": "抽查比例 ratio 是 {value}，应当大于0、不超过1（例如 0.05 表示5%）。",
    "en": "The ratio is {value}; it must be over 0 and at most 1 (0.05 means 5%).",
}
BAD_COUNT = {
    "zh": "抽查数量 count 是 {value}，应当是至少为1的整数。",
    "en": "The count is {value}; it must be a whole number of at least 1.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    sample = node_at(ctx.root, "sample")
    if sample is None or not isinstance(sample.value, dict):
        return  # the schema reports a missing sample
    ratio, count = sample.get("ratio"), sample.get("count")
    if ratio is None and count is None:
        yield Hit(sample, message=NEITHER)
    elif ratio is not None and count is not None:
        yield Hit(count, message=BOTH)
    elif ratio is not None:
        value = number(ratio)
        if value is None or not 0 < value <= 1:
            yield Hit(ratio, {"value": ratio.value}, message=BAD_RATIO)
    elif count is not None:
        value = number(count)
        if value is None or isinstance(value, float) or value < 1:
            yield Hit(count, {"value": count.value}, message=BAD_COUNT)


RULE = Rule(
    id="plan-sample-size",
    severity="error",
    summary={
        "zh": "抽查计划的抽取数量不是大于0、不超过1的比例，也不是至少为1的数量。",
        "en": "A plan's sample is neither a ratio in (0, 1] nor a count of at least 1.",
    },
    description={
        "zh": "“双随机”抽查按比例或按数量从检查对象名录中抽取（国发〔2019〕5号：重点检查事项比例不设上限，"
        "一般检查事项比例严格限制）。比例为0或超过1、数量为0，抽取的结果都没有意义；两者都写时不知道按哪个抽取。",
        "en": "A random inspection draws a ratio or a count of the register. A ratio of 0 or over 1, or a count of 0, "
        "means nothing; both at once leave the draw undecided.",
    },
    message=NEITHER,
    bad=(
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 1.5\n  rounding: up\n  minimum_per_stratum: 1\n", at=("25:10",)),
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  count: 0\n", at=("25:10",)),
    ),
    good=(
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  ratio: 0.05\n  rounding: up\n  minimum_per_stratum: 1\n"),
        Example("# plans/2025/RSJ-1.yaml\nsample:\n  count: 3\n  stratify_by: 事项编号\n"),
    ),
    check=_check,
    scope="plan",
)
