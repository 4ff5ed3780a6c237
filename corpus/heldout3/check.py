"""Check the held-out corpus against corpus/CORPUS format and print what it holds.

Usage: python corpus/heldout3/check.py [DIR_OR_FILE ...]   (default: this folder)
Exits 1 on any format error; near-duplicate lines and doubtful scripts are warnings
(exit 1 with --strict too). Standard library only, so it runs before the project is set up.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DIRECTORY = HERE.parent.parent / "examples" / "directory.yaml"

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
LIST_COMMANDS = {"help", "digest", "overdue", "review"}
INTENTS = {"report", "none"} | TICKET_COMMANDS | LIST_COMMANDS
KINDS = {"repair", "hazard", "complaint", "inquiry"}
EMERGENCIES = {"gas", "fire", "electric", "lift", "water"}
SPEAKERS = {"resident", "reporter", "assignee", "steward", "supervisor", "secretary"}
GROUPS = {"gas", "power", "water", "property"}
SCRIPTS = {"zh-Hans", "zh-Hant", "en", "mixed"}
ADDRESS_FIELDS = {"building", "unit", "room", "floor", "place"}
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
# The ticket states and ratings of models/ticket.py, written out so this file needs no import.
STATES = {"new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned"}
RATINGS = {"satisfied", "unsatisfied"}
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
MESSAGE_FIELDS = {"t", "chat", "from", "name", "id", "reply_to", "text"}
NUMBER = re.compile(r"[1-9][0-9]*")
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
# A Latin word with two lower-case letters, or a long capital one: IC卡 or E1 stay Chinese.
LATIN_WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{3,}")
NEAR_DUPLICATE = 0.9


class Report:
    """Errors and warnings, each naming the file and line at fault."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


def check_line(row: Any, where: str, report: Report) -> None:
    """One labelled message: fields, allowed values, and the fields that go with its intent."""
    if not isinstance(row, dict):
        report.error(where, "not a JSON object")
        return
    for key in sorted(set(row) - LINE_FIELDS):
        report.error(where, f"unknown field {key!r}")
    text, intent = row.get("text"), row.get("intent")
    if not isinstance(text, str) or not text.strip():
        report.error(where, "`text` missing or empty")
    if intent not in INTENTS:
        report.error(where, f"`intent` {intent!r} is not one of {sorted(INTENTS)}")
    for key, allowed in (("group", GROUPS), ("script", SCRIPTS)):
        if row.get(key) not in allowed:
            report.error(where, f"`{key}` {row.get(key)!r} is not one of {sorted(allowed)}")
    if "speaker" in row and row["speaker"] not in SPEAKERS:
        report.error(where, f"`speaker` {row['speaker']!r} is not one of {sorted(SPEAKERS)}")
    if "reply" in row and row["reply"] is not True:
        report.error(where, "`reply` is true or left out")
    if "note" in row and (not isinstance(row["note"], str) or not row["note"].strip()):
        report.error(where, "`note` must be a non-empty string")
    if intent == "report":
        check_report_fields(row, where, report)
    else:
        for key in ("kind", "emergency", "address"):
            if key in row:
                report.error(where, f"`{key}` belongs to reports only")
    if "ticket" in row:
        if intent not in TICKET_COMMANDS:
            report.error(where, "`ticket` belongs to ticket commands only")
        if not isinstance(row["ticket"], str) or not NUMBER.fullmatch(row["ticket"]):
            report.error(
                where, f"`ticket` {row['ticket']!r} must be a number as a string, no leading zero"
            )
    if intent == "reassign":
        if not isinstance(row.get("target"), str) or not row["target"].strip():
            report.error(where, "a reassign names its `target`")
    elif "target" in row:
        report.error(where, "`target` belongs to reassign only")
    if (
        intent in TICKET_COMMANDS
        and "ticket" not in row
        and row.get("reply") is not True
        and "speaker" not in row
    ):
        report.warn(
            where, f"{intent} names no ticket, is no reply and has no speaker: can it be decided?"
        )
    if isinstance(text, str):
        check_script(text, row.get("script"), where, report)


def check_report_fields(row: dict[str, Any], where: str, report: Report) -> None:
    """Kind, emergency type and address of a report."""
    if row.get("kind") not in KINDS:
        report.error(where, f"report `kind` {row.get('kind')!r} is not one of {sorted(KINDS)}")
    emergency = row.get("emergency")
    if emergency is not None:
        if emergency not in EMERGENCIES:
            report.error(where, f"`emergency` {emergency!r} is not one of {sorted(EMERGENCIES)}")
        if row.get("kind") != "hazard":
            report.error(where, "an emergency is kind `hazard`")
    if "address" not in row:
        return
    address = row["address"]
    if not isinstance(address, dict) or not address:
        report.error(
            where, "`address` must be a non-empty object (leave it out when none is stated)"
        )
        return
    for key, value in address.items():
        if key not in ADDRESS_FIELDS:
            report.error(where, f"unknown address field {key!r}")
        elif not isinstance(value, str) or not value.strip():
            report.error(where, f"address `{key}` must be a non-empty string")
        elif key != "place" and not NUMBER.fullmatch(value):
            report.error(
                where, f"address `{key}` {value!r} must be Arabic digits without a leading zero"
            )
        elif key == "place" and re.search(r"[0-9]+[#号栋幢座]楼?$", value):
            report.warn(where, f"place {value!r} looks like a building")


