"""Check the train2 corpus against corpus format (CORPUS.md) and print its balance.

Usage: python corpus/train2/check.py [--strict] [PATH ...]
PATH is a .jsonl file, a transcript .json file or a folder (default: this file's folder).
Format errors exit 1; --strict also fails on warnings (likely mislabels: a ticket number or
address digit the text does not show, a script label the characters contradict).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

# Commands that act on one ticket and so may name it.
TICKET_COMMANDS = {
    "claim",
    "progress",
    "resolve",
    "reassign",
    "return",
    "confirm",
    "reopen",
    "urge",
    "query",
}
# Commands about the whole list: help, the daily report, overdue tickets, the 待确认 list.
LIST_COMMANDS = {"help", "digest", "overdue", "review"}
COMMANDS = TICKET_COMMANDS | LIST_COMMANDS
INTENTS = COMMANDS | {"report", "none"}
KINDS = {"repair", "hazard", "complaint", "inquiry"}
EMERGENCIES = {"gas", "fire", "electric", "lift", "water"}
SPEAKERS = {"resident", "reporter", "assignee", "steward", "supervisor", "secretary"}
GROUPS = {"gas", "power", "water", "property"}
SCRIPTS = {"zh-Hans", "zh-Hant", "en", "mixed"}
ADDRESS_KEYS = {"building", "unit", "room", "floor", "place"}
LINE_KEYS = {
    "text",
    "intent",
    "kind",
    "emergency",
    "address",
    "ticket",
    "target",
    "speaker",
    "reply",
    "group",
    "script",
    "note",
}
NUMBER = re.compile(r"[1-9][0-9]*")
FLOOR = re.compile(r"-?[1-9][0-9]*")

TRANSCRIPT_KEYS = {"name", "messages", "expect"}
MESSAGE_KEYS = {"t", "chat", "from", "name", "id", "reply_to", "text"}
EXPECT_KEYS = {"tickets", "review", "posts", "no_posts"}
TICKET_KEYS = {
    "number",
    "state",
    "kind",
    "emergency",
    "assignee",
    "rating",
    "building",
    "unit",
    "room",
}
STATES = {"new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned"}
RATINGS = {"satisfied", "unsatisfied"}
BOT_POST = re.compile(r"bot-[1-9][0-9]*")

# Characters that exist in only one of the two Chinese scripts, common in this corpus's
# vocabulary; enough to catch a line filed under the wrong script.
_SIMPLIFIED = set("电气楼门这说没烟灯开关热时间发现报请师单坏亲厅过来还给让问题为么们对灭闪锈")
_TRADITIONAL = set("電氣樓門這說沒煙燈開關熱時間發現報請師單壞親廳過來還給讓問題為麼們對滅閃鏽")
SIMPLIFIED_ONLY = _SIMPLIFIED - _TRADITIONAL
TRADITIONAL_ONLY = _TRADITIONAL - _SIMPLIFIED
CHINESE_DIGITS = dict(zip("零〇一二两三四五六七八九", "001223456789", strict=True))


def is_cjk(ch: str) -> bool:
    """A Han character (the scripts this corpus distinguishes)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ord(ch) >= 0x20000


class Report:
    """Errors, warnings and counts gathered over every checked file."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.counts: dict[str, Counter[str]] = {
            name: Counter() for name in ("intent", "kind", "emergency", "script", "group", "file")
        }
        self.texts: dict[str, str] = {}
        self.lines = 0
        self.transcripts = 0

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


def digits_of(text: str) -> str:
    """The text with full-width digits made ASCII and Chinese digits spelled as digits."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(CHINESE_DIGITS.get(ch, ch) for ch in text)


