"""Classify one group-chat message: a report, a ticket command, help, or just chat."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from handlers import vocabulary as words
from handlers.address import Address, find_address
from handlers.normalize import Normalized, normalize_traced
from handlers.privacy import find_id_number, find_phone, mask_phone
from handlers.vocabulary import FieldName, Intent, Kind

__all__ = ["Intent", "Kind", "Parsed", "parse"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a message asks for, with the parts the handlers need."""

    intent: Intent
    kind: Kind | None = None  # reports only
    emergency: bool = False  # reports only
    ticket: str | None = None  # "12" when the text names a ticket (#12, /done 12, 工单12)
    address: Address | None = None  # reports only
    incomplete: bool = False  # a report tag with no content
    phone: str | None = None  # raw, kept on the ticket; masked wherever it is shown
    id_number: str | None = None
    body: str = ""  # report text without its tag, or the note after a command; as written
    target: str | None = None  # reassign: the '@' token, normalised, without '@'
    weak: bool = False  # 收到/on it: a claim only when replying to a ticket message
    tagged: bool = False  # a report with a tag or field labels: a new report even as a reply

    def to_json(self) -> dict[str, Any]:
        """The `parse` CLI output; phone numbers stay masked there too."""
        shown: dict[str, Any] = {"intent": self.intent}
        if self.intent == "report":
            shown["kind"] = self.kind
        shown["emergency"] = self.emergency
        if self.ticket is not None:
            shown["ticket"] = self.ticket
        shown["address"] = self.address.as_dict() if self.address else {}
        shown["incomplete"] = self.incomplete
        if self.phone:
            shown["phone"] = mask_phone(self.phone)
        return shown


def parse(text: str) -> Parsed:
    """Read one message; anything not clearly a report or command is intent "none"."""
    traced = normalize_traced(text)
    start = _after_mentions(traced.text)
    if not any(ch.isalnum() for ch in traced.text[start:]):
        return Parsed("none")
    if _is_help(traced.text[start:]):
        return Parsed("help")
    ref = _ticket_ref(traced.text)
    ticket = ref.number if ref else None
    report = _tagged_report(traced, start) or _field_report(traced, start)
    if report:
        return _with_ticket(replace(report, tagged=True), ticket)
    command = _slash_command(traced, start) or _worded_command(traced, start, ref)
    if command and not command.weak:
        return command
    # "收到" is everyday chat; "收到 燃气味很大" is foremost an emergency.
    report = _untagged_report(traced, start)
    if report:
        return _with_ticket(report, ticket)
    return command or Parsed("none", ticket=ticket)


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


# --- tickets and mentions -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _TicketRef:
    number: str
    start: int
    end: int


_TICKET_REF = re.compile(
    # "ticket 9" and "no. 1" are everyday English; "ticket #9" names one.
    r"(?:#|(?:工单号?|单号)\s?#?|ticket\s?#)\s?(\d{1,12})(?!\d)"
    # "#3栋" names a building, not ticket 3.
    r"(?!\s?(?:栋|幢|号楼|单元|室|楼))"
)
_LEADING_MENTIONS = re.compile(r"(?:@\S+\s+)+")
_PUNCTUATION = " \t\n,.;:!?~…。、“”\"'‘’()【】[]<>《》-—_·*/\\|，．；：！？（）～"


def _ticket_ref(text: str) -> _TicketRef | None:
    found = _TICKET_REF.search(text)
    if not found:
        return None
    # "#012" and "#12" are the same ticket.
    return _TicketRef(str(int(found.group(1))), found.start(), found.end())


def _after_mentions(text: str) -> int:
    """Skip a leading "@网格管家 " so "@bot #报修 …" reads like "#报修 …"."""
    found = _LEADING_MENTIONS.match(text)
    return found.end() if found else 0


def _with_ticket(parsed: Parsed, ticket: str | None) -> Parsed:
    return replace(parsed, ticket=ticket) if ticket is not None else parsed


# --- help -----------------------------------------------------------------------------------


def _is_help(text: str) -> bool:
    if re.fullmatch(r"/(?:help|start)(?:@\S+)?", text):
        return True
    return text.strip(_PUNCTUATION) in words.HELP_WORDS


# --- commands -------------------------------------------------------------------------------

_SLASH = re.compile(r"/([a-z]+)(?:@\S+)?(?:\s+#?(\d{1,12})(?!\d))?")


@dataclass(frozen=True, slots=True)
class _Hit:
    intent: Intent
    start: int
    end: int
    weak: bool
    priority: int


def _slash_command(traced: Normalized, start: int) -> Parsed | None:
    """/done 12 replaced igniter, /reassign 12 @chen, /claim (by reply)."""
    found = _SLASH.match(traced.text, start)
    if not found or found.group(1) not in words.SLASH_COMMANDS:
        return None
    intent = words.SLASH_COMMANDS[found.group(1)]
    ref = _ticket_ref(traced.text)
    ticket = str(int(found.group(2))) if found.group(2) else (ref.number if ref else None)
    return _command_result(traced, intent, found.end(), ticket=ticket, ref=ref, weak=False)


