"""Building, unit and room as residents write them (3栋2单元501, 3-2-501, building 9 room 302)."""

import re
from dataclasses import dataclass

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千"

# A lone 两 counts things ("两栋都停电"); building and unit ordinals say 二.
_NUMBER = rf"(?!两(?:栋|幢|号楼|单元))(\d{{1,4}}|[{_CN}]{{1,6}})"
# A room right after the building/unit; 2+ Chinese numerals, because "3栋一直停电" is no room 1.
_ROOM = rf"(\d{{1,5}}|[{_CN}]{{2,6}})"
# What may follow a number that is a time, a date, a floor, a count or money, not a room.
_NOT_A_ROOM_AFTER = r"(?![\d:点时分月日年楼层个次元块岁人米度天周位%]|\.\d)"

# "一栋楼" is "a whole building"; "3栋楼道" is building 3's stairwell.
_BUILDING = rf"(?![一两][栋幢]楼){_NUMBER}\s?(?:号楼|栋|幢)"
_UNIT = rf"{_NUMBER}\s?单元"
_ROOM_AFTER = rf"{_ROOM}(?:室|户|号(?!楼))?{_NOT_A_ROOM_AFTER}"
_SEPARATOR = r"[\s\-,、]?"

_CHINESE_ADDRESS = re.compile(
    rf"(?<![\d#]){_BUILDING}(?:{_SEPARATOR}{_UNIT})?(?:{_SEPARATOR}{_ROOM_AFTER})?"
    rf"|(?<![\d#]){_UNIT}(?:{_SEPARATOR}{_ROOM_AFTER})?"
    rf"|(?<![\d#]){_ROOM}\s?室"
)
# 3-2-501 is building-unit-room; the guards keep dates (2024-05-01) and phone numbers out.
_DASHED = re.compile(r"(?<![\d\-:/.#])(\d{1,3})-(\d{1,2})-(\d{1,5})(?![\d\-:])")
_ENGLISH_PARTS = {
    "building": re.compile(r"\b(?:building|bldg|block|blk)\.?\s?(?:no\.?\s?)?#?\s?(\d{1,4})\b"),
    "unit": re.compile(r"\bunit\s?(?:no\.?\s?)?#?\s?(\d{1,3})\b"),
    "room": re.compile(r"\b(?:room|rm|apt|apartment|flat)\.?\s?(?:no\.?\s?)?#?\s?(\d{1,5})\b"),
}


@dataclass(frozen=True, slots=True)
class Address:
    """Where a problem is; any part may be unknown."""

    building: str | None = None
    unit: str | None = None
    room: str | None = None

    def as_dict(self) -> dict[str, str]:
        parts = {"building": self.building, "unit": self.unit, "room": self.room}
        return {key: value for key, value in parts.items() if value}

    def label(self) -> str:
        """How the address is shown in posts: 3栋2单元501, 3栋, 2单元, 501室."""
        building = f"{self.building}栋" if self.building else ""
        unit = f"{self.unit}单元" if self.unit else ""
        if self.room and not (building or unit):
            return f"{self.room}室"
        return f"{building}{unit}{self.room or ''}"


def find_address(text: str) -> Address | None:
    """The first address in normalised text (see handlers.normalize), or None without one."""
    if chinese := _CHINESE_ADDRESS.search(text):
        building, unit, room_after_building, unit_alone, room_after_unit, room_alone = (
            chinese.groups()
        )
        return Address(
            building=_arabic(building),
            unit=_arabic(unit or unit_alone),
            room=_arabic(room_after_building or room_after_unit or room_alone),
        )
    if dashed := _DASHED.search(text):
        return Address(*(_arabic(part) for part in dashed.groups()))
    english = {
        key: found.group(1)
        for key, pattern in _ENGLISH_PARTS.items()
        if (found := pattern.search(text))
    }
    return Address(**{key: _arabic(value) for key, value in english.items()}) if english else None


def chinese_number(numerals: str) -> str:
    """Chinese numerals as Arabic digits: 十五 → 15, 一百零二 → 102, 五零一 → 501 (read out)."""
    if not any(ch in _CHINESE_MULTIPLIERS for ch in numerals):
        # Room numbers are read out digit by digit: 五零一 is 501, not 5 + 0 + 1.
        return str(int("".join(str(_CHINESE_DIGITS[ch]) for ch in numerals)))
    total, current = 0, 0
    for ch in numerals:
        if ch in _CHINESE_MULTIPLIERS:
            total += (current or 1) * _CHINESE_MULTIPLIERS[ch]
            current = 0
        else:
            current = _CHINESE_DIGITS[ch]
    return str(total + current)


def _arabic(number: str | None) -> str | None:
    if not number:
        return None
    if number.isdigit():
        # "03栋" and "3栋" are the same building, and routing compares these strings.
        return str(int(number))
    return chinese_number(number)
