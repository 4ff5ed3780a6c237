"""Check the held-out corpus against corpus format rules (CORPUS.md) and print its counts.

Usage: python corpus/heldout2/check.py [FILE_OR_DIR ...]   (default: this folder)
Exits 1 and names file, line and fault when any line or transcript breaks the format.
Standard library only, so it runs before the project is installed.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
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
# Commands that act on one ticket and so may name one; the others are list or help commands.
TICKET_COMMANDS = COMMANDS - {"help", "digest", "overdue", "review"}
KINDS = {"repair", "hazard", "complaint", "inquiry"}
EMERGENCIES = {"gas", "fire", "electric", "lift", "water"}
ADDRESS_PARTS = {"building", "unit", "room", "floor", "place"}
SPEAKERS = {"resident", "reporter", "assignee", "steward", "supervisor", "secretary"}
GROUPS = {"gas", "power", "water", "property"}
SCRIPTS = {"zh-Hans", "zh-Hant", "en", "mixed"}
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
# The example directory's people and chats (examples/directory.yaml); transcripts replay on it.
PEOPLE = {"zhu": "祝均升", "liu": "刘红", "chen": "陈明", "wang": "王建国", "sec-li": "李书记"}
CHATS = {"cuidong-gas", "cuidong-office"}
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

NUMBER = re.compile(r"[1-9][0-9]*")
CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Characters written only in one script; a line labelled with the other script must not use them.
TRADITIONAL_ONLY = set(
    "氣電門樓單號這們說報處麼嗎開關燈響聽還讓會來點個為壞燒煙錶錢車時間問題請謝對將無廳廚爐"
    "經過現場發動應區戶陽臺樣東從邊後長話覺給條頭實嚴險濕災體辦務業費轉線總幹萬幾熱滿聲"
    "難讀記傳層數積統計緊協師淨啟馬鐘園歲應該陣廈係遞機進確認網屬燭凍"
)
# Written Cantonese (喺 咗 𨋢 …) is Hong Kong text, written in traditional script.
CANTONESE = set("喺咗啲嚟嘅冇嗰𨋢噉攞嘢")
SIMPLIFIED_ONLY = set(
    "气电门楼单号这们说报处么吗开关灯响听还让会来点个为坏烧烟钱车时间问题请谢对将无厅厨炉"
    "经过现场发动应区户阳样东从边后长话觉给条头实严险湿灾体办务业费转线总万热满声"
    "难读记传层数积统计紧协师净启马钟园岁该阵厦递机进确认网属烛冻"
)


def main(argv: list[str]) -> int:
    """Check every file named (or under this folder), print counts, return the exit status."""
    here = Path(__file__).resolve().parent
    targets = [Path(a) for a in argv] or [here]
    line_files, transcript_files = collect(targets)
    errors: list[str] = []
    lines: list[tuple[str, dict]] = []
    texts: dict[str, str] = {}
    for path in line_files:
        lines.extend(read_lines(path, errors, texts))
    transcripts = [t for path in transcript_files if (t := read_transcript(path, errors))]
    print_counts(lines, line_files, transcripts)
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} format error(s)", file=sys.stderr)
        return 1
    print("format OK")
    return 0


def collect(targets: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The .jsonl message files and transcripts/*.json files among the targets."""
    line_files: list[Path] = []
    transcript_files: list[Path] = []
    for target in targets:
        if target.is_dir():
            line_files.extend(sorted(target.glob("*.jsonl")))
            transcript_files.extend(sorted(target.glob("transcripts/*.json")))
        elif target.suffix == ".jsonl":
            line_files.append(target)
        elif target.suffix == ".json":
            transcript_files.append(target)
        else:
            raise SystemExit(f"not a corpus file or folder: {target}")
    return line_files, transcript_files


def read_lines(path: Path, errors: list[str], texts: dict[str, str]) -> list[tuple[str, dict]]:
    """Parse one JSONL file; every line is checked, bad ones are reported and skipped.

    `texts` maps each text seen so far to where: the same text twice would count one
    phrasing twice.
    """
    good: list[tuple[str, dict]] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{number}"
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc.msg})")
            continue
        found = line_errors(item)
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            key = re.sub(r"\s+", " ", item["text"].strip())
            if key in texts:
                found.append(f"same text as {texts[key]}")
            texts.setdefault(key, where)
        errors.extend(f"{where}: {message}" for message in found)
        if not found:
            good.append((where, item))
    return good