def _worded_command(traced: Normalized, start: int, ref: _TicketRef | None) -> Parsed | None:
    """接单 #12, #12 已完成 换了点火针, 转派 #12 @陈明, 师傅已到场, all done."""
    text = traced.text
    # Blank the mentions and the ticket ref so the rules below read only the words around them.
    masked = " " * start + text[start:]
    if ref:
        masked = masked[: ref.start] + " " * (ref.end - ref.start) + masked[ref.end :]
    lead = len(masked) - len(masked.lstrip(_PUNCTUATION))
    hits = [hit for hit in _command_hits(masked) if _is_the_command(masked, lead, hit, ref)]
    if not hits:
        return None
    hit = min(hits, key=lambda h: (h.weak, h.start, h.start - h.end, h.priority))
    if hit.intent != "query" and _is_question(masked):
        return None
    ticket = ref.number if ref else None
    return _command_result(traced, hit.intent, hit.end, ticket=ticket, ref=ref, weak=hit.weak)


def _command_hits(masked: str) -> list[_Hit]:
    vocabulary: list[tuple[Intent, tuple[str, ...], bool]] = [
        (intent, intent_words, False) for intent, intent_words in words.COMMAND_WORDS
    ]
    vocabulary.append(("claim", words.WEAK_CLAIM_WORDS, True))
    hits = []
    for priority, (intent, intent_words, weak) in enumerate(vocabulary):
        for word in intent_words:
            for found in _word_pattern(word).finditer(masked):
                if not _negated(masked, found.start(), words.NEGATIONS_BEFORE):
                    hits.append(_Hit(intent, found.start(), found.end(), weak, priority))
    return hits


def _is_the_command(masked: str, lead: int, hit: _Hit, ref: _TicketRef | None) -> bool:
    """The word leads the message, or everything around it is filler ("师傅已到场").

    `lead` is where the message's first word starts.
    """
    if hit.start <= lead:
        return True
    if hit.weak:
        return False
    before, after = masked[lead : hit.start], masked[hit.end :]
    if len(before) <= _LONGEST_ACK and _only_fillers(before, words.ACK_PREFIXES):
        return True
    # Longer free text is conversation; the dispatcher reads a reply like that as a follow-up.
    if len(masked) - lead > _LONGEST_SHORT_COMMAND:
        return False
    if _only_fillers(before + " " + after, words.COMMAND_FILLERS):
        return True
    # "换了点火针，已完成 #12": the closing word acts on the named ticket.
    return ref is not None and _only_fillers(after, words.COMMAND_FILLERS)


_LONGEST_ACK = 8
_LONGEST_SHORT_COMMAND = 40


def _command_result(
    traced: Normalized,
    intent: Intent,
    word_end: int,
    *,
    ticket: str | None,
    ref: _TicketRef | None,
    weak: bool,
) -> Parsed:
    """The command with its note: the user's own words after the command and ticket ref."""
    text = traced.text
    note_start = word_end
    hole = ref if ref and ref.start >= word_end else None
    # The ticket ref straight after the word ("已完成 #12 换了…") comes before the note.
    if hole and not text[word_end : hole.start].strip(_PUNCTUATION):
        note_start, hole = hole.end, None
    target = None
    if intent == "reassign":
        target, note_start = _reassign_target(text, note_start)
    if hole and hole.start >= note_start:
        note = traced.source_slice(note_start, hole.start) + traced.source_slice(hole.end)
    else:
        note = traced.source_slice(note_start)
    # "到场了，…" / "已完成啦": the particle belongs to the command, not to the note.
    note = re.sub(r"^[了啦]+", "", note.strip(_PUNCTUATION)).strip(_PUNCTUATION)
    return Parsed(intent, ticket=ticket, body=note, target=target, weak=weak)


_MENTION = re.compile(r"@([^\s,.;!?:#@]+)")
_NAME = r"@?([^\s,.;!?:#@]+)"
_NAME_AFTER_TO = re.compile(rf"[\s,:]*(?:to\s+|给\s?){_NAME}")
_NAME_RIGHT_AFTER = re.compile(rf"\s?{_NAME}")


def _reassign_target(text: str, after: int) -> tuple[str | None, int]:
    """'@陈明' after the word, else a name after 给/to: 转派 #12 给陈明, reassign #12 to chen."""
    mention = _MENTION.search(text, after)
    if mention:
        return mention.group(1), mention.end()
    # 转给 brings its own 给: 转给陈明.
    name = _NAME_RIGHT_AFTER if text[after - 1 : after] == "给" else _NAME_AFTER_TO
    named = name.match(text, after)
    return (named.group(1), named.end()) if named else (None, after)


def _is_question(masked: str) -> bool:
    tail = masked.rstrip(" .!,。~…")
    return "吗" in masked or tail.endswith(words.QUESTION_ENDINGS)


