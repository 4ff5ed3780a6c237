"""Read one group-chat message: what its words could mean, with the parts handlers need.

`parse` is a pure function of the text. It reports the likeliest meaning (`intent`), the other
meanings the words allow (`alternatives`), and whether the words alone decide (`weak` commands
and `doubtful` reports need context). handlers.meaning then picks the meaning from who spoke,
to which ticket, and when.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from handlers import intent_model
from handlers import vocabulary as words
from handlers.address import Address, find_address
from handlers.emergency import (
    EmergencyType,
    denied_before,
    find_emergency,
    plausible,
    surely_talk,
)
from handlers.normalize import Normalized, normalize_traced
from handlers.privacy import find_id_number, find_phone, mask_phone
from handlers.read_command import PUNCTUATION, CommandReading, note_after, read_command
from handlers.read_report import ReportReading, read_report, talk_reason
from handlers.refs import TicketRef, blank, ticket_ref
from handlers.vocabulary import FieldName, Intent, Kind
from handlers.words import commands as command_words
from handlers.words import emergency as danger_words
from handlers.words import reports as report_words

__all__ = ["Intent", "Kind", "Parsed", "is_courtesy", "parse"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a message's words could mean, best reading first."""

    intent: Intent
    kind: Kind | None = None  # reports only
    emergency_type: EmergencyType | None = None  # reports only
    ticket: str | None = None  # "12" when the text names a ticket (#12, 12号单, 工单12)
    address: Address | None = None  # reports only
    incomplete: bool = False  # a report tag with no content
    phone: str | None = None  # raw, kept on the ticket; masked wherever it is shown
    id_number: str | None = None
    body: str = ""  # report text without its tag, or the note after a command; as written
    target: str | None = None  # reassign: the colleague named, normalised, without '@'
    weak: bool = False  # a command only in context (replying to a ticket, the right person)
    tagged: bool = False  # a report with a tag or field labels: a new report even as a reply
    doubtful: bool = False  # the words alone do not decide: context or a person must
    thanks: bool = False  # thanks or praise in it (a reporter's word rather than a steward's)
    alternatives: tuple[Intent, ...] = ()  # other meanings the words allow, likeliest first
    why: str = ""  # for reports not taken: what made them talk (notice, news, past …)
    cue: str = ""  # the words that made it a command, as normalised ("几点来", "接单")
    points_at: bool = False  # "这个", "那单", "那个漏水的": some ticket meant but not named

    @property
    def emergency(self) -> bool:
        return self.emergency_type is not None

    def to_json(self) -> dict[str, Any]:
        """The `parse` CLI output; phone numbers stay masked there too."""
        shown: dict[str, Any] = {"intent": self.intent}
        if self.intent == "report":
            shown["kind"] = self.kind
        shown["emergency"] = self.emergency
        if self.emergency_type:
            shown["emergency_type"] = self.emergency_type
        if self.ticket is not None:
            shown["ticket"] = self.ticket
        shown["address"] = self.address.as_dict() if self.address else {}
        shown["incomplete"] = self.incomplete
        if self.phone:
            shown["phone"] = mask_phone(self.phone)
        if self.target:
            shown["target"] = self.target
        if self.weak:
            shown["weak"] = True
        if self.doubtful:
            shown["doubtful"] = True
        if self.alternatives:
            shown["alternatives"] = list(self.alternatives)
        return shown


def parse(text: str) -> Parsed:
    """Read one message; anything that is not a report, a command or help is intent "none"."""
    parsed = _read(text)
    if _POINTS_AT.search(normalize_traced(text).text):
        return replace(parsed, points_at=True)
    return parsed


# Words that point at some ticket without naming it: 这个, 那个, 这单, 那个漏水的.
_POINTS_AT = re.compile(r"这个|那个|这单|那单|这家|那家|单子|那户|这户|的\s?(?:转|接|弄|修)")


