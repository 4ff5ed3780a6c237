"""Check the labelled corpus against corpus/CORPUS.md's format and print its balance (stdlib only).

Usage: python corpus/check.py [SET_DIR_OR_FILE …] [--near]
Without arguments every set under corpus/ is checked. Exits 1 on any format error;
warnings (a script label that looks wrong, near-duplicate texts with --near) do not fail.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

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
COMMANDS = frozenset(INTENTS) - {"report", "none"}
KINDS = ("repair", "hazard", "complaint", "inquiry")
EMERGENCIES = ("gas", "fire", "electric", "lift", "water")
SPEAKERS = ("resident", "reporter", "assignee", "steward", "supervisor", "secretary")
GROUPS = ("gas", "power", "water", "property")
SCRIPTS = ("zh-Hans", "zh-Hant", "en", "mixed")
ADDRESS_PARTS = ("building", "unit", "room", "floor", "place")
LINE_FIELDS = frozenset(
    (
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
    )
)
# models/ticket.py STATES; the corpus names what a user would see, so it keeps its own copy.
STATES = ("new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned")
RATINGS = ("satisfied", "unsatisfied")
TICKET_FIELDS = frozenset(
    (
        "number",
        "state",
        "kind",
        "emergency",
        "assignee",
        "rating",
        "building",
        "unit",
        "room",
    )
)
MESSAGE_FIELDS = frozenset(("t", "chat", "from", "name", "id", "reply_to", "text"))
NUMBER = re.compile(r"[1-9][0-9]*")
BOT_POST = re.compile(r"bot-[1-9][0-9]*")
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Characters that exist only in traditional script: a cheap hint that a label is off.
TRADITIONAL_ONLY = frozenset(
    "氣電燈門樓單無們這樣來裡話說請點開關聲報幫謝煙爐區號時會車廳裝壞嗎麼還線錶體應該經現"
    "問題師煩對過後發滿轉給處為與從盡棟層個頭見壓熱燒聞讓辦繳網歡將總閥隻異務鐘條濕廁週間"
    "緊貼邊碼費錢當業顧係確認凍"
)
SIMPLIFIED_ONLY = frozenset(
    "气电灯门楼单无们这样来话说请点开关声报帮谢烟炉区号时会车厅装坏吗还线钟体应该经现问题"
    "师烦对过发满转给处为与从尽栋层个头见压热烧闻让办缴网欢将总阀务条湿厕间紧贴边码费钱当业顾系确认冻"
)
# Words whose presence in a `none` line makes it a hard negative (for the balance line only).
FAULT_WORDS = (
    *("燃气", "煤气", "瓦斯", "漏气", "气味", "燃氣", "煤氣", "停气", "停氣", "报警", "報警"),
    *("着火", "著火", "火警", "冒烟", "冒煙", "烟", "煙", "停电", "停電", "跳闸", "电梯", "電梯"),
    *("𨋢", "困", "漏水", "停水", "爆", "配电", "配電", "电表", "电线", "充电", "消防", "火灾"),
    *("安检", "灶", "暖气", "下水", "gas", "fire", "smoke", "power", "outage", "lift"),
    *("elevator", "leak", "water", "trapped"),
)


@dataclass
class Report:
    """What the check found: errors fail the run, warnings are printed only."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: {message}")


@dataclass
class Tally:
    """The counts printed at the end."""

    lines: int = 0
    files: Counter[str] = field(default_factory=Counter)
    intent: Counter[str] = field(default_factory=Counter)
    kind: Counter[str] = field(default_factory=Counter)
    emergency: Counter[str] = field(default_factory=Counter)
    script: Counter[str] = field(default_factory=Counter)
    group: Counter[str] = field(default_factory=Counter)
    address: Counter[str] = field(default_factory=Counter)
    reference: Counter[str] = field(default_factory=Counter)
    speaker: Counter[str] = field(default_factory=Counter)
    hard_negatives: int = 0
    emergency_without_address: int = 0
    transcripts: int = 0
    transcript_messages: int = 0


def digits(value: object) -> bool:
    """A number as the corpus writes it: Arabic digits, no leading zero, as a string."""
    return isinstance(value, str) and NUMBER.fullmatch(value) is not None


