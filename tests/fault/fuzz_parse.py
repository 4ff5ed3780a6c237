"""Atheris fuzz target for the parser and the masker; run by hand, never by pytest or CI.

    .venv/bin/pip install -e '.[fuzz]'
    mkdir -p /tmp/fuzz-corpus
    .venv/bin/python -m tests.fault.fuzz_parse -max_total_time=300 -rss_limit_mb=2048 \
        /tmp/fuzz-corpus

Checks on every input what tests/fault/test_bad_text.py checks on Hypothesis's examples:
parse() never raises, the masker leaves no number it found, and a report keeps exactly a
number the masker hides (tests/fault/checks.py). A failure leaves crash-<hash> with the input
in the working directory.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from handlers.parse import parse
    from tests.fault.checks import assert_nothing_left_unmasked, assert_report_keeps_a_masked_number


def check(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
    parse(text).to_json()
    assert_nothing_left_unmasked(text)
    assert_report_keeps_a_masked_number(text)


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
