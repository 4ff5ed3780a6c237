"""Where a problem is, as residents write it: 3栋2单元501, 3#楼, 3-2-501, 12楼, 东门, building 9."""

from __future__ import annotations

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
_NUMBER = rf"(?!两)(\d{{1,4}}|[{_CN}]{{1,6}}|[a-h])"
_ROOM = rf"(\d{{1,5}}|[{_CN}]{{2,6}})"
# What may follow a number that is a time, a date, a floor, a count or money, not a room.
_NOT_A_ROOM_AFTER = r"(?![\d:点时分月日年楼层个次元块岁人米度天周位%号单斤台辆户家\-]|\.\d)"
# "一栋楼" is "a whole building", "整栋" likewise; "3栋楼道" is building 3's stairwell.
_BUILDING_MARK = r"(?:号楼|栋|幢|座|#楼|#|号(?=\s?\d{1,2}\s?(?:单元|门)))"
_BUILDING = rf"(?<![\d#\-.])(?![一两][栋幢座]楼?){_NUMBER}\s?{_BUILDING_MARK}"
_UNIT = rf"{_NUMBER}\s?(?:单元|门(?![口外里前后卫禁锁岗铃]))"
_ROOM_AFTER = rf"{_ROOM}(?:室|户|号(?!楼|单))?{_NOT_A_ROOM_AFTER}"
_SEPARATOR = r"[\s\-,、,的]{0,2}"

_CHINESE = re.compile(
    # 13栋3-1201, 2栋2-302: unit and room with a dash after the building.
    rf"{_BUILDING}{_SEPARATOR}(\d{{1,2}})-(\d{{2,5}})(?!\d)"
    rf"|{_BUILDING}(?:{_SEPARATOR}{_UNIT})?(?:{_SEPARATOR}{_ROOM_AFTER})?"
    rf"|(?<![\d#])(?<!第){_UNIT}(?:{_SEPARATOR}{_ROOM_AFTER})?"
    rf"|(?<![\d#]){_ROOM}\s?室"
)
# 3-2-501 is building-unit-room; the guards keep dates (2024-05-01) and phone numbers out.
_DASHED = re.compile(r"(?<![\d\-:/.#])(\d{1,3})-(\d{1,2})-(\d{1,5})(?![\d\-:])")
_FLOOR = re.compile(
    r"(?<![\d号#第])(?<!几)(\d{1,2}|[一二三四五六七八九十]{1,3})\s?(?:楼|层|f)"
    r"(?![道下上顶梯房里栋座院盘号面板主外间宇])"
)
_ENGLISH = {
    "building": re.compile(
        r"\b(?:building|bldg|block|blk|tower)\.?\s?(?:no\.?\s?)?#?\s?(\d{1,4}|[a-h])\b"
    ),
    "unit": re.compile(r"\bunit\s?(?:no\.?\s?)?#?\s?(\d{1,3})\b"),
    "room": re.compile(r"\b(?:room|rm|apt|apartment|flat|no\.)\.?\s?#?\s?(\d{3,5})\b"),
    "floor": re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s?(?:floor|fl)\b|\bfloor\s?(\d{1,2})\b"),
}
_ENGLISH_UNIT_ROOM = re.compile(r"\b(?:building|bldg|block)\s?\d{1,4},?\s(\d{1,2})-(\d{3,5})\b")
_PLACE_CORES = (
    *("配电房", "配电室", "配电间", "水泵房", "泵房", "开关站", "变电站", "锅炉房", "换热站"),
    *("地下车库", "地下停车场", "停车场", "车库", "车棚", "自行车棚", "充电棚", "垃圾站", "垃圾房"),
    *("小区花园", "花园", "中心广场", "广场", "健身区", "儿童乐园", "游乐场", "物业办公室"),
    *("保安室", "门岗", "快递柜", "篮球场", "凉亭", "人工湖", "活动中心", "消控室"),
    *("东门", "西门", "南门", "北门", "正门", "大门", "侧门", "后门"),
)
_PLACE = re.compile(
    r"(?:(?:地下室|地下|负一层|小区)(?=\S)|\d{1,2}号(?=[配水泵开变锅换车垃]))?"
    rf"(?:{'|'.join(sorted(_PLACE_CORES, key=len, reverse=True))})(?!舞)"
)
_HAS_LATIN = re.compile("[a-z]")
_ENGLISH_PLACES = {
    "east gate": "东门",
    "west gate": "西门",
    "south gate": "南门",
    "north gate": "北门",
    "main gate": "大门",
    "underground car park": "地下车库",
    "underground garage": "地下车库",
    "car park": "停车场",
    "garden": "小区花园",
}
_ENGLISH_PLACE = re.compile(rf"\b({'|'.join(sorted(_ENGLISH_PLACES, key=len, reverse=True))})\b")


