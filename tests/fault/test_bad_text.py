"""Whatever people paste into a group, the parser and the masker neither break nor leak.

Hypothesis draws arbitrary Unicode (lone surrogates, control and bidi characters, markup,
digits of every script between separators, huge texts); a failure prints the smallest
example it found. A longer run: `GRIDSTEWARD_HYPOTHESIS_EXAMPLES=3000 .venv/bin/python -m
pytest tests/fault/test_bad_text.py tests/handlers/test_privacy.py`; an unbounded one:
tests/fault/fuzz_parse.py (atheris)."""

from __future__ import annotations

import io
import logging

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot import MaskingFilter
from handlers import vocabulary as words
from handlers.normalize import normalize
from handlers.parse import parse
from handlers.privacy import find_sensitive, mask_sensitive
from tests.fault.checks import assert_nothing_left_unmasked, assert_report_keeps_a_masked_number
from tests.strategies import ANY_TEXT, HOSTILE_PIECES, HUGE_TEXT, NUMBERS, Written, examples

EXAMPLES = examples(200)
FAST = settings(max_examples=EXAMPLES, deadline=None)


@FAST
@given(ANY_TEXT)
def test_parse_and_mask_take_any_text(text: str) -> None:
    parsed = parse(text)
    assert parsed.intent in words.Intent.__args__  # type: ignore[attr-defined]
    parsed.to_json()
    assert isinstance(mask_sensitive(text), str)


@settings(max_examples=max(EXAMPLES // 10, 10), deadline=None)
@given(HUGE_TEXT)
def test_parse_and_mask_take_huge_text(text: str) -> None:
    parse(text)
    assert_nothing_left_unmasked(text)


@FAST
@given(ANY_TEXT)
def test_no_number_the_masker_finds_survives_it(text: str) -> None:
    assert_nothing_left_unmasked(text)


@FAST
@given(ANY_TEXT)
def test_a_report_keeps_exactly_a_number_the_masker_hides(text: str) -> None:
    assert_report_keeps_a_masked_number(text)


@FAST
@given(ANY_TEXT, NUMBERS, ANY_TEXT)
def test_the_log_never_carries_a_number(before: str, number: Written, after: str) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskingFilter())
    log = logging.getLogger("gridsteward.test-masking")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("message %s | %s", 7, f"{before} {number.text} {after}")
    finally:
        log.removeHandler(handler)
    line = stream.getvalue()
    assert number.value not in {each.value for each in find_sensitive(line)}
    assert number.value.replace("-", "") not in line.replace("-", "")


# Noise: characters the vocabulary is made of, shuffled, plus markup and control characters;
# an example that happens to spell a tag, a form label, a fault or an emergency word is not
# noise and is skipped.
_VOCABULARY = [
    *words.REPORT_TAGS,
    *(label for label, name in words.FIELD_LABELS.items() if name in ("address", "problem")),
    *words.FAULT_WORDS,
    *words.EMERGENCY_WORDS,
]
_VOCABULARY_CHARACTERS = sorted({c for word in _VOCABULARY for c in word})
NOISE = st.lists(
    st.one_of(
        st.sampled_from(_VOCABULARY_CHARACTERS),
        st.sampled_from(HOSTILE_PIECES),
        st.sampled_from("0123456789 ，。！？#"),
    ),
    max_size=30,
).map("".join)


def _spells_a_report_word(text: str) -> bool:
    folded = normalize(text)
    return any(word in folded for word in _VOCABULARY)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(NOISE)
def test_noise_never_becomes_a_ticket(text: str) -> None:
    assume(not _spells_a_report_word(text))
    assert parse(text).intent != "report", text
