"""timing-unreadable: a verification deadline the ledger cannot compute (issue 13.2).

`verification.timing` is ``{amount, unit, from}`` (akq_cli.core.timing). An item still holding
the old free text gets the mapping it means as a suggestion when the text says plainly one
amount, one unit and one starting event; otherwise the message says what to write. The
JSON Schema's own findings for this value are left to this rule (schema.py skips them), so
each problem is reported once, in words a clerk can act on.
"""

from __future__ import annotations

from collections.abc import Iterable

from akq_cli.core import timing
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule
from akq_cli.lint.rules.placeholder import MARKERS

POINTER = "/verification/timing"
FORMAT = "{amount: 数量, unit: day/workday/month, from: accepted/decided/registered}"

OLD_TEXT = {
    "zh": "核查时限“{value}”是旧的文字写法，台账无法据此计算核查期限。请改为：timing: {suggestion}",
    "en": "The verification deadline '{value}' is old free text the ledger cannot compute. Write: timing: {suggestion}",
}
UNPARSEABLE = {
    "zh": "核查时限“{value}”无法读出一个明确的期限。请写成 timing: " + FORMAT + "，例如“受理后15个工作日内”写成 "
    "{{amount: 15, unit: workday, from: accepted}}；期限从受理期限终止等其他时间起算的，请换算为从受理、作出决定或登记起算。",
    "en": "The verification deadline '{value}' does not state one clear period. Write timing: " + FORMAT + ", e.g. "
    "{{amount: 15, unit: workday, from: accepted}} for 受理后15个工作日内.",
}
MESSAGES: dict[str, dict[str, str]] = {
    "unknown-key": {
        "zh": "核查时限中不认识的键“{key}”：只能写 amount、unit、from。",
        "en": "Unknown key '{key}' in the verification deadline: only amount, unit, from.",
    },
    "missing-key": {
        "zh": "核查时限缺少 {key}。请写成 timing: " + FORMAT + "。",
        "en": "The verification deadline lacks {key}. Write timing: " + FORMAT + ".",
    },
    "bad-unit": {
        "zh": "核查时限的单位“{value}”不对：day 日、workday 工作日、month 个月，三选一。",
        "en": "Unit '{value}' is not one of day, workday, month.",
    },
    "bad-from": {
        "zh": "核查时限的起算事件“{value}”不对：accepted 受理、decided 作出决定、registered 登记，三选一。",
        "en": "Starting event '{value}' is not one of accepted, decided, registered.",
    },
    "bad-amount": {
        "zh": "核查时限的数量“{value}”不对：应当是正整数，例如 15，不加引号和单位。",
        "en": "Amount '{value}' must be a positive whole number such as 15, without quotes or unit.",
    },
    "too-long": {
        "zh": "核查时限为{value}{unit}，超过{limit}{unit}，多半是笔误。请核对后改正。",
        "en": "A deadline of {value} {unit} is over {limit}: most likely a typing slip. Check and correct it.",
    },
    "not-mapping": UNPARSEABLE,
}


def _check(ctx: ItemContext) -> Iterable[Hit]:
    verification = ctx.root.get("verification")
    if verification is None or not isinstance(verification.value, dict):
        return
    node = verification.get("timing")
    if node is None:
        return  # the schema rule names a missing required key
    value = node.plain()
    if isinstance(value, str):
        parsed = timing.parse_text(value)
        if parsed is not None:
            fix = {"pointer": POINTER, "value": parsed.mapping()}
            yield Hit(node, {"value": value.strip(), "suggestion": parsed.flow()}, message=OLD_TEXT, fix=fix)
        else:
            yield Hit(node, {"value": value.strip()}, message=UNPARSEABLE)
        return
    for key, args in timing.problems(value):
        if key == "bad-amount" and any(m in args["value"] for m in MARKERS):
            continue  # the placeholder rule points at what `akq new` left to fill in
        child = (
            node.get(args["key"] if key == "unknown-key" else _KEY_OF.get(key, "")) if isinstance(value, dict) else None
        )
        yield Hit(child or node, {"value": str(value), **args}, message=MESSAGES.get(key, UNPARSEABLE))


_KEY_OF = {"bad-unit": "unit", "bad-from": "from", "bad-amount": "amount", "too-long": "amount"}

RULE = Rule(
    id="timing-unreadable",
    severity="error",
    summary={
        "zh": "核查时限不是 {amount, unit, from} 的格式，或数量、单位、起算事件不对，台账无法计算核查期限。",
        "en": "A verification deadline that is not {amount, unit, from}, or has a wrong amount, unit or event.",
    },
    description={
        "zh": "核查时限（verification.timing）决定台账为每份承诺计算的核查期限（akq ledger due）和协助核查函的回复期限，"
        "也是告知承诺书、网站和开放数据上“受理后15个工作日内”这句话的来源。它写成三项："
        "amount 数量（正整数）；unit 单位：day 日（自然日）、workday 工作日（按国务院每年的节假日安排扣除节假日、"
        "计入调休上班日）、month 个月（自然月，没有对应日期的取月末）；from 起算事件：accepted 受理、decided 作出决定、"
        "registered 登记。期限自该事件的次日起算。旧的文字写法（例如“受理后15个工作日内”）能读懂的，"
        "本规则给出对应的写法；读不懂的（例如从受理期限终止之日起算），请换算为从三个事件之一起算，"
        "宁早勿晚，并在文件开头的注释中说明。",
        "en": "verification.timing gives each commitment's verification deadline in the ledger (akq ledger due) and an "
        "assistance letter's reply date, and it is where the form, the site and the open data take the sentence "
        "受理后15个工作日内 from. It has three keys: amount (a positive whole number); unit: day (calendar days), "
        "workday (working days on the State Council's yearly holiday calendar, adjusted working days included) or "
        "month (calendar months, clamped to the month's end); from: accepted, decided or registered; the period "
        "starts the day after that event. Old free text that states one period plainly gets the mapping it means as a "
        "suggestion; other text must be restated from one of the three events, erring early, with a note in the file header.",
    },
    message=UNPARSEABLE,
    bad=(
        Example(
            "verification:\n  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息。\n  methods: [online]\n  timing: 受理后15个工作日内\n",
            note={
                "zh": "旧的文字写法：规则给出 {amount: 15, unit: workday, from: accepted}，`akq lint --fix` 照此改写",
                "en": "old free text: the rule suggests {amount: 15, unit: workday, from: accepted}; `akq lint --fix` writes it",
            },
            fix="verification:\n  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息。\n  methods: [online]\n"
            "  timing: {amount: 15, unit: workday, from: accepted}\n",
        ),
        Example(
            "verification:\n  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息。\n  methods: [online]\n"
            "  timing: {amount: 15, unit: week, from: accepted}\n",
            note={"zh": "没有“周”这个单位", "en": "there is no unit 'week'"},
        ),
        Example(
            "verification:\n  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息。\n  methods: [online]\n"
            "  timing: {amount: 15个, unit: workday, from: accepted}\n",
            note={"zh": "数量要写成整数", "en": "the amount must be a whole number"},
        ),
    ),
    good=(
        Example(
            "verification:\n  power: 法律援助机构可以通过信息共享查询申请人及其家庭成员的收入和财产信息。\n  methods: [online]\n"
            "  timing: {amount: 15, unit: workday, from: accepted}\n",
        ),
    ),
    check=_check,
    fixable=True,
)
