"""personal-data: an identity-card number, a mobile number or a bank card number in public text.

Every value of an item is published (the form, the site), so none may carry a
person's data.  We check the identity-card checksum (GB 11643) and the Luhn
digit of card numbers so that other long numbers are not mistaken for them;
landlines such as 0908-5622412 are office numbers and fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from akq_cli.lint.framework import Example, Hit, ItemContext, Rule

_ID = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<![0-9\-])(?:\+?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{4}){2}(?![0-9])")
_CARD = re.compile(r"(?<![0-9])[3-6]\d{3}(?:[ \-]?\d{3,4}){3,4}(?![0-9])")
_ELEVEN_DIGITS = re.compile(r"\d(?:[ \-]?\d){10}")  # every kind has at least 11 digits: a cheap first look
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_card_valid(number: str) -> bool:
    """GB 11643 check character of an 18-character resident identity number."""
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _mask(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if len(digits) > 7 else "*" * len(digits)


KINDS = {
    "id": ("居民身份证号码", "an identity-card number"),
    "mobile": ("手机号码", "a mobile phone number"),
    "card": ("银行卡号", "a bank card number"),
}


def find(text: str) -> Iterator[tuple[int, str, str]]:
    """(index, matched text, kind) of personal data in text."""
    taken: list[tuple[int, int]] = []
    for m in _ID.finditer(text):
        if id_card_valid(m.group()):
            taken.append(m.span())
            yield m.start(), m.group(), "id"
    for kind, pattern in (("mobile", _MOBILE), ("card", _CARD)):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            digits = re.sub(r"\D", "", m.group())
            if kind == "card" and not (16 <= len(digits) <= 19 and luhn_valid(digits)):
                continue
            taken.append(m.span())
            yield m.start(), m.group(), kind


def _check(ctx: ItemContext) -> Iterable[Hit]:
    for node in ctx.root.strings():
        if not _ELEVEN_DIGITS.search(node.value):
            continue
        for index, match, kind in find(node.value):
            zh, en = KINDS[kind]
            yield Hit(node, {"what": zh, "what_en": en, "masked": _mask(match)}, index=index, match=match)


RULE = Rule(
    id="personal-data",
    severity="error",
    summary={
        "zh": "公开的文本中有居民身份证号码、个人手机号码或银行卡号。",
        "en": "An identity-card number, a personal mobile number or a bank card number in public text.",
    },
    description={
        "zh": "事项的每一项内容都会印在告知承诺书上并在政府网站公开，不能包含任何个人的信息（工作方案三（五）：做好个人信息保护）。"
        "这条规则查找18位居民身份证号码（按国家标准校验最后一位，避免把其他编号误认为身份证号）、"
        "11位手机号码和16～19位银行卡号（校验末位）。联系电话请写单位的办公固定电话，例如“0908-5622412”；示例请用“XXX”代替。",
        "en": "Every value of an item is printed on the form and published on the county's site, so it must not contain a "
        "person's data (seed 三（五）). The rule finds 18-character identity-card numbers (checking the GB 11643 check "
        "character, so other numbers are not mistaken for them), 11-digit mobile numbers and 16-19-digit bank card "
        "numbers (checking the Luhn digit). Give an office landline such as 0908-5622412 instead; write XXX in examples.",
    },
    message={
        "zh": "这里有{what}（{masked}）。公开的文本不能包含个人信息：请删除；需要联系方式的，写单位的办公固定电话。",
        "en": "This contains {what_en} ({masked}). Public text must not carry personal data: remove it; give an office landline where a contact is needed.",
    },
    bad=(
        Example(
            "commitment:\n  method: [written, electronic]\n  proxy_allowed: false\n"
            "  withdrawal: 在法律援助机构作出决定前，申请人可以书面撤回承诺，联系人手机13912345678。\n",
            note={"zh": "个人手机号码", "en": "a personal mobile number"},
            at=("21:45",),
        ),
        Example(
            "conditions:\n  - text: 申请人（居民身份证号码 653001198001010013）上一年度人均月收入低于法律援助经济困难标准。\n    basis: 《中华人民共和国法律援助法》第四十一条\n",
            note={"zh": "身份证号码（校验位正确）", "en": "an identity-card number with a valid check character"},
            at=("16:23",),
        ),
    ),
    good=(
        Example(
            "commitment:\n  method: [written, electronic]\n  proxy_allowed: false\n"
            "  withdrawal: 在法律援助机构作出决定前，申请人可以书面撤回承诺，咨询电话0908-5622412。\n",
            note={"zh": "单位的办公固定电话", "en": "an office landline"},
        ),
    ),
    check=_check,
)
