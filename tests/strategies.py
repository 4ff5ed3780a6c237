"""Hypothesis strategies: phone and ID numbers as people type them, and text around them."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from hypothesis import strategies as st


def examples(default: int) -> int:
    """How many examples a property tries: `default` in CI, GRIDSTEWARD_HYPOTHESIS_EXAMPLES
    for a long run (see RELIABILITY.md)."""
    return int(os.environ.get("GRIDSTEWARD_HYPOTHESIS_EXAMPLES", default))


@dataclass(frozen=True)
class Written:
    """A number as it was typed, and what the bot should read it as."""

    kind: str  # mobile | landline | id
    value: str  # 13812345678 | 0574-87654321 | 11010119900307123X
    text: str  # as typed: scripts, separators and all


def _script(zero: int) -> list[str]:
    return [chr(zero + digit) for digit in range(10)]


SUPERSCRIPTS = ["\u2070", "\u00b9", "\u00b2", "\u00b3", *(chr(0x2074 + d) for d in range(6))]
CIRCLED = ["\u24ea", *(chr(0x2460 + d) for d in range(9))]  # ⓪ ① … ⑨
# Ten ways to write each digit: every one folds to it under NFKC or as a decimal digit.
DIGIT_SCRIPTS: list[list[str]] = [
    _script(ord("0")),
    _script(0xFF10),  # full-width
    _script(0x0660),  # Arabic-Indic
    _script(0x06F0),  # Extended Arabic-Indic (Persian)
    _script(0x0966),  # Devanagari
    _script(0x0E50),  # Thai
    _script(0x1D7CE),  # mathematical bold
    _script(0x2080),  # subscripts
    SUPERSCRIPTS,
    CIRCLED,
    [f"{d}\ufe0f\u20e3" for d in range(10)],  # keycaps 1️⃣
]
# What people, input methods and copy-paste put between digit groups.
SEPARATORS = [
    " ",
    "-",
    ".",
    "_",
    "\t",
    "\u3000",  # ideographic space
    "\u00a0",  # no-break space
    "\u202f",  # narrow no-break space
    "\u2009",  # thin space
    "\uff0d",  # full-width hyphen
    "\uff0e",  # full-width full stop
    "\u2010",
    "\u2011",
    "\u2012",
    "\u2013",
    "\u2014",
    "\u2015",
    "\u2212",  # minus sign
    "\ufe63",  # small hyphen-minus
    "\u00b7",  # middle dot
    "\u30fb",  # katakana middle dot
    "\u200b",  # zero-width space
    "\u200c",
    "\u200d",
    "\u2060",  # word joiner
    "\ufeff",
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\u200f",
    "\u202a",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2069",
]
SEPARATOR_RUNS = st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3).map("".join)


def _folds_to_a_digit(character: str) -> bool:
    return any(c.isdigit() for c in unicodedata.normalize("NFKC", character))


# Arbitrary text that holds no digit in any script: whatever number is found, the test put there.
NO_DIGITS = st.characters(blacklist_categories=("Nd", "No", "Cs")).filter(
    lambda c: not _folds_to_a_digit(c)
)
DIGIT_FREE_TEXT = st.text(NO_DIGITS, max_size=30)


@st.composite
def typed(draw: st.DrawFn, digits: str, *, split_after: int | None = None) -> str:
    """The digits in mixed scripts, with separator runs here and there between them."""
    out = []
    for index, digit in enumerate(digits):
        if index and (index == split_after or draw(st.integers(0, 3)) == 0):
            out.append(draw(SEPARATOR_RUNS))
        out.append(draw(st.sampled_from(DIGIT_SCRIPTS))[int(digit)])
    return "".join(out)


def _digit_string(size: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from("0123456789"), min_size=size, max_size=size)


@st.composite
def mobiles(draw: st.DrawFn) -> Written:
    value = "1" + draw(st.sampled_from("3456789")) + draw(_digit_string(9))
    prefix = draw(st.sampled_from(["", "", "+86", "0086", "86", "+86 ", "＋８６"]))
    return Written("mobile", value, prefix + draw(typed(value)))


@st.composite
def landlines(draw: st.DrawFn) -> Written:
    if draw(st.booleans()):
        area, local = "0" + draw(st.sampled_from("12")) + draw(_digit_string(1)), 8
    else:
        area, local = "0" + draw(st.sampled_from("3456789")) + draw(_digit_string(2)), 7
        local += draw(st.integers(0, 1))
    number = draw(_digit_string(local))
    area_typed = "".join(draw(st.sampled_from(DIGIT_SCRIPTS))[int(d)] for d in area)
    if draw(st.booleans()):
        opening, closing = draw(st.sampled_from([("(", ")"), ("（", "）")]))
        written = f"{opening}{area_typed}{closing}"
    else:
        written = area_typed + draw(SEPARATOR_RUNS)
    return Written("landline", f"{area}-{number}", written + draw(typed(number)))


@st.composite
def id_numbers(draw: st.DrawFn) -> Written:
    region = draw(st.sampled_from("123456789"))  # no region code starts with 0
    if draw(st.booleans()):
        digits = region + draw(_digit_string(16))
        check = draw(st.sampled_from(["0", "7", "X", "x", "Ｘ", "ｘ"]))
        typed_check = (
            check if check in "XxＸｘ" else draw(st.sampled_from(DIGIT_SCRIPTS))[int(check)]
        )
        value = digits + unicodedata.normalize("NFKC", check).upper()
        gap = draw(st.sampled_from(["", "", " ", "-"]))
        return Written("id", value, draw(typed(digits)) + gap + typed_check)
    digits = region + draw(_digit_string(14))
    return Written("id", digits, draw(typed(digits)))


NUMBERS = st.one_of(mobiles(), landlines(), id_numbers())


# Text of every kind the chats may carry: any code point (lone surrogates too, which a
# platform's JSON may hand over), control and bidi characters, markup, and the digits,
# separators and tags the parser and the masker look at, so they meet often.
ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())
HOSTILE_PIECES = [
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\u2028",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u0301",  # a combining accent with nothing to sit on
    "<script>alert(1)</script>",
    "&lt;b&gt;",
    "**粗体**",
    "`code`",
    "[链接](http://example.com)",
    "@网格管家 ",
    "#",
    "＃",
    "【",
    "】",
    "：",
    "#12",
    "+86",
    "(0574)",
    "X",
    "栋",
    "单元",
    "👍",
    "🔥",
    "\U0001f1e8\U0001f1f3",
]
TEXT_PIECES = st.one_of(
    ANY_CHARACTER,
    st.sampled_from(HOSTILE_PIECES),
    st.sampled_from([digit for script in DIGIT_SCRIPTS for digit in script]),
    st.sampled_from(SEPARATORS),
)
ANY_TEXT = st.lists(TEXT_PIECES, max_size=60).map("".join)
# A long message: a drawn piece repeated, up to about 100,000 characters.
HUGE_TEXT = st.tuples(st.lists(TEXT_PIECES, min_size=1, max_size=20), st.integers(1, 5000)).map(
    lambda drawn: "".join(drawn[0]) * drawn[1]
)
