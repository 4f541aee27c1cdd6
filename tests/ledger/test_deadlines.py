"""ledger.deadlines on the real 2026 calendar (国办发明电〔2025〕7号, as carried by chinesecalendar).

2026: 春节 2月15日至23日放假，2月14日（星期六）、2月28日（星期六）上班；端午 6月19日至21日；
中秋 9月25日至27日；国庆 10月1日至7日放假，9月20日（星期日）、10月10日（星期六）上班.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from akq_cli.core.timing import Timing
from akq_cli.ledger.deadlines import COVERED_YEARS, CalendarOverrides, OverridesError, due_date, load_overrides


def workdays(n: int) -> Timing:
    return Timing(n, "workday", "accepted")


def test_the_installed_calendar_knows_2026_and_not_2027() -> None:
    # If a new chinesecalendar learns 2027, the provisional tests below need a later year.
    assert 2026 in COVERED_YEARS
    assert 2027 not in COVERED_YEARS


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2026, 9, 30), 5, date(2026, 10, 13)),  # 国庆 skipped, Saturday 10 October worked
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # Sunday 20 September is a working day
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Saturday 14 February is a working day
        (date(2026, 2, 12), 3, date(2026, 2, 24)),  # 春节 15–23 February skipped
        (date(2026, 6, 1), 15, date(2026, 6, 23)),  # 端午 Friday 19 June skipped
        (date(2026, 3, 2), 5, date(2026, 3, 9)),  # an ordinary week: the weekend is skipped
    ],
)
def test_working_days_follow_the_2026_holiday_notice(start: date, n: int, due: date) -> None:
    deadline = due_date(start, workdays(n))
    assert (deadline.due, deadline.provisional, deadline.reason) == (due, False, None)


def test_a_year_the_calendar_lacks_counts_weekends_only_and_says_so() -> None:
    deadline = due_date(date(2026, 12, 30), workdays(5))
    # 31 Dec, then Fri 1 Jan 2027 (New Year's Day, unknown to the calendar, counted), 4, 5, 6 Jan
    assert deadline.due == date(2027, 1, 6)
    assert deadline.provisional
    assert "2027" in deadline.reason and "暂定" in deadline.reason


def test_the_county_override_file_enters_a_year(tmp_path: Path) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(
        "# 2027年元旦\nholidays = [2027-01-01]\nworkdays = [2026-12-26]\ncomplete_years = [2027]\n", encoding="utf-8"
    )
    overrides = load_overrides(path)
    assert overrides == CalendarOverrides(
        frozenset({date(2027, 1, 1)}), frozenset({date(2026, 12, 26)}), frozenset({2027})
    )
    deadline = due_date(date(2026, 12, 30), workdays(5), overrides)
    assert (deadline.due, deadline.provisional) == (date(2027, 1, 7), False)
    # the extra working Saturday counts
    assert due_date(date(2026, 12, 25), workdays(1), overrides).due == date(2026, 12, 26)


def test_county_holidays_without_the_whole_year_stay_provisional(tmp_path: Path) -> None:
    overrides = CalendarOverrides(holidays=frozenset({date(2027, 1, 1)}))
    deadline = due_date(date(2026, 12, 30), workdays(5), overrides)
    assert (deadline.due, deadline.provisional) == (date(2027, 1, 7), True)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("holidays = 2027-01-01\n", ":1:"),
        ('\nworkdays = ["2027-01-01"]\n', ":2:"),
        ("holidays = [2027-01-01]\nworkdays = [2027-01-01]\n", ":2:"),
        ("complete_years = [\n", ":"),
        ("years = [2027]\n", ":1:"),
    ],
)
def test_a_bad_override_file_is_named_with_its_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError) as info:
        load_overrides(path)
    assert str(info.value).startswith(f"{path}{where}")


@pytest.mark.parametrize(
    ("start", "timing", "due"),
    [
        (date(2026, 9, 30), Timing(7, "day", "accepted"), date(2026, 10, 7)),  # calendar days, holidays included
        (date(2026, 1, 31), Timing(1, "month", "decided"), date(2026, 2, 28)),  # end-of-month clamp
        (date(2027, 11, 30), Timing(3, "month", "decided"), date(2028, 2, 29)),  # leap year
        (date(2026, 11, 15), Timing(2, "month", "registered"), date(2027, 1, 15)),  # across the year
    ],
)
def test_days_and_months_are_calendar_days_and_months(start: date, timing: Timing, due: date) -> None:
    deadline = due_date(start, timing)
    assert (deadline.due, deadline.provisional) == (due, False)
