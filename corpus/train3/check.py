"""Check the train3 corpus against corpus/CORPUS.md's format and print its balance.

Usage: python corpus/train3/check.py [DIR]   (DIR defaults to this file's folder)
Exits 1 on any format error, naming the file, the line and the field at fault.
Standard library only, so it runs before the project's environment exists.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

INTENTS = {
    "report",
    "claim",
    "progress",
    "resolve",
    "reassign",
    "return",
    "confirm",
    "reopen",
    "urge",
    "query",
    "help",
    "digest",
    "overdue",
    "review",
    "none",
}
COMMANDS = INTENTS - {"report", "none"}
KINDS = {"repair", "hazard", "complaint", "inquiry"}
EMERGENCIES = {"gas", "fire", "electric", "lift", "water"}
GROUPS = {"gas", "power", "water", "property"}
SCRIPTS = {"zh-Hans", "zh-Hant", "en", "mixed"}
SPEAKERS = {"resident", "reporter", "assignee", "steward", "supervisor", "secretary"}
ADDRESS_PARTS = {"building", "unit", "room", "floor", "place"}
LINE_FIELDS = {
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
# Only reports carry these; a command or chat line with them is mislabelled.
REPORT_ONLY = {"kind", "emergency", "address"}

TRANSCRIPT_FIELDS = {"name", "messages", "expect"}
MESSAGE_FIELDS = {"t", "chat", "from", "name", "id", "text", "reply_to"}
EXPECT_FIELDS = {"tickets", "review", "posts", "no_posts"}
TICKET_FIELDS = {
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
STATES = {
    "new",
    "assigned",
    "claimed",
    "in_progress",
    "resolved",
    "closed",
    "reopened",
    "returned",
}
RATINGS = {"satisfied", "unsatisfied"}
PEOPLE = {"zhu", "chen", "liu", "wang", "sec-li", "admin-he"}
CHATS = {"cuidong-gas", "cuidong-office"}

CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
DIGITS = re.compile(r"-?[1-9][0-9]*")
# Characters that exist in only one script; enough to catch a line filed under the wrong one.
HANT_ONLY = set("氣電樓漏還這個們裡說廚燒單從會對處麼點兩擊鐘該樣關開門車號區")
HANS_ONLY = set("气电楼还这个们里说厨烧单从会对处么点两击钟该样关开门车号区")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


class Problems:
    """Collects format errors with their place, so one run reports them all."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


def check_script(where: str, text: str, script: str, problems: Problems) -> None:
    """The script label must fit the characters the text is written in."""
    has_cjk = bool(CJK.search(text))
    has_latin = bool(LATIN_WORD.search(text))
    if not has_cjk and not re.search(r"[A-Za-z]", text):
        return  # emoji or digits only: any script label fits
    if script == "en" and has_cjk:
        problems.error(where, "script en but the text has Chinese characters")
    elif script in ("zh-Hans", "zh-Hant") and not has_cjk:
        problems.error(where, f"script {script} but the text has no Chinese characters")
    elif script == "mixed" and not (has_cjk and has_latin):
        problems.error(where, "script mixed needs both Chinese and English words")
    chars = set(text)
    if script == "zh-Hans" and len(chars & HANT_ONLY) >= 2:
        problems.warn(where, "labelled zh-Hans but has traditional characters")
    if script == "zh-Hant" and chars & HANS_ONLY and not chars & HANT_ONLY:
        problems.warn(where, "labelled zh-Hant but reads as simplified")


def check_address(where: str, address: object, problems: Problems) -> None:
    """Address parts as CORPUS.md states them: Arabic digits, place in simplified Chinese."""
    if not isinstance(address, dict) or not address:
        problems.error(where, "address must be a non-empty object")
        return
    for part, value in address.items():
        if part not in ADDRESS_PARTS:
            problems.error(where, f"unknown address part {part!r}")
        elif not isinstance(value, str) or not value:
            problems.error(where, f"address.{part} must be a non-empty string")
        elif part == "place":
            if not CJK.search(value):
                problems.error(where, "address.place must be written in Chinese")
            if set(value) & HANT_ONLY:
                problems.error(where, "address.place must be in simplified Chinese")
        elif not DIGITS.fullmatch(value):
            problems.error(where, f"address.{part} {value!r} must be Arabic digits, no leading 0")


