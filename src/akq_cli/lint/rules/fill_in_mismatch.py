"""fill-in-mismatch: a fill-in field whose type does not fit what its label names, or whose checker is no data source (issue 10.1).

An ID number is personal data of a natural person and a 统一社会信用代码 belongs to an organisation:
the form sizes their cells for 18 characters, the commitment ledger checks their check digits
(GB 11643, GB 32100), and the open data must never carry a person's number.  A field whose
label names one but whose type says another gets none of that.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core.loader import Node
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

# What a label says -> the type it must have; and what a type's label must say.
PERSON = ("身份证号码", "身份证件号码", "公民身份号码", "证件号码")
ORGANISATION = ("统一社会信用代码", "信用代码")
NEEDS = {"id_number": PERSON, "credit_code": ORGANISATION}
TYPE_ZH = {"id_number": "居民身份证号码", "credit_code": "统一社会信用代码"}

TYPE_MISMATCH = {
    "zh": "栏目“{label}”的类型是 {type}，但名称说的是{meant}：{advice}",
    "en": "The field '{label}' has type {type} but its label names {meant_en}: {advice_en}",
}
NOT_A_SOURCE = {
    "zh": "栏目的核查数据来源“{source}”不在 verification.data_sources 中：请改为其中的一项（{known}），或者先把它加入核查数据来源。",
    "en": "The checker '{source}' is not one of verification.data_sources ({known}): name one of them, or add it there first.",
}


def _type_hits(entry: Node) -> Iterable[Hit]:
    label, kind = entry.get("label"), entry.get("type")
    if label is None or kind is None or not isinstance(label.value, str) or not isinstance(kind.value, str):
        return
    text, value = label.value, kind.value
    for wanted, words in NEEDS.items():
        names = any(w in text for w in words)
        if names and value != wanted:
            yield Hit(kind, {"label": text, "type": value, "meant": TYPE_ZH[wanted], "meant_en": wanted,
                             "advice": f"请把 type 改为 {wanted}。", "advice_en": f"set type to {wanted}."}, message=TYPE_MISMATCH)
        elif value == wanted and not names:
            yield Hit(kind, {"label": text, "type": value, "meant": "别的内容", "meant_en": "something else",
                             "advice": f"{wanted} 只用于{TYPE_ZH[wanted]}，请改用 text，或在名称中写明“{TYPE_ZH[wanted]}”。",
                             "advice_en": f"{wanted} is only for a {TYPE_ZH[wanted]}; use text, or say so in the label."},
                      message=TYPE_MISMATCH)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    declared = ctx.root.get("fill_in")
    if declared is None or not isinstance(declared.value, list):
        return
    verification = ctx.root.get("verification")
    sources_node = verification.get("data_sources") if verification is not None else None
    sources = [n.value.strip() for n in sources_node.value if isinstance(n.value, str)] if (
        sources_node is not None and isinstance(sources_node.value, list)) else []
    for entry in declared.value:
        if not isinstance(entry.value, dict):
            continue
        yield from _type_hits(entry)
        columns = entry.get("columns")
        for column in columns.value if columns is not None and isinstance(columns.value, list) else []:
            if isinstance(column.value, dict):
                yield from _type_hits(column)
        checker = entry.get("checked_by")
        if checker is not None and isinstance(checker.value, str) and checker.value.strip() not in sources:
            yield Hit(checker, {"source": checker.value.strip(), "known": "、".join(sources)}, message=NOT_A_SOURCE)


RULE = Rule(
    id="fill-in-mismatch",
    severity="error",
    summary={
        "zh": "填写栏目的类型与名称不符（居民身份证号码、统一社会信用代码），或核查数据来源不在 verification.data_sources 中。",
        "en": "A fill-in field whose type does not fit its label (ID number, credit code), or whose checker is not a data source.",
    },
    description={
        "zh": "居民身份证号码是自然人的个人信息，统一社会信用代码属于法人和其他组织：承诺书为它们留出一行18位的位置，"
        "承诺台账按 GB 11643、GB 32100 校验末位校验码，开放数据不得公开个人的号码。栏目名称说的是身份证号码，类型却是 text，"
        "或者类型是 id_number，名称却不是身份证号码，这些处理都会落空。checked_by 写的核查数据来源须是本事项 "
        "verification.data_sources 中的一项，告知承诺书的核查一节才会告诉申请人。",
        "en": "An ID number is a natural person's personal data and a unified social credit code an organisation's: the form "
        "gives them an 18-character cell, the commitment ledger checks their check digits (GB 11643, GB 32100), and open "
        "data must never show a person's number. A label naming one with another type, or the type without such a label, "
        "defeats all of that. checked_by must be one of verification.data_sources, which the form tells the applicant.",
    },
    message=TYPE_MISMATCH,
    bad=(
        Example(
            "conditions:\n  - text: 承诺书所填写的代理人居民身份证号码与身份证件一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "fill_in:\n  - label: 代理人居民身份证号码\n    type: text\n",
            note={"zh": "身份证号码用了 text 类型", "en": "an ID number typed as text"},
            at=("42:11",),
        ),
        Example(
            "conditions:\n  - text: 承诺书所填写的地址与实际一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "fill_in:\n  - label: 地址\n    type: address\n    checked_by: 不动产登记信息管理基础平台\n",
            note={"zh": "核查数据来源不在 data_sources 中", "en": "a checker outside data_sources"},
            at=("43:17",),
        ),
    ),
    good=(
        Example(
            "conditions:\n  - text: 承诺书所填写的代理人居民身份证号码与身份证件一致。\n    basis: 《中华人民共和国法律援助法》第四十一条\n"
            "fill_in:\n  - label: 代理人居民身份证号码\n    type: id_number\n    checked_by: 全国一体化在线政务服务平台\n",
        ),
    ),
    check=_check,
)