def check_script(where: str, text: str, script: str, report: Report) -> None:
    has_cjk = CJK.search(text) is not None
    has_latin = LATIN_WORD.search(text) is not None
    if script == "en" and has_cjk:
        report.error(where, "script en but the text has Chinese characters")
    if not (has_cjk or has_latin):
        return  # emoji or digits alone: any script label will do
    if script in ("zh-Hans", "zh-Hant", "mixed") and not has_cjk:
        report.error(where, f"script {script} but the text has no Chinese characters")
    if script == "mixed" and not has_latin:
        report.error(where, "script mixed but the text has no English word")
    chars = set(text)
    if script == "zh-Hant" and not chars & TRADITIONAL_ONLY:
        report.warn(where, "script zh-Hant but no traditional-only character seen")
    if script == "zh-Hant" and chars & SIMPLIFIED_ONLY:
        report.warn(where, f"script zh-Hant with simplified {''.join(chars & SIMPLIFIED_ONLY)}")
    if script == "zh-Hans" and chars & TRADITIONAL_ONLY:
        report.warn(where, f"script zh-Hans with traditional {''.join(chars & TRADITIONAL_ONLY)}")


def check_address(where: str, address: object, report: Report) -> None:
    if not isinstance(address, dict) or not address:
        report.error(where, "address must be a non-empty object")
        return
    for key, value in address.items():
        if key not in ADDRESS_PARTS:
            report.error(where, f"address has unknown part {key!r} (allowed: {ADDRESS_PARTS})")
        elif key == "place":
            if not isinstance(value, str) or not value.strip():
                report.error(where, "address.place must be a non-empty string")
        elif not digits(value):
            report.error(where, f"address.{key} must be Arabic digits as a string, got {value!r}")


def check_line(where: str, item: object, report: Report, tally: Tally) -> str | None:
    """Check one labelled message; return its text (for duplicate checks) when usable."""
    if not isinstance(item, dict):
        report.error(where, "a line must be a JSON object")
        return None
    for key in item.keys() - LINE_FIELDS:
        report.error(where, f"unknown field {key!r}")
    text, intent = item.get("text"), item.get("intent")
    if not isinstance(text, str) or not text.strip():
        report.error(where, "text is required and must be a non-empty string")
        return None
    if intent not in INTENTS:
        report.error(where, f"intent {intent!r} is not one of {INTENTS}")
        return None
    group, script = item.get("group"), item.get("script")
    if group not in GROUPS:
        report.error(where, f"group {group!r} is not one of {GROUPS}")
    if script not in SCRIPTS:
        report.error(where, f"script {script!r} is not one of {SCRIPTS}")
    else:
        check_script(where, text, script, report)

    kind, emergency = item.get("kind"), item.get("emergency")
    if intent == "report":
        if kind not in KINDS:
            report.error(where, f"a report needs kind, one of {KINDS}; got {kind!r}")
        if emergency is not None and emergency not in EMERGENCIES:
            report.error(where, f"emergency {emergency!r} is not one of {EMERGENCIES} or null")
        if emergency is not None and kind != "hazard":
            report.error(where, "an emergency report has kind hazard")
        if "address" in item:
            check_address(where, item["address"], report)
    else:
        for key in ("kind", "emergency", "address"):
            if key in item:
                report.error(where, f"{key} is for reports only (intent {intent})")

    if "ticket" in item:
        if intent not in COMMANDS:
            report.error(where, f"ticket is for commands, not intent {intent}")
        if not digits(item["ticket"]):
            report.error(where, f"ticket must be digits as a string, got {item['ticket']!r}")
    if "target" in item:
        target = item["target"]
        if intent != "reassign":
            report.error(where, "target is for reassign only")
        if not isinstance(target, str) or not target.strip():
            report.error(where, "target must be a non-empty string")
    elif intent == "reassign":
        report.error(where, "a reassign names its target")
    if "speaker" in item and item["speaker"] not in SPEAKERS:
        report.error(where, f"speaker {item['speaker']!r} is not one of {SPEAKERS}")
    if "reply" in item and item["reply"] is not True:
        report.error(where, "reply, when present, is true")
    if "note" in item and (not isinstance(item["note"], str) or "\n" in item["note"]):
        report.error(where, "note is one line of text")

    tally.lines += 1
    tally.intent[intent] += 1
    tally.group[str(group)] += 1
    tally.script[str(script)] += 1
    if "speaker" in item:
        tally.speaker[str(item["speaker"])] += 1
    if intent == "report":
        tally.kind[str(kind)] += 1
        tally.emergency[str(emergency) if emergency else "(none)"] += 1
        address = item.get("address")
        for part in address if isinstance(address, dict) else ("(no address)",):
            tally.address[part] += 1
        if emergency and not address:
            tally.emergency_without_address += 1
    if intent == "none" and any(word in text.lower() for word in FAULT_WORDS):
        tally.hard_negatives += 1
    if intent in COMMANDS:
        tally.reference[reference_style(text, item)] += 1
    return text