def check_line(where: str, row: object, problems: Problems) -> dict | None:
    """One corpus line; returns it when its shape is usable for counting."""
    if not isinstance(row, dict):
        problems.error(where, "a line must be a JSON object")
        return None
    for field in row.keys() - LINE_FIELDS:
        problems.error(where, f"unknown field {field!r}")
    text, intent = row.get("text"), row.get("intent")
    if not isinstance(text, str) or not text.strip():
        problems.error(where, "text is required and must be a non-empty string")
        return None
    if intent not in INTENTS:
        problems.error(where, f"intent {intent!r} is not one of {sorted(INTENTS)}")
        return None
    if intent == "report":
        if row.get("kind") not in KINDS:
            problems.error(where, f"a report needs kind in {sorted(KINDS)}")
        emergency = row.get("emergency")
        if emergency is not None:
            if emergency not in EMERGENCIES:
                problems.error(where, f"emergency {emergency!r} not in {sorted(EMERGENCIES)}")
            elif row.get("kind") != "hazard":
                problems.error(where, "an emergency's kind is hazard")
        if "address" in row:
            check_address(where, row["address"], problems)
    else:
        for field in REPORT_ONLY & row.keys():
            problems.error(where, f"{field} belongs to reports only, not {intent}")
    if "ticket" in row and (
        not isinstance(row["ticket"], str) or not DIGITS.fullmatch(row["ticket"])
    ):
        problems.error(where, 'ticket must be a string of Arabic digits, like "3"')
    if "target" in row:
        if intent != "reassign":
            problems.error(where, "target belongs to reassign only")
        elif not isinstance(row["target"], str) or not row["target"]:
            problems.error(where, "target must be a person's name")
    if intent == "reassign" and "target" not in row:
        problems.error(where, "a reassign needs its target")
    if "speaker" in row and row["speaker"] not in SPEAKERS:
        problems.error(where, f"speaker {row['speaker']!r} not in {sorted(SPEAKERS)}")
    if "reply" in row and row["reply"] is not True:
        problems.error(where, "reply is written only as true")
    if row.get("group") not in GROUPS:
        problems.error(where, f"group must be one of {sorted(GROUPS)}")
    if row.get("script") not in SCRIPTS:
        problems.error(where, f"script must be one of {sorted(SCRIPTS)}")
    else:
        check_script(where, text, row["script"], problems)
    if "note" in row and (not isinstance(row["note"], str) or "\n" in row["note"]):
        problems.error(where, "note must be one short line")
    return row