def _read(text: str) -> Parsed:
    traced = normalize_traced(text)
    start = _after_mentions(traced.text)
    rest = traced.text[start:]
    if not any(ch.isalnum() for ch in rest):
        return Parsed("none")
    if _is_help(rest) and not find_emergency(rest):  # "着火了 help" asks for no manual
        return Parsed("help")
    ref = ticket_ref(traced.text)
    ticket = ref.number if ref else None
    tagged = _tagged_report(traced, start) or _field_report(traced, start)
    if tagged:
        return replace(tagged, tagged=True, ticket=ticket)
    slash = _slash_command(traced, start, ref)
    if slash:
        return slash
    # Read the words without the ticket reference, so "#3 到了" reads like "到了".
    plain = blank(traced.text, [(ref.start, ref.end)]) if ref else traced.text
    address = find_address(plain)
    # A named spot alone (东门, 车棚) says where, not that the speaker is there.
    here = bool(address and (address.building or address.unit or address.room or address.floor))
    danger = find_emergency(plain, has_address=here)
    command = read_command(plain, named_ticket=ref is not None)
    report = read_report(plain, has_address=address is not None)
    if not danger and not _command_outranks_danger(command, ref):
        danger = _danger_resembled(plain, _signals(address, ref, report, command, None))
    if danger and not _command_outranks_danger(command, ref):
        return _report(traced, start, "hazard", address, emergency=danger, ticket=ticket)
    talk = talk_reason(plain, here=here)
    # News, the past, a notice, a question about a service: they move no ticket.
    asks_service = bool(
        command and command.intent == "query" and report and report.kind == "inquiry"
    )
    # A steward's plan in reply to a ticket ("明天带新表过来换") is progress, not a notice.
    planning = (
        talk in ("planned work", "work plan", "advice") and command and command.intent in _PLANS
    )
    ticket_words = command and ref is None and command.intent in _TICKET_COMMANDS
    if ticket_words and not planning and (talk or asks_service):
        command = None
    decided = command and _command_decides(command, report, plain, start, ref)
    if decided and ref is not None:
        assert command is not None
        return _command(traced, command, ref, weak=False)  # "#3 修好了" is what it says
    if decided:
        assert command is not None
        rule = _command(traced, command, ref, weak=False)
    elif report and report.blocked_by is None and report.clear:
        rule = _report(traced, start, report.kind, address, ticket=ticket, alternatives=command)
    elif command and command.intent != "none":
        rule = _command(traced, command, ref, weak=not command.strong)
    elif report and report.blocked_by is None:
        rule = _report(traced, start, report.kind, address, ticket=ticket, doubtful=True)
    else:
        others = (command.intent, *command.alternatives) if command else ()
        rule = Parsed(
            "none",
            ticket=ticket,
            why=(report.blocked_by if report else "") or talk or "",
            alternatives=tuple(a for a in others if a != "none"),
            weak=bool(others),
        )
    signals = _signals(address, ref, report, command, talk)
    return _second_opinion(rule, traced, start, plain, signals, address, ref, report)


# How sure the second opinion must be before it overrules the rules' reading (CERTAIN), and
# before it fills in where the rules found nothing (CONFIDENT); chosen by cross-validation
# on the tuning corpora, see EVALUATION.md.
CONFIDENT = 0.8
CERTAIN = 0.95
# Where the rules heard a trouble and the model agrees, this much makes it a ticket.
AGREED = 0.9