def check_script(where: str, text: str, script: str, out: Report) -> None:
    """Warn when the characters of a line contradict its script label."""
    han = [ch for ch in text if is_cjk(ch)]
    latin = re.findall(r"[A-Za-z]{2,}", text)
    if script == "en" and han:
        out.warn(where, "script en but the text has Chinese characters")
    # Emoji-only lines carry no script; letters without Han do.
    if script in {"zh-Hans", "zh-Hant"} and latin and not han:
        out.warn(where, f"script {script} but the text has no Chinese characters")
    if script == "mixed" and not (han and latin):
        out.warn(where, "script mixed but the text is not Chinese and English together")
    if script == "zh-Hans" and any(ch in TRADITIONAL_ONLY for ch in han):
        out.warn(where, "script zh-Hans but the text has traditional characters")
    if script == "zh-Hant" and any(ch in SIMPLIFIED_ONLY for ch in han):
        out.warn(where, "script zh-Hant but the text has simplified characters")


def check_address(where: str, row: dict[str, Any], out: Report) -> None:
    """The address object: known keys, digits without leading zeros, parts the text shows."""
    address = row["address"]
    if not isinstance(address, dict) or not address:
        out.error(where, "address must be a non-empty object")
        return
    shown = digits_of(row["text"])
    for key, value in address.items():
        if key not in ADDRESS_KEYS:
            out.error(where, f"address key {key!r} is not one of {sorted(ADDRESS_KEYS)}")
            continue
        if not isinstance(value, str) or not value.strip():
            out.error(where, f"address {key} must be a non-empty string")
            continue
        if key == "place":
            continue
        pattern = FLOOR if key == "floor" else NUMBER
        if not pattern.fullmatch(value):
            out.error(where, f"address {key} {value!r} must be Arabic digits without leading zeros")
        elif value.lstrip("-") not in shown and not re.search("[十百]", row["text"]):
            out.warn(where, f"address {key} {value!r} does not appear in the text")


def script_of(row: dict[str, Any]) -> str:
    """The line's script label, or an empty string."""
    return str(row.get("script") or "")


def check_line(where: str, row: Any, out: Report) -> None:
    """One labelled message."""
    if not isinstance(row, dict):
        out.error(where, "a line must be a JSON object")
        return
    for key in row:
        if key not in LINE_KEYS:
            out.error(where, f"unknown field {key!r}")
    text, intent = row.get("text"), row.get("intent")
    if not isinstance(text, str) or not text.strip():
        out.error(where, "text must be a non-empty string")
        return
    if intent not in INTENTS:
        out.error(where, f"intent {intent!r} is not one of {sorted(INTENTS)}")
        return
    if text in out.texts:
        out.error(where, f"same text as {out.texts[text]}")
    out.texts[text] = where
    is_report = intent == "report"
    if is_report:
        if row.get("kind") not in KINDS:
            out.error(where, f"a report needs kind, one of {sorted(KINDS)}")
        emergency = row.get("emergency")
        if emergency is not None:
            if emergency not in EMERGENCIES:
                out.error(where, f"emergency {emergency!r} is not one of {sorted(EMERGENCIES)}")
            elif row.get("kind") != "hazard":
                out.error(where, "an emergency has kind hazard")
        if "address" in row:
            check_address(where, row, out)
    else:
        for key in ("kind", "emergency", "address"):
            if key in row:
                out.error(where, f"{key} belongs to reports only, not {intent}")
    if "ticket" in row:
        ticket = row["ticket"]
        if intent not in TICKET_COMMANDS:
            out.error(where, f"ticket belongs to a command on one ticket, not {intent}")
        elif not isinstance(ticket, str) or not NUMBER.fullmatch(ticket):
            out.error(where, 'ticket must be a string of digits such as "3"')
        elif not re.search(rf"(?<![0-9]){ticket}(?![0-9])", digits_of(text)):
            out.warn(where, f"ticket {ticket} does not appear in the text")
    if "target" in row:
        target = row["target"]
        if intent != "reassign":
            out.error(where, "target belongs to reassign only")
        elif not isinstance(target, str) or not target.strip():
            out.error(where, "target must be a non-empty string")
        # A traditional-script line names the person as written; the label uses the directory's
        # simplified spelling, so only the other scripts can be checked letter for letter.
        elif target not in text and script_of(row) != "zh-Hant":
            out.warn(where, f"target {target} does not appear in the text")
    elif intent == "reassign":
        out.error(where, "reassign needs target")
    if "speaker" in row and row["speaker"] not in SPEAKERS:
        out.error(where, f"speaker {row['speaker']!r} is not one of {sorted(SPEAKERS)}")
    if "reply" in row and row["reply"] is not True:
        out.error(where, "reply is true or left out")
    if "note" in row and (not isinstance(row["note"], str) or not row["note"].strip()):
        out.error(where, "note must be a non-empty string")
    group, script = row.get("group"), row.get("script")
    if group not in GROUPS:
        out.error(where, f"group {group!r} is not one of {sorted(GROUPS)}")
    if script not in SCRIPTS:
        out.error(where, f"script {script!r} is not one of {sorted(SCRIPTS)}")
    else:
        check_script(where, text, script, out)
    out.lines += 1
    counts = out.counts
    counts["intent"][intent] += 1
    counts["kind"][row.get("kind", "-") if is_report else "-"] += 1
    counts["emergency"][(row.get("emergency") or "-") if is_report else "-"] += 1
    counts["script"][str(script)] += 1
    counts["group"][str(group)] += 1
    counts["file"][where.split(":")[0]] += 1