@dataclass(frozen=True, slots=True)
class Address:
    """Where a problem is; any part may be unknown."""

    building: str | None = None
    unit: str | None = None
    room: str | None = None
    floor: str | None = None
    place: str | None = None  # a named spot without a building number: 东门, 2号配电房

    def as_dict(self) -> dict[str, str]:
        parts = {
            "building": self.building,
            "unit": self.unit,
            "room": self.room,
            "floor": self.floor,
            "place": self.place,
        }
        return {key: value for key, value in parts.items() if value}

    def label(self) -> str:
        """How the address is shown in posts: 3栋2单元501, 3栋12楼, 东门, 501室."""
        building = f"{self.building}栋" if self.building else ""
        unit = f"{self.unit}单元" if self.unit else ""
        floor = f"{self.floor}楼" if self.floor and not self.room else ""
        if self.room and not (building or unit):
            return f"{self.room}室"
        label = f"{building}{unit}{floor}{self.room or ''}"
        return label or (self.place or "")


def find_address(text: str) -> Address | None:
    """The address in normalised text (see handlers.normalize), or None without one."""
    building = unit = room = None
    english_too = _HAS_LATIN.search(text) is not None
    if chinese := _CHINESE.search(text):
        groups = chinese.groups()
        # (building, unit, room) dashed | (building, unit, room) | (unit, room) | (room)
        b1, u1, r1, b2, u2, r2, u3, r3, r4 = groups
        building = _arabic(b1 or b2)
        unit = _arabic(u1 or u2 or u3)
        room = _arabic(r1 or r2 or r3 or r4)
    elif dashed := _DASHED.search(text):
        building, unit, room = (_arabic(part) for part in dashed.groups())
    elif english_too:
        english = {key: _first_group(pattern, text) for key, pattern in _ENGLISH.items()}
        building, unit, room = english["building"], english["unit"], english["room"]
        if unit_room := _ENGLISH_UNIT_ROOM.search(text):
            unit, room = unit_room.group(1), unit_room.group(2)
        elif building and not room and (dashed := _DASHED.search(text)):
            unit, room = dashed.group(2), dashed.group(3)
    floor = _floor(text, english_too)
    place = None if building else _place(text, english_too)
    found = Address(
        building=_arabic(building),
        unit=_arabic(unit),
        room=_arabic(room),
        floor=floor,
        place=place,
    )
    return found if found.as_dict() else None


def _floor(text: str, english_too: bool) -> str | None:
    if found := _FLOOR.search(text):
        return _arabic(found.group(1))
    english = _ENGLISH["floor"].search(text) if english_too else None
    return (english.group(1) or english.group(2)) if english else None


def _place(text: str, english_too: bool) -> str | None:
    if found := _PLACE.search(text):
        return found.group()
    if english_too and (english := _ENGLISH_PLACE.search(text)):
        return _ENGLISH_PLACES[english.group(1)]
    return None


def _first_group(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return next((group for group in found.groups() if group), None) if found else None


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
    if number.isascii():
        return number.upper()  # B座
    return chinese_number(number)
