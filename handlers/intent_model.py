"""A second opinion for words the rules do not know: naive Bayes models over character n-grams.

The rules in handlers.parse read what they recognise; phrasings nobody listed ("电梯平层不准",
"師傅大概幾點到") leave them silent. This model, trained on the labelled corpus (bench/
train_intents.py writes handlers/intent_model.json), guesses the intent from the shape of the
words. parse consults it only when the rules found nothing, and takes only a confident guess,
as a *weak* command or a *doubtful* report: the bot then acts only with context (a reply to a
ticket, the right person) or puts the message on 待确认 for a person. It never opens a ticket
or raises an emergency on its own.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

MODEL = Path(__file__).with_name("intent_model.json")
SMOOTHING = 0.5
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"[a-z][a-z']+")
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")


def features(text: str, signals: Iterable[str] = ()) -> list[str]:
    """What the model reads: character 1-3 grams of Chinese runs, English words and word
    pairs, and the rules' own signals (an address, a ticket number, a fault word …)."""
    return [*(f"<{signal}>" for signal in signals), *_grams(text)]


@lru_cache(maxsize=64)  # both models read the same message: its grams are cut once
def _grams(text: str) -> tuple[str, ...]:
    text = _DIGITS.sub("0", text)
    found: list[str] = []
    for run in _CJK.findall(text):
        found.extend(run)
        found.extend(run[i : i + 2] for i in range(len(run) - 1))
        found.extend(run[i : i + 3] for i in range(len(run) - 2))
    english = _WORD.findall(text)
    found.extend(f"w:{word}" for word in english)
    found.extend(f"w:{a}_{b}" for a, b in itertools.pairwise(english))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Guess:
    intent: str
    probability: float


class IntentModel:
    """Multinomial naive Bayes with add-α smoothing, scored sparsely."""

    def __init__(self, data: dict) -> None:  # type: ignore[type-arg]
        self.classes: list[str] = data["classes"]
        counts: list[int] = data["totals"]
        documents: list[int] = data["documents"]
        vocabulary = data["vocabulary"]
        all_documents = sum(documents)
        self.prior = [math.log(d / all_documents) for d in documents]
        unseen = [math.log(SMOOTHING / (n + SMOOTHING * vocabulary)) for n in counts]
        # Each known feature's whole contribution to every class, summed once at load.
        self.delta: dict[str, tuple[float, ...]] = {}
        for feature, per_class in data["features"].items():
            row = list(unseen)
            for k, count in per_class.items():
                row[int(k)] += math.log((count + SMOOTHING) / SMOOTHING)
            self.delta[feature] = tuple(row)

    def guess(self, found: list[str]) -> Guess:
        rows = [row for row in map(self.delta.get, found) if row is not None]
        scores = [sum(column) for column in zip(self.prior, *rows, strict=True)]
        best = max(range(len(scores)), key=scores.__getitem__)
        top = scores[best]
        total = sum(math.exp(score - top) for score in scores)
        return Guess(self.classes[best], 1.0 / total)


@cache
def _models() -> dict[str, IntentModel]:
    if not MODEL.exists():
        return {}
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return {name: IntentModel(part) for name, part in data.items()}


def model() -> IntentModel | None:
    """The intent model, or None when it has not been trained (the rules work alone)."""
    return _models().get("intent")


def danger_model() -> IntentModel | None:
    """The danger model: "no" or the emergency type a report's words resemble."""
    return _models().get("danger")


def train(examples: Iterable[tuple[list[str], str]], *, min_count: int = 2) -> dict:  # type: ignore[type-arg]
    """Counts from (features, intent) pairs; features seen fewer than `min_count` times are
    dropped, which keeps the model small and ignores one-off spellings."""
    rows = list(examples)
    classes = sorted({intent for _, intent in rows})
    index = {intent: k for k, intent in enumerate(classes)}
    table: dict[str, dict[int, int]] = {}
    documents = [0] * len(classes)
    for found, intent in rows:
        k = index[intent]
        documents[k] += 1
        for feature in found:
            per_class = table.setdefault(feature, {})
            per_class[k] = per_class.get(k, 0) + 1
    kept = {f: c for f, c in table.items() if sum(c.values()) >= min_count}
    totals = [0] * len(classes)
    for per_class in kept.values():
        for k, count in per_class.items():
            totals[k] += count
    return {
        "classes": classes,
        "documents": documents,
        "totals": totals,
        "vocabulary": len(kept),
        "features": {f: {str(k): v for k, v in sorted(c.items())} for f, c in sorted(kept.items())},
    }
