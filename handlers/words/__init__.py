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
        # Written words are folded like messages are (traditional, full-width, rare forms such
        # as 𨋢), so a list may hold either spelling and still match.
        self.words = tuple(dict.fromkeys(w if w.startswith("re:") else _fold(w) for w in words))
        self.pattern = re.compile(_compile(self.words))

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


def _fold(word: str) -> str:
    from handlers.normalize import normalize

    folded = normalize(word)
    return folded + " " if word.endswith(" ") and folded else folded


def _compile(entries: tuple[str, ...]) -> str:
    """One pattern for the lexicon: literal words as a trie (one pass, longest match first),
    English ones fenced so they match whole words, and the `re:` entries beside them."""
    chinese = [w for w in entries if not w.startswith("re:") and not _english(w)]
    english = [w for w in entries if not w.startswith("re:") and _english(w)]
    # Literal words first: at the same place "i'll take it" beats the shorter "re:i'll take".
    parts = []
    if english:
        parts.append(rf"(?<![a-z0-9'])(?:{_trie(english)})(?![a-z0-9'])")
    if chinese:
        parts.append(_trie(chinese))
    parts += [f"(?:{w[3:]})" for w in entries if w.startswith("re:")]
    return "|".join(parts) if parts else r"(?!x)x"


def _english(word: str) -> bool:
    return word[0].isascii() and word[0].isalnum() and word[-1].isascii()


def _trie(literals: list[str]) -> str:
    """A regex equivalent to the alternation of `literals`, shaped as a prefix tree so the
    engine never retries a shared prefix; a longer word is preferred over its prefix."""
    tree: dict[str, dict] = {}
    for word in literals:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(tree)


def _node_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def words(*groups: Iterable[str] | str) -> Lexicon:
    """A lexicon from words and word groups: words("a", "b", ("c", "d"))."""
    flat: list[str] = []
    for group in groups:
        flat.extend([group] if isinstance(group, str) else group)
    return Lexicon(flat)
