"""When a verification is due: a start date plus an item's Timing, on the Chinese working calendar.

Working days follow the State Council's yearly holiday notice (国务院办公厅关于部分节假日安排的
通知), which moves weekend days to working days around 春节, 国庆 and the like; the
`chinesecalendar` package carries those notices. A county may add its own days off or
working days, or enter a year the package does not know yet, in an override file (TOML):

    # 阿合奇县节假日调整（在 chinesecalendar 收录前录入国务院通知的安排）
    holidays = [2027-01-01]          # extra days off
    workdays = [2027-02-20]          # extra working days
    complete_years = [2027]          # years whose whole arrangement is entered above

A year neither the package nor the override file covers (2027 with chinesecalendar 1.11)
is counted with weekends only, and the deadline is marked provisional (暂定) with the
reason; computing it again once the calendar learns the year gives the final date.

The start day itself is not counted (期间开始的当日不计入): 15 working days after an
acceptance on Monday 2026-06-01 end on Monday 2026-06-22 (端午 on 19 June is skipped).
Calendar days and months are not extended past a holiday: a verification deadline binds
the department, which may finish early. Months count calendar months; a day the month
lacks is clamped to its last day (1 month after 31 January is 28 or 29 February).
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
from chinese_calendar import constants as _calendar_data

from akq_cli.core.i18n import pick
from akq_cli.core.timing import Timing

COVERED_YEARS: frozenset[int] = frozenset(d.year for d in _calendar_data.holidays)
CALENDAR_VERSION: str = getattr(chinese_calendar, "__version__", "")


@dataclass(frozen=True)
class CalendarOverrides:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    complete_years: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Deadline:
    due: date
    provisional: bool
    reason: str | None  # why it is provisional, in the current language


class OverridesError(Exception):
    """A county override file that cannot be used; str() names file, line, column and the fix."""

    def __init__(self, path: Path, detail: str, line: int = 1, column: int = 1) -> None:
        super().__init__(detail)
        self.path, self.detail, self.line, self.column = path, detail, line, column

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.detail}"


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


def _dates(raw: dict[str, Any], key: str, path: Path, text: str) -> frozenset[date]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(d, date) for d in value):
        raise OverridesError(
            path,
            pick(
                {
                    "zh": f"{key} 应当是日期列表，日期不加引号，例如 {key} = [2027-01-01, 2027-01-02]",
                    "en": f"{key} must be a list of unquoted dates, e.g. {key} = [2027-01-01, 2027-01-02]",
                }
            ),
            _line_of(text, key),
        )
    return frozenset(value)


def load_overrides(path: Path) -> CalendarOverrides:
    """The county override file; OverridesError says where and how to fix a bad one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OverridesError(path, pick({"zh": f"无法读取：{exc}", "en": f"cannot read it: {exc}"})) from exc
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        line, column = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise OverridesError(
            path, pick({"zh": f"不是有效的 TOML：{exc}", "en": f"not valid TOML: {exc}"}), line, column
        ) from exc
    unknown = sorted(set(raw) - {"holidays", "workdays", "complete_years"})
    if unknown:
        raise OverridesError(
            path,
            pick(
                {
                    "zh": f"不认识的键 {unknown[0]}：只能写 holidays、workdays、complete_years",
                    "en": f"unknown key {unknown[0]}: only holidays, workdays, complete_years",
                }
            ),
            _line_of(text, unknown[0]),
        )
    holidays, workdays = _dates(raw, "holidays", path, text), _dates(raw, "workdays", path, text)
    both = sorted(holidays & workdays)
    if both:
        raise OverridesError(
            path,
            pick(
                {
                    "zh": f"{both[0]} 同时写在 holidays 和 workdays 中，请删去其中一处",
                    "en": f"{both[0]} is in both holidays and workdays; remove one",
                }
            ),
            _line_of(text, "workdays"),
        )
    years = raw.get("complete_years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise OverridesError(
            path,
            pick(
                {
                    "zh": "complete_years 应当是年份列表，例如 [2027]",
                    "en": "complete_years must be a list of years, e.g. [2027]",
                }
            ),
            _line_of(text, "complete_years"),
        )
    return CalendarOverrides(holidays, workdays, frozenset(years))


def _known(year: int, overrides: CalendarOverrides) -> bool:
    return year in COVERED_YEARS or year in overrides.complete_years


def is_workday(day: date, overrides: CalendarOverrides) -> bool:
    if day in overrides.workdays:
        return True
    if day in overrides.holidays:
        return False
    if day.year in COVERED_YEARS:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def add_months(start: date, months: int) -> date:
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))


def _reason(years: list[int]) -> str:
    last = max(COVERED_YEARS)
    shown = "、".join(str(y) for y in years)
    return pick(
        {
            "zh": f"暂定：chinesecalendar {CALENDAR_VERSION} 只收录到{last}年，{shown}年的法定节假日和调休安排尚未收录，"
            "按只扣除星期六、星期日计算；国务院公布安排后，请在节假日调整文件中录入，或升级 chinesecalendar，再重新计算。",
            "en": f"provisional: chinesecalendar {CALENDAR_VERSION} covers years up to {last}; the public holidays of "
            f"{', '.join(str(y) for y in years)} are not known yet, so only weekends were skipped. Enter the State "
            "Council's arrangement in the override file, or upgrade chinesecalendar, and compute again.",
        }
    )


def due_date(start: date, timing: Timing, overrides: CalendarOverrides | None = None) -> Deadline:
    """The last day of the period that begins on ``start`` (the day of the starting event)."""
    overrides = overrides or CalendarOverrides()
    if timing.unit == "day":
        return Deadline(start + timedelta(days=timing.amount), False, None)
    if timing.unit == "month":
        return Deadline(add_months(start, timing.amount), False, None)
    if timing.unit != "workday":
        raise ValueError(f"unknown unit {timing.unit!r}")
    day, counted, unknown = start, 0, set()
    while counted < timing.amount:
        day += timedelta(days=1)
        if not _known(day.year, overrides):
            unknown.add(day.year)
        if is_workday(day, overrides):
            counted += 1
    years = sorted(unknown)
    return Deadline(day, bool(years), _reason(years) if years else None)
