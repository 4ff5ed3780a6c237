"""`bot.py replay --until T` fires the reminders due before T on the virtual clock, in time order
between the transcript's own messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSCRIPT = [
    {"t": "2026-11-24T09:00", "chat": "cuidong-gas", "from": "res-zhang", "name": "张女士",
     "id": "m1", "text": "#报修 3栋2单元501 燃气灶打不着火"},
    {"t": "2026-11-24T12:30", "chat": "cuidong-gas", "from": "res-zhang", "name": "张女士",
     "id": "m2", "text": "查询 #1"},
]  # fmt: skip


def test_replay_until_interleaves_reminders_with_the_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "day.jsonl"
    transcript.write_text(
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in TRANSCRIPT),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "bot.py", "replay", "--directory", "examples/directory.yaml",
         str(transcript), "--until", "2026-11-24T13:30"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    posts = [json.loads(row) for row in result.stdout.splitlines()]
    # The example directory's community goes up after one reminder.
    assert [(p["t"][11:16], p["chat"], p["text"].split("：")[0]) for p in posts] == [
        ("09:00", "cuidong-gas", "📋 工单 #1（报修）已登记\n地址"),
        ("11:00", "cuidong-gas", "⏰ 超时提醒"),
        ("12:00", "cuidong-gas", "📣 督办"),
        ("12:30", "cuidong-gas", "🔎 工单 #1（报修）3栋2单元501\n状态"),
        ("13:00", "cuidong-office", "📣 督办上报"),
    ]
    assert "督办：超时提醒1次；11-24 12:00 上报监督员王建国" in posts[3]["text"]
    assert posts[1]["mentions"] == ["zhu"] and posts[1]["ticket"] == "1"
    assert posts[2]["mentions"] == ["wang"] and posts[2]["reply_to"] == "m1"
    assert posts[4]["mentions"] == ["sec-li"]
