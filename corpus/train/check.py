"""Check a corpus set's files against corpus/CORPUS format rules and print its balance.

Usage: python corpus/train/check.py [SET_DIR]   (default: the directory of this script)

Reads SET_DIR/*.jsonl (one labelled message per line) and SET_DIR/transcripts/*.json,
reports every format error as FILE:LINE: message, prints counts per intent, kind,
emergency type, script, group, theme and persona (file names are THEME.PERSONA.jsonl),
and exits 1 if any error was found. Standard library only, so it runs before any venv.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

INTENTS = (
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
)
# Commands name tickets; reports and chat never do.
COMMANDS = tuple(i for i in INTENTS if i not in ("report", "none"))
KINDS = ("repair", "hazard", "complaint", "inquiry")
EMERGENCIES = ("gas", "fire", "electric", "lift", "water")
GROUPS = ("gas", "power", "water", "property")
SCRIPTS = ("zh-Hans", "zh-Hant", "en", "mixed")
SPEAKERS = ("resident", "reporter", "assignee", "steward", "supervisor", "secretary")
ADDRESS_NUMBERS = ("building", "unit", "room", "floor")
ADDRESS_FIELDS = (*ADDRESS_NUMBERS, "place")
MESSAGE_FIELDS = {
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
STATES = ("new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned")
RATINGS = ("satisfied", "unsatisfied")
TICKET_FIELDS = {"number", "state", "kind", "emergency", "assignee", "rating", *ADDRESS_NUMBERS[:3]}
# Arabic digits without a leading zero, as CORPUS.md asks ("03栋" → "3").
NUMBER = re.compile(r"[1-9][0-9]*")
# A rough sign that a `none` line is a hard negative: it carries fault or danger words.
FAULT_WORDS = re.compile(
    r"燃气|煤气|然气|煤氣|瓦斯|漏|停电|停電|断电|跳闸|跳電|跳掣|火|烟|煙|电梯|電梯|𨋢|困|"
    r"停水|水管|水喉|爆|堵|坏|壞|报警|警報|短路|触电|觸電|味|gas|fire|smoke|leak|lift|"
    r"elevator|outage|power|water|alarm|burn|flood",
    re.IGNORECASE,
)


class Problems:
    """Collects format errors as 'where: what' lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.lines.append(f"{where}: {what}")


def check_address(address: Any, where: str, problems: Problems) -> None:
    """An address holds only the parts the text states, numbers as plain digits."""
    if not isinstance(address, dict) or not address:
        problems.add(where, "address must be a non-empty object")
        return
    for key, value in address.items():
        if key not in ADDRESS_FIELDS:
            problems.add(where, f"unknown address field {key!r}")
        elif not isinstance(value, str) or not value.strip():
            problems.add(where, f"address {key} must be a non-empty string")
        elif key in ADDRESS_NUMBERS and not NUMBER.fullmatch(value):
            problems.add(where, f"address {key} {value!r} must be digits without a leading zero")


