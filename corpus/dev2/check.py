"""Check the held-out corpus against the format in CORPUS.md and print its balance.

Usage: python corpus/heldout/check.py [DIR]   (DIR defaults to this file's folder)
Exits 1 when a file breaks the format; warnings (possible slips, near-duplicates) do not fail.
Standard library only, so it runs before the project is installed.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any, TypeGuard

INTENTS = {
    "report", "claim", "progress", "resolve", "reassign", "return", "confirm", "reopen",
    "urge", "query", "help", "digest", "overdue", "review", "none",
}  # fmt: skip
COMMANDS = INTENTS - {"report", "none"}
# Commands that act on one ticket, so may name it; the list commands and help never do.
TICKET_COMMANDS = COMMANDS - {"help", "digest", "overdue", "review"}
KINDS = {"repair", "hazard", "complaint", "inquiry"}
EMERGENCIES = {"gas", "fire", "electric", "lift", "water"}
SPEAKERS = {"resident", "reporter", "assignee", "steward", "supervisor", "secretary"}
GROUPS = {"gas", "power", "water", "property"}
SCRIPTS = {"zh-Hans", "zh-Hant", "en", "mixed"}
LINE_KEYS = {
    "text", "intent", "kind", "emergency", "address", "ticket", "target", "speaker", "reply",
    "group", "script", "note",
}  # fmt: skip
ADDRESS_NUMBERS = ("building", "unit", "room", "floor")
ADDRESS_KEYS = {*ADDRESS_NUMBERS, "place"}
STATES = {"new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned"}
RATINGS = {"satisfied", "unsatisfied"}
TICKET_KEYS = {
    "number", "state", "kind", "emergency", "assignee", "rating", "building", "unit", "room",
}  # fmt: skip
MESSAGE_KEYS = {"t", "chat", "from", "name", "id", "reply_to", "text"}
NUMBER = re.compile(r"[1-9][0-9]*")
BOT_POST = re.compile(r"bot-[1-9][0-9]*")
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Characters that exist in only one script; a line labelled the other way is probably a slip.
SCRIPT_PAIRS = (
    "氣气電电樓楼門门來来這这還还們们處处單单號号壞坏燈灯點点聞闻燒烧煙烟"
    "關关開开層层戶户廳厅間间對对時时說说話话應应該该會会個个員员費费裡里"
)
TRADITIONAL_ONLY = set(SCRIPT_PAIRS[0::2]) - {"裡"}  # 里 is also a traditional character
SIMPLIFIED_ONLY = set(SCRIPT_PAIRS[1::2]) - {"里"}
NEAR_DUPLICATE = 0.9
COUNTED = ("intent", "kind", "emergency", "script", "group", "speaker", "file")


class Report:
    """Collects errors, warnings and counts while the files are read."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.counts: dict[str, Counter[str]] = {name: Counter() for name in COUNTED}
        self.texts: list[tuple[str, str]] = []  # (where, text) for the duplicate check

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


