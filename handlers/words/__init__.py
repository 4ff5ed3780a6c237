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
    """Words compiled for one fast pass: literal words as a prefix tree whose every branch
    starts with a literal character (so the regex engine skips ahead in C), and the `re:`
    entries as a second pattern.

    English words match only as whole words ("fire" is not in "firewall"); Chinese words match
    anywhere, as Chinese has no spaces between words.
    """

    _MEMO_SIZE = 64

    def __init__(self, words: Iterable[str]) -> None:
        # Written words are folded like messages are (traditional, full-width, rare forms such
        # as 𨋢), so a list may hold either spelling and still match.
        self.words = tuple(dict.fromkeys(w if w.startswith("re:") else _fold(w) for w in words))
        literals = [w for w in self.words if not w.startswith("re:")]
        regexes = [f"(?:{w[3:]})" for w in self.words if w.startswith("re:")]
        self.literal = re.compile(_trie(literals)) if literals else None
        self.regex = re.compile("|".join(regexes)) if regexes else None
        # Several readers ask the same list about the same message (is it news? a notice?):
        # the answer for the last few texts is kept, which is cheaper than another scan.
        self._memo: dict[str, Hit | None] = {}

    def __add__(self, other: Lexicon) -> Lexicon:
        return Lexicon((*self.words, *other.words))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        stop = len(text) if end is None else end
        hits = []
        for pattern in (self.literal, self.regex):
            # Most lists find nothing in most messages: one search in C settles that.
            if pattern is None or (first := pattern.search(text, start, stop)) is None:
                continue
            hits.append(Hit(first.start(), first.end(), first.group()))
            for found in pattern.finditer(text, first.end(), stop):
                hits.append(Hit(found.start(), found.end(), found.group()))
        if len(hits) > 1 and self.literal is not None and self.regex is not None:
            hits.sort(key=lambda hit: (hit.start, hit.start - hit.end))
        return iter(hits)

    def find(self, text: str) -> list[Hit]:
        return list(self.finditer(text))

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        whole = start == 0 and end is None
        if whole and text in self._memo:
            return self._memo[text]
        stop = len(text) if end is None else end
        best = None
        for pattern in (self.literal, self.regex):
            if pattern is None:
                continue
            found = pattern.search(text, start, stop)
            if found and (best is None or found.start() < best.start()):
                best = found
        hit = Hit(best.start(), best.end(), best.group()) if best else None
        if whole:
            if len(self._memo) >= self._MEMO_SIZE:
                self._memo.clear()
            self._memo[text] = hit
        return hit

    def fullmatch(self, text: str) -> bool:
        return any(p is not None and p.fullmatch(text) for p in (self.literal, self.regex))

    def blank(self, text: str) -> str:
        """The text with every hit replaced by spaces of the same length (positions kept)."""
        for pattern in (self.literal, self.regex):
            if pattern is not None:
                text = pattern.sub(lambda found: " " * len(found.group()), text)
        return text


def _fold(word: str) -> str:
    from handlers.normalize import normalize

    folded = normalize(word)
    return folded + " " if word.endswith(" ") and folded else folded


_WORD_CHAR = "[a-z0-9']"


def _trie(literals: list[str]) -> str:
    """Literal words as one alternation shaped like a prefix tree: no shared prefix is
    retried, a longer word wins over its prefix, and each top-level branch opens with its
    literal first character (an English word checks its left edge right after it)."""
    tree: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in literals:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    branches = []
    for ch, child in tree.items():
        first = re.escape(ch)
        if ch.isascii() and ch.isalnum():
            first += f"(?<!{_WORD_CHAR}{re.escape(ch)})"
        branches.append(first + _node(child, english=ch.isascii() and ch.isalnum(), last=ch))
    return "|".join(branches)


def _node(node: dict[str, dict], *, english: bool, last: str) -> str:  # type: ignore[type-arg]
    """The rest of a word after its first characters; an English word ending in a letter
    must end at a word edge, a Chinese one may be followed by anything."""
    end = f"(?!{_WORD_CHAR})" if english and last.isalnum() else ""
    branches = [
        re.escape(ch) + _node(child, english=english, last=ch) for ch, child in node.items() if ch
    ]
    if not branches:
        return end
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body}|{end})" if end else f"(?:{body})?"
    return body


def words(*groups: Iterable[str] | str) -> Lexicon:
    """A lexicon from words and word groups: words("a", "b", ("c", "d"))."""
    flat: list[str] = []
    for group in groups:
        flat.extend([group] if isinstance(group, str) else group)
    return Lexicon(flat)
