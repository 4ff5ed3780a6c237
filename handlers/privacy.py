"""Find and mask residents' phone and ID numbers before text reaches a group or a log."""

import re

# Full-width digits are folded first so that "１３８…" cannot slip past the masks.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# A mobile may be written 13812345678, 138-1234-5678 or 138 1234 5678, with or without +86.
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d{4}){2})(?!\d)", re.ASCII)
# Landlines carry an area code: 0574-87654321, 010-12345678, (0574)87654321.
_LANDLINE = re.compile(r"(?<!\d)(?:(0\d{2,3})-|\((0\d{2,3})\)\s?)(\d{7,8})(?!\d)", re.ASCII)
# Resident ID: 18 characters (17 digits and a digit or X check) or the old 15 digits.
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15})(?![\dA-Za-z])", re.ASCII)


def find_phone(text: str) -> str | None:
    """The first mobile number (digits only), else the first landline (0574-87654321)."""
    text = text.translate(_FULL_WIDTH_DIGITS)
    if mobile := _MOBILE.search(text):
        return re.sub(r"\D", "", mobile.group(1))
    if landline := _LANDLINE.search(text):
        return f"{landline.group(1) or landline.group(2)}-{landline.group(3)}"
    return None


def find_id_number(text: str) -> str | None:
    """The first resident ID number, with a lower-case check letter made upper-case."""
    found = _ID_NUMBER.search(text.translate(_FULL_WIDTH_DIGITS))
    return found.group(1).upper() if found else None


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile; 0574-****4321 for a landline (its area code stays useful)."""
    digits = re.sub(r"\D", "", phone.translate(_FULL_WIDTH_DIGITS))
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if "-" in phone:
        area_code = phone.split("-", 1)[0].strip()
    else:
        # Beijing (010) and the 02x cities have three-digit area codes, the rest four.
        area_code = digits[:3] if digits[:2] in {"01", "02"} else digits[:4]
    return f"{area_code}-****{digits[-4:]}"


def mask_id(id_number: str) -> str:
    """Keep the region (first 6) and the last 4; the birth date in between is hidden."""
    return f"{id_number[:6]}{'*' * max(len(id_number) - 10, 0)}{id_number[-4:]}"


def mask_sensitive(text: str) -> str:
    """Mask every phone and ID number in a text meant for a group or a log line."""
    text = text.translate(_FULL_WIDTH_DIGITS)
    # IDs go first: their digit runs are longer, and the masked stars stop phones matching inside.
    text = _ID_NUMBER.sub(lambda found: mask_id(found.group(1)), text)
    text = _MOBILE.sub(lambda found: mask_phone(found.group(1)), text)
    return _LANDLINE.sub(
        lambda found: mask_phone(f"{found.group(1) or found.group(2)}-{found.group(3)}"), text
    )