def check_line(item: Any, where: str, report: Report) -> None:
    """One labelled message: fields, allowed values, and fields that only fit some intents."""
    if not is_object(item, LINE_KEYS, where, report):
        return
    intent = item.get("intent")
    raw_text = item.get("text")
    text = raw_text if is_text(raw_text) else ""
    if not text:
        report.error(where, "text must be a non-empty string")
    if intent not in INTENTS:
        report.error(where, f"intent {intent!r} is not one of {sorted(INTENTS)}")
    for key, allowed in (("group", GROUPS), ("script", SCRIPTS)):
        if item.get(key) not in allowed:
            report.error(where, f"{key} {item.get(key)!r} is not one of {sorted(allowed)}")
    if intent == "report":
        if item.get("kind") not in KINDS:
            report.error(where, f"a report needs kind in {sorted(KINDS)}, got {item.get('kind')!r}")
        emergency = item.get("emergency")
        if emergency is not None and emergency not in EMERGENCIES:
            report.error(where, f"emergency {emergency!r} is not one of {sorted(EMERGENCIES)}")
        if emergency is not None and item.get("kind") != "hazard":
            report.error(where, "an emergency has kind 'hazard'")
        if "address" in item:
            check_address(item["address"], where, report)
    else:
        for key in ("kind", "emergency", "address"):
            if key in item:
                report.error(where, f"{key!r} belongs to reports only")
    if "ticket" in item:
        if intent not in TICKET_COMMANDS:
            report.error(where, f"'ticket' does not fit intent {intent!r}")
        if not is_number(item["ticket"]):
            report.error(where, f"ticket must be a number as a string, got {item['ticket']!r}")
        elif not ticket_in_text(item["ticket"], text):
            report.warn(where, f"ticket {item['ticket']} does not appear in the text")
    if intent == "reassign":
        if not is_text(item.get("target")):
            report.error(where, "a reassign needs target, the person named")
    elif "target" in item:
        report.error(where, "'target' belongs to reassign only")
    if "speaker" in item and item["speaker"] not in SPEAKERS:
        report.error(where, f"speaker {item['speaker']!r} is not one of {sorted(SPEAKERS)}")
    if "reply" in item and item["reply"] is not True:
        report.error(where, "reply is either true or left out")
    if "note" in item and not is_text(item["note"]):
        report.error(where, "note must be a non-empty string")
    check_script(text, item.get("script"), where, report)
    report.texts.append((where, text))
    report.counts["intent"][str(intent)] += 1
    report.counts["script"][str(item.get("script"))] += 1
    report.counts["group"][str(item.get("group"))] += 1
    report.counts["speaker"][str(item.get("speaker", "-"))] += 1
    if intent == "report":
        report.counts["kind"][str(item.get("kind"))] += 1
        report.counts["emergency"][str(item.get("emergency") or "-")] += 1


def is_object(value: Any, fields: set[str], where: str, report: Report) -> bool:
    """A JSON object whose fields are all known; reports what is not."""
    if not isinstance(value, dict):
        report.error(where, "not a JSON object")
        return False
    for key in sorted(value.keys() - fields):
        report.error(where, f"unknown field {key!r}")
    return True


def is_number(value: Any) -> TypeGuard[str]:
    """A number as CORPUS.md writes them: a string of Arabic digits without a leading zero."""
    return isinstance(value, str) and NUMBER.fullmatch(value) is not None


def is_text(value: Any) -> TypeGuard[str]:
    """A string with something in it."""
    return isinstance(value, str) and bool(value.strip())


def ticket_in_text(number: str, text: str) -> bool:
    """Whether the text names this number with nothing else digit-like around it."""
    return re.search(rf"(?<![0-9]){number}(?![0-9])", text) is not None


def check_address(address: Any, where: str, report: Report) -> None:
    """Only the parts a text states, numbers as Arabic digits without leading zeros."""
    if not address:
        report.error(where, "address must not be empty (leave it out when none is stated)")
    if not is_object(address, ADDRESS_KEYS, f"{where} address", report):
        return
    for key in ADDRESS_NUMBERS:
        value = address.get(key)
        if value is not None and not is_number(value):
            report.error(where, f"address {key} must be digits, no leading zero: {value!r}")
    building = address.get("building")
    if is_number(building) and not 1 <= int(building) <= 16:
        report.warn(where, f"building {building} is outside the example directory's 1-16")
    place = address.get("place")
    if place is not None:
        if not is_text(place):
            report.error(where, "address place must be a non-empty string")
        elif set(place) & TRADITIONAL_ONLY:
            report.error(where, f"address place {place!r} must be in simplified Chinese")