def _second_opinion(
    rule: Parsed,
    traced: Normalized,
    start: int,
    plain: str,
    signals: list[str],
    address: Address | None,
    ref: TicketRef | None,
    report: ReportReading | None,
) -> Parsed:
    """The rules' reading, weighed against what the words resemble (handlers.intent_model).

    Never where the rules saw a trouble denied or over ("燃气味已经没了") or thanks. What the
    model adds is always hedged: a command it hears is weak (it acts only in context), a
    report it hears that the rules did not is doubtful unless it names a thing or symptom,
    and a report the rules heard that it doubts goes to 待确认 instead of away.
    """
    trained = intent_model.model()
    if trained is None or _over_or_denied(plain) or is_courtesy(plain):
        return rule
    guess = trained.guess(intent_model.features(plain, signals))
    certain = guess.probability >= CERTAIN
    if guess.intent == rule.intent:
        # The rules heard a trouble but not its place or owner, and the words read as a report
        # beyond doubt: a ticket that asks for the address.
        upgrade = rule.intent == "report" and rule.doubtful and not rule.why
        if upgrade and guess.probability >= AGREED and _distinct_words(plain) >= 6:
            return replace(rule, doubtful=False)
        return rule
    found_nothing = rule.intent == "none" and not rule.why
    if not (certain or (found_nothing and guess.probability >= CONFIDENT)):
        return rule
    ticket = ref.number if ref else None
    if guess.intent == "report":
        thing = report_words.THINGS.search(plain) is not None
        symptom = report_words.SYMPTOMS.search(plain) is not None
        words_in_it = _distinct_words(plain)
        if not (thing or symptom) or words_in_it < 4:
            return rule  # too little named to put before a person, let alone to ticket
        kind = report.kind if report else "repair"
        resembles = _report(traced, start, kind, address, ticket=ticket)
        # The model never opens a ticket on its own: only where the rules found trouble words
        # (or a thing at a building and a request to come), told in a sentence, naming what
        # is broken ("门口那个又坏了" names nothing); otherwise a person looks first (待确认).
        asked_here = bool(address and address.building) and bool(report_words.MINE.search(plain))
        evidence = (report is not None or asked_here) and thing
        doubtful = not (certain and evidence and words_in_it >= 6) or bool(rule.why)
        return replace(
            resembles,
            doubtful=doubtful,
            why="resembles a report",
            alternatives=(rule.intent, *(a for a in rule.alternatives if a != rule.intent)),
        )
    if guess.intent == "none":
        if rule.intent == "report":
            return replace(rule, doubtful=True, why="reads like talk")
        return Parsed("none", ticket=ticket, weak=True, alternatives=(rule.intent,))
    return Parsed(
        guess.intent,  # type: ignore[arg-type]
        ticket=ticket,
        body=traced.source_slice(start).strip(),
        weak=True,
        alternatives=tuple(a for a in (rule.intent, *rule.alternatives) if a != "none"),
        why="resembles a command",
    )


# A missed emergency is the worst error the bot can make: where the rules see none but the
# words strongly resemble one (cross-validated, see EVALUATION.md), the alarm is raised.
DANGER_CERTAIN = 0.95


def _danger_resembled(plain: str, signals: list[str]) -> EmergencyType | None:
    trained = intent_model.danger_model()
    if trained is None or surely_talk(plain) or _over_or_denied(plain):
        return None
    guess = trained.guess(intent_model.features(plain, signals))
    if guess.intent == "no" or guess.probability < DANGER_CERTAIN:
        return None
    if not plausible(guess.intent, plain):
        return None  # the model's certainty is not enough without the words a danger needs
    return guess.intent  # type: ignore[return-value]


def _distinct_words(text: str) -> int:
    """Different Chinese characters and English words: how much a message says."""
    return len(set(re.findall(r"[\u3400-\u9fff]|[a-z]{2,}", text)))


@lru_cache(maxsize=64)  # asked by both second opinions about the same message
def _over_or_denied(text: str) -> bool:
    """'燃气味已经没了', '已经不漏气了': the rules read the trouble as gone."""
    if danger_words.OVER.search(text) or danger_words.DENIALS_AFTER.search(text):
        return True
    return any(denied_before(text, hit.start) for hit in danger_words.ANY.finditer(text))


def reading_signals(text: str) -> list[str]:
    """The rule signals parse feeds the second opinion, for training it on the same view."""
    traced = normalize_traced(text)
    ref = ticket_ref(traced.text)
    plain = blank(traced.text, [(ref.start, ref.end)]) if ref else traced.text
    address = find_address(plain)
    here = bool(address and (address.building or address.unit or address.room or address.floor))
    command = read_command(plain, named_ticket=ref is not None)
    report = read_report(plain, has_address=address is not None)
    return _signals(address, ref, report, command, talk_reason(plain, here=here))


def _signals(
    address: Address | None,
    ref: TicketRef | None,
    report: ReportReading | None,
    command: CommandReading | None,
    talk: str | None,
) -> list[str]:
    found = []
    if address:
        found.append("addr")
    if ref:
        found.append("ref")
    if report:
        found.append(f"kind:{report.kind}")
        found.append("mine" if report.mine else "not-mine")
        if report.blocked_by:
            found.append("talk")
    if command:
        found.append(f"cue:{command.intent}")
        if command.question:
            found.append("question")
        if command.thanks:
            found.append("thanks")
    if talk:
        found.append("talk")
    return found


_PLANS = frozenset({"claim", "progress"})
_TICKET_COMMANDS = frozenset(
    {"claim", "progress", "resolve", "reassign", "return", "confirm", "reopen", "urge", "query"}
)


def _command_outranks_danger(command: CommandReading | None, ref: TicketRef | None) -> bool:
    """'#20 电梯已恢复 被困人员已出来' closes a ticket; it raises no new alarm."""
    return bool(command and ref and command.strong and command.intent in ("resolve", "progress"))


