"""Whether the words report a trouble to handle, of which kind, and what says they do not."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.emergency import denied_before, opens_as_notice
from handlers.vocabulary import Kind
from handlers.words import Hit, chatter
from handlers.words import emergency as danger
from handlers.words import reports as words

# A thing and its symptom count together this close: "楼道那个灯又不亮了".
_THING_TO_SYMPTOM = 8
_ENGLISH_REACH = 40
# A round that found something is a report even though rounds are planned work.
_FOUND = re.compile(r"(?:巡查|巡检|安检|检查|排查|入户)(?:中|时|了)?(?:发现|查出)")
# The trouble goes on: "从昨天晚上开始", "好几天了", "since yesterday".
_ONGOING = re.compile(r"开始|到现在|至今|一直|好几天|几天了|天了|还是|又|现在|since|for a week|all day")


# Complaints and questions may tell of the past ("上次没在家", "上周约的换表") and still ask now.
_ASKING = ("complaint", "inquiry")


_YES_NO = re.compile(r"(?:吗|么|没有?|是不是|对吗)\s*[?？!！。.]*\s*$|\?\s*$")


@dataclass(frozen=True, slots=True)
class ReportReading:
    """What the words say about a trouble; `clear` when no context is needed to act on it."""

    kind: Kind
    clear: bool
    blocked_by: str | None  # why the words are the group talking, not a report
    mine: bool  # the speaker's own trouble, or a request to come


def read_report(text: str, *, has_address: bool) -> ReportReading | None:
    """A normalised message's report evidence, or None when it names no trouble at all."""
    if not words.ANY.search(text):
        return None
    faults = fault_hits(text)
    hazard = _live(words.HAZARDS, text)
    complaint = _live(words.COMPLAINTS, text)
    inquiry = words.INQUIRIES.search(text) is not None
    if not (faults or hazard or complaint or inquiry):
        return None
    mine = words.MINE.search(text) is not None
    kind: Kind = "repair"
    if complaint:
        kind = "complaint"
    elif hazard:
        kind = "hazard"
    elif inquiry:
        kind = "inquiry"
    troubles = faults + hazard + complaint
    blocked = _blocked(text, troubles, kind=kind, here=has_address or mine)
    if kind == "repair":
        # "3栋停电了吗？" asks the group whether it is just them: a person should look.
        asking = _YES_NO.search(text) is not None
        clear = bool(faults) and (has_address or mine) and not asking
    elif kind == "hazard":
        clear = has_address or mine or len(hazard) > 1
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


def _live(lexicon: words.Lexicon, text: str) -> list[Hit]:
    return [hit for hit in lexicon.finditer(text) if not denied_before(text, hit.start)]


def _blocked(text: str, troubles: list[Hit], *, kind: Kind, here: bool) -> str | None:
    """Why a message with trouble words is talk, not a report; None when it is a report."""
    reason = talk_reason(text, kind=kind, here=here)
    if reason:
        return reason
    settled = _last(chatter.SETTLED, text)
    if settled is not None and not any(hit.start >= settled for hit in troubles):
        return "already over"
    return None


# Telling of something that happened and is over: "刚才闪了一下 现在好了 虚惊一场".
_NARRATIVE = re.compile(r"刚才|后来|虚惊|原来|自己|误会|哈哈|😂")


def talk_reason(text: str, *, kind: Kind | None = None, here: bool = False) -> str | None:
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
    if past and (settled or not _ONGOING.search(text)) and kind not in _ASKING:
        return "past"
    if settled and _NARRATIVE.search(text):
        return "a story that is over"
    if chatter.GROUP_QUESTION.search(text) and kind != "inquiry":
        return "question to the group"
    if danger.JOKES.search(text) and not here:
        return "joke"
    if chatter.ADVICE.search(text) and not here:
        return "advice"
    if chatter.THANKS.search(text) and chatter.PAST.search(text):
        return "thanks"
    return None




def _last(lexicon: words.Lexicon, text: str) -> int | None:
    ends = [hit.end for hit in lexicon.finditer(text)]
    return max(ends) if ends else None
