"""Train the second opinion (handlers/intent_model.json) on the labelled corpora, and
cross-validate it so the confidence threshold is chosen on text the model did not see.

python -m bench.train_intents corpus/dev corpus/dev2 corpus/dev3 corpus/train corpus/train2
python -m bench.train_intents corpus/dev corpus/train --folds 5   # cross-validation only
The held-out corpus (corpus/heldout3) is never trained on: it measures. The model reads the
rules' signals too, so a change to the word lists asks for a new training (a test checks).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.evaluate import load_lines
from handlers import intent_model
from handlers.normalize import normalize
from handlers.parse import reading_signals


def examples(paths: Sequence[Path]) -> tuple[list[tuple[list[str], str]], list[str]]:
    """(features, intent) pairs, and beside them each line's danger: its type or "no"."""
    rows, dangers = [], []
    for line in load_lines(paths):
        text = line["text"]
        rows.append((intent_model.features(normalize(text), reading_signals(text)), line["intent"]))
        report = line["intent"] == "report"
        dangers.append((line.get("emergency") or "no") if report else "no")
    return rows, dangers


def cross_validate(rows: list[tuple[list[str], str]], folds: int) -> None:
    """Accuracy of confident guesses, and how many messages get one, per threshold."""
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        right = taken = 0
        for fold in range(folds):
            test = shuffled[fold::folds]
            training = [row for i, row in enumerate(shuffled) if i % folds != fold]
            model = intent_model.IntentModel(intent_model.train(training))
            for found, intent in test:
                guess = model.guess(found)
                if guess.probability >= threshold:
                    taken += 1
                    right += guess.intent == intent
        print(
            f"threshold {threshold:.2f}: {taken / len(rows):6.1%} of messages guessed, "
            f"{right / max(taken, 1):6.1%} of those right"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.train_intents", description=__doc__)
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate, write nothing")
    args = parser.parse_args(argv)
    if any("heldout" in str(path) for path in args.corpus):
        print("the held-out corpus measures; it is not trained on", file=sys.stderr)
        return 2
    rows, dangers = examples(args.corpus)
    danger_rows = [(found, danger) for (found, _), danger in zip(rows, dangers, strict=True)]
    if args.folds:
        print("intent:")
        cross_validate(rows, args.folds)
        print("danger:")
        cross_validate(danger_rows, args.folds)
        return 0
    intent_model.MODEL.write_text(model_text(rows, dangers), encoding="utf-8")
    print(f"{intent_model.MODEL}: {len(rows)} examples")
    return 0


# What the committed model is trained on; tests/bench/test_intent_model.py retrains on these.
TUNING_CORPORA = ("dev", "dev2", "dev3", "train", "train2", "train3")


def model_text(rows: list[tuple[list[str], str]], dangers: list[str]) -> str:
    """The model file's text: both models, keys sorted, so one training gives one file."""
    danger_rows = [(found, danger) for (found, _), danger in zip(rows, dangers, strict=True)]
    data = {"intent": intent_model.train(rows), "danger": intent_model.train(danger_rows)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.exit(main())
