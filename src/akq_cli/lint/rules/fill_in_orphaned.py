"""fill-in-orphaned: a fill-in field that no condition or commitment text speaks of (issue 10.1)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import commitment_text, is_history


def _check(ctx: ItemContext) -> Iterable[Hit]:
    if is_history(ctx.root):
        return  # withdrawn, suspended or repealed: its conditions are history and it makes no form
    declared = ctx.root.get("fill_in")
    if declared is None or not isinstance(declared.value, list):
        return
    text = "\n".join(node.value for node in commitment_text(ctx.root))
    for entry in declared.value:
        label = entry.get("label") if isinstance(entry.value, dict) else None
        if label is None or not isinstance(label.value, str) or not label.value.strip():
            continue  # the schema reports it
        if label.value.strip() not in text:
            yield Hit(label, {"label": label.value.strip()})


RULE = Rule(
    id="fill-in-orphaned",
    severity="error",
    summary={
        "zh": "申请人填写的栏目（fill_in 的 label）在条件、证明内容和承诺文字中都没有出现。",
        "en": "A fill-in field whose label appears in none of the conditions, content or commitment text.",
    },
    description={
        "zh": "承诺书上的每一个填写栏都要有用处：申请人填写它，是因为某一条条件或承诺说到它，行政机关据此核查。"
        "栏目名称在条件、证明内容和承诺文字中都找不到，说明它多余，或者条件漏写了，或者两处的说法不一致"
        "（例如条件写“居住地住址”，栏目写“家庭住址”）。请让栏目名称与条件中的说法一致，或者删除这一栏。已取消（withdrawn）、暂停实施（suspended）、已废止（repealed）的事项不出具承诺书，其条件是历史记录，不检查。",
        "en": "Every row the applicant fills in must serve a condition or commitment that speaks of it, which the body then "
        "checks. A label found in none of the conditions, content or commitment text is either superfluous, or the "
        "condition is missing, or the two name it differently. Use the condition's words as the label, or drop the field. Withdrawn, suspended and repealed items make no form; their conditions are history and are not judged.",
    },
    message={
        "zh": "填写栏目“{label}”在条件、证明内容和承诺文字中都没有出现：请使用条件中的说法作为栏目名称，或者删除这一栏。",
        "en": "The fill-in field '{label}' appears in none of the conditions, content or commitment text: name it as the condition does, or remove it.",
    },
    bad=(
        Example(
            "fill_in:\n  - label: 家庭住址\n    type: address\n",
            note={"zh": "条件没有说到家庭住址", "en": "no condition speaks of the home address"},
            at=("41:12",),
        ),
    ),
    good=(
        Example(
            "conditions:\n  - text: 申请人的居住地址与承诺书所填写的地址一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "fill_in:\n  - label: 居住地址\n    type: address\n",
        ),
    ),
    check=_check,
)