def check_lines(path: Path, problems: Problems, seen: dict[str, str]) -> list[dict]:
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if not raw.strip():
            problems.error(where, "blank line")
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.error(where, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        checked = check_line(where, row, problems)
        if checked is None:
            continue
        key = re.sub(r"\s+", "", checked["text"])
        if key in seen:
            problems.error(where, f"same text as {seen[key]}")
        seen[key] = where
        rows.append(checked)
    return rows


def check_transcript(path: Path, problems: Problems) -> dict | None:
    where = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.error(where, f"not JSON: {exc.msg} at line {exc.lineno}")
        return None
    if not isinstance(data, dict):
        problems.error(where, "a transcript must be a JSON object")
        return None
    for field in data.keys() - TRANSCRIPT_FIELDS:
        problems.error(where, f"unknown field {field!r}")
    if not isinstance(data.get("name"), str) or not data["name"]:
        problems.error(where, "name is required")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        problems.error(where, "messages must be a non-empty list")
        return None
    ids: set[str] = set()
    last_time = ""
    for index, message in enumerate(messages, 1):
        at = f"{where} message {index}"
        if not isinstance(message, dict):
            problems.error(at, "a message must be an object")
            continue
        for field in message.keys() - MESSAGE_FIELDS:
            problems.error(at, f"unknown field {field!r}")
        for field in ("t", "chat", "from", "id", "text"):
            if not isinstance(message.get(field), str) or not message[field]:
                problems.error(at, f"{field} is required")
        t = message.get("t", "")
        if isinstance(t, str) and not TIMESTAMP.match(t):
            problems.error(at, f"t {t!r} must look like 2026-11-24T09:00:00")
        elif isinstance(t, str) and t < last_time:
            problems.error(at, "messages must be in time order")
        else:
            last_time = t
        if message.get("chat") not in CHATS:
            problems.error(at, f"chat {message.get('chat')!r} is not a directory chat")
        if message.get("id") in ids:
            problems.error(at, f"id {message.get('id')!r} used twice")
        reply_to = message.get("reply_to")
        if (
            reply_to is not None
            and reply_to not in ids
            and not re.fullmatch(r"bot-[1-9][0-9]*", str(reply_to))
        ):
            problems.error(at, f"reply_to {reply_to!r} names no earlier message or bot-N")
        ids.add(str(message.get("id")))
    expect = data.get("expect")
    if not isinstance(expect, dict):
        problems.error(where, "expect is required")
        return data
    for field in expect.keys() - EXPECT_FIELDS:
        problems.error(where, f"unknown expect field {field!r}")
    tickets = expect.get("tickets", [])
    if not isinstance(tickets, list):
        problems.error(where, "expect.tickets must be a list")
        tickets = []
    for ticket in tickets:
        if not isinstance(ticket, dict):
            problems.error(where, "each expected ticket must be an object")
            continue
        for field in ticket.keys() - TICKET_FIELDS:
            problems.error(where, f"unknown ticket field {field!r}")
        if not isinstance(ticket.get("number"), str) or not DIGITS.fullmatch(ticket["number"]):
            problems.error(where, "ticket number must be a string of digits")
        if "state" in ticket and ticket["state"] not in STATES:
            problems.error(where, f"ticket state {ticket['state']!r} not in {sorted(STATES)}")
        if "kind" in ticket and ticket["kind"] not in KINDS:
            problems.error(where, f"ticket kind {ticket['kind']!r} not in {sorted(KINDS)}")
        if "emergency" in ticket and ticket["emergency"] not in EMERGENCIES | {None}:
            problems.error(where, f"ticket emergency {ticket['emergency']!r} unknown")
        if "rating" in ticket and ticket["rating"] not in RATINGS:
            problems.error(where, f"ticket rating {ticket['rating']!r} not in {sorted(RATINGS)}")
        if "assignee" in ticket and ticket["assignee"] not in PEOPLE:
            problems.error(where, f"ticket assignee {ticket['assignee']!r} is not a person id")
    if "review" in expect and (not isinstance(expect["review"], int) or expect["review"] < 0):
        problems.error(where, "expect.review must be a count")
    for field in ("posts", "no_posts"):
        for post in expect.get(field, []):
            if not isinstance(post, dict) or set(post) != {"contains"} or not post["contains"]:
                problems.error(where, f'each of expect.{field} is {{"contains": "…"}}')
    return data


def table(title: str, counts: Counter[str], total: int) -> None:
    print(f"\n{title}")
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {key:<22}{count:>5}  {100 * count / total:5.1f}%")


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    problems = Problems()
    seen: dict[str, str] = {}
    rows: list[dict] = []
    per_file: Counter[str] = Counter()
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        problems.error(str(folder), "no *.jsonl files")
    for path in files:
        found = check_lines(path, problems, seen)
        per_file[path.name] = len(found)
        rows.extend(found)
    transcripts = sorted((folder / "transcripts").glob("*.json"))
    checked_transcripts = [t for t in (check_transcript(p, problems) for p in transcripts) if t]

    total = len(rows) or 1
    reports = [r for r in rows if r["intent"] == "report"]
    emergencies = [r for r in reports if r.get("emergency")]
    category = Counter(
        "report" if r["intent"] == "report" else "none" if r["intent"] == "none" else "command"
        for r in rows
    )
    print(f"{len(rows)} lines in {len(files)} files, {len(checked_transcripts)} transcripts")
    table("files", per_file, total)
    table("category (CORPUS.md balance: reports ~45%, none ~30%, commands ~25%)", category, total)
    table("intent", Counter(r["intent"] for r in rows), total)
    table("kind (reports)", Counter(r.get("kind", "?") for r in reports), total)
    table("emergency type", Counter(r["emergency"] for r in emergencies), total)
    print(
        f"  emergencies: {len(emergencies)} = {100 * len(emergencies) / total:.1f}% of lines;"
        f" {sum('address' not in r for r in emergencies)} without an address"
    )
    table("script", Counter(r["script"] for r in rows), total)
    table("group", Counter(r["group"] for r in rows), total)
    table("speaker given", Counter(r.get("speaker", "-") for r in rows), total)
    table(
        "ticket reference",
        Counter(
            "numbered" if "ticket" in r else "reply" if r.get("reply") else "neither"
            for r in rows
            if r["intent"] in COMMANDS
        ),
        total,
    )
    addressed = Counter(part for r in reports for part in r.get("address", {}))
    table("address parts stated (reports)", addressed, total)
    for warning in problems.warnings:
        print(f"warning: {warning}")
    if problems.errors:
        for error in problems.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"\n{len(problems.errors)} format error(s)", file=sys.stderr)
        return 1
    print("\nformat OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
