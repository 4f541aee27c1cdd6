"""status-incomplete: a withdrawn or suspended item that does not say since when and why (issues 10.4, 12.4).

The public page of a stopped item tells applicants what happened to the proof they used to bring;
without the date and the reason it cannot.  The status fields on an item that is in force are
leftovers that would mislead the next reader, so they are reported too.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core import vocab
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

REQUIRED = ("status_since", "status_reason")
OPTIONAL = ("replaced_by",)

MISSING = {
    "zh": "事项状态为“{status}”，但没有写 {key}（{key_zh}）。已取消或暂停实施的事项必须写明起始日期和原因：请补上 {key}。",
    "en": "The item is {status_en} but has no {key} ({key_en}). A withdrawn or suspended item must say since when and why: add {key}.",
}
LEFTOVER = {
    "zh": "事项状态为“{status}”，不是已取消或暂停实施，{key} 不适用：请删除 {key}，或把 status 改为 withdrawn（已取消）或 suspended（暂停实施）。",
    "en": "The item is {status_en}, neither withdrawn nor suspended, so {key} does not apply: remove it, or set status to withdrawn or suspended.",
}
NAMES = {
    "status_since": ("状态起始日期", "the date it took effect"),
    "status_reason": ("取消或暂停的原因", "the reason"),
    "replaced_by": ("替代方式", "what replaces it"),
}


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check(ctx: ItemContext) -> Iterable[Hit]:
    status = ctx.root.get("status")
    if status is None or not isinstance(status.value, str) or status.value not in vocab.STATUS:
        return  # the schema reports it
    names = vocab.STATUS[status.value]
    args = {"status": names["zh"], "status_en": names["en"]}
    if status.value in vocab.STOPPED:
        for key in REQUIRED:
            node = ctx.root.get(key)
            if node is None or _empty(node.value):
                where = {"node": node} if node is not None else {"node": status, "pointer": f"/{key}"}
                yield Hit(args={**args, "key": key, "key_zh": NAMES[key][0], "key_en": NAMES[key][1]}, **where)
        return
    for key in (*REQUIRED, *OPTIONAL):
        node = ctx.root.get(key)
        if node is not None and not _empty(node.value):
            yield Hit(node, {**args, "key": key}, message=LEFTOVER)


RULE = Rule(
    id="status-incomplete",
    severity="error",
    summary={
        "zh": "已取消或暂停实施的事项没有写明起始日期（status_since）和原因（status_reason），或仍在实施的事项留有这些字段。",
        "en": "A withdrawn or suspended item without status_since and status_reason, or an item in force that still has them.",
    },
    description={
        "zh": "事项状态为 withdrawn（已取消）或 suspended（暂停实施）时，不再印制告知承诺书、不在网站列表中，但保留公开页面，"
        "告诉申请人这项证明或许可怎么办。页面要写明自哪一天起（status_since）、为什么（status_reason，写明依据），"
        "可以写明替代方式（replaced_by：取代它的事项编号，或一句话说明，例如“由民政部门通过居民家庭经济状况核对机制核对”）。"
        "状态为其他值时，这三个字段不适用，应当删除，免得误导读者。",
        "en": "A withdrawn or suspended item makes no form and leaves the site's lists, but keeps a public page that tells "
        "applicants what became of the proof or licence: since when (status_since), why (status_reason, with its legal "
        "basis), and optionally what replaces it (replaced_by: an item id or a short text). For any other status these "
        "fields do not apply and are reported so that they do not mislead.",
    },
    message=MISSING,
    bad=(
        Example(
            "status: withdrawn\nstatus_reason: 可以通过部门间信息共享核查，不再要求申请人提供。\n",
            note={"zh": "已取消，却没有写起始日期", "en": "withdrawn, with no date"},
            at=("38:9",),
        ),
        Example(
            "status: published\nstatus_since: 2026-07-01\n",
            note={"zh": "仍在实施的事项留有状态起始日期", "en": "an item in force with a status date"},
            at=("40:15",),
        ),
    ),
    good=(
        Example(
            "status: withdrawn\nstatus_since: 2026-07-01\n"
            "status_reason: 《中华人民共和国法律援助法》第四十一条第二款规定，法律援助机构可以通过信息共享查询核实申请人的经济困难状况。\n"
            "replaced_by: 由法律援助机构通过部门间信息共享核查\n",
        ),
        Example("status: published\n"),
    ),
    check=_check,
)
