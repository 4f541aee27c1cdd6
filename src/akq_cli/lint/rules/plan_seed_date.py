"""plan-seed-date: the public random value comes after the register hashes were committed."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.plankit import node_at

NOT_AFTER = {
    "zh": "公开随机数的日期（seed.date {seed}）不晚于名录哈希的提交日期（seed.registers_fixed {fixed}）。"
    "随机数必须在名录固定之后才产生，否则可以先看到随机数再调整名录。请改用 {fixed} 之后的开奖或公布的随机数。",
    "en": "The seed date ({seed}) is not after the date the register hashes were committed ({fixed}). The random value "
    "must come after the registers are fixed, or the registers could be adjusted to it. Use a drawing after {fixed}.",
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    seed = node_at(ctx.root, "seed", "date")
    fixed = node_at(ctx.root, "seed", "registers_fixed")
    if seed is None or fixed is None or not isinstance(seed.value, str) or not isinstance(fixed.value, str):
        return  # the schema reports missing or malformed dates
    if seed.value <= fixed.value:  # YYYY-MM-DD (the schema's pattern) orders as text
        yield Hit(seed, {"seed": seed.value, "fixed": fixed.value})


RULE = Rule(
    id="plan-seed-date",
    severity="error",
    summary={
        "zh": "抽查计划的公开随机数不晚于名录哈希的提交日期。",
        "en": "A plan's public random value does not come after its register hashes were committed.",
    },
    description={
        "zh": "抽取公平的前提是：名录（连同它的 SHA-256）先固定并提交，公开随机数后产生。这样抽取的人既不能按随机数调整名录，"
        "也不能挑选随机数。seed.registers_fixed 写记录名录哈希的那次提交的日期（`akq review` 显示），seed.date 写开奖日期，"
        "后者必须晚于前者。",
        "en": "A draw is fair when the registers (and their SHA-256) are fixed and committed first and the public random "
        "value comes later: nobody can fit the register to the value or choose the value. seed.registers_fixed is the "
        "date of the commit recording the hashes; seed.date, the drawing's date, must be later.",
    },
    message=NOT_AFTER,
    bad=(Example("# plans/2025/RSJ-1.yaml\nseed:\n  source: 中国福利彩票“双色球”第2025080期开奖号码\n  date: 2025-07-10\n  registers_fixed: 2025-07-10\n", at=("36:9",)),),
    good=(Example("# plans/2025/RSJ-1.yaml\nseed:\n  source: 中国福利彩票“双色球”第2025080期开奖号码\n  date: 2025-07-15\n  registers_fixed: 2025-07-14\n"),),
    check=_check,
    scope="plan",
)
