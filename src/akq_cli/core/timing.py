"""An item's verification deadline as data: how many days, working days or months, counted from which event.

`verification.timing` in an item is a mapping ``{amount: 15, unit: workday, from: accepted}``.
The form, the site and the open data print it in Chinese from the structure (受理后15个工作日内);
the ledger (akq_cli.ledger.deadlines) turns it into a date. Before it was structured it was free
text such as 受理后15个工作日内; `parse_text` reads that text back so that lint can offer the
mapping as a fix. Plain data only: nothing here reads a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# unit -> how the Chinese sentence names it
UNITS: dict[str, str] = {"day": "日", "workday": "个工作日", "month": "个月"}
# starting event (the YAML key is `from`) -> what the Chinese sentence calls it
STARTS: dict[str, str] = {"accepted": "受理", "decided": "作出决定", "registered": "登记"}
UNITS_EN = {"day": "days", "workday": "working days", "month": "months"}
STARTS_EN = {"accepted": "acceptance", "decided": "the decision", "registered": "registration"}
KEYS = ("amount", "unit", "from")
# Longer than any verification period a county would set: a bigger number is a typing slip.
MAX_AMOUNT = {"day": 366, "workday": 250, "month": 36}


@dataclass(frozen=True)
class Timing:
    amount: int
    unit: str  # a key of UNITS
    start: str  # a key of STARTS (written `from` in YAML, a Python keyword)

    def zh(self) -> str:
        """受理后15个工作日内"""
        return f"{STARTS[self.start]}后{self.amount}{UNITS[self.unit]}内"

    def en(self) -> str:
        return f"within {self.amount} {UNITS_EN[self.unit]} of {STARTS_EN[self.start]}"

    def flow(self) -> str:
        """The one-line YAML `akq fmt` writes: {amount: 15, unit: workday, from: accepted}"""
        return f"{{amount: {self.amount}, unit: {self.unit}, from: {self.start}}}"

    def mapping(self) -> dict[str, Any]:
        """The YAML form, keys in the canonical order."""
        return {"amount": self.amount, "unit": self.unit, "from": self.start}


def timing_of(item_verification: Mapping[str, Any]) -> Timing | None:
    """The item's verification deadline, or None when it is absent or cannot be read
    (the rule `timing-unreadable` says why)."""
    value = item_verification.get("timing") if isinstance(item_verification, Mapping) else None
    return read(value) if not problems(value) else None


def text(value: Any) -> str:
    """How the form, the site and the open data print a timing value: 受理后15个工作日内.

    An old free text prints as written and an unreadable mapping prints nothing; lint reports both."""
    if isinstance(value, str):
        return value.strip()
    return read(value).zh() if not problems(value) else ""


def read(value: Any) -> Timing:
    """A mapping that `problems` accepted, as a Timing."""
    return Timing(int(value["amount"]), str(value["unit"]), str(value["from"]))


def problems(value: Any) -> list[tuple[str, dict[str, Any]]]:
    """What makes a timing value unreadable, as (message key, arguments) for the lint rule.

    Empty when it is a mapping of exactly amount (a positive whole number within
    MAX_AMOUNT), unit and from."""
    if value is None:
        return [("missing", {})]
    if not isinstance(value, Mapping):
        return [("not-mapping", {"value": str(value)})]
    found: list[tuple[str, dict[str, Any]]] = []
    for key in value:
        if key not in KEYS:
            found.append(("unknown-key", {"key": str(key)}))
    for key in KEYS:
        if key not in value:
            found.append(("missing-key", {"key": key}))
    unit = value.get("unit")
    if "unit" in value and unit not in UNITS:
        found.append(("bad-unit", {"value": str(unit)}))
    if "from" in value and value.get("from") not in STARTS:
        found.append(("bad-from", {"value": str(value.get("from"))}))
    amount = value.get("amount")
    if "amount" in value:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
            found.append(("bad-amount", {"value": str(amount)}))
        elif unit in MAX_AMOUNT and amount > MAX_AMOUNT[unit]:
            found.append(("too-long", {"value": amount, "limit": MAX_AMOUNT[unit], "unit": UNITS[unit]}))
    return found


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_TEXT = re.compile(
    r"^(?:自|在)?(?P<start>受理|作出(?:[^后起内]{0,6})?决定|登记|备案)(?:之日)?(?:后|起)"
    r"(?P<amount>[0-9]+|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个工作日|工作日|日|天|个月|月)内?[。.]?$"
)
_TEXT_UNITS = {"个工作日": "workday", "工作日": "workday", "日": "day", "天": "day", "个月": "month", "月": "month"}


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return _CN_DIGITS[text]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def parse_text(text: str) -> Timing | None:
    """The old free text (受理后15个工作日内, 作出许可决定后1个月内, 登记后3个月内) as a Timing,
    or None when it does not say plainly one amount, one unit and one of the three events."""
    m = _TEXT.match(text.strip().translate(_FULLWIDTH).replace(" ", ""))
    if not m:
        return None
    start = m.group("start")
    event = "accepted" if start == "受理" else "registered" if start in ("登记", "备案") else "decided"
    amount = _cn_number(m.group("amount"))
    timing = Timing(amount, _TEXT_UNITS[m.group("unit")], event)
    return timing if amount >= 1 and not problems(timing.mapping()) else None