def line_errors(item: object) -> list[str]:
    """Every way one labelled message breaks the format."""
    if not isinstance(item, dict):
        return ["a line must be a JSON object"]
    out = [f"unknown field {key!r}" for key in item if key not in LINE_FIELDS]
    text, intent = item.get("text"), item.get("intent")
    if not isinstance(text, str) or not text.strip():
        out.append("text must be a non-empty string")
        text = ""
    if intent not in INTENTS:
        return [*out, f"intent {intent!r} is not one of {sorted(INTENTS)}"]
    out += report_errors(item, intent)
    out += command_errors(item, intent, text)
    if item.get("speaker") is not None and item["speaker"] not in SPEAKERS:
        out.append(f"speaker {item['speaker']!r} is not one of {sorted(SPEAKERS)}")
    if "reply" in item and item["reply"] is not True:
        out.append("reply, when given, must be true")
    if "note" in item and not (isinstance(item["note"], str) and item["note"].strip()):
        out.append("note must be a non-empty string")
    if item.get("group") not in GROUPS:
        out.append(f"group {item.get('group')!r} is not one of {sorted(GROUPS)}")
    if item.get("script") not in SCRIPTS:
        out.append(f"script {item.get('script')!r} is not one of {sorted(SCRIPTS)}")
    else:
        out += script_errors(text, item["script"])
    return out


def report_errors(item: dict, intent: str) -> list[str]:
    """kind, emergency and address: required or allowed on reports only."""
    if intent != "report":
        return [
            f"{key} is for reports only"
            for key in ("kind", "emergency", "address")
            if item.get(key) is not None
        ]
    out: list[str] = []
    kind, emergency = item.get("kind"), item.get("emergency")
    if kind not in KINDS:
        out.append(f"a report needs kind, one of {sorted(KINDS)} (got {kind!r})")
    if emergency is not None:
        if emergency not in EMERGENCIES:
            out.append(f"emergency {emergency!r} is not one of {sorted(EMERGENCIES)}")
        elif kind != "hazard":
            out.append("an emergency is kind hazard")
    if "address" in item:
        out += address_errors(item["address"])
    return out


def address_errors(address: object) -> list[str]:
    """An address holds only stated parts: numbers as plain digits, a place in simplified script."""
    if not isinstance(address, dict) or not address:
        return ["address must be a non-empty object (omit it when no address is stated)"]
    out: list[str] = []
    for part, value in address.items():
        if part not in ADDRESS_PARTS:
            out.append(f"address part {part!r} is not one of {sorted(ADDRESS_PARTS)}")
        elif not isinstance(value, str) or not value:
            out.append(f"address {part} must be a non-empty string")
        elif part == "place":
            if not CJK.search(value) or TRADITIONAL_ONLY & set(value):
                out.append(f"address place {value!r} must be written in simplified Chinese")
        elif not NUMBER.fullmatch(value):
            out.append(f"address {part} {value!r} must be Arabic digits without leading zeros")
    return out


def command_errors(item: dict, intent: str, text: str) -> list[str]:
    """ticket names a number the text carries; target names a directory person on reassign."""
    out: list[str] = []
    ticket = item.get("ticket")
    if ticket is not None:
        if intent not in TICKET_COMMANDS:
            out.append(f"ticket is for commands on one ticket, not {intent}")
        elif not (isinstance(ticket, str) and NUMBER.fullmatch(ticket)):
            out.append(f"ticket {ticket!r} must be a string of digits without leading zeros")
        elif not re.search(rf"(?<![0-9]){ticket}(?![0-9])", text):
            out.append(f"ticket {ticket} does not appear in the text")
    target = item.get("target")
    if intent == "reassign":
        if target not in PEOPLE.values():
            out.append(f"reassign needs target, one of {sorted(PEOPLE.values())}")
    elif target is not None:
        out.append("target is for reassign only")
    return out


