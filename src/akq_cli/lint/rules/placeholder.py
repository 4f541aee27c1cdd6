"""placeholder: template text that `akq new` or `akq import` left for staff to replace."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

# What the scaffolds write where a person has to supply the content.
MARKERS = ("待填写", "请填写", "TODO")


def _check(ctx: ItemContext) -> Iterable[Hit]:
    for node in ctx.root.strings():
        for marker in MARKERS:
            index = node.value.find(marker)
            if index != -1:
                yield Hit(node, {"marker": marker}, index=index, match=marker)
                break


RULE = Rule(
    id="placeholder",
    severity="error",
    summary={
        "zh": "还留着模板中的占位文字（待填写），事项尚未填写完整。",
        "en": "Template placeholder text (待填写) that still has to be replaced.",
    },
    description={
        "zh": "`akq new` 和 `akq import` 在需要人工填写的地方写入“待填写”，并在键的上方用注释说明该填什么、给出示例。"
        "这条规则找出还没有替换的占位文字，免得半成品被提交审核或公开。把“待填写”换成实际内容即可。",
        "en": "`akq new` and `akq import` write 待填写 ('to be filled in') wherever a person must supply the content, "
        "with a comment above the key saying what belongs there. This rule finds placeholders that are still there, "
        "so that an unfinished item is not submitted or published. Replace the placeholder with the real content.",
    },
    message={
        "zh": "这里还是模板中的占位文字“{marker}”。请按键上方注释的说明和示例填写实际内容。",
        "en": "This is still the template placeholder '{marker}'. Replace it with the real content (see the comment above the key).",
    },
    bad=(
        Example("purpose: 待填写\n", at=("9:10",)),
        Example("legal_basis:\n  - document: 《待填写》\n    article: 待填写\n    level: law\n", at=("11:16", "12:14")),
    ),
    good=(Example("purpose: 证明申请人符合法律援助经济困难标准\n"),),
    check=_check,
)
