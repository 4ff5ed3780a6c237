"""`bot.py evaluate` on a small labelled corpus: the figures it prints, and the floor CI holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.evaluate import main

LINES = [
    {"text": "3栋2单元501 燃气灶打不着火", "intent": "report", "kind": "repair",
     "address": {"building": "3", "unit": "2", "room": "501"}},
    {"text": "楼道里一股煤气味", "intent": "report", "kind": "hazard", "emergency": "gas"},
    {"text": "大家早上好", "intent": "none"},
    {"text": "#4 已完成 换了点火针", "intent": "resolve", "ticket": "4"},
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    lines = "\n".join(json.dumps(line, ensure_ascii=False) for line in LINES)
    (folder / "gas.jsonl").write_text(lines + "\n", encoding="utf-8")
    return folder


def test_figures(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.json"
    assert main([str(corpus), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["intent"] == 1.0
    assert figures["missed_emergencies"] == 0
    assert "intent accuracy" in capsys.readouterr().out


def test_a_figure_worse_than_the_floor_fails(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floor = tmp_path / "floor.json"
    floor.write_text(json.dumps({"intent": 1.0, "missed_emergencies": 0}), encoding="utf-8")
    assert main([str(corpus), "--floor", str(floor)]) == 0
    # A corpus line the bot reads wrongly (a notice labelled as a report) lowers intent.
    with (corpus / "gas.jsonl").open("a", encoding="utf-8") as lines:
        lines.write(json.dumps({"text": "明天9点到12点停气检修", "intent": "report"}) + "\n")
    assert main([str(corpus), "--floor", str(floor)]) == 1
    assert "worse than the floor: intent" in capsys.readouterr().err
