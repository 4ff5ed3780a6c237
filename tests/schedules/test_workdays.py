"""Working-time SLAs: mainland China's holidays and adjusted working Saturdays (调休) count right,
and a year the holiday package does not know counts plain weekdays instead of failing."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest

from schedules.workdays import ChinaWorkdays, add_working_time
from tests.conftest import SHANGHAI


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def due(start: datetime, **span: float) -> datetime:
    return add_working_time(start, timedelta(**span), SHANGHAI).astimezone(SHANGHAI)


def test_an_adjusted_saturday_is_a_working_day_and_spring_festival_is_not() -> None:
    workdays = ChinaWorkdays()
    assert workdays.is_working_day(date(2026, 2, 14))  # Saturday, worked before 春节
    assert not workdays.is_working_day(date(2026, 2, 17))  # Tuesday, 春节
    assert not workdays.is_working_day(date(2026, 2, 21))  # an ordinary Saturday


@pytest.mark.parametrize(
    ("start", "span", "expected"),
    [
        # Friday 13 Feb 2026, 10:00 → one working day later is the adjusted Saturday.
        (local(2026, 2, 13, 10), {"days": 1}, local(2026, 2, 14, 10)),
        # Three working days: Sat 14, then the holiday (15-23 Feb), then Tue 24 and Wed 25.
        (local(2026, 2, 13, 10), {"days": 3}, local(2026, 2, 25, 10)),
        # Two working hours from Friday 17:00: half an hour on Friday, the rest on Saturday.
        (local(2026, 2, 13, 17), {"hours": 2}, local(2026, 2, 14, 10)),
        # Reported in the evening: counted from the next working morning.
        (local(2026, 2, 12, 20), {"hours": 4}, local(2026, 2, 13, 12, 30)),
        # National Day week (1-7 Oct 2026): a report on the 1st waits until Thursday the 8th.
        (local(2026, 10, 1, 9), {"hours": 2}, local(2026, 10, 8, 10, 30)),
        # An ordinary week: Tuesday 14:00 plus 24 h of working time is Wednesday 14:00.
        (local(2026, 11, 24, 14), {"hours": 24}, local(2026, 11, 25, 14)),
    ],
)
def test_working_time_skips_nights_weekends_and_holidays(
    start: datetime, span: dict[str, float], expected: datetime
) -> None:
    assert due(start, **span) == expected


def test_a_year_the_package_does_not_know_counts_weekdays_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    workdays = ChinaWorkdays()
    with caplog.at_level(logging.WARNING, logger="gridsteward.schedules"):
        # 2301 is beyond the package's calendar; Friday 15:00 + 4 working hours → Monday.
        friday = local(2301, 3, 1, 15)
        assert friday.weekday() == 4
        moment = add_working_time(friday, timedelta(hours=4), SHANGHAI, workdays=workdays)
        assert moment.astimezone(SHANGHAI) == local(2301, 3, 4, 10)
        assert workdays.is_working_day(date(2301, 3, 5))
    warnings = [r for r in caplog.records if "2301" in r.getMessage()]
    assert len(warnings) == 1 and "plain weekdays" in warnings[0].getMessage()


def test_a_year_without_published_adjustments_keeps_the_statutory_holidays(
    caplog: pytest.LogCaptureFixture,
) -> None:
    workdays = ChinaWorkdays()
    with caplog.at_level(logging.WARNING, logger="gridsteward.schedules"):
        assert not workdays.is_working_day(date(2027, 10, 1))  # National Day, by law
        assert workdays.is_working_day(date(2027, 10, 8))
    assert any("调休" in r.getMessage() and "2027" in r.getMessage() for r in caplog.records)