def check_script(text: str, script: Any, where: str, report: Report) -> None:
    """Warn when the label and the characters disagree; an English line has no Chinese at all."""
    has_cjk = CJK.search(text) is not None
    has_words = LATIN_WORD.search(text) is not None
    chars = set(text)
    if script == "en" and has_cjk:
        report.error(where, "script 'en' but the text has Chinese characters")
    if script in ("zh-Hans", "zh-Hant") and not has_cjk and any(c.isalpha() for c in text):
        report.warn(where, f"script {script!r} but the text has no Chinese characters")
    for label, foreign, name in (
        ("zh-Hans", TRADITIONAL_ONLY, "traditional"),
        ("zh-Hant", SIMPLIFIED_ONLY, "simplified"),
    ):
        if script == label and chars & foreign:
            report.warn(where, f"script {label!r} but {name} {''.join(sorted(chars & foreign))}")
    if script == "mixed" and not (has_cjk and has_words):
        report.warn(where, "script 'mixed' but the text is not Chinese and English words together")


def check_jsonl(path: Path, report: Report) -> None:
    """Every line one JSON object; blank lines are not allowed (they hide truncated files)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        where = f"{path.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            report.error(where, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        check_line(item, where, report)
        report.counts["file"][path.name] += 1


def check_transcript(path: Path, report: Report) -> None:
    """A conversation and what must hold at its end (CORPUS.md, "Transcripts")."""
    where = f"transcripts/{path.name}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        report.error(where, f"not JSON ({exc.msg} at line {exc.lineno})")
        return
    if not is_object(data, {"name", "messages", "expect"}, where, report):
        return
    if not is_text(data.get("name")):
        report.error(where, "name must be a non-empty string")
    messages = data.get("messages")
    if not isinstance(messages, list) or not messages:
        report.error(where, "messages must be a non-empty list")
        messages = []
    seen: set[str] = set()
    previous: datetime | None = None
    for index, message in enumerate(messages, start=1):
        at = f"{where} message {index}"
        if not is_object(message, MESSAGE_KEYS, at, report):
            continue
        for key in ("t", "chat", "from", "id", "text"):
            if not is_text(message.get(key)):
                report.error(at, f"{key} must be a non-empty string")
        if "name" in message and not is_text(message["name"]):
            report.error(at, "name must be a non-empty string")
        try:
            sent = datetime.fromisoformat(str(message.get("t")))
        except ValueError:
            report.error(at, f"t {message.get('t')!r} is not an ISO date-time")
        else:
            if previous is not None and sent < previous:
                report.error(at, "messages must be in time order")
            previous = sent
        message_id = message.get("id")
        if message_id in seen:
            report.error(at, f"id {message_id!r} is used twice")
        if isinstance(message_id, str) and BOT_POST.fullmatch(message_id):
            report.error(at, f"id {message_id!r} is reserved for the bot's posts")
        reply_to = message.get("reply_to")
        if (
            reply_to is not None
            and reply_to not in seen
            and not (isinstance(reply_to, str) and BOT_POST.fullmatch(reply_to))
        ):
            report.error(at, f"reply_to {reply_to!r} names no earlier message or bot-N post")
        if isinstance(message_id, str):
            seen.add(message_id)
    check_expect(data.get("expect"), where, report)
    report.counts["file"][where] += len(messages)


def check_expect(expect: Any, where: str, report: Report) -> None:
    """Tickets that must exist at the end, the review count, and facts posts must (not) carry."""
    if not is_object(expect, {"tickets", "review", "posts", "no_posts"}, f"{where} expect", report):
        return
    tickets = expect.get("tickets")
    if not isinstance(tickets, list):
        report.error(where, "expect.tickets must be a list (empty when no ticket may exist)")
        tickets = []
    numbers: set[str] = set()
    for ticket in tickets:
        at = f"{where} ticket {ticket.get('number') if isinstance(ticket, dict) else '?'}"
        if not is_object(ticket, TICKET_KEYS, at, report):
            continue
        number = ticket.get("number")
        if not is_number(number):
            report.error(at, "number must be a number as a string")
        elif number in numbers:
            report.error(at, "number listed twice")
        else:
            numbers.add(number)
        checks = (("state", STATES), ("kind", KINDS), ("rating", RATINGS))
        for key, allowed in checks:
            if key in ticket and ticket[key] not in allowed:
                report.error(at, f"{key} {ticket[key]!r} is not one of {sorted(allowed)}")
        if ticket.get("emergency") is not None and ticket["emergency"] not in EMERGENCIES:
            report.error(at, f"emergency {ticket['emergency']!r} is not a type or null")
        for key in ("building", "unit", "room"):
            if key in ticket and not is_number(ticket[key]):
                report.error(at, f"{key} must be digits without a leading zero")
        if "assignee" in ticket and not is_text(ticket["assignee"]):
            report.error(at, "assignee must be a person id")
    review = expect.get("review", 0)
    if not isinstance(review, int) or isinstance(review, bool) or review < 0:
        report.error(where, "review must be a count (0 or more)")
    for key in ("posts", "no_posts"):
        rules = expect.get(key, [])
        for rule in rules if isinstance(rules, list) else [None]:
            if not isinstance(rule, dict) or set(rule) != {"contains"}:
                report.error(where, f'{key} entries are {{"contains": text}}')
            elif not is_text(rule["contains"]):
                report.error(
                    where, f"{key} needs a non-empty text (an empty one matches every post)"
                )


def check_duplicates(report: Report) -> None:
    """Exact repeats fail; lines that differ by a word or two are only flagged for a look."""
    normalised: dict[str, str] = {}
    for where, text in report.texts:
        key = re.sub(r"[\s\W_]+", "", text.lower())
        if not key:  # emoji only: repeats of 👍 are real and harmless
            continue
        if key in normalised:
            report.error(where, f"repeats {normalised[key]}")
        normalised.setdefault(key, where)
    keys = [(where, re.sub(r"\s+", "", text)) for where, text in report.texts]
    for i, (where, text) in enumerate(keys):
        for other_where, other in keys[i + 1 :]:
            if min(len(text), len(other)) < 8:
                continue
            matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
            if matcher.real_quick_ratio() >= NEAR_DUPLICATE and matcher.ratio() >= NEAR_DUPLICATE:
                report.warn(other_where, f"near-duplicate of {where}")


def summary(report: Report) -> str:
    """The balance CORPUS.md asks for, in shares of single messages."""
    intents = report.counts["intent"]
    total = sum(intents.values())
    reports = intents["report"]
    emergencies = sum(n for name, n in report.counts["emergency"].items() if name != "-")
    commands = sum(intents[name] for name in COMMANDS)

    def share(part: int, whole: int) -> str:
        return f"{part} ({100 * part / whole:.0f}%)" if whole else str(part)

    out = [
        f"single messages: {total}",
        f"  reports {share(reports, total)}, none {share(intents['none'], total)}, "
        f"commands {share(commands, total)}",
        f"  emergencies {emergencies}: {100 * emergencies / reports:.0f}% of reports, "
        f"{100 * emergencies / total:.0f}% of all"
        if reports and total
        else "  emergencies 0",
    ]
    for name in ("intent", "kind", "emergency", "script", "group", "speaker"):
        counts = ", ".join(f"{key} {value}" for key, value in sorted(report.counts[name].items()))
        out.append(f"{name}: {counts}")
    transcripts = [key for key in report.counts["file"] if key.startswith("transcripts/")]
    messages = sum(report.counts["file"][key] for key in transcripts)
    out.append(f"transcripts: {len(transcripts)} ({messages} messages)")
    for key, value in sorted(report.counts["file"].items()):
        if not key.startswith("transcripts/"):
            out.append(f"  {key}: {value}")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    """Check every *.jsonl and transcripts/*.json under the folder; 1 on any format error."""
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    report = Report()
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        report.error(str(folder), "no *.jsonl files")
    for path in files:
        check_jsonl(path, report)
    for path in sorted((folder / "transcripts").glob("*.json")):
        check_transcript(path, report)
    check_duplicates(report)
    print(summary(report), flush=True)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    if report.errors:
        print(f"{len(report.errors)} format error(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