def check_jsonl(path: Path, out: Report) -> None:
    """Every line of a .jsonl file is one labelled message."""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if not raw.strip():
            out.error(where, "empty line")
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            out.error(where, f"not JSON: {exc}")
            continue
        check_line(where, row, out)


def check_expect(where: str, expect: Any, out: Report) -> None:
    """The transcript's expected end state."""
    if not isinstance(expect, dict):
        out.error(where, "expect must be an object")
        return
    for key in expect:
        if key not in EXPECT_KEYS:
            out.error(where, f"unknown expect field {key!r}")
    tickets = expect.get("tickets", [])
    if not isinstance(tickets, list):
        out.error(where, "expect.tickets must be a list")
        tickets = []
    numbers: set[str] = set()
    for ticket in tickets:
        if not isinstance(ticket, dict):
            out.error(where, "each expected ticket must be an object")
            continue
        for key, value in ticket.items():
            if key not in TICKET_KEYS:
                out.error(where, f"unknown ticket field {key!r}")
            elif key == "state" and value not in STATES:
                out.error(where, f"state {value!r} is not one of {sorted(STATES)}")
            elif key == "kind" and value not in KINDS:
                out.error(where, f"kind {value!r} is not one of {sorted(KINDS)}")
            elif key == "emergency" and value is not None and value not in EMERGENCIES:
                out.error(where, f"emergency {value!r} is not a type or null")
            elif key == "rating" and value is not None and value not in RATINGS:
                out.error(where, f"rating {value!r} is not one of {sorted(RATINGS)} or null")
            elif key in {"number", "building", "unit", "room"} and not (
                isinstance(value, str) and NUMBER.fullmatch(value)
            ):
                out.error(where, f"ticket {key} must be a string of digits")
        number = ticket.get("number")
        if number is None:
            out.error(where, "each expected ticket needs its number")
        elif number in numbers:
            out.error(where, f"ticket {number} expected twice")
        numbers.add(str(number))
    review = expect.get("review", 0)
    if not isinstance(review, int) or isinstance(review, bool) or review < 0:
        out.error(where, "expect.review must be a whole number")
    for key in ("posts", "no_posts"):
        matches = expect.get(key, [])
        if not isinstance(matches, list) or not all(
            isinstance(m, dict)
            and set(m) == {"contains"}
            and isinstance(m["contains"], str)
            and m["contains"]
            for m in matches
        ):
            out.error(where, f'expect.{key} must be a list of {{"contains": "…"}}')


