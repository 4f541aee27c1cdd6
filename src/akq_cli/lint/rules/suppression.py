"""suppression: an inline `# akq: disable=RULE reason` that is itself wrong.

The engine (akq_cli.lint.suppression) reads the directives and applies them after all
other rules have run; this module holds the rule's documentation and examples.
Its check is never called on an item.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, Rule


def _check(ctx: object) -> Iterable[Hit]:
    return ()


RULE = Rule(
    id="suppression",
    severity="warning",
    summary={
        "zh": "禁用注释（# akq: disable=规则 理由）没有写理由、规则不存在，或者没有屏蔽任何问题。",
        "en": "An inline suppression (# akq: disable=RULE reason) with no reason, an unknown rule, or nothing to suppress.",
    },
    description={
        "zh": "确有理由不遵守某条规则时（例如照录法律条文原文），可以在有问题的那一行末尾，或在该键的上一行，"
        "写注释“# akq: disable=规则编号 理由”，多条规则用逗号分隔。理由必须写明，方便审核人员判断；"
        "规则编号必须存在；注释必须确实屏蔽了一个问题，问题改正后请删除注释，以免以后掩盖新的问题。"
        "放在键上一行的注释对该键下的全部内容（包括列表中的每一项）有效。",
        "en": "When a rule truly does not apply (for example a statute quoted verbatim), write "
        "'# akq: disable=RULE reason' at the end of the offending line or on the line above its key; separate "
        "several rules with commas. The reason is required so that a reviewer can judge it; the rule must exist; "
        "and the comment must actually suppress a finding: once the problem is fixed, delete the comment so that "
        "it cannot hide a new one. A comment above a key covers everything under that key.",
    },
    message={"zh": "{text}", "en": "{text}"},
    bad=(
        Example(
            "purpose: 证明申请人符合法律援助经济困难标准  # akq: disable=vague-term\n",
            note={"zh": "没有写理由，也没有屏蔽任何问题", "en": "no reason, and nothing to suppress"},
        ),
        Example(
            "purpose: 证明申请人符合法律援助经济困难标准  # akq: disable=vague-terms 笔误的规则名\n",
            note={"zh": "规则编号不存在", "en": "no such rule"},
        ),
    ),
    good=(
        Example(
            "purpose: 证明申请人家庭人均收入低于最低生活保障标准等情形  # akq: disable=vague-term 照录《社会救助暂行办法》原文\n",
            note={
                "zh": "屏蔽了一处确实存在的问题，并写明了理由",
                "en": "suppresses a finding that is really there, and says why",
            },
        ),
        Example(
            "purpose: 证明申请人符合法律援助经济困难标准\n",
            note={"zh": "没有问题，也就不需要禁用注释", "en": "nothing to suppress, so no comment"},
        ),
    ),
    check=_check,
)
