"""doc-number-format: a document number not written as 机关代字〔年份〕序号号 (GB/T 9704-2012 7.2.4).

The standard: the year in hexagonal brackets 〔〕, the serial number without
leading zeros and without 第.  Only the brackets, digits and 第 change, so the
fix cannot change meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from akq_cli.core.zhtext import CJK, lazy
from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

# The number follows the issuer's code (国发, 阿政办发): a Chinese character right before the bracket.
# A court case number such as （2021）新30民初7号 has text after the bracket and does not match.
NUMBER = lazy(
    f"(?<=[{CJK}])[ \u3000]*(?P<open>[\\[\\(（【〔［〖｛{{])\\s*(?P<year>(?:19|20|１９|２０)[0-9０-９]{{2}})\\s*"
    f"(?P<close>[\\]\\)）】〕］〗｝}}])\\s*(?P<di>第)?\\s*(?P<num>[0-9０-９]+)\\s*号"
)


def _ascii(digits: str) -> str:
    return str(int(digits))  # int() reads full-width digits too, and drops leading zeros


def correct(m: re.Match[str]) -> str:
    return f"〔{_ascii(m.group('year'))}〕{_ascii(m.group('num'))}号"


def find(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """(match, corrected) for every document number not in the standard form."""
    for m in NUMBER.finditer(text):
        fixed = correct(m)
        if m.group() != fixed:
            yield m, fixed


def fixed_text(text: str) -> str:
    return NUMBER.sub(correct, text)


def _check(ctx: ItemContext) -> Iterable[Hit]:
    for node in ctx.root.strings():
        if "号" not in node.value:
            continue
        fix = None
        for m, corrected in find(node.value):
            fix = fix or {"pointer": node.pointer, "value": fixed_text(node.value)}
            shown = m.group().strip()
            yield Hit(
                node,
                {"match": shown, "fixed": corrected},
                index=m.start("open"),
                match=node.value[m.start("open") : m.end()],
                fix=fix,
            )


RULE = Rule(
    id="doc-number-format",
    severity="warning",
    summary={
        "zh": "公文文号格式不对：年份应当用六角括号〔〕，序号不加“第”、不编虚位，例如“国发〔2021〕7号”。",
        "en": "A document number not in the form 国发〔2021〕7号: the year in 〔〕, the serial without 第 or leading zeros.",
    },
    description={
        "zh": "按照《党政机关公文格式》（GB/T 9704—2012）7.2.4，发文字号由发文机关代字、年份和发文顺序号组成，"
        "年份用六角括号“〔〕”括入，发文顺序号不加“第”字、不编虚位（1不编为01），例如“国发〔2021〕7号”“阿政办发〔2021〕6号”。"
        "常见错误是用方括号“[ ]”、圆括号“（）”或“【】”代替六角括号，以及写成“07号”“第7号”。"
        "`akq lint --fix` 可以自动改正括号；序号和“第”字请手工改正。",
        "en": "GB/T 9704-2012 7.2.4: a document number is the issuer's code, the year in hexagonal brackets 〔〕 and the "
        "serial number without 第 or leading zeros, e.g. 国发〔2021〕7号, 阿政办发〔2021〕6号. Square brackets, round "
        "brackets or 【】 instead of 〔〕, and 07号 or 第7号, are the usual mistakes. `akq lint --fix` corrects the "
        "brackets; correct the serial number by hand.",
    },
    message={
        "zh": "文号“{match}”格式不对，应写作“{fixed}”（年份用六角括号〔〕，序号不加“第”、不编虚位）。",
        "en": "The document number '{match}' should read '{fixed}' (year in 〔〕, serial without 第 or leading zeros).",
    },
    bad=(
        Example(
            "kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发[2021]7号）\n  date: 2021-05-19\n",
            note={"zh": "方括号", "en": "square brackets"},
            fix="kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）\n  date: 2021-05-19\n",
            at=("21:49",),
        ),
        Example(
            "kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕07号）\n  date: 2021-05-19\n",
            note={"zh": "序号编了虚位", "en": "a leading zero"},
            # only brackets are safe to fix: a serial number stays for a person to correct
            fix="kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕07号）\n  date: 2021-05-19\n",
            at=("21:49",),
        ),
    ),
    good=(
        Example(
            "kind: business_license\napproval:\n  authority: 国务院\n"
            "  document: 《国务院关于深化“证照分离”改革进一步激发市场主体发展活力的通知》（国发〔2021〕7号）\n  date: 2021-05-19\n",
        ),
    ),
    check=_check,
    fixable=True,
)