def check_message(record: Any, where: str, problems: Problems) -> None:
    """One labelled single message: fields, allowed values and which fields go together."""
    if not isinstance(record, dict):
        problems.add(where, "a line must be a JSON object")
        return
    for key in record.keys() - MESSAGE_FIELDS:
        problems.add(where, f"unknown field {key!r}")
    for key in ("text", "intent", "group", "script"):
        if key not in record:
            problems.add(where, f"missing {key!r}")
    text, intent = record.get("text"), record.get("intent")
    if "text" in record and (not isinstance(text, str) or not text.strip()):
        problems.add(where, "text must be a non-empty string")
    if "intent" in record and intent not in INTENTS:
        problems.add(where, f"intent {intent!r} is not one of {', '.join(INTENTS)}")
    for key, allowed in (("group", GROUPS), ("script", SCRIPTS), ("speaker", SPEAKERS)):
        if key in record and record[key] not in allowed:
            problems.add(where, f"{key} {record[key]!r} is not one of {', '.join(allowed)}")
    if intent == "report":
        if record.get("kind") not in KINDS:
            problems.add(where, f"a report needs kind, one of {', '.join(KINDS)}")
        emergency = record.get("emergency")
        if emergency is not None:
            if emergency not in EMERGENCIES:
                problems.add(
                    where, f"emergency {emergency!r} is not one of {', '.join(EMERGENCIES)}"
                )
            elif record.get("kind") != "hazard":
                problems.add(where, "an emergency has kind 'hazard'")
        if "address" in record:
            check_address(record["address"], where, problems)
    else:
        for key in ("kind", "emergency", "address"):
            if record.get(key) is not None:
                problems.add(where, f"{key} belongs to reports only")
    if "ticket" in record:
        ticket = record["ticket"]
        if intent not in COMMANDS:
            problems.add(where, "ticket belongs to commands only")
        if not isinstance(ticket, str) or not NUMBER.fullmatch(ticket):
            problems.add(where, f'ticket {ticket!r} must be a string of digits like "3"')
    if "target" in record:
        if intent != "reassign":
            problems.add(where, "target belongs to reassign only")
        if not isinstance(record["target"], str) or not record["target"].strip():
            problems.add(where, "target must be a person's name")
    if "reply" in record and record["reply"] is not True:
        problems.add(where, "reply is either true or left out")
    if "note" in record and not isinstance(record["note"], str):
        problems.add(where, "note must be a string")


