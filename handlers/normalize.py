"""Fold chat text to one spelling (half-width, simplified, lower-case) so matching stays simple."""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

import zhconv


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text that remembers where each of its characters came from in the source."""

    text: str
    source: str
    origins: tuple[int, ...]  # origins[i]: index in source of text[i]

    def source_index(self, index: int) -> int:
        """The source position of normalised position `index` (len(source) past the end)."""
        return self.origins[index] if index < len(self.origins) else len(self.source)

    def source_slice(self, start: int, end: int | None = None) -> str:
        """The source text behind text[start:end], so users get back their own words."""
        stop = len(self.source) if end is None else self.source_index(end)
        return self.source[self.source_index(start) : stop]


def normalize(text: str) -> str:
    """NFKC, traditional → simplified, ASCII lower-case, runs of spaces/tabs to one, stripped."""
    return normalize_traced(text).text


# parse and its readers ask for the same message's folding several times: the last few are kept.
@lru_cache(maxsize=64)
def normalize_traced(text: str) -> Normalized:
    """Normalise like `normalize`, keeping a map back to the source for cutting out bodies."""
    folded, origins = text, list(range(len(text)))
    # Each step only where it can change something: most messages are already simplified,
    # NFKC-normal Chinese, and these checks run in C.
    if "\r" in folded:
        folded, origins = _traced_step(folded, origins, _unix_newlines)
    if not unicodedata.is_normalized("NFKC", folded):
        folded, origins = _traced_step(folded, origins, _nfkc)
    if not _traditional_triggers().isdisjoint(folded):
        folded, origins = _traced_step(folded, origins, _simplified)
    folded = folded.translate(_ASCII_LOWER)

    kept_text: list[str] = []
    kept_origins: list[int] = []
    for match in re.finditer(r"[ \t]+|[^ \t]+", folded):
        if match.group()[0] in " \t":
            kept_text.append(" ")
            kept_origins.append(origins[match.start()])
        else:
            kept_text.append(match.group())
            kept_origins.extend(origins[match.start() : match.end()])
    joined = "".join(kept_text)
    start = len(joined) - len(joined.lstrip())
    end = len(joined.rstrip())
    return Normalized(text=joined[start:end], source=text, origins=tuple(kept_origins[start:end]))


# Neither NFKC nor zhconv's phrases reach across spaces or punctuation, so steps run piece by
# piece, and only a piece whose length changed needs its map diffed.
_PIECES = re.compile(r"\r\n|[^\s,.!?;:，。！？；：、]+|.", re.DOTALL)


def _traced_step(
    text: str, origins: list[int], step: Callable[[str], str]
) -> tuple[str, list[int]]:
    # Most messages keep their length through a step (a traditional character becomes one
    # simplified character): then the map is unchanged and one call on the whole text does.
    whole = step(text)
    if len(whole) == len(text):
        return whole, origins
    changed_text: list[str] = []
    changed_origins: list[int] = []
    for piece in _PIECES.finditer(text):
        before = piece.group()
        after = step(before)
        changed_text.append(after)
        changed_origins.extend(_realign(before, after, origins[piece.start() : piece.end()]))
    return "".join(changed_text), changed_origins


_LONGEST_DIFFED_PIECE = 200
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@cache
def _traditional_triggers() -> frozenset[str]:
    """Characters zhconv changes on their own: a message without any is already simplified
    (the few phrases it rewrites in simplified text, like 么九 → 幺九, mean nothing here)."""
    table = zhconv.zhconv.getdict("zh-cn")
    return frozenset(key for key, value in table.items() if len(key) == 1 and value != key)


def _unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _simplified(text: str) -> str:
    return zhconv.convert(text, "zh-cn")


def _realign(before: str, after: str, origins: list[int]) -> list[int]:
    """Carry the source map across a step; only steps that change the length need diffing."""
    if len(before) == len(after):
        return origins
    if len(before) > _LONGEST_DIFFED_PIECE:
        # Diffing is quadratic; an unbroken run this long is no tag or command, so spread it.
        return [origins[index * len(before) // len(after)] for index in range(len(after))]
    aligned: list[int] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for _tag, before_start, before_end, after_start, after_end in matcher.get_opcodes():
        for offset in range(after_end - after_start):
            # Characters created by a replacement (e.g. "㎡" → "m2") point at what they replace.
            source_at = min(before_start + offset, max(before_end - 1, before_start))
            aligned.append(origins[min(source_at, len(origins) - 1)])
    return aligned
