"""core.timing: the structured verification deadline, its Chinese sentence, and the old free text read back."""

from __future__ import annotations

import pytest

from akq_cli.core.timing import Timing, parse_text, problems, timing_of


def test_timing_of_reads_the_mapping_and_prints_chinese() -> None:
    timing = timing_of({"timing": {"amount": 15, "unit": "workday", "from": "accepted"}})
    assert timing == Timing(15, "workday", "accepted")
    assert timing.zh() == "受理后15个工作日内"
    assert Timing(2, "month", "decided").zh() == "作出决定后2个月内"
    assert Timing(30, "day", "registered").zh() == "登记后30日内"
    assert Timing(2, "month", "decided").mapping() == {"amount": 2, "unit": "month", "from": "decided"}


@pytest.mark.parametrize(
    ("value", "key"),
    [
        (None, "missing"),
        ("受理后15个工作日内", "not-mapping"),
        ({"amount": 15, "unit": "workday"}, "missing-key"),
        ({"amount": 15, "unit": "week", "from": "accepted"}, "bad-unit"),
        ({"amount": 15, "unit": "day", "from": "signed"}, "bad-from"),
        ({"amount": 0, "unit": "day", "from": "accepted"}, "bad-amount"),
        ({"amount": "15", "unit": "day", "from": "accepted"}, "bad-amount"),
        ({"amount": True, "unit": "day", "from": "accepted"}, "bad-amount"),
        ({"amount": 400, "unit": "day", "from": "accepted"}, "too-long"),
        ({"amount": 1, "unit": "day", "from": "accepted", "note": "x"}, "unknown-key"),
    ],
)
def test_unreadable_timings_are_named(value: object, key: str) -> None:
    assert key in [k for k, _ in problems(value)]
    assert timing_of({"timing": value}) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受理后15个工作日内", Timing(15, "workday", "accepted")),
        ("受理后7日内", Timing(7, "day", "accepted")),
        ("作出审批决定后2个月内", Timing(2, "month", "decided")),
        ("作出许可决定后30日内", Timing(30, "day", "decided")),
        ("登记后3个月内", Timing(3, "month", "registered")),
        ("自受理之日起十五个工作日内", Timing(15, "workday", "accepted")),
        ("受理后１０个工作日内", Timing(10, "workday", "accepted")),
    ],
)
def test_old_free_text_is_read_back(text: str, expected: Timing) -> None:
    assert parse_text(text) == expected


@pytest.mark.parametrize("text", ["受理期限终止之日起30日内", "及时核查", "受理后15个工作日或者30日内", "受理后0日内"])
def test_text_that_does_not_say_one_period_plainly_is_not_guessed(text: str) -> None:
    assert parse_text(text) is None
