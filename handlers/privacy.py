"""Find and mask residents' phone and ID numbers before text reaches a group or a log."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# Numbers are read on a "digit view" of the text, the same for the parser (which sees
# normalised text) and the masker (which sees what people wrote): every character is folded
# as NFKC folds it (full-width, superscript, circled and mathematical digits), a decimal digit
# of any script becomes ASCII, and whatever people or their input methods put between digit
# groups (spaces of every width, dashes, dots, zero-width, joiner and bidi marks, combining
# marks) becomes a separator. Line breaks, commas and slashes stay boundaries: they part
# numbers in lists. Everything else is "other", so nothing in the view is left to chance.
_SEPARATOR = " "
_OTHER = "#"
_SEPARATOR_CATEGORIES = frozenset({"Zs", "Cf", "Pd", "Mn", "Me"})
_SEPARATOR_MARKS = frozenset("\t-.·・•‧∙⋅−_")
_KEPT = frozenset("+()X")

SensitiveKind = Literal["mobile", "landline", "id"]


@dataclass(frozen=True, slots=True)
class Sensitive:
    """One phone or ID number found in a text; `start`/`end` index the text as written."""

    kind: SensitiveKind
    value: str  # 13812345678, 0574-87654321, 11010119900307123X
    start: int
    end: int

    def masked(self) -> str:
        return mask_id(self.value) if self.kind == "id" else mask_phone(self.value)


@lru_cache(maxsize=8192)
def _fold(character: str) -> str:
    folded = []
    for each in unicodedata.normalize("NFKC", character):
        digit = unicodedata.decimal(each, None)
        if digit is not None:
            folded.append(str(digit))
        elif each in _KEPT or each == "x":
            folded.append(each.upper())
        elif each in _SEPARATOR_MARKS or unicodedata.category(each) in _SEPARATOR_CATEGORIES:
            folded.append(_SEPARATOR)
        else:
            folded.append(_OTHER)
    return "".join(folded)


_ASCII_VIEW = str.maketrans({chr(code): _fold(chr(code)) for code in range(128)})


def _digit_view(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, where a character folded to more than one, each one's origin."""
    if text.isascii():
        return text.translate(_ASCII_VIEW), None
    pieces = [_fold(character) for character in text]
    if all(len(piece) == 1 for piece in pieces):
        return "".join(pieces), None
    origins = [index for index, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), origins


# Digits may be parted anywhere by a run of separators ("138 1234 5678", "1 3 8…"); a number
# starts and ends where no digit touches it, so a separator may also end one number and start
# the next. Possessive runs keep the scan linear on long runs of spaces.
_GAP = r" *+"


def _digits(count: str) -> str:
    return rf"[0-9](?:{_GAP}[0-9]){{{count}}}"


# Resident ID: 17 digits and a digit or X check, or the old 15 digits; the region code in
# front never starts with 0 (so "0086 138…" stays a phone).
_ID = rf"(?P<id>(?=[1-9])(?:{_digits('16')}{_GAP}X|{_digits('17')}|{_digits('14')}))"
# A mobile: 1[3-9] and 9 more digits, maybe after +86, 0086 or 86.
_MOBILE = rf"(?:(?:\+{_GAP}|00)?86{_GAP})?(?P<mobile>1{_GAP}[3-9](?:{_GAP}[0-9]){{9}})"


# A landline shows its area code apart: 0574-87654321, (0574)87654321, 010 1234 5678. Beijing
# and the 02x cities have three-digit codes and eight-digit numbers, the others four digits
# and seven or eight.
def _landline(suffix: str, area: str, local: str) -> str:
    return (
        rf"(?:\({_GAP}(?P<area{suffix}p>{area}){_GAP}\)|(?P<area{suffix}>{area})(?= ))"
        rf"{_GAP}(?P<local{suffix}>{_digits(local)})"
    )


_LANDLINE = "|".join(
    [
        _landline("3", rf"0{_GAP}[12]{_GAP}[0-9]", "7"),
        _landline("4", rf"0{_GAP}[3-9](?:{_GAP}[0-9]){{2}}", "6,7"),
    ]
)
_NUMBER = re.compile(rf"(?<![0-9])(?:{_ID}|{_MOBILE}|{_LANDLINE})(?![0-9])")


def find_sensitive(text: str) -> list[Sensitive]:
    """Every phone and ID number in a text, in order, as the masker hides them."""
    view, origins = _digit_view(text)
    found = []
    for match in _NUMBER.finditer(view):
        value, kind = _read(match)
        start, end = match.span()
        if origins is not None:
            start, end = origins[start], origins[end - 1] + 1
        found.append(Sensitive(kind, value, start, end))
    return found


def _read(match: re.Match[str]) -> tuple[str, SensitiveKind]:
    if match.group("id"):
        return _only_digits(match.group("id")), "id"
    if match.group("mobile"):
        return _only_digits(match.group("mobile")), "mobile"
    digits = {name: value for name, value in match.groupdict().items() if value}
    area = next(value for name, value in digits.items() if name.startswith("area"))
    local = next(value for name, value in digits.items() if name.startswith("local"))
    return f"{_only_digits(area)}-{_only_digits(local)}", "landline"


def _only_digits(folded: str) -> str:
    return folded.replace(_SEPARATOR, "")


def find_phone(text: str) -> str | None:
    """The first mobile number (digits only), else the first landline (0574-87654321)."""
    found = find_sensitive(text)
    for kind in ("mobile", "landline"):
        first = next((each for each in found if each.kind == kind), None)
        if first is not None:
            return first.value
    return None


def find_id_number(text: str) -> str | None:
    """The first resident ID number, with the check letter upper-case."""
    return next((each.value for each in find_sensitive(text) if each.kind == "id"), None)


def mask_phone(phone: str) -> str:
    """138****5678 for a mobile; 0574-****4321 for a landline (its area code stays useful)."""
    digits = re.sub(r"[^0-9]", "", _digit_view(phone)[0])
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
    """Mask every phone and ID number in a text meant for a group or a log line; the rest of
    the text stays as written."""
    found = find_sensitive(text)
    if not found:
        return text
    kept: list[str] = []
    written_up_to = 0
    for each in found:
        kept += [text[written_up_to : each.start], each.masked()]
        written_up_to = each.end
    kept.append(text[written_up_to:])
    return "".join(kept)