def reference_style(text: str, item: dict[str, object]) -> str:
    """How a command names its ticket, for the balance of reference styles."""
    if "ticket" not in item:
        return "reply" if item.get("reply") else "no ticket"
    patterns = (
        ("＃N", r"＃\s*\d"),
        ("#N", r"#\s*\d"),
        ("N号单", r"\d+\s*号单"),
        ("第N单", r"第\s*\d+\s*单"),
        ("工单N", r"工单\s*\d"),
        ("单号N", r"单号\s*\d|單號\s*\d"),
        ("ticket N", r"(?i)ticket\s*\d"),
    )
    for name, pattern in patterns:
        if re.search(pattern, text):
            return name
    return "other"


def check_jsonl(path: Path, report: Report, tally: Tally, seen: dict[str, str]) -> None:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        if not raw.strip():
            report.error(where, "empty line")
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            report.error(where, f"not JSON: {exc.msg} at column {exc.colno}")
            continue
        text = check_line(where, item, report, tally)
        if text is None:
            continue
        tally.files[path.name] += 1
        key = re.sub(r"\s+", " ", text.strip())
        if key in seen and Path(seen[key].rsplit(":", 1)[0]).parent == path.parent:
            report.error(where, f"duplicate text (first at {seen[key]})")
        elif key in seen:
            # Writers of different sets meet on short commands ("日报"): told, not refused.
            report.warn(where, f"also in another set (at {seen[key]})")
        else:
            seen[key] = where


def check_transcript(path: Path, report: Report, tally: Tally) -> None:
    where = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        report.error(where, f"not JSON: {exc.msg} at line {exc.lineno}")
        return
    if not isinstance(data, dict) or data.keys() != {"name", "messages", "expect"}:
        report.error(where, "a transcript is an object with exactly name, messages, expect")
        return
    if not isinstance(data["name"], str) or not data["name"].strip():
        report.error(where, "name must be a non-empty string")
    messages = data["messages"]
    if not isinstance(messages, list) or not messages:
        report.error(where, "messages must be a non-empty list")
        return
    ids: set[str] = set()
    previous: datetime | None = None
    for index, message in enumerate(messages, start=1):
        at = f"{where} message {index}"
        if not isinstance(message, dict):
            report.error(at, "a message is an object")
            continue
        for key in message.keys() - MESSAGE_FIELDS:
            report.error(at, f"unknown field {key!r}")
        for key in ("t", "chat", "from", "id", "text"):
            if not isinstance(message.get(key), str) or not message[key].strip():
                report.error(at, f"{key} is required and must be a non-empty string")
        if "name" in message and not isinstance(message["name"], str):
            report.error(at, "name must be a string")
        try:
            moment = datetime.fromisoformat(str(message.get("t")))
        except ValueError:
            report.error(at, f"t {message.get('t')!r} is not an ISO date-time")
        else:
            if previous is not None and moment < previous:
                report.error(at, "messages must be in time order")
            previous = moment
        reply_to = message.get("reply_to")
        if reply_to is not None and not (
            (isinstance(reply_to, str) and BOT_POST.fullmatch(reply_to)) or reply_to in ids
        ):
            report.error(at, f"reply_to {reply_to!r} is neither an earlier id nor bot-N")
        message_id = message.get("id")
        if isinstance(message_id, str):
            if message_id in ids:
                report.error(at, f"id {message_id!r} used twice")
            if BOT_POST.fullmatch(message_id):
                report.error(at, "bot-N ids are the bot's posts, not messages")
            ids.add(message_id)
    check_expect(where, data["expect"], report)
    tally.transcripts += 1
    tally.transcript_messages += len(messages)