def _command_decides(
    command: CommandReading,
    report: ReportReading | None,
    text: str,
    start: int,
    ref: TicketRef | None,
) -> bool:
    """A strong cue wins unless a clear report surrounds it in a longer message."""
    if not command.strong:
        return False
    if ref is not None or command.intent in ("reassign", "digest", "overdue", "review"):
        return True
    if report is None or report.blocked_by is not None or not report.clear:
        return True
    # A clear report with a command word in it: the word must lead or fill the message.
    lead = len(text) - len(text[start:].lstrip(PUNCTUATION))
    if command.cue.start <= lead + 2:
        return True
    return len(re.sub(r"\s", "", text[start:])) <= 12


def _command(
    traced: Normalized, command: CommandReading, ref: TicketRef | None, *, weak: bool
) -> Parsed:
    start, end = note_after(traced.text, command.cue)
    note = traced.source_slice(start, end) if end > start else ""
    if ref and ref.start >= command.cue.end:
        before = traced.source_slice(start, ref.start) if ref.start > start else ""
        after = traced.source_slice(ref.end)
        note = (before + " " + after).strip() if before.strip(PUNCTUATION) else after
    note = note.strip().strip(PUNCTUATION).strip()
    if command.intent == "reassign" and command.target:
        note = ""
    return Parsed(
        command.intent,
        ticket=ref.number if ref else None,
        body=note,
        target=command.target,
        weak=weak,
        thanks=command.thanks,
        alternatives=command.alternatives,
        cue=traced.text[command.cue.start : command.cue.end],
    )


def _report(
    traced: Normalized,
    start: int,
    kind: Kind,
    address: Address | None,
    *,
    ticket: str | None,
    emergency: EmergencyType | None = None,
    doubtful: bool = False,
    alternatives: CommandReading | None = None,
) -> Parsed:
    content = traced.text[start:]
    if address and kind == "inquiry" and not address.building:
        address = None  # "物业办公室周末有人吗" asks about a place, it reports nothing there
    others: tuple[Intent, ...] = ()
    if alternatives is not None:
        others = (alternatives.intent, *alternatives.alternatives)
    return Parsed(
        "report",
        kind=kind,
        emergency_type=emergency,
        ticket=ticket,
        address=address,
        phone=find_phone(content),
        id_number=find_id_number(content),
        body=traced.source_slice(start).strip(),
        doubtful=doubtful and emergency is None,
        alternatives=others,
    )


