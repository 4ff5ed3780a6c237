"""Phone and ID numbers are found in reports and never shown whole in a group or a log."""

import pytest

from handlers.privacy import find_id_number, find_phone, mask_id, mask_phone, mask_sensitive


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("电话13812345678", "13812345678"),
        ("联系电话：139 1234 5678", "13912345678"),
        ("call me at 138-1234-5678", "13812345678"),
        ("+86 15912345678", "15912345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width digits
        ("座机 0574-87654321", "0574-87654321"),
        ("(010)12345678", "010-12345678"),
        ("座机0574-87654321 手机13812345678", "13812345678"),  # a mobile is preferred
        ("订单号 138123456789", None),  # 12 digits: not a phone
        ("12812345678", None),  # no mobile starts with 12
        ("身份证110101199003071234", None),  # a phone-like run inside an ID
        ("3栋2单元501", None),
        ("", None),
    ],
)
def test_find_phone(text: str, phone: str | None) -> None:
    assert find_phone(text) == phone


@pytest.mark.parametrize(
    ("text", "id_number"),
    [
        ("身份证110101199003071234", "110101199003071234"),
        ("身份证号：11010119900307123x", "11010119900307123X"),
        ("ID 110101900307123", "110101900307123"),  # the old 15-digit kind
        ("1101011990030712345", None),  # 19 digits
        ("13812345678", None),
    ],
)
def test_find_id_number(text: str, id_number: str | None) -> None:
    assert find_id_number(text) == id_number


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("0574-87654321", "0574-****4321"),
        ("010-12345678", "010-****5678"),
        ("057487654321", "0574-****4321"),
        ("01012345678", "010-****5678"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize(
    ("id_number", "masked"),
    [
        ("110101199003071234", "110101********1234"),
        ("11010119900307123X", "110101********123X"),
        ("110101900307123", "110101*****7123"),
    ],
)
def test_mask_id(id_number: str, masked: str) -> None:
    assert mask_id(id_number) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "#报修 3栋2单元501 燃气灶打不着火 电话13812345678",
            "#报修 3栋2单元501 燃气灶打不着火 电话138****5678",
        ),
        (
            "王女士 13812345678，座机0574-87654321，身份证11010119900307123X",
            "王女士 138****5678，座机0574-****4321，身份证110101********123X",
        ),
        ("手机 139 1234 5678 / +86 15912345678", "手机 139****5678 / 159****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        # Nothing personal: ticket numbers, addresses, times and money stay as they are.
        ("#12 已完成 3栋2单元501 18:00 收费120元", "#12 已完成 3栋2单元501 18:00 收费120元"),
        ("", ""),
    ],
)
def test_mask_sensitive(text: str, masked: str) -> None:
    assert mask_sensitive(text) == masked
