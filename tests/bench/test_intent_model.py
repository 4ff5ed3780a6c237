"""The committed second opinion (handlers/intent_model.json) is what the tuning corpora train.

The model reads the rules' own signals (an address, a fault word …), so a change to the word
lists changes its training; this test says when the committed file no longer matches.
"""

from __future__ import annotations

from pathlib import Path

from bench.train_intents import TUNING_CORPORA, examples, model_text
from handlers import intent_model

ROOT = Path(__file__).parents[2]


def test_the_committed_model_is_the_tuning_corpora_trained() -> None:
    rows, dangers = examples([ROOT / "corpus" / name for name in TUNING_CORPORA])
    committed = intent_model.MODEL.read_text(encoding="utf-8")
    assert model_text(rows, dangers) == committed, (
        "retrain: python -m bench.train_intents " + " ".join(f"corpus/{c}" for c in TUNING_CORPORA)
    )
