"""Working days and hours in mainland China, for SLAs that count working time (sla_clock: working).

Public holidays and adjusted working days (调休: a Saturday that is worked) come from the
`holidays` package's China calendar. A year it does not know degrades to plain weekdays,
with one warning, so a due time crossing into that year never breaks a sweep.
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, time, timedelta, tzinfo

import holidays

log = logging.getLogger("gridsteward.schedules")

# Office hours of a community service centre; SLA time counts only inside them on working days.
WORKDAY_START = time(8, 30)
WORKDAY_END = time(17, 30)
ONE_DAY = timedelta(days=1)


class ChinaWorkdays:
    """Which dates are working days; one calendar per year, loaded on first use."""

    def __init__(self) -> None:
        self._years: dict[int, holidays.HolidayBase | None] = {}
        self._lock = threading.Lock()  # sweeps of several databases may ask at once

    def is_working_day(self, day: date) -> bool:
        calendar = self._calendar(day.year)
        if calendar is None:
            return day.weekday() < 5
        return bool(calendar.is_working_day(day))

    def _calendar(self, year: int) -> holidays.HolidayBase | None:
        with self._lock:
            if year not in self._years:
                self._years[year] = _load(year)
            return self._years[year]


def _load(year: int) -> holidays.HolidayBase | None:
    try:
        calendar = holidays.China(years=year)
        known = len(calendar) > 0
    except Exception as error:  # whatever the package does with a year, the sweep goes on
        log.warning("no China holiday calendar for %s (%s); counting plain weekdays", year, error)
        return None
    if not known:
        log.warning("the holidays package does not know %s; counting plain weekdays", year)
        return None
    if not any(day.year == year for day in calendar.weekend_workdays):
        log.warning(
            "no adjusted working days (调休) published for %s yet; holidays are the package's "
            "estimate and every weekend counts as a day off",
            year,
        )
    return calendar


CHINA = ChinaWorkdays()


def add_working_time(
    start: datetime, span: timedelta, timezone: tzinfo, *, workdays: ChinaWorkdays = CHINA
) -> datetime:
    """`start` plus `span` of working time: whole days count working days (the same clock time
    on the Nth working day), the rest counts working hours (08:30-17:30). A start outside
    working time counts from the next working morning."""
    moment = _next_working_moment(start.astimezone(timezone), timezone, workdays)
    days, rest = divmod(span, ONE_DAY)
    for _ in range(days):
        day = _next_working_day(moment.date(), workdays)
        moment = datetime.combine(day, moment.timetz())
    while rest > timedelta(0):
        closing = datetime.combine(moment.date(), WORKDAY_END, tzinfo=timezone)
        if rest <= closing - moment:
            return moment + rest
        rest -= closing - moment
        day = _next_working_day(moment.date(), workdays)
        moment = datetime.combine(day, WORKDAY_START, tzinfo=timezone)
    return moment


def _next_working_moment(local: datetime, timezone: tzinfo, workdays: ChinaWorkdays) -> datetime:
    """`local` itself during working time, else the start of the next working period."""
    day = local.date()
    if workdays.is_working_day(day):
        if local.time() < WORKDAY_START:
            return datetime.combine(day, WORKDAY_START, tzinfo=timezone)
        if local.time() < WORKDAY_END:
            return local
    return datetime.combine(_next_working_day(day, workdays), WORKDAY_START, tzinfo=timezone)


def _next_working_day(day: date, workdays: ChinaWorkdays) -> date:
    day += ONE_DAY
    # A run of days off is at most a couple of weeks (Spring Festival); a bound keeps a
    # broken calendar from looping for ever.
    for _ in range(60):
        if workdays.is_working_day(day):
            return day
        day += ONE_DAY
    return day
