"""Word lists the parser listens for, and the matcher that finds them in normalised text.

Every entry is in normalised spelling (see handlers.normalize): simplified Chinese, half-width,
lower-case, so traditional and full-width forms are covered without listing them. An entry may
be a plain word or, where people put words between two parts ("电梯又坏了"), a small regular
expression written with `re:` in front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a word of a lexicon was found."""

    start: int
    end: int
    word: str


class Lexicon:
    """Words compiled into one pattern, longest first, so a search is one regex pass.

    English words match only as whole words ("fire" is not in "firewall"); Chinese words match
    anywhere, as Chinese has no spaces between words.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(dict.fromkeys(words))
        parts = sorted((_pattern(word) for word in self.words), key=len, reverse=True)
        self.pattern = re.compile("|".join(parts) if parts else r"(?!x)x")

    def __add__(self, other: Lexicon) -> Lexicon:
        return Lexicon((*self.words, *other.words))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        for found in self.pattern.finditer(text, start, len(text) if end is None else end):
            yield Hit(found.start(), found.end(), found.group())

    def find(self, text: str) -> list[Hit]:
        return list(self.finditer(text))

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        found = self.pattern.search(text, start, len(text) if end is None else end)
        return Hit(found.start(), found.end(), found.group()) if found else None

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.pattern.search(text) is not None

    def fullmatch(self, text: str) -> bool:
        return self.pattern.fullmatch(text) is not None

    def blank(self, text: str) -> str:
        """The text with every hit replaced by spaces of the same length (positions kept)."""
        return self.pattern.sub(lambda found: " " * len(found.group()), text)


def _pattern(word: str) -> str:
    if word.startswith("re:"):
        return f"(?:{word[3:]})"
    pattern = re.escape(word)
    if word[0].isascii() and word[0].isalnum():
        pattern = rf"(?<![a-z0-9']){pattern}"
    if word[-1].isascii() and word[-1].isalnum():
        pattern = rf"{pattern}(?![a-z0-9'])"
    return pattern


def words(*groups: Iterable[str] | str) -> Lexicon:
    """A lexicon from words and word groups: words("a", "b", ("c", "d"))."""
    flat: list[str] = []
    for group in groups:
        flat.extend([group] if isinstance(group, str) else group)
    return Lexicon(flat)
