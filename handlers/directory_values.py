"""Read the values administrators type in the directory: times, durations, weekdays, buildings."""

from __future__ import annotations

import re
from datetime import time, timedelta
from difflib import get_close_matches
from typing import NamedTuple


class ValueProblem(ValueError):
    """A value that cannot be read, said in Chinese first and in English; `at` is the position
    inside a list value (e.g. the third building of a grid) when the fault is there."""

    def __init__(self, zh: str, en: str, at: tuple[int, ...] = ()) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh = zh
        self.en = en
        self.at = at


class WeeklyTime(NamedTuple):
    """A time in the week: weekday 0 (Monday) to 6 (Sunday) and a wall-clock time."""

    weekday: int
    at: time


class BuildingRange(NamedTuple):
    """An inclusive range of building numbers and where in the list it was written."""

    low: int
    high: int
    at: tuple[int, ...]


_TIME = re.compile(r"(\d{1,2})[:：](\d{2})")
_RANGE_DASH = re.compile(r"\s*[-~～－—–至到]\s*")
# Administrators write buildings as they say them: "1-8", "1-8栋", "9号楼", "10，12".
_BUILDING_SUFFIX = r"(?:栋|幢|号楼|号|楼)?"
_BUILDING = re.compile(rf"(\d+){_BUILDING_SUFFIX}(?:[-~～－—–至到](\d+){_BUILDING_SUFFIX})?")
_RANGE_SPACES = re.compile(r"\s*([-~～－—–至到])\s*")
_BUILDING_SEPARATOR = re.compile(r"[,，、;；\s]+")
_PHONE = re.compile(r"\+?[\d\- ]+")
_WEEKLY = re.compile(r"(\S+?)\s*(\d{1,2}[:：]\d{2})")

_WEEKDAYS: dict[str, int] = {}
for _number, (_short, _long, _digit) in enumerate(
    [
        ("mon", "monday", "一"),
        ("tue", "tuesday", "二"),
        ("wed", "wednesday", "三"),
        ("thu", "thursday", "四"),
        ("fri", "friday", "五"),
        ("sat", "saturday", "六"),
        ("sun", "sunday", "日"),
    ]
):
    for _prefix in ("周", "星期", "礼拜"):
        _WEEKDAYS[_prefix + _digit] = _number
    _WEEKDAYS[_short] = _WEEKDAYS[_long] = _number
for _prefix in ("周", "星期", "礼拜"):
    _WEEKDAYS[_prefix + "天"] = 6


def did_you_mean(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The allowed word closest to a misspelt one, if any is close enough to be meant."""
    found = get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def parse_clock(value: str) -> time:
    """'18:00', '9:30' or '18：00' (a full-width colon from a Chinese keyboard)."""
    match = _TIME.fullmatch(value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueProblem(f"无效的时间 {value!r}", "not a time of day; write HH:MM, e.g. 18:00")
    return time(int(match[1]), int(match[2]))


def parse_time_range(value: str) -> tuple[time, time]:
    """'22:00-07:00' (may cross midnight); start and end must differ."""
    parts = _RANGE_DASH.split(value.strip())
    if len(parts) != 2:
        raise ValueProblem(f"无效的时段 {value!r}", "write HH:MM-HH:MM, e.g. 22:00-07:00")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if start == end:
        raise ValueProblem("开始与结束相同", "start and end are the same")
    return start, end


def parse_weekly_time(value: str) -> WeeklyTime:
    """'mon 09:00', 'Monday 9:00', '周一 09:00', '星期日 18:30'."""
    match = _WEEKLY.fullmatch(value.strip())
    if not match:
        raise ValueProblem(
            f"无效的每周时间 {value!r}", "write a weekday and a time, e.g. mon 09:00 or 周一 09:00"
        )
    day = match[1].lower()
    if day not in _WEEKDAYS:
        hint = did_you_mean(day, list(_WEEKDAYS))
        raise ValueProblem(
            f"未知的星期 {match[1]!r}" + (f'，是否想写 "{hint}"？' if hint else ""),
            "unknown weekday; write mon … sun or 周一 … 周日"
            + (f'; did you mean "{hint}"?' if hint else ""),
        )
    return WeeklyTime(_WEEKDAYS[day], parse_clock(match[2]))


_DURATION_UNITS: dict[str, timedelta] = {
    **dict.fromkeys(("d", "day", "days", "天", "日"), timedelta(days=1)),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "小时", "时"), timedelta(hours=1)),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "分钟", "分"), timedelta(minutes=1)),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "秒"), timedelta(seconds=1)),
}
_DURATION_PART = re.compile(r"\s*(\d+)\s*([a-z]+|小时|分钟|[天日时分秒])", re.IGNORECASE)


def parse_duration(value: str) -> timedelta:
    """Read '20m', '2h', '3d', '1h30m', '90min' or '45s' (also 小时/分钟/天); units are required."""
    text = str(value).strip()
    total, position, seen = timedelta(), 0, set()
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            break
        unit = _DURATION_UNITS.get(match.group(2).lower())
        if unit is None or unit in seen:
            break
        seen.add(unit)
        total += int(match.group(1)) * unit
        position = match.end()
    if not text or position != len(text):
        raise ValueProblem(
            f"无法识别的时长 {text!r}", "not a duration; write e.g. 20m, 2h, 3d or 1h30m"
        )
    return total


def parse_positive_duration(value: str) -> timedelta:
    duration = parse_duration(value)
    if duration <= timedelta():
        raise ValueProblem("时长必须大于零", "a duration must be above zero")
    return duration


def parse_phone(value: str) -> str:
    phone = value.strip()
    if not _PHONE.fullmatch(phone):
        raise ValueProblem(f"无效的电话 {phone!r}", "not a phone number")
    return phone


def parse_building_ranges(value: object, at: tuple[int, ...] = ()) -> list[BuildingRange]:
    """Each range with its place in the list: "1-8", "9", "10,12", or nested lists of these."""
    if isinstance(value, list):
        return [r for i, item in enumerate(value) for r in parse_building_ranges(item, (*at, i))]
    if not isinstance(value, str):
        raise ValueProblem("应为楼栋号或范围", "expected a building number or range", at)
    ranges = []
    for part in _BUILDING_SEPARATOR.split(_RANGE_SPACES.sub(r"\1", value.strip())):
        match = _BUILDING.fullmatch(part)
        if not match:
            raise ValueProblem(
                f"无法识别的楼栋 {part!r}", "not a building number or range like 1-8", at
            )
        low, high = int(match[1]), int(match[2] or match[1])
        if low > high:
            raise ValueProblem(f"楼栋范围 {part!r} 起止颠倒", "range start is after its end", at)
        ranges.append(BuildingRange(low, high, at))
    return ranges


def merge_ranges(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted ranges with touching and overlapping ones joined: 1-4, 5-8 → 1-8."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)
