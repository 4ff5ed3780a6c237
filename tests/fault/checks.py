"""What must hold for any text, shared by the Hypothesis tests and the atheris fuzz target."""

from __future__ import annotations

from handlers.parse import parse
from handlers.privacy import find_sensitive, mask_sensitive


def assert_nothing_left_unmasked(text: str) -> None:
    """Each number found is replaced by its mask, and what is left between them, read on its
    own, holds no number. (Read again as a whole, a mask's last four digits and the digits
    after it may spell a new number: that is no number of the text, so it is not asked.)"""
    found = find_sensitive(text)
    masked = mask_sensitive(text)
    expected, left = [], []
    written_up_to = 0
    for each in found:
        # (The same digits may still stand inside a longer run that is no number: "1" * 57.)
        assert each.masked() != each.value, masked
        left.append(text[written_up_to : each.start])
        expected += [left[-1], each.masked()]
        written_up_to = each.end
    left.append(text[written_up_to:])
    assert masked == "".join([*expected, left[-1]]), masked
    assert all(find_sensitive(gap) == [] for gap in left), masked


def assert_report_keeps_a_masked_number(text: str) -> None:
    """A report keeps (on its ticket) exactly a number the masker hides, and only then."""
    report = f"#报修 3栋 {text}"
    parsed = parse(report)
    found = find_sensitive(report)
    phones = [each.value for each in found if each.kind != "id"]
    ids = [each.value for each in found if each.kind == "id"]
    assert (parsed.phone is None) == (not phones), (parsed.phone, phones)
    assert parsed.phone is None or parsed.phone in phones, (parsed.phone, phones)
    assert parsed.id_number == (ids[0] if ids else None), (parsed.id_number, ids)