def check_transcript(data: Any, where: str, problems: Problems) -> None:
    """One transcript: ordered messages with unique ids, replies to earlier ones, an expectation."""
    if not isinstance(data, dict):
        problems.add(where, "a transcript must be a JSON object")
        return
    for key in data.keys() - {"name", "messages", "expect"}:
        problems.add(where, f"unknown field {key!r}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        problems.add(where, "name must be a non-empty string")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        problems.add(where, "messages must be a non-empty list")
        messages = []
    seen: set[str] = set()
    previous: datetime | None = None
    for index, message in enumerate(messages, 1):
        at = f"{where} message {index}"
        if not isinstance(message, dict):
            problems.add(at, "must be an object")
            continue
        for key in message.keys() - {"t", "chat", "from", "name", "id", "text", "reply_to"}:
            problems.add(at, f"unknown field {key!r}")
        for key in ("t", "chat", "from", "id", "text"):
            if not isinstance(message.get(key), str) or not message[key].strip():
                problems.add(at, f"{key} must be a non-empty string")
        try:
            moment = datetime.fromisoformat(str(message.get("t")))
        except ValueError:
            problems.add(at, f"t {message.get('t')!r} is not an ISO-8601 time")
        else:
            if previous is not None and moment < previous:
                problems.add(at, "messages must be in time order")
            previous = moment
        message_id = message.get("id")
        if message_id in seen:
            problems.add(at, f"id {message_id!r} is used twice")
        reply_to = message.get("reply_to")
        if (
            reply_to is not None
            and reply_to not in seen
            and not re.fullmatch(r"bot-[1-9][0-9]*", str(reply_to))
        ):
            problems.add(at, f"reply_to {reply_to!r} is neither an earlier id nor bot-N")
        if isinstance(message_id, str):
            seen.add(message_id)
    check_expect(data.get("expect"), f"{where} expect", problems)


def check_expect(expect: Any, where: str, problems: Problems) -> None:
    """What must hold at the end: the tickets, the 待确认 count, posts seen and not seen."""
    if not isinstance(expect, dict):
        problems.add(where, "expect must be an object")
        return
    for key in expect.keys() - {"tickets", "review", "posts", "no_posts"}:
        problems.add(where, f"unknown field {key!r}")
    tickets = expect.get("tickets", [])
    if not isinstance(tickets, list):
        problems.add(where, "tickets must be a list")
        tickets = []
    for index, ticket in enumerate(tickets, 1):
        at = f"{where} ticket {index}"
        if not isinstance(ticket, dict):
            problems.add(at, "must be an object")
            continue
        for key in ticket.keys() - TICKET_FIELDS:
            problems.add(at, f"unknown field {key!r}")
        if not isinstance(ticket.get("number"), str) or not NUMBER.fullmatch(ticket["number"]):
            problems.add(at, "number must be a string of digits")
        for key, allowed in (("state", STATES), ("kind", KINDS), ("rating", RATINGS)):
            if key in ticket and ticket[key] not in allowed:
                problems.add(at, f"{key} {ticket[key]!r} is not one of {', '.join(allowed)}")
        if "emergency" in ticket and ticket["emergency"] not in (None, *EMERGENCIES):
            problems.add(at, f"emergency {ticket['emergency']!r} is not a type or null")
    if "review" in expect and (not isinstance(expect["review"], int) or expect["review"] < 0):
        problems.add(where, "review must be a count (0 or more)")
    for key in ("posts", "no_posts"):
        for index, post in enumerate(expect.get(key, []), 1):
            if (
                not isinstance(post, dict)
                or set(post) != {"contains"}
                or not isinstance(post["contains"], str)
            ):
                problems.add(f"{where} {key} {index}", 'must be {"contains": "text"}')


def share(part: int, whole: int) -> str:
    """A percentage with one decimal; an empty whole counts as one so nothing divides by zero."""
    return f"{100 * part / (whole or 1):.1f}%"


def print_counts(title: str, counts: Counter[str], total: int) -> None:
    print(f"\n{title}:")
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {key:<22}{count:>5}  {100 * count / total:5.1f}%")


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    problems = Problems()
    records: list[tuple[str, dict[str, Any]]] = []
    texts: dict[str, str] = {}
    for path in sorted(root.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.add(where, f"not JSON ({error.msg})")
                continue
            check_message(record, where, problems)
            if isinstance(record, dict):
                records.append((path.name, record))
                key = " ".join(str(record.get("text", "")).split())
                if key in texts:
                    problems.add(where, f"same text as {texts[key]}")
                texts.setdefault(key, where)
    transcripts = sorted((root / "transcripts").glob("*.json"))
    for path in transcripts:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.add(f"transcripts/{path.name}", f"not JSON ({error.msg})")
            continue
        check_transcript(data, f"transcripts/{path.name}", problems)

    total = len(records) or 1
    intents = Counter(str(r.get("intent")) for _, r in records)
    reports = [r for _, r in records if r.get("intent") == "report"]
    nones = [r for _, r in records if r.get("intent") == "none"]
    emergencies = Counter(str(r["emergency"]) for r in reports if r.get("emergency"))
    personas = Counter(name.split(".")[1] if name.count(".") > 1 else "-" for name, _ in records)
    files = len(list(root.glob("*.jsonl")))
    print(f"{root}: {len(records)} messages in {files} files, {len(transcripts)} transcripts")
    print_counts("intent", intents, total)
    print_counts("kind (reports)", Counter(str(r.get("kind")) for r in reports), len(reports) or 1)
    print_counts("emergency (reports)", emergencies, len(reports) or 1)
    print_counts("script", Counter(str(r.get("script")) for _, r in records), total)
    print_counts("group", Counter(str(r.get("group")) for _, r in records), total)
    print_counts("theme (file)", Counter(name.split(".")[0] for name, _ in records), total)
    print_counts("persona (file)", personas, total)
    commands = sum(count for intent, count in intents.items() if intent in COMMANDS)
    hard = sum(1 for r in nones if FAULT_WORDS.search(str(r.get("text", ""))))
    addressed = sum(1 for r in reports if r.get("address"))
    numbered = sum(1 for _, r in records if "ticket" in r)
    emergency_count = sum(emergencies.values())
    print("\nbalance:")
    print(
        f"  reports {share(len(reports), total)}, none {share(len(nones), total)},"
        f" commands {share(commands, total)}"
    )
    print(f"  emergencies {emergency_count} = {share(emergency_count, len(reports))} of reports")
    print(f"  none lines carrying fault words (rough): {hard} of {len(nones)}")
    print(f"  reports with an address: {addressed} of {len(reports)}")
    print(f"  commands naming a ticket: {numbered} of {commands}")
    if problems.lines:
        print(f"\n{len(problems.lines)} format error(s):", file=sys.stderr)
        for line in problems.lines:
            print(f"  {line}", file=sys.stderr)
        return 1
    print("\nformat: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
