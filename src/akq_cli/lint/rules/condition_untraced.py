"""condition-untraced: a condition that does not say which article it rests on (issue 10.2)."""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.wording import is_history, scaffold_marker


def _check(ctx: ItemContext) -> Iterable[Hit]:
    if is_history(ctx.root):
        return  # withdrawn, suspended or repealed: its conditions are history and it makes no form
    conditions = ctx.root.get("conditions")
    if conditions is None or not isinstance(conditions.value, list):
        return
    for entry in conditions.value:
        if isinstance(entry.value, str):
            if entry.value.strip() and not scaffold_marker(entry.value):
                yield Hit(entry)
        elif isinstance(entry.value, dict) and entry.get("text") is not None:
            basis = entry.get("basis")
            if basis is None or basis.value in (None, "", []):
                yield Hit(entry.get("text") or entry, pointer=entry.pointer + "/basis")


RULE = Rule(
    id="condition-untraced",
    severity="warning",
    summary={
        "zh": "申请人承诺符合的条件没有写明依据的条款（basis）。",
        "en": "A condition that does not name the article it rests on (basis).",
    },
    description={
        "zh": "《中华人民共和国行政许可法》第十六条规定，法规、规章对实施上位法设定的行政许可作出的具体规定，不得增设违反上位法的"
        "其他条件；第十七条规定，其他规范性文件一律不得设定行政许可。司法局审核告知承诺事项时逐条核对条件与依据的条款，"
        "所以每一条条件都要写明它依据的条款：把条件写成 text 和 basis 两项，basis 写“《文件名称》第N条”"
        "（可加第M款、第K项；依据几条时写成列表），文件名称须与 legal_basis 中的一项完全一致。"
        "条件超出条款规定的，应当删除，而不是给它找一个依据。已取消（withdrawn）、暂停实施（suspended）、已废止（repealed）的事项不出具承诺书，其条件是历史记录，不检查。",
        "en": "Under 行政许可法 art. 16 rules specifying a licence may not add conditions that contravene the higher law, and "
        "art. 17 bars other normative documents from setting licences; the justice bureau therefore checks each "
        "condition against its article. Write each condition as text and basis, basis being 《document》第N条 (with "
        "paragraph and item where needed; a list when several), the document one of legal_basis. A condition that "
        "goes beyond its article should be removed, not given a basis. Withdrawn, suspended and repealed items make no form; their conditions are history and are not judged.",
    },
    message={
        "zh": "这条条件没有写明依据的条款：请写成 text（条件）和 basis（《文件名称》第N条，文件须是 legal_basis 中的一项）；条款中没有这项条件的，请删除这条条件。",
        "en": "This condition names no article: write it as text and basis (《document》第N条, a document of legal_basis); if no article contains it, remove the condition.",
    },
    bad=(
        Example(
            "conditions:\n  - 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n",
            note={"zh": "只写了条件，没有依据", "en": "a condition with no basis"},
            at=("16:5",),
        ),
    ),
    good=(
        Example(
            "conditions:\n  - text: 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n"
            "    basis: 《中华人民共和国法律援助法》第四十一条\n",
        ),
        Example(
            "conditions:\n  - 申请人没有委托律师或者基层法律服务工作者担任本案的代理人。\n"
            "status: suspended\nstatus_since: 2026-07-01\nstatus_reason: 暂停实施，待按《中华人民共和国法律援助法》第四十一条重新核对条件。\n",
            note={"zh": "暂停实施的事项的条件是历史记录，不检查", "en": "a suspended item's conditions are history and are not judged"},
        ),
    ),
    check=_check,
)