# --- reports --------------------------------------------------------------------------------


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
    if fields:
        return _report_from_fields(traced, fields, default_kind=words.REPORT_TAGS[tag])
    return _report(
        traced,
        kind=words.REPORT_TAGS[tag],
        content_start=found.end(),
        incomplete=not any(ch.isalnum() for ch in content),
    )


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
        return text[begin:end].strip(_PUNCTUATION)

    kind = next(
        (kind for tag, kind in words.REPORT_TAGS.items() if tag in value("type")), default_kind
    )
    problem = ""
    if "problem" in fields:
        problem = traced.source_slice(*fields["problem"]).strip(_PUNCTUATION)
    return Parsed(
        "report",
        kind=kind,
        emergency=_is_emergency(value("problem") or text),
        address=find_address(value("address")) or find_address(text),
        phone=find_phone(value("phone")) or find_phone(text),
        id_number=find_id_number(text),
        body=problem,
        # "#报修" over a form holding only a phone number still lacks what and where.
        incomplete=not problem and not value("address"),
    )


def _untagged_report(traced: Normalized, start: int) -> Parsed | None:
    """家里停电了，10栋2单元801 (fault + address), 楼道里有燃气味 (emergency, address or not)."""
    text = traced.text[start:]
    if _is_notice(text) or _contains(text, words.CONDITIONAL_MARKERS):
        return None
    address = find_address(text)
    planned = _contains(text, words.PLANNED_WORDS)
    if _is_emergency(text) and (address or not planned):
        return _report(traced, kind="hazard", content_start=start, emergency=True)
    if address and _has_fault(text) and not _is_news(text):
        return _report(traced, kind="repair", content_start=start)
    return None


def _is_news(text: str) -> bool:
    """An announcement, a trouble already over, or a question: the group talking, not a report."""
    if _contains(text, words.PLANNED_WORDS + words.ANNOUNCEMENT_WORDS + words.SETTLED_WORDS):
        return True
    return text.rstrip(_PUNCTUATION).endswith(words.YES_NO_QUESTION_ENDINGS)


def _report(
    traced: Normalized,
    *,
    kind: Kind,
    content_start: int,
    incomplete: bool = False,
    emergency: bool | None = None,
) -> Parsed:
    content = traced.text[content_start:]
    return Parsed(
        "report",
        kind=kind,
        emergency=_is_emergency(content) if emergency is None else emergency,
        address=find_address(content),
        incomplete=incomplete,
        phone=find_phone(content),
        id_number=find_id_number(content),
        body="" if incomplete else traced.source_slice(content_start).strip(),
    )


def _is_notice(text: str) -> bool:
    opening = text.lstrip(_PUNCTUATION)
    return opening.startswith(words.NOTICE_OPENINGS)


def _is_emergency(text: str) -> bool:
    """An emergency word not denied (没有燃气味了), not a precaution, not in a conditional."""
    if _contains(text, words.CONDITIONAL_MARKERS):
        return False
    for phrase in words.NOT_EMERGENCY_PHRASES:
        text = text.replace(phrase, " " * len(phrase))
    for word in words.EMERGENCY_WORDS:
        for found in _word_pattern(word).finditer(text):
            denied_before = _negated(text, found.start(), words.EMERGENCY_NEGATIONS_BEFORE)
            following = text[found.end() : found.end() + 8]
            if not denied_before and not _contains(following, words.EMERGENCY_NEGATIONS_AFTER):
                return True
    return False


def _has_fault(text: str) -> bool:
    return any(
        not _negated(text, found.start(), words.NEGATIONS_BEFORE)
        for word in words.FAULT_WORDS
        for found in _word_pattern(word).finditer(text)
    )


# --- word matching --------------------------------------------------------------------------


@cache
def _word_pattern(word: str) -> re.Pattern[str]:
    """Chinese words match anywhere; English ones only as whole words ("fire" ≠ "firewall")."""
    pattern = re.escape(word)
    if word[0].isascii() and word[0].isalpha():
        pattern = rf"(?<![a-z']){pattern}"
    if word[-1].isascii() and word[-1].isalpha():
        pattern = rf"{pattern}(?![a-z'])"
    return re.compile(pattern)


def _contains(text: str, vocabulary: tuple[str, ...]) -> bool:
    return any(_word_pattern(word).search(text) for word in vocabulary)


def _negated(text: str, word_start: int, negations: tuple[str, ...]) -> bool:
    """Whether a negation sits right before the word at word_start."""
    before = text[max(word_start - _NEGATION_REACH, 0) : word_start]
    # English negations carry their space ("not "); Chinese ones may be followed by a stray one.
    return before.endswith(negations) or before.rstrip().endswith(
        tuple(negation for negation in negations if not negation.endswith(" "))
    )


_NEGATION_REACH = 8


def _only_fillers(text: str, fillers: tuple[str, ...]) -> bool:
    """Whether nothing but filler words and punctuation is left in the text."""
    for filler in sorted(fillers, key=len, reverse=True):
        text = _word_pattern(filler).sub(" ", text)
    return not text.strip(_PUNCTUATION)
