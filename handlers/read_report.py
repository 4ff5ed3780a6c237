"""Whether the words report a trouble to handle, of which kind, and what says they do not."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.emergency import denied_before, opens_as_notice
from handlers.vocabulary import Kind
from handlers.words import Hit, Lexicon, chatter
from handlers.words import emergency as danger
from handlers.words import reports as words

# A thing and its symptom count together this close: "楼道那个灯又不亮了".
_THING_TO_SYMPTOM = 8
_ENGLISH_REACH = 40
# A round that found something is a report even though rounds are planned work.
_FOUND = re.compile(r"(?:巡查|巡检|安检|检查|排查|入户)(?:中|时|了)?(?:发现|查出|看到|见到)")
# The trouble goes on: "从昨天晚上开始", "好几天了", "since yesterday".
_ONGOING = re.compile(
    r"开始|到现在|至今|一直|好几天|几天了|天了|还是|又|现在还|现在也|现在又"
    r"|since|for a week|all day"
)
# Asking why something went wrong before: "上次停水是什么原因" is history, not a report.
_WHY_BEFORE = re.compile(r"什么原因|啥原因|咩原因|怎么回事|怎么处理的|是因为|what caused")


# Complaints and questions may tell of the past ("上次没在家", "上周约的换表") and still ask now.
_ASKING = ("complaint", "inquiry")


# "停电了吗？", "你们有水吗": asking whether the outage is theirs too — not "是炉子坏了吗"
# (the cause) or "这合规吗" (whether it is allowed), which still report.
_YES_NO = re.compile(
    r"(?:停电|停水|停气|没电|没水|没气|有电|有水|有气|来电|来水|来气|断电|跳闸)了?"
    r"(?:吗|么|没有?|嘛|冇)\s*[?？!！。.]*\s*$"
    r"|是不是(?:停电|停水|停气|断电)|是不是.{0,3}要(?:停|断)|(?:power|water|gas) (?:out|off)\?"
)


@dataclass(frozen=True, slots=True)
class ReportReading:
    """What the words say about a trouble; `clear` when no context is needed to act on it."""

    kind: Kind
    clear: bool
    blocked_by: str | None  # why the words are the group talking, not a report
    mine: bool  # the speaker's own trouble, or a request to come


def read_report(text: str, *, has_address: bool) -> ReportReading | None:
    """A normalised message's report evidence, or None when it names no trouble at all."""
    text = words.NOT_FAULTS.blank(text)
    faults = fault_hits(text)
    # A symptom with no thing the lists know ("围网破了个大口子"): weak evidence of a fault,
    # for the second opinion to weigh; never clear by itself.
    loose = [] if faults else _live(words.SYMPTOMS, text)
    hazard = _live(words.HAZARDS, text)
    complaint = _live(words.COMPLAINTS, text)
    inquiry = words.INQUIRIES.search(text) is not None
    if not (faults or loose or hazard or complaint or inquiry):
        return None
    mine = words.MINE.search(text) is not None
    kind: Kind = "repair"
    if complaint:
        kind = "complaint"
    elif hazard:
        kind = "hazard"
    elif inquiry:
        kind = "inquiry"
    troubles = faults + loose + hazard + complaint
    blocked = _blocked(text, troubles, kind=kind, here=has_address or mine, address=has_address)
    if kind == "repair":
        # "3栋停电了吗？" asks the group whether it is just them, and "停电了" alone may answer
        # someone: a person should look. A fault told in more words is the speaker's own.
        asking = _YES_NO.search(text) is not None
        bare = _bare(text)
        clear = bool(faults) and (has_address or mine or not bare) and not asking
    elif kind == "hazard":
        clear = has_address or mine or len(hazard) > 1
    elif kind == "complaint":
        # "到底谁管啊" alone names nothing to handle; a noise, a smell, a place names something.
        clear = has_address or mine or len(complaint) > 1 or bool(words.THINGS.search(text))
    else:
        clear = True
    return ReportReading(kind=kind, clear=clear, blocked_by=blocked, mine=mine)


