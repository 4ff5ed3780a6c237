"""Quiet hours (免打扰): when non-emergency reminders wait, in the directory's timezone."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo


def in_quiet_hours(moment: datetime, window: tuple[time, time], timezone: tzinfo) -> bool:
    start, end = window
    clock = moment.astimezone(timezone).time()
    if start < end:
        return start <= clock < end
    return clock >= start or clock < end  # the window crosses midnight


def after_quiet_hours(moment: datetime, window: tuple[time, time], timezone: tzinfo) -> datetime:
    """`moment` itself, or when it falls in quiet hours, the moment they end."""
    if not in_quiet_hours(moment, window, timezone):
        return moment
    local = moment.astimezone(timezone)
    end = datetime.combine(local.date(), window[1], tzinfo=timezone)
    return end if end > local else end + timedelta(days=1)