def check_script(text: str, script: Any, where: str, report: Report) -> None:
    """The script label against the characters the text uses."""
    has_cjk = bool(CJK.search(text))
    has_latin = bool(LATIN_WORD.search(re.sub(r"@\S+", "", text)))
    if script == "en" and has_cjk:
        report.error(where, "script `en` but the text has Chinese characters")
    elif script in ("zh-Hans", "zh-Hant") and not has_cjk:
        report.error(where, f"script `{script}` but the text has no Chinese characters")
    elif script == "mixed" and not (has_cjk and has_latin):
        report.error(where, "script `mixed` needs Chinese and Latin words")
    elif script in ("zh-Hans", "zh-Hant") and has_latin:
        report.warn(where, f"script `{script}` but the text has Latin words: mixed?")


def directory_ids(section: str) -> set[str]:
    """The `- id:` values of one top-level list of the example directory (no YAML parser needed)."""
    if not DIRECTORY.exists():
        return set()
    ids: set[str] = set()
    inside = False
    for line in DIRECTORY.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[A-Za-z_]", line):
            inside = line.startswith(f"{section}:")
        elif inside and (match := re.match(r"^\s+-\s+id:\s*([\w-]+)", line)):
            ids.add(match.group(1))
    return ids


def check_transcript(data: Any, where: str, report: Report, chats: set[str]) -> None:
    """One transcript: its messages in time order, replies to earlier ids, and what it expects."""
    if not isinstance(data, dict):
        report.error(where, "not a JSON object")
        return
    for key in sorted(set(data) - {"name", "messages", "expect"}):
        report.error(where, f"unknown field {key!r}")
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        report.error(where, "`name` missing")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        report.error(where, "`messages` must be a non-empty list")
        messages = []
    seen: set[str] = set()
    previous: datetime | None = None
    for index, message in enumerate(messages, 1):
        at = f"{where} message {index}"
        if not isinstance(message, dict):
            report.error(at, "not a JSON object")
            continue
        for key in sorted(set(message) - MESSAGE_FIELDS):
            report.error(at, f"unknown field {key!r}")
        for key in ("t", "chat", "from", "id", "text"):
            if not isinstance(message.get(key), str) or not message[key].strip():
                report.error(at, f"`{key}` missing or empty")
        try:
            moment = datetime.fromisoformat(message.get("t", ""))
        except (TypeError, ValueError):
            report.error(at, f"`t` {message.get('t')!r} is not an ISO date-time")
        else:
            if previous is not None and moment < previous:
                report.error(at, "messages go back in time")
            previous = moment
        if chats and message.get("chat") not in chats:
            report.error(
                at, f"chat {message.get('chat')!r} is not in {DIRECTORY.name} ({sorted(chats)})"
            )
        if message.get("id") in seen:
            report.error(at, f"id {message.get('id')!r} used twice")
        reply_to = message.get("reply_to")
        if (
            reply_to is not None
            and reply_to not in seen
            and not re.fullmatch(r"bot-[1-9][0-9]*", str(reply_to))
        ):
            report.error(at, f"reply_to {reply_to!r} is neither an earlier id nor bot-N")
        seen.add(str(message.get("id")))
    check_expect(data.get("expect"), where, report)


def check_expect(expect: Any, where: str, report: Report) -> None:
    """The tickets, 待确认 count and post texts a transcript expects at its end."""
    if not isinstance(expect, dict):
        report.error(where, "`expect` must be an object")
        return
    for key in sorted(set(expect) - {"tickets", "review", "posts", "no_posts"}):
        report.error(where, f"unknown expect field {key!r}")
    tickets = expect.get("tickets")
    if not isinstance(tickets, list):
        report.error(where, "`expect.tickets` must be a list (empty when none may exist)")
        tickets = []
    numbers: set[str] = set()
    for ticket in tickets:
        if not isinstance(ticket, dict):
            report.error(where, "a ticket must be an object")
            continue
        for key in sorted(set(ticket) - TICKET_FIELDS):
            report.error(where, f"unknown ticket field {key!r}")
        number = ticket.get("number")
        if not isinstance(number, str) or not NUMBER.fullmatch(number) or number in numbers:
            report.error(where, f"ticket number {number!r} missing, not a number string, or twice")
        numbers.add(str(number))
        checks = (
            ("state", STATES),
            ("kind", KINDS),
            ("rating", RATINGS),
            ("emergency", EMERGENCIES),
        )
        for key, allowed in checks:
            if key in ticket and ticket[key] is not None and ticket[key] not in allowed:
                report.error(
                    where, f"ticket `{key}` {ticket[key]!r} is not one of {sorted(allowed)}"
                )
        for key in ("building", "unit", "room"):
            if key in ticket and not (
                isinstance(ticket[key], str) and NUMBER.fullmatch(ticket[key])
            ):
                report.error(where, f"ticket `{key}` {ticket[key]!r} must be digits as a string")
    review = expect.get("review")
    if not isinstance(review, int) or isinstance(review, bool) or review < 0:
        report.error(where, "`expect.review` must be a whole number ≥ 0")
    for key in ("posts", "no_posts"):
        for item in expect.get(key, []):
            if (
                not isinstance(item, dict)
                or set(item) != {"contains"}
                or not str(item.get("contains", "")).strip()
            ):
                report.error(where, f'`{key}` items are {{"contains": "non-empty text"}}')


