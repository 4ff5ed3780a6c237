"""The two CLI commands scripts rely on: `parse` and `replay`, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "directory.yaml"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "bot.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_parse_prints_one_object_per_line() -> None:
    lines = [
        {"text": "#报修 3栋2单元501 燃气灶打不着火 电话13812345678"},
        {"text": "#12 已完成 更换了点火针"},
        {"text": "谢谢"},
        {"text": "厨房有燃气味"},
        {"text": "#報修"},
    ]
    result = run("parse", stdin="".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert result.returncode == 0, result.stderr
    report, resolve, chat, gas, bare = (json.loads(x) for x in result.stdout.splitlines())
    assert report["intent"] == "report" and report["kind"] == "repair"
    assert report["address"] == {"building": "3", "unit": "2", "room": "501"}
    assert report["phone"] == "138****5678" and report["emergency"] is False
    assert (resolve["intent"], resolve["ticket"]) == ("resolve", "12")
    assert chat["intent"] == "none" and chat["emergency"] is False
    assert gas["intent"] == "report" and gas["emergency"] is True
    assert bare["intent"] == "report" and bare["incomplete"] is True


def test_parse_names_a_bad_line_and_goes_on() -> None:
    result = run("parse", stdin='not json\n{"txt": 1}\n{"text": "帮助"}\n')
    first, second, third = (json.loads(x) for x in result.stdout.splitlines())
    assert "line 1" in first["error"] and "line 2" in second["error"]
    assert third["intent"] == "help"


TRANSCRIPT = [
    {
        "t": "2026-11-24T09:00:00+08:00",
        "chat": "cuidong-gas",
        "from": "res-zhang",
        "name": "张女士",
        "id": "m1",
        "text": "#报修 3栋2单元501 燃气灶打不着火",
    },
    {
        "t": "2026-11-24T09:00:30+08:00",
        "chat": "cuidong-gas",
        "from": "res-wu",
        "name": "吴阿姨",
        "id": "m2",
        "text": "今天天气不错",
    },
    {
        "t": "2026-11-24T09:05:00+08:00",
        "chat": "cuidong-gas",
        "from": "zhu",
        "name": "祝均升",
        "id": "m3",
        "reply_to": "m1",
        "text": "接单",
    },
    {
        "t": "2026-11-24T10:00:00+08:00",
        "chat": "cuidong-gas",
        "from": "zhu",
        "name": "祝均升",
        "id": "m4",
        "text": "#1 已完成 更换了点火针",
    },
    {
        "t": "2026-11-24T10:30:00+08:00",
        "chat": "cuidong-gas",
        "from": "res-zhang",
        "name": "张女士",
        "id": "m5",
        "text": "#1 满意",
    },
]


def write_transcript(tmp_path: Path, lines: list[dict[str, str]]) -> Path:
    path = tmp_path / "transcript.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_replay_prints_every_post_and_the_final_tickets(tmp_path: Path) -> None:
    transcript = write_transcript(tmp_path, TRANSCRIPT)
    tickets_out = tmp_path / "tickets.json"
    result = run(
        "replay", "--directory", str(EXAMPLE), str(transcript), "--tickets-out", str(tickets_out)
    )
    assert result.returncode == 0, result.stderr
    posts = [json.loads(x) for x in result.stdout.splitlines()]
    assert [p["t"] for p in posts] == [
        "2026-11-24T09:00:00+08:00",
        "2026-11-24T09:05:00+08:00",
        "2026-11-24T10:00:00+08:00",
        "2026-11-24T10:30:00+08:00",
    ]
    assert all(p["chat"] == "cuidong-gas" and p["ticket"] == "1" for p in posts)
    assert posts[0]["mentions"] == ["zhu"] and "@祝均升" in posts[0]["text"]
    assert posts[1]["mentions"] == ["res-zhang"]
    [ticket] = json.loads(tickets_out.read_text("utf-8"))
    assert ticket["number"] == "1" and ticket["state"] == "closed"
    assert (ticket["assignee"], ticket["grid"], ticket["reporter"]) == (
        "zhu",
        "cuidong-1",
        "res-zhang",
    )
    assert ticket["claimed_at"] == "2026-11-24T09:05:00+08:00"
    assert [e["action"] for e in ticket["events"]] == [
        "created",
        "assigned",
        "claimed",
        "resolved",
        "confirmed",
    ]


def test_replay_until_stops_the_clock(tmp_path: Path) -> None:
    transcript = write_transcript(tmp_path, TRANSCRIPT)
    tickets_out = tmp_path / "tickets.json"
    result = run(
        "replay",
        "--directory",
        str(EXAMPLE),
        str(transcript),
        "--until",
        "2026-11-24T09:30:00+08:00",
        "--tickets-out",
        str(tickets_out),
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert json.loads(tickets_out.read_text("utf-8"))[0]["state"] == "claimed"


def test_replay_names_the_bad_line(tmp_path: Path) -> None:
    bad = [
        TRANSCRIPT[0],
        {
            "t": "2026-11-24T09:01:00+08:00",
            "chat": "nowhere",
            "from": "x",
            "id": "m9",
            "text": "hi",
        },
    ]
    result = run("replay", "--directory", str(EXAMPLE), str(write_transcript(tmp_path, bad)))
    assert result.returncode == 2
    assert "line 2" in result.stderr and "nowhere" in result.stderr
    assert result.stdout == ""


def test_a_wrong_directory_stops_the_start_with_line_and_key(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8").replace("steward: zhu", "steward: zhuu", 1)
    bad = tmp_path / "directory.yaml"
    bad.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "steward: zhuu" in row)
    result = run("--directory", str(bad), "--database-url", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 2
    assert f"第{line}行" in result.stderr and "grids[0].steward" in result.stderr
    assert "zhuu" in result.stderr
    assert not (tmp_path / "x.sqlite3").exists()  # nothing was changed
