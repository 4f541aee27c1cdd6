"""legal-basis-superseded: an item rests on an instrument that no longer (or not yet) governs its matter.

The day judged is the later of ``--as-of`` (default today) and the item's own effective_date: an item
that takes effect next month must rest on the law in force next month.  Withdrawn and repealed items
keep their old basis as history and are not judged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from akq_cli.core.laws import Instrument
from akq_cli.lint.citations import citations
from akq_cli.lint.framework import Example, Hit, ItemContext, Option, OptionType, Rule

NOT_JUDGED = ("withdrawn", "repealed")


def _weeks(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 104:
        raise ValueError(value)
    return value


WEEKS = OptionType({"zh": "0 到 104 之间的整数（周数）", "en": "a whole number of weeks from 0 to 104"}, _weeks)
OPTIONS = (Option("warn-weeks", default=8, example="8", type=WEEKS),)

MESSAGES = {
    "repealed": {
        "zh": "{title}自{when_zh}起已废止（{day_zh}适用的是废止后的法律状态）。请改为引用现行有效的依据；"
        "akq laws 列出登记表中每部文件的状态和来源。",
        "en": "{title} was repealed on {when} (the day judged is {day}). Cite the instrument in force instead; "
        "akq laws lists every instrument's status and source.",
    },
    "not-yet": {
        "zh": "{title}自{when_zh}起施行，在{day_zh}尚未生效。请引用{day_zh}有效的依据，或者把 effective_date 改为施行之日以后。",
        "en": "{title} takes effect on {when}: on {day} it is not yet in force. Cite what is in force on {day}, "
        "or move effective_date to on or after {when}.",
    },
    "governed": {
        "zh": "自{when_zh}起，{title}规定的事项由{governor}规定，本事项没有引用{governor}。"
        "请按{governor}重新核对条件、承诺内容和法律责任，并引用其条款。{note}",
        "en": "From {when} the matter of {title} is governed by {governor}, which this item does not cite. "
        "Re-check the conditions, commitment and liability against {governor} and cite its articles. {note}",
    },
    "soon-repealed": {
        "zh": "{title}将于{when_zh}废止（{weeks}周内）。请在此之前改为引用届时有效的依据。",
        "en": "{title} will be repealed on {when} (within {weeks} weeks). Cite what will be in force by then.",
    },
    "soon-governed": {
        "zh": "{governor}将于{when_zh}施行（{weeks}周内），届时{title}规定的事项由其规定。请提前按{governor}修改本事项。{note}",
        "en": "{governor} takes effect on {when} (within {weeks} weeks) and will govern the matter of {title}. "
        "Prepare this item for it. {note}",
    },
}


def _zh_dates(args: dict[str, Any]) -> dict[str, str]:
    """2026年7月1日 for the Chinese message, as county documents write dates; the English keeps ISO."""
    return {
        f"{key}_zh": f"{value.year}年{value.month}月{value.day}日" if isinstance(value, date) else str(value)
        for key, value in args.items()
        if key in ("when", "day")
    }


def _judged_day(ctx: ItemContext) -> date:
    day = ctx.config.today()
    node = ctx.root.get("effective_date")
    if node is not None and isinstance(node.value, str):
        try:
            return max(day, date.fromisoformat(node.value))
        except ValueError:
            pass  # the schema reports a malformed date
    return day


def _findings(inst: Instrument, day: date, soon: date, cited: set[str]) -> Iterable[tuple[str, dict[str, Any], bool]]:
    """(message key, arguments, whether only a warning) for one cited instrument."""
    status = inst.status_on(day)
    if status == "已废止":
        yield "repealed", {"when": inst.repealed or inst.checked, "day": day}, False
        return
    if status == "尚未生效":
        yield "not-yet", {"when": inst.effective, "day": day}, False
        return
    if inst.repealed is not None and day < inst.repealed <= soon:
        yield "soon-repealed", {"when": inst.repealed}, True
    for gov in inst.governed_by:
        if gov.name in cited:
            continue
        if gov.since <= day:
            yield "governed", {"when": gov.since, "governor": gov.name, "note": gov.note}, False
        elif gov.since <= soon:
            yield "soon-governed", {"when": gov.since, "governor": gov.name, "note": gov.note}, True


def _check(ctx: ItemContext) -> Iterable[Hit]:
    register = ctx.config.laws
    status = ctx.root.get("status")
    if register is None or (status is not None and status.value in NOT_JUDGED):
        return
    day = _judged_day(ctx)
    soon = day + timedelta(weeks=RULE.option(ctx.config, "warn-weeks"))
    found = [(cite, register.lookup(cite.title)) for cite in citations(ctx.root)]
    cited = {inst.name for _, inst in found if inst is not None}
    reported: set[tuple[str, str]] = set()
    for cite, inst in found:
        if inst is None:
            continue  # legal-basis-unknown-name
        for key, args, warning in _findings(inst, day, soon, cited):
            if (inst.name, key) in reported and not cite.formal:
                continue  # once per instrument in running text; every legal_basis entry is reported
            reported.add((inst.name, key))
            yield Hit(
                cite.node,
                {"title": cite.title, "weeks": RULE.option(ctx.config, "warn-weeks"), **args, **_zh_dates(args)},
                index=cite.index,
                match=cite.title,
                message=MESSAGES[key],
                severity="warning" if warning else None,
            )


RULE = Rule(
    id="legal-basis-superseded",
    severity="error",
    summary={
        "zh": "事项引用的法律法规已废止、尚未生效，或者其事项已由新的上位法规定而事项没有引用新法。",
        "en": "An item cites an instrument that is repealed, not yet in force, or governed by a newer higher-level "
        "instrument the item does not also cite.",
    },
    description={
        "zh": "法律会变：例如《中华人民共和国社会救助法》自2026年7月1日起施行后，最低生活保障等事项由该法规定，"
        "仍只引用《社会救助暂行办法》的事项，其条件、承诺内容和法律责任都可能与新法不一致（该法第六十二条第二款"
        "不允许要求申请人提供可以通过家庭经济状况核对机制核实的情况）。本规则按法律法规登记表（akq laws）检查"
        "事项引用的每一部文件：在判断日已废止或尚未生效的，或者已由登记的上位法规定而事项没有同时引用该上位法的，"
        "报错；在 warn-weeks 周内将要发生这些变化的，提前警告。判断日是 `akq lint --as-of 日期`（默认今天）"
        "与事项 effective_date 中较晚的一天。已取消（withdrawn）、已废止（repealed）的事项保留原依据，不检查。",
        "en": "Law changes: once 《中华人民共和国社会救助法》 took effect on 2026-07-01 it governs minimum living "
        "allowances, and an item that still cites only 《社会救助暂行办法》 may ask for what the new law forbids "
        "(its article 62(2): nothing the household-finance check can verify may be asked of the applicant). This "
        "rule looks up each instrument an item cites in the law register (akq laws): repealed or not yet in force on "
        "the day judged, or governed by a registered higher-level instrument the item does not also cite, is an "
        "error; such a change within warn-weeks weeks is a warning. The day judged is the later of "
        "`akq lint --as-of DATE` (default today) and the item's effective_date. Withdrawn and repealed items "
        "keep their old basis and are not judged.",
    },
    message=MESSAGES["governed"],
    options=OPTIONS,
    bad=(
        Example(
            "legal_basis:\n  - document: 《社会救助暂行办法》\n    article: 第九条\n    level: administrative_regulation\n"
            "conditions:\n  - {text: 申请人共同生活的家庭成员人均收入低于当地最低生活保障标准。, basis: 《社会救助暂行办法》第九条}\n"
            "effective_date: 2026-08-01\n",
            note={
                "zh": "2026年7月1日以后施行的事项只引用《社会救助暂行办法》",
                "en": "an item effective after 2026-07-01 citing only 《社会救助暂行办法》",
            },
            at=("11:15",),
        ),
        Example(
            "legal_basis:\n  - document: 《中华人民共和国社会救助法》\n    article: 第十八条\n    level: law\n"
            "conditions:\n  - {text: 申请人共同生活的家庭成员人均收入低于当地最低生活保障标准。, basis: 《中华人民共和国社会救助法》第十八条第一款}\n"
            "effective_date: 2026-05-01\n",
            note={
                "zh": "事项施行时该法尚未生效（判断日取 --as-of 与 effective_date 中较晚的一天）",
                "en": "the law is not yet in force when the item takes effect",
            },
            at=("11:15",),
        ),
        Example(
            "legal_basis:\n  - document: 《社会救助暂行办法》\n    article: 第九条\n    level: administrative_regulation\n"
            "conditions:\n  - {text: 申请人共同生活的家庭成员人均收入低于当地最低生活保障标准。, basis: 《社会救助暂行办法》第九条}\n"
            "effective_date: 2026-05-15\n",
            note={
                "zh": "新法在 warn-weeks（默认8周）内施行：警告",
                "en": "the new law takes effect within warn-weeks (default 8): a warning",
            },
            at=("11:15",),
        ),
    ),
    good=(
        Example(
            "legal_basis:\n  - document: 《中华人民共和国社会救助法》\n    article: 第十八条\n    level: law\n"
            "conditions:\n  - {text: 申请人共同生活的家庭成员人均收入低于当地最低生活保障标准。, basis: 《中华人民共和国社会救助法》第十八条第一款}\n"
            "effective_date: 2026-08-01\n",
        ),
        Example(
            "legal_basis:\n  - document: 《中华人民共和国社会救助法》\n    article: 第十八条\n    level: law\n"
            "  - document: 《社会救助暂行办法》\n    article: 第九条\n    level: administrative_regulation\n"
            "conditions:\n  - {text: 申请人共同生活的家庭成员人均收入低于当地最低生活保障标准。, basis: 《中华人民共和国社会救助法》第十八条第一款}\n"
            "effective_date: 2026-08-01\n",
            note={"zh": "同时引用新法的，可以保留原依据", "en": "the old basis may stay beside the new law"},
        ),
    ),
    check=_check,
)