def near_duplicates(rows: list[tuple[str, str]], report: Report) -> None:
    """Warn on pairs of lines that differ by a word or two."""
    for i, (where_a, text_a) in enumerate(rows):
        for where_b, text_b in rows[i + 1 :]:
            matcher = difflib.SequenceMatcher(None, text_a, text_b, autojunk=False)
            # The cheap upper bounds first: most pairs are far apart.
            if (
                matcher.real_quick_ratio() >= NEAR_DUPLICATE
                and matcher.quick_ratio() >= NEAR_DUPLICATE
                and matcher.ratio() >= NEAR_DUPLICATE
            ):
                report.warn(where_b, f"near-duplicate of {where_a}")


def print_counts(title: str, counter: Counter[str], total: int) -> None:
    print(f"{title}:")
    for key, count in sorted(counter.items(), key=lambda item: (-item[1], item[0])):
        print(f"  {key:<22}{count:>5}  {100 * count / total:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[HERE])
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    args = parser.parse_args(argv)
    report = Report()
    lines: list[Path] = []
    transcripts: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            lines += sorted(path.glob("*.jsonl"))
            transcripts += sorted(path.glob("transcripts/*.json"))
        elif path.suffix == ".jsonl":
            lines.append(path)
        elif path.suffix == ".json":
            transcripts.append(path)
        else:
            report.error(str(path), "neither a folder, a .jsonl nor a .json file")
    rows: list[dict[str, Any]] = []
    texts: list[tuple[str, str]] = []
    per_file: Counter[str] = Counter()
    seen_text: dict[str, str] = {}
    for path in lines:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{number}"
            if not raw.strip():
                report.error(where, "empty line")
                continue
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                report.error(where, f"not JSON: {exc}")
                continue
            check_line(row, where, report)
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                if row["text"] in seen_text:
                    report.error(where, f"same text as {seen_text[row['text']]}")
                seen_text[row["text"]] = where
                texts.append((where, row["text"]))
                rows.append(row)
                per_file[path.name] += 1
    if not rows:
        report.error(" ".join(map(str, args.paths)), "no labelled messages found")
    near_duplicates(texts, report)
    chats = directory_ids("chats")
    for path in transcripts:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            report.error(path.name, f"not JSON: {exc}")
            continue
        check_transcript(data, f"transcripts/{path.name}", report, chats)

    total = len(rows) or 1
    print(f"{len(rows)} single messages in {len(lines)} files, {len(transcripts)} transcripts")
    print_counts("per file", per_file, total)
    print_counts("intent", Counter(str(r.get("intent")) for r in rows), total)
    reports = [r for r in rows if r.get("intent") == "report"]
    # Report fields are shares of the reports, the rest shares of every message.
    of_reports = len(reports) or 1
    print_counts("kind (reports)", Counter(str(r.get("kind")) for r in reports), of_reports)
    print_counts(
        "emergency (reports)", Counter(str(r.get("emergency") or "-") for r in reports), of_reports
    )
    print_counts("script", Counter(str(r.get("script")) for r in rows), total)
    print_counts("group", Counter(str(r.get("group")) for r in rows), total)
    fields = Counter(key for r in reports for key in r.get("address", {}))
    fields["(no address)"] = sum(1 for r in reports if "address" not in r)
    print_counts("address fields (reports)", fields, of_reports)
    emergencies = [r for r in reports if r.get("emergency")]
    bare = sum(1 for r in emergencies if "address" not in r)
    print(f"emergencies without an address: {bare} of {len(emergencies)}")
    commands = TICKET_COMMANDS | LIST_COMMANDS
    print(
        f"reports {len(reports)}, none {sum(r.get('intent') == 'none' for r in rows)}, "
        f"commands {sum(r.get('intent') in commands for r in rows)}"
    )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors or (args.strict and report.warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