def check_expect(where: str, expect: object, report: Report) -> None:
    if not isinstance(expect, dict):
        report.error(where, "expect must be an object")
        return
    for key in expect.keys() - {"tickets", "review", "posts", "no_posts"}:
        report.error(where, f"expect has unknown field {key!r}")
    tickets = expect.get("tickets", [])
    if not isinstance(tickets, list):
        report.error(where, "expect.tickets must be a list")
        tickets = []
    numbers: set[str] = set()
    for ticket in tickets:
        if not isinstance(ticket, dict):
            report.error(where, "each expected ticket is an object")
            continue
        for key in ticket.keys() - TICKET_FIELDS:
            report.error(where, f"expected ticket has unknown field {key!r}")
        number = ticket.get("number")
        if not digits(number):
            report.error(where, f"ticket number must be digits as a string, got {number!r}")
        elif number in numbers:
            report.error(where, f"ticket {number} listed twice")
        else:
            numbers.add(str(number))
        allowed = (("state", STATES), ("kind", KINDS), ("rating", (*RATINGS, None)))
        for key, values in allowed:
            if key in ticket and ticket[key] not in values:
                report.error(where, f"ticket {number}: {key} {ticket[key]!r} not one of {values}")
        if "emergency" in ticket and ticket["emergency"] not in (*EMERGENCIES, None):
            report.error(where, f"ticket {number}: emergency {ticket['emergency']!r}")
        for key in ("building", "unit", "room"):
            if key in ticket and not digits(ticket[key]):
                report.error(where, f"ticket {number}: {key} must be digits as a string")
    review = expect.get("review", 0)
    if not isinstance(review, int) or isinstance(review, bool) or review < 0:
        report.error(where, "expect.review must be a whole number ≥ 0")
    for key in ("posts", "no_posts"):
        matches = expect.get(key, [])
        if not isinstance(matches, list) or not all(
            isinstance(m, dict)
            and m.keys() == {"contains"}
            and isinstance(m["contains"], str)
            and m["contains"]
            for m in matches
        ):
            report.error(where, f'expect.{key} is a list of {{"contains": "…"}}')


def near_duplicates(seen: dict[str, str], report: Report) -> None:
    """Warn on texts that differ by a word or so: the brief asks for different phrasings."""
    texts = sorted(seen)
    for i, first in enumerate(texts):
        for second in texts[i + 1 :]:
            if abs(len(first) - len(second)) > 3:
                continue
            matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
            if matcher.quick_ratio() > 0.85 and matcher.ratio() > 0.85:
                report.warn(seen[second], f"near-duplicate of {seen[first]}: {first!r}")


def share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.0f}%)" if whole else str(part)


def print_counter(title: str, counter: Counter[str], whole: int) -> None:
    body = ", ".join(f"{name} {share(count, whole)}" for name, count in counter.most_common())
    print(f"{title}: {body}")


def print_summary(tally: Tally) -> None:
    reports = tally.intent["report"]
    commands = sum(tally.intent[name] for name in COMMANDS)
    emergencies = reports - tally.emergency["(none)"]
    print(f"single messages: {tally.lines} in {len(tally.files)} files")
    print_counter("files", tally.files, tally.lines)
    print(
        f"balance: reports {share(reports, tally.lines)}, none "
        f"{share(tally.intent['none'], tally.lines)}, commands {share(commands, tally.lines)}"
    )
    print_counter("intent", tally.intent, tally.lines)
    print_counter("kind (reports)", tally.kind, reports)
    print_counter("emergency (reports)", tally.emergency, reports)
    print(
        f"emergencies: {share(emergencies, reports)} of reports, "
        f"{tally.emergency_without_address} without any address"
    )
    print_counter("script", tally.script, tally.lines)
    print_counter("group", tally.group, tally.lines)
    print_counter("address parts (reports)", tally.address, reports)
    print_counter("ticket reference (commands)", tally.reference, commands)
    print_counter("speaker given", tally.speaker, tally.lines)
    print(
        f"hard negatives (none lines with fault or emergency words): "
        f"{share(tally.hard_negatives, tally.intent['none'])} of none"
    )
    print(f"transcripts: {tally.transcripts} with {tally.transcript_messages} messages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="set directories or files")
    parser.add_argument("--near", action="store_true", help="warn on near-duplicate texts")
    args = parser.parse_args(argv)
    paths: list[Path] = args.paths or sorted(
        p for p in Path(__file__).resolve().parent.iterdir() if p.is_dir() and p.name[0] not in "._"
    )
    report, tally = Report(), Tally()
    seen: dict[str, str] = {}
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.jsonl")) + sorted(path.glob("transcripts/*.json"))
        elif path.is_file():
            files.append(path)
        else:
            report.error(str(path), "no such file or directory")
    if not files and not report.errors:
        report.error(" ".join(map(str, paths)) or "corpus", "no .jsonl or transcript found")
    for file in files:
        if file.suffix == ".jsonl":
            check_jsonl(file, report, tally, seen)
        elif file.suffix == ".json":
            check_transcript(file, report, tally)
        else:
            report.error(str(file), "expected a .jsonl file or a transcripts/*.json file")
    if args.near:
        near_duplicates(seen, report)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print_summary(tally)
    if report.errors:
        print(f"{len(report.errors)} format error(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