def fault_hits(text: str) -> list[Hit]:
    """Faults said alone, and things paired with a symptom shortly after them."""
    hits = _live(words.FAULTS, text)
    things = words.THINGS.find(text)
    if things:
        for symptom in _live(words.SYMPTOMS, text):
            reach = _ENGLISH_REACH if symptom.word.isascii() else _THING_TO_SYMPTOM
            for thing in things:
                after = 0 <= symptom.start - thing.end <= reach
                english_before = thing.word.isascii() and 0 <= thing.start - symptom.end <= 12
                if after or english_before:
                    hits.append(Hit(thing.start, symptom.end, thing.word + symptom.word))
                    break
    return sorted(hits, key=lambda hit: hit.start)


def _live(lexicon: Lexicon, text: str) -> list[Hit]:
    return [hit for hit in lexicon.finditer(text) if not denied_before(text, hit.start)]


def _blocked(
    text: str, troubles: list[Hit], *, kind: Kind, here: bool, address: bool
) -> str | None:
    """Why a message with trouble words is talk, not a report; None when it is a report."""
    reason = talk_reason(text, kind=kind, here=here, has_address=address)
    if reason:
        return reason
    settled = _last(chatter.SETTLED, text)
    if settled is not None and not any(hit.start >= settled for hit in troubles):
        return "already over"
    return None


# Telling of something that happened and is over: "刚才闪了一下 现在好了 虚惊一场".
_NARRATIVE = re.compile(r"刚才|后来|虚惊|原来|自己|误会|哈哈|😂")


_REQUEST = re.compile(r"麻烦|帮忙|快来|来人|派人|来看|来修|报修|管管|救命|please|help")


def talk_reason(
    text: str, *, kind: Kind | None = None, here: bool = False, has_address: bool = False
) -> str | None:
    """Why a message is the group talking (news, a notice, the past, advice …), or None.

    Commands use it too: "上周电梯坏了第二天就修好了" thanks, it resolves no ticket.
    """
    found = _FOUND.search(text) is not None
    if chatter.ADS.search(text):
        return "advertisement"
    if danger.NEWS_FOR_SURE.search(text) or (chatter.NEWS.search(text) and not here):
        return "news"
    if chatter.NOTICE.search(text) or opens_as_notice(text):
        return "notice"
    if chatter.STAFF_PLAN.search(text) and not found:
        return "work plan"
    if chatter.PLANNED.search(text) and not found and kind not in ("inquiry", "complaint"):
        return "planned work"
    past = chatter.PAST.search(text) is not None
    settled = chatter.SETTLED.search(text) is not None
    if past and _WHY_BEFORE.search(text):
        return "a question about the past"
    if past and (settled or not _ONGOING.search(text)) and kind not in _ASKING:
        return "past"
    if settled and _NARRATIVE.search(text):
        return "a story that is over"
    if chatter.GROUP_QUESTION.search(text) and kind != "inquiry":
        return "question to the group"
    # Jokes and advice are told from home too: only an address or a request outweighs them.
    asked = bool(_REQUEST.search(text)) or has_address
    if danger.JOKES.search(text) and not asked:
        return "joke"
    if (chatter.ADVICE.search(text) or danger.PROPAGANDA.search(text)) and not asked:
        return "advice"
    if chatter.THANKS.search(text) and chatter.PAST.search(text):
        return "thanks"
    return None


def _bare(text: str) -> bool:
    """'停电了', 'no power again': a fault in a handful of words, with nothing around it."""
    chinese = len(re.findall(r"[\u3400-\u9fff]", text))
    english = len(re.findall(r"[a-z]{2,}", text))
    return chinese + english <= 5 if chinese else english <= 3


def _last(lexicon: Lexicon, text: str) -> int | None:
    ends = [hit.end for hit in lexicon.finditer(text)]
    return max(ends) if ends else None