def script_errors(text: str, script: str) -> list[str]:
    """The script label agrees with the characters: no stray letters or other-script forms."""
    chars = set(text)
    has_cjk, has_latin = bool(CJK.search(text)), bool(LATIN_WORD.search(text))
    if script == "en":
        return ["script en but the text has Chinese characters"] if has_cjk else []
    if not has_cjk and not re.search(r"[A-Za-z]", text):
        return []  # only emoji, digits or punctuation ("👍", "+1"): any script label fits
    out: list[str] = []
    if not has_cjk:
        out.append(f"script {script} but the text has no Chinese characters")
    if script == "mixed":
        return out if has_latin else [*out, "script mixed but the text has no English word"]
    if has_latin:
        out.append(f"script {script} but the text has English words (use mixed)")
    if script == "zh-Hans" and (trad := TRADITIONAL_ONLY & chars):
        out.append(f"script zh-Hans but traditional forms {''.join(sorted(trad))}")
    if script == "zh-Hant":
        if simp := SIMPLIFIED_ONLY & chars:
            out.append(f"script zh-Hant but simplified forms {''.join(sorted(simp))}")
        if not (TRADITIONAL_ONLY | CANTONESE) & chars:
            out.append("script zh-Hant but no traditional-only character")
    return out


def read_transcript(path: Path, errors: list[str]) -> dict | None:
    """Parse and check one transcript file; None when it is unusable."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        errors.append(f"{path.name}:{exc.lineno}: not JSON ({exc.msg})")
        return None
    found = transcript_errors(doc)
    errors.extend(f"transcripts/{path.name}: {message}" for message in found)
    return None if found else doc


def transcript_errors(doc: object) -> list[str]:
    """Every way a transcript breaks the format."""
    if not isinstance(doc, dict):
        return ["a transcript must be a JSON object"]
    out = [f"unknown field {key!r}" for key in doc if key not in {"name", "messages", "expect"}]
    if not (isinstance(doc.get("name"), str) and doc["name"].strip()):
        out.append("name must be a non-empty string")
    messages = doc.get("messages")
    if not (isinstance(messages, list) and messages):
        return [*out, "messages must be a non-empty list"]
    seen: set[str] = set()
    previous: datetime | None = None
    for index, message in enumerate(messages, start=1):
        found, previous = message_errors(message, seen, previous)
        out += [f"message {index}: {problem}" for problem in found]
    out += expect_errors(doc.get("expect"))
    return out


def message_errors(
    message: object, seen: set[str], previous: datetime | None
) -> tuple[list[str], datetime | None]:
    """One transcript message: fields, time order, unique id, reply to an earlier message."""
    if not isinstance(message, dict):
        return ["must be an object"], previous
    allowed = {"t", "chat", "from", "name", "id", "reply_to", "text"}
    out = [f"unknown field {key!r}" for key in message if key not in allowed]
    for key in ("t", "chat", "from", "id", "text"):
        if not (isinstance(message.get(key), str) and message[key].strip()):
            out.append(f"{key} must be a non-empty string")
    if out:
        return out, previous
    try:
        at = datetime.fromisoformat(message["t"])
    except ValueError:
        return [*out, f"t {message['t']!r} is not an ISO time"], previous
    if previous is not None and at < previous:
        out.append("messages must be in time order")
    if message["chat"] not in CHATS:
        out.append(f"chat {message['chat']!r} is not a chat of the example directory")
    if message["id"] in seen or message["id"].startswith("bot-"):
        out.append(f"id {message['id']!r} is used twice or looks like a bot post")
    reply_to = message.get("reply_to")
    if (
        reply_to is not None
        and reply_to not in seen
        and not re.fullmatch(r"bot-[1-9][0-9]*", str(reply_to))
    ):
        out.append(f"reply_to {reply_to!r} names no earlier message")
    if "name" in message and not isinstance(message["name"], str):
        out.append("name must be a string")
    seen.add(message["id"])
    return out, at


def expect_errors(expect: object) -> list[str]:
    """expect: the tickets that must exist, the 待确认 count, posts that must or must not appear."""
    if not isinstance(expect, dict):
        return ["expect must be an object"]
    out = [
        f"unknown expect field {key!r}"
        for key in expect
        if key not in {"tickets", "review", "posts", "no_posts"}
    ]
    tickets = expect.get("tickets")
    if not isinstance(tickets, list):
        out.append("expect.tickets must be a list (empty when no ticket may exist)")
        tickets = []
    numbers = [t.get("number") for t in tickets if isinstance(t, dict)]
    if len(numbers) != len(set(numbers)):
        out.append("expect.tickets names a number twice")
    for ticket in tickets:
        out += expected_ticket_errors(ticket)
    review = expect.get("review")
    if not (isinstance(review, int) and not isinstance(review, bool) and review >= 0):
        out.append("expect.review must be a count (0 or more)")
    for key in ("posts", "no_posts"):
        for match in expect.get(key, []):
            if not (isinstance(match, dict) and set(match) == {"contains"} and match["contains"]):
                out.append(f'expect.{key} entries are {{"contains": text}}')
    return out


def expected_ticket_errors(ticket: object) -> list[str]:
    """One expected ticket: known fields with allowed values."""
    if not isinstance(ticket, dict):
        return ["an expected ticket must be an object"]
    out = [f"unknown ticket field {key!r}" for key in ticket if key not in TICKET_FIELDS]
    if not (isinstance(ticket.get("number"), str) and NUMBER.fullmatch(ticket["number"])):
        out.append("ticket number must be a string of digits")
    checks = {
        "state": STATES,
        "kind": KINDS,
        "emergency": EMERGENCIES | {None},
        "assignee": set(PEOPLE),
        "rating": RATINGS | {None},
    }
    for key, allowed in checks.items():
        if key in ticket and ticket[key] not in allowed:
            out.append(f"ticket {key} {ticket[key]!r} is not one of {sorted(map(str, allowed))}")
    for key in ("building", "unit", "room"):
        if key in ticket and not (isinstance(ticket[key], str) and NUMBER.fullmatch(ticket[key])):
            out.append(f"ticket {key} must be a string of digits")
    return out


def print_counts(lines: list[tuple[str, dict]], files: list[Path], transcripts: list[dict]) -> None:
    """The counts a reviewer needs to judge the balance against CORPUS.md."""
    items = [item for _, item in lines]
    total = len(items)
    print(f"{total} messages in {len(files)} files, {len(transcripts)} transcripts")
    for path in files:
        print(f"  {path.name}: {sum(1 for w, _ in lines if w.startswith(path.name + ':'))}")
    reports = [i for i in items if i["intent"] == "report"]
    tables = {
        "intent": Counter(i["intent"] for i in items),
        "kind (reports)": Counter(i["kind"] for i in reports),
        "emergency (reports)": Counter(i.get("emergency") or "-" for i in reports),
        "script": Counter(i["script"] for i in items),
        "group": Counter(i["group"] for i in items),
        "speaker": Counter(i.get("speaker") or "-" for i in items),
    }
    for title, counter in tables.items():
        print(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    if not total:
        return
    emergencies = [i for i in reports if i.get("emergency")]
    commands = sum(1 for i in items if i["intent"] in COMMANDS)
    nones = sum(1 for i in items if i["intent"] == "none")
    bare = sum(1 for i in emergencies if "address" not in i)
    named = sum(1 for i in items if i.get("ticket"))
    by_reply = sum(1 for i in items if i["intent"] in COMMANDS and i.get("reply"))
    print(
        f"balance: reports {share(len(reports), total)} "
        f"(emergencies {share(len(emergencies), total)} of all, "
        f"{bare} of {len(emergencies)} without address), "
        f"none {share(nones, total)}, commands {share(commands, total)} "
        f"({named} name a ticket, {by_reply} by reply)"
    )
    parts = Counter(part for i in reports for part in i.get("address", {}))
    print("address parts (reports): " + ", ".join(f"{k} {v}" for k, v in parts.most_common()))
    print(f"transcript messages: {sum(len(t['messages']) for t in transcripts)}")


def share(count: int, total: int) -> str:
    """A count with its share of the whole."""
    return f"{count} ({100 * count / total:.0f}%)"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