def check_transcript(path: Path, out: Report) -> None:
    """One transcript file: name, messages in time order, replies to earlier ids, expect."""
    where = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        out.error(where, f"not JSON: {exc}")
        return
    if not isinstance(data, dict):
        out.error(where, "a transcript must be a JSON object")
        return
    for key in data:
        if key not in TRANSCRIPT_KEYS:
            out.error(where, f"unknown field {key!r}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        out.error(where, "name must be a non-empty string")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        out.error(where, "messages must be a non-empty list")
        messages = []
    seen: set[str] = set()
    last: datetime | None = None
    for index, message in enumerate(messages, 1):
        at = f"{where} message {index}"
        if not isinstance(message, dict):
            out.error(at, "a message must be an object")
            continue
        for key in message:
            if key not in MESSAGE_KEYS:
                out.error(at, f"unknown field {key!r}")
        for key in ("t", "chat", "from", "id", "text"):
            if not isinstance(message.get(key), str) or not message[key].strip():
                out.error(at, f"{key} must be a non-empty string")
        if "name" in message and not isinstance(message["name"], str):
            out.error(at, "name must be a string")
        try:
            when = datetime.fromisoformat(str(message.get("t")))
        except ValueError:
            out.error(at, f"t {message.get('t')!r} is not an ISO date and time")
        else:
            if last is not None and when < last:
                out.error(at, "messages must be in time order")
            last = when
        reply_to = message.get("reply_to")
        if reply_to is not None and not (
            reply_to in seen or (isinstance(reply_to, str) and BOT_POST.fullmatch(reply_to))
        ):
            out.error(at, f"reply_to {reply_to!r} is neither an earlier message nor bot-N")
        if message.get("id") in seen:
            out.error(at, f"id {message.get('id')!r} used twice")
        seen.add(str(message.get("id")))
    if "expect" not in data:
        out.error(where, "expect is required")
    else:
        check_expect(where, data["expect"], out)
    out.transcripts += 1


def check_path(path: Path, out: Report) -> None:
    """A file by its suffix, or every corpus file in a folder."""
    if path.is_dir():
        for child in sorted(path.glob("*.jsonl")):
            check_jsonl(child, out)
        for child in sorted((path / "transcripts").glob("*.json")):
            check_transcript(child, out)
    elif path.suffix == ".jsonl":
        check_jsonl(path, out)
    elif path.suffix == ".json":
        check_transcript(path, out)
    else:
        out.error(str(path), "not a .jsonl, .json or folder")


def share(part: int, whole: int) -> str:
    """A percentage with one decimal, safe for an empty corpus."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def summary(out: Report) -> str:
    """Counts per label and the balance CORPUS.md asks for."""
    lines = [f"lines: {out.lines}   transcripts: {out.transcripts}"]
    for name, counter in out.counts.items():
        cells = ", ".join(f"{key} {value}" for key, value in sorted(counter.items()))
        lines.append(f"{name}: {cells}")
    intents = out.counts["intent"]
    reports, none = intents["report"], intents["none"]
    commands = sum(intents[c] for c in COMMANDS)
    emergencies = out.lines - out.counts["emergency"]["-"]
    lines.append(
        f"balance: reports {share(reports, out.lines)} (emergencies {share(emergencies, reports)}"
        f" of reports), none {share(none, out.lines)}, commands {share(commands, out.lines)}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Check the given paths (or this folder), print the summary, exit 1 on errors."""
    strict = "--strict" in argv
    paths = [Path(a) for a in argv if a != "--strict"] or [Path(__file__).parent]
    out = Report()
    for path in paths:
        if not path.exists():
            out.error(str(path), "no such file or folder")
        else:
            check_path(path, out)
    for message in out.errors:
        print(f"error: {message}")
    for message in out.warnings:
        print(f"warning: {message}")
    print(summary(out))
    failed = bool(out.errors) or (strict and bool(out.warnings))
    if failed:
        print(f"{len(out.errors)} errors, {len(out.warnings)} warnings", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
