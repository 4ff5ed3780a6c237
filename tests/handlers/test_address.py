"""Addresses as residents write them, in Chinese, traditional Chinese, English and numerals."""

import pytest

from handlers.address import Address, chinese_number, find_address
from handlers.normalize import normalize


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("3栋2单元501", {"building": "3", "unit": "2", "room": "501"}),
        ("3幢2单元501室", {"building": "3", "unit": "2", "room": "501"}),
        ("3号楼2单元501", {"building": "3", "unit": "2", "room": "501"}),
        ("3栋2单元501号", {"building": "3", "unit": "2", "room": "501"}),
        ("家里停电了，10栋2单元801", {"building": "10", "unit": "2", "room": "801"}),
        ("我家没气了 5栋3单元202", {"building": "5", "unit": "3", "room": "202"}),
        ("3 栋 2 单元 501", {"building": "3", "unit": "2", "room": "501"}),
        ("3-2-501", {"building": "3", "unit": "2", "room": "501"}),
        ("3号楼501", {"building": "3", "room": "501"}),
        ("3栋501", {"building": "3", "room": "501"}),
        ("3栋", {"building": "3"}),
        ("2单元501", {"unit": "2", "room": "501"}),
        ("501室", {"room": "501"}),
        # Traditional forms arrive simplified.
        ("5棟3單元202", {"building": "5", "unit": "3", "room": "202"}),
        ("3號樓2單元501", {"building": "3", "unit": "2", "room": "501"}),
        # Full-width digits.
        ("３栋２单元５０１", {"building": "3", "unit": "2", "room": "501"}),
        # English.
        ("building 9", {"building": "9"}),
        ("Bldg 9 Unit 2 Room 501", {"building": "9", "unit": "2", "room": "501"}),
        ("room 501, building 3", {"building": "3", "room": "501"}),
        ("unit 2", {"unit": "2"}),
        ("no power at building 9 unit 1 room 302", {"building": "9", "unit": "1", "room": "302"}),
        # Chinese numerals.
        ("三栋二单元五零一", {"building": "3", "unit": "2", "room": "501"}),
        ("三栋二单元五〇一", {"building": "3", "unit": "2", "room": "501"}),
        ("十五栋", {"building": "15"}),
        ("二十三栋", {"building": "23"}),
        ("十栋二单元一百零二", {"building": "10", "unit": "2", "room": "102"}),
        ("两零一室", {"room": "201"}),
        ("一百零二室", {"room": "102"}),
        ("第三栋", {"building": "3"}),
        # Leading zeros name the same building.
        ("03栋", {"building": "3"}),
    ],
)
def test_finds_address(text: str, parts: dict[str, str]) -> None:
    address = find_address(normalize(text))
    assert address is not None
    assert address.as_dict() == parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("3栋2单元 13812345678", {"building": "3", "unit": "2"}),  # a phone is no room
        ("3栋 18:00来修", {"building": "3"}),  # nor is a time
        ("3栋一直停电", {"building": "3"}),  # 一直 is "all along", not room 1
        ("3栋2单元5楼", {"building": "3", "unit": "2", "floor": "5"}),  # a floor, no room
        ("3栋两天没水", {"building": "3"}),
    ],
)
def test_room_is_not_mistaken(text: str, parts: dict[str, str]) -> None:
    address = find_address(normalize(text))
    assert address is not None
    assert address.as_dict() == parts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "501",
        "13812345678",
        "18:00",
        "明天18:00来",
        "2024-05-01",
        "3月2日",
        "收费120元",
        "#12 已完成",
        "#12",
        "一栋楼都停电了",
        "两栋都停电",
        "我家停电了",
        "unit price 30",
        "0574-87654321",
    ],
)
def test_no_address(text: str) -> None:
    assert find_address(normalize(text)) is None


@pytest.mark.parametrize(
    ("address", "label", "parts"),
    [
        (Address("3", "2", "501"), "3栋2单元501", {"building": "3", "unit": "2", "room": "501"}),
        (Address("3"), "3栋", {"building": "3"}),
        (Address("3", room="501"), "3栋501", {"building": "3", "room": "501"}),
        (Address(unit="2"), "2单元", {"unit": "2"}),
        (Address(room="501"), "501室", {"room": "501"}),
        (Address(), "", {}),
    ],
)
def test_label_and_dict(address: Address, label: str, parts: dict[str, str]) -> None:
    assert address.label() == label
    assert address.as_dict() == parts


@pytest.mark.parametrize(
    ("numerals", "digits"),
    [
        ("三", "3"),
        ("十", "10"),
        ("十五", "15"),
        ("二十三", "23"),
        ("一百", "100"),
        ("一百零二", "102"),
        ("一百二十", "120"),
        ("五零一", "501"),
        ("五〇一", "501"),
        ("两", "2"),
    ],
)
def test_chinese_number(numerals: str, digits: str) -> None:
    assert chinese_number(numerals) == digits
