"""suppression: an inline `# akq: disable=RULE reason` that is itself wrong.

akq_cli.lint.suppression reads the directives and applies them once all other
rules have run; then this directive-scope rule reports the directives that have
no reason, name no rule, or silenced nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core.i18n import pick
from akq_cli.lint.findings import Finding
from akq_cli.lint.framework import DirectiveContext, Example, Rule
from akq_cli.lint.suppression import Directive


def _check(ctx: DirectiveContext) -> Iterable[Finding]:
    severity = ctx.config.severity_of(RULE.id, RULE.severity)
    for d in ctx.directives:
        for key, args in _problems(d, ctx):
            pointer = d.pointers[0] if d.pointers else ""
            yield Finding(RULE.id, severity, ctx.file, d.line, d.column, pointer, pick(MESSAGES[key], **args))


def _problems(d: Directive, ctx: DirectiveContext) -> list[tuple[str, dict[str, str]]]:
    if d.malformed:
        return [("malformed", {})]
    out: list[tuple[str, dict[str, str]]] = []
    known = ctx.known
    for r in d.rules:
        if r not in known:
            out.append(("unknown-rule", {"rule": r, "known": ", ".join(sorted(known))}))
    if not d.reason:
        out.append(("no-reason", {"rules": ",".join(d.rules)}))
    if d.target_line is None:
        out.append(("no-target", {}))
        return out
    for r in d.rules:
        # a rule that did not run this time silenced nothing, but is not to blame for it
        if r in known and r not in d.used and ctx.config.enabled(r):
            out.append(("unused", {"rule": r}))
    return out


MESSAGES: dict[str, dict[str, str]] = {
    "malformed": {
        "zh": "无法识别的 akq 注释。写法应为“# akq: disable=规则编号 理由”，例如“# akq: disable=vague-term 引用文件原文”。",
        "en": "Unrecognised akq comment. Write '# akq: disable=RULE reason', e.g. '# akq: disable=vague-term quoted verbatim'.",
    },
    "unknown-rule": {
        "zh": "禁用注释中的规则“{rule}”不存在。可用的规则：{known}。",
        "en": "The suppression names rule '{rule}', which does not exist. Known rules: {known}.",
    },
    "no-reason": {
        "zh": "禁用注释没有写理由。请在规则编号后写明为什么这里可以不遵守 {rules}，例如“# akq: disable={rules} 引用法规原文”。",
        "en": "The suppression gives no reason. Say after the rule id why {rules} does not apply here, e.g. '# akq: disable={rules} quoted from the statute'.",
    },
    "no-target": {
        "zh": "禁用注释后面没有内容，它不屏蔽任何问题。请把它放在有问题的那一行末尾或上一行，或删除它。",
        "en": "Nothing follows this suppression, so it suppresses nothing. Put it on or above the offending line, or delete it.",
    },
    "unused": {
        "zh": "禁用注释没有屏蔽任何问题：规则 {rule} 在这里没有发现问题。请删除这条注释（或其中的 {rule}）。",
        "en": "The suppression suppresses nothing: rule {rule} finds no problem here. Delete the comment (or {rule} from it).",
    },
}


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
            at=("9:29", "9:29"),
        ),
        Example(
            "purpose: 证明申请人符合法律援助经济困难标准  # akq: disable=vague-terms 笔误的规则名\n",
            note={"zh": "规则编号不存在", "en": "no such rule"},
            at=("9:29",),
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
    scope="directive",
)