def is_courtesy(text: str) -> bool:
    """'谢谢祝师傅！', '好的 👍', 'thanks!': nothing in it for the assignee to act on."""
    rest = normalize_traced(text).text
    if not any(c.isalnum() for c in rest):
        return bool(rest)  # emoji only: 👍 🙏
    if _contains(rest, words.NOT_COURTESY_MARKERS) or not _contains(rest, words.THANKS_WORDS):
        return False
    for word in sorted(words.THANKS_WORDS + words.COURTESY_FILLERS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return sum(c.isalnum() for c in rest) <= words.COURTESY_NAME_ROOM


# --- mentions and help ----------------------------------------------------------------------

_LEADING_MENTIONS = re.compile(r"(?:@\S+\s+)+")


def _after_mentions(text: str) -> int:
    """Skip a leading "@网格管家 " so "@bot #报修 …" reads like "#报修 …"."""
    found = _LEADING_MENTIONS.match(text)
    return found.end() if found else 0


def _is_help(text: str) -> bool:
    if re.fullmatch(r"/(?:help|start)(?:@\S+)?", text):
        return True
    stripped = text.strip(PUNCTUATION)
    if stripped in words.HELP_WORDS:
        return True
    hit = command_words.HELP_STRONG.search(stripped)
    # "怎么报修", "这个机器人咋用啊", "报修要按什么格式写": short questions about the bot.
    return hit is not None and len(stripped) <= 24 and not find_address(stripped)


# --- slash commands -------------------------------------------------------------------------

_SLASH = re.compile(r"/([a-z]+)(?:@\S+)?(?:\s+#?(\d{1,12})(?!\d))?")


def _slash_command(traced: Normalized, start: int, ref: TicketRef | None) -> Parsed | None:
    """/done 12 replaced igniter, /reassign 12 @chen, /claim (by reply)."""
    found = _SLASH.match(traced.text, start)
    if not found or found.group(1) not in command_words.SLASH_COMMANDS:
        return None
    intent: Intent = command_words.SLASH_COMMANDS[found.group(1)]  # type: ignore[assignment]
    if intent == "help":
        return Parsed("help")
    ticket = str(int(found.group(2))) if found.group(2) else (ref.number if ref else None)
    note = traced.source_slice(found.end()).strip()
    target = None
    if intent == "reassign":
        mention = re.match(r"\s*@?([^\s,.;!?:#@]+)", traced.text[found.end() :])
        target = mention.group(1) if mention else None
        note = ""
    return Parsed(intent, ticket=ticket, body=note, target=target, cue=found.group(1))


# --- tagged reports and field forms ---------------------------------------------------------


def _alternation(vocabulary: Iterable[str]) -> str:
    # Longest first, so "问题描述" is taken whole rather than as "问题".
    return "|".join(re.escape(word) for word in sorted(vocabulary, key=len, reverse=True))


_TAGS = _alternation(words.REPORT_TAGS)
_REPORT_TAG = re.compile(
    rf"(?:#\s?({_TAGS})(?![a-z])|【\s?({_TAGS})\s?】|\[\s?({_TAGS})\s?\]|({_TAGS})\s?:)"
    r"[\s:#,\-]*"
)
_FIELD_LABEL = re.compile(
    rf"(?:^|(?<=[\s;,。]))({_alternation(words.FIELD_LABELS)})\s?:\s?", re.MULTILINE
)


def _tagged_report(traced: Normalized, start: int) -> Parsed | None:
    """#报修 3栋2单元501 燃气灶打不着火, 【投诉】…, repair: …, or a bare #报修 (incomplete)."""
    found = _REPORT_TAG.match(traced.text, start)
    if not found:
        return None
    tag = next(group for group in found.groups() if group)
    content = traced.text[found.end() :]
    fields = _fields(traced, found.end())
    kind = words.REPORT_TAGS[tag]
    if fields:
        return _report_from_fields(traced, fields, default_kind=kind)
    if not any(ch.isalnum() for ch in content):
        return Parsed("report", kind=kind, incomplete=True)
    parsed = _report(traced, found.end(), kind, find_address(content), ticket=None)
    return replace(parsed, emergency_type=find_emergency(content, has_address=True))


def _field_report(traced: Normalized, start: int) -> Parsed | None:
    """地址：3栋2单元501 / 问题：燃气灶打不着火 / 电话：… / 类型：报修."""
    fields = _fields(traced, start)
    if not fields or not ({"address", "problem"} & fields.keys()):
        return None
    return _report_from_fields(traced, fields, default_kind="repair")


def _fields(traced: Normalized, start: int) -> dict[FieldName, tuple[int, int]]:
    """Each label's value span; the form must open with a label at the start of a line."""
    text = traced.text
    labels = [label for label in _FIELD_LABEL.finditer(text) if label.start() >= start]
    # A label in mid-sentence, or after a heading like 【通知】, does not make a form.
    if not labels or text[start : labels[0].start()].strip():
        return {}
    spans: dict[FieldName, tuple[int, int]] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(text)
        spans.setdefault(words.FIELD_LABELS[label.group(1)], (label.end(), end))
    return spans


def _report_from_fields(
    traced: Normalized, fields: dict[FieldName, tuple[int, int]], *, default_kind: Kind
) -> Parsed:
    text = traced.text

    def value(name: FieldName) -> str:
        begin, end = fields.get(name, (0, 0))
        return text[begin:end].strip(PUNCTUATION)

    kind = next(
        (kind for tag, kind in words.REPORT_TAGS.items() if tag in value("type")), default_kind
    )
    problem = ""
    if "problem" in fields:
        problem = traced.source_slice(*fields["problem"]).strip(PUNCTUATION)
    return Parsed(
        "report",
        kind=kind,
        emergency_type=find_emergency(value("problem") or text, has_address=True),
        address=find_address(value("address")) or find_address(text),
        phone=find_phone(value("phone")) or find_phone(text),
        id_number=find_id_number(text),
        body=problem,
        # "#报修" over a form holding only a phone number still lacks what and where.
        incomplete=not problem and not value("address"),
    )


def _contains(text: str, vocabulary: tuple[str, ...]) -> bool:
    return any(word in text for word in vocabulary)
