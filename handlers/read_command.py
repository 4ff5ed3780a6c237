"""What ticket command the words could be: cues per intent, the colleague named, the note."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.emergency import denied_before
from handlers.refs import BOT_NAMES, mentions
from handlers.vocabulary import Intent
from handlers.words import Hit, Lexicon
from handlers.words import commands as words

PUNCTUATION = " \t\n,.;:!?~…。、“”\"'‘’()【】[]<>《》-—_·*/\\|，．；：！？（）～👍🙏🌹"

# Strong cues, checked in this order when two sit in the same place: 不满意 over 满意.
_STRONG: tuple[tuple[Intent, Lexicon], ...] = (
    ("reopen", words.REOPEN_STRONG),
    ("overdue", words.OVERDUE_STRONG),
    ("confirm", words.CONFIRM_STRONG),
    ("reassign", words.REASSIGN_STRONG),
    ("return", words.RETURN_STRONG),
    ("urge", words.URGE_STRONG),
    ("query", words.QUERY_STRONG),
    ("resolve", words.RESOLVE_STRONG),
    ("progress", words.PROGRESS_STRONG),
    ("claim", words.CLAIM_STRONG),
    ("digest", words.DIGEST_STRONG),
    ("review", words.REVIEW_STRONG),
    ("register", words.REGISTER_STRONG),
    ("dismiss", words.DISMISS_STRONG),
)
_SOFT: tuple[tuple[Intent, Lexicon], ...] = (
    ("reopen", words.REOPEN_SOFT),
    ("confirm", words.CONFIRM_SOFT),
    ("resolve", words.RESOLVE_SOFT),
    ("progress", words.PROGRESS_SOFT),
    ("claim", words.CLAIM_SOFT),
)
# Negations that turn a cue around: 没修好 is no resolve, 不用催 no urge.
_NEGATED_OK = {"reopen", "urge", "query", "return"}
# Words that carry the work done: "换了阀门，好了" is the steward resolving, not thanks.
_WORK_DONE = re.compile(
    r"换了|换好|更换|装上|装好|疏通|补好|修了|接好|拧上|打开就|调好|replaced|changed"
)


@dataclass(frozen=True, slots=True)
class Cue:
    intent: Intent
    start: int
    end: int
    strong: bool
    order: int  # position in _STRONG/_SOFT: lower wins a tie at the same place


@dataclass(frozen=True, slots=True)
class CommandReading:
    """The command the words name best, with the other intents they could also mean."""

    intent: Intent
    strong: bool
    cue: Cue
    target: str | None
    alternatives: tuple[Intent, ...]
    question: bool
    thanks: bool


def cues(text: str) -> list[Cue]:
    """Every command cue in normalised text, overlaps settled in favour of the longer one."""
    found: list[Cue] = []
    for strong, table in ((True, _STRONG), (False, _SOFT)):
        for order, (intent, lexicon) in enumerate(table):
            for hit in lexicon.finditer(text):
                if intent not in _NEGATED_OK and denied_before(text, hit.start):
                    continue
                found.append(Cue(intent, hit.start, hit.end, strong, order))
    kept = []
    for cue in found:
        if any(_swallows(other, cue) for other in found if other is not cue):
            continue
        kept.append(cue)
    return kept


def _swallows(other: Cue, cue: Cue) -> bool:
    """`other` covers `cue`: longer, or as long but stronger or earlier in the table."""
    if not (other.start <= cue.start and cue.end <= other.end):
        return False
    other_len, cue_len = other.end - other.start, cue.end - cue.start
    if other_len != cue_len:
        return other_len > cue_len
    return (not other.strong, other.order) < (not cue.strong, cue.order)


def read_command(text: str, *, named_ticket: bool) -> CommandReading | None:
    """The command in `text` (normalised, ticket reference blanked), or None."""
    found = cues(text)
    if not found and words.ACKS.search(text) and _only_acks(text):
        # "收到" is chat; "on it, #14" names the ticket it takes.
        return CommandReading(
            intent="claim" if named_ticket else "none",
            strong=named_ticket,
            cue=Cue("claim", 0, 0, False, 99),
            target=None,
            alternatives=() if named_ticket else ("claim",),
            question=False,
            thanks=bool(words.CONFIRM_THANKS.search(text)),
        )
    target = _target(text, named_ticket=named_ticket)
    if target is not None:
        found.append(Cue("reassign", 0, 0, True, 2))
    if not found:
        return None
    thanks = bool(words.CONFIRM_THANKS.search(text))
    question = _is_question(text)
    strong = [c for c in found if c.strong]
    pool = strong or found
    best = min(pool, key=_rank)
    intent: Intent = best.intent
    # "修好了 谢谢师傅" is the reporter's word; "换了阀门 好了" the steward's.
    if intent == "resolve" and thanks and not _WORK_DONE.search(text):
        intent = "confirm"
    if intent == "confirm" and not best.strong and _WORK_DONE.search(text) and not thanks:
        intent = "resolve"
    if question and intent in ("resolve", "progress", "claim", "confirm") and _asks(text, best):
        intent = "query"
    alternatives = tuple(dict.fromkeys(c.intent for c in sorted(found, key=_rank)))
    return CommandReading(
        intent=intent,
        strong=best.strong or named_ticket,
        cue=best,
        target=target if intent == "reassign" else None,
        alternatives=tuple(a for a in alternatives if a != intent),
        question=question,
        thanks=thanks,
    )


# Intents that judge the whole message wherever their cue stands; the rest go by position.
_WHOLE_MESSAGE = {"reopen": 0, "overdue": 1, "confirm": 2, "reassign": 3, "return": 4, "urge": 5}
# Among soft cues the outcome counts: "上门看了 … 打开就好了" is resolved.
_SOFT_ORDER = {"reopen": 0, "resolve": 1, "confirm": 2, "progress": 3, "claim": 4}


def _rank(cue: Cue) -> tuple[int, int]:
    if cue.intent in _WHOLE_MESSAGE:
        return (_WHOLE_MESSAGE[cue.intent], cue.start)
    if not cue.strong:
        return (10 + _SOFT_ORDER.get(cue.intent, 5), cue.start)
    return (20, cue.start)


def _target(text: str, *, named_ticket: bool) -> str | None:
    """The colleague a ticket goes to: '@刘红 … 你处理一下', '转派 #3 给陈明', 'to chen'."""
    named = [(name, start) for name, start, _ in mentions(text) if name.casefold() not in BOT_NAMES]
    if named and (words.REASSIGN_ASKS.search(text) or words.REASSIGN_STRONG.search(text)):
        return named[0][0]
    verb = words.REASSIGN_STRONG.search(text)
    after = verb.end if verb else None
    if after is None:
        if not named_ticket:
            return None
        give = re.search(
            rf"(?:{'|'.join(words.REASSIGN_GIVE)})(?=\s?@?[\u4e00-\u9fff]{{2,3}})", text
        )
        if give is None or not re.search(r"[去吧处理跟接办]|$", text[give.end() :]):
            return None
        after = give.end()
    rest = text[after:]
    english = re.match(r"\s*(?:#\s?\d+\s*)?(?:to\s+)@?([a-z][\w\-]*|[\u4e00-\u9fff]{2,4})", rest)
    if english:
        return english.group(1)
    chinese = re.match(
        r"[\s:：]*(?:给|俾|到)?\s?@?(?![他她我你这那谁哪])([\u4e00-\u9fff]{2,3}?)"
        r"(?=[\s,，。吧去处理跟接办他她]|$)",
        rest,
    )
    if chinese and not _QUESTION_WORD.search(chinese.group(1)):
        return chinese.group(1)
    mention = re.match(r"\s*@([^\s,.;!?:#@，。]+)", rest)
    return mention.group(1) if mention else None


def _asks(text: str, cue: Cue) -> bool:
    """The question is about the cue itself ("修好了吗", "到了没") rather than something
    else said beside it ("到楼下了 家里有人吗")."""
    after = text[cue.end : cue.end + 4]
    return bool(re.match(r"\s*(?:吗|么|嘛|没有?|未|冇|\?|？|呢)", after)) or text.strip().endswith(
        "?"
    )


def _only_acks(text: str) -> bool:
    """'收到', '好的 👍', 'ok': an acknowledgement and nothing more."""
    rest = words.FILLERS.blank(words.ACKS.blank(text))
    return not any(ch.isalnum() for ch in rest)


_QUESTION_WORD = re.compile(r"谁|哪|什么|啥|几|咩|边个")
_ASKING = re.compile(r"吗|\?|请问|想问|问一下|什么时候|啥时候|几点|何时|when |how |what |where ")


def _is_question(text: str) -> bool:
    tail = text.rstrip(" .!,。~…！")
    return bool(_ASKING.search(text)) or tail.endswith(words.QUESTION_ENDINGS)


def note_after(text: str, cue: Cue) -> tuple[int, int]:
    """Where the note after a command's cue starts and ends in normalised text."""
    start = cue.end
    while start < len(text) and text[start] in PUNCTUATION + "了啦":
        start += 1
    return start, len(text)


__all__ = ["CommandReading", "Cue", "Hit", "cues", "note_after", "read_command"]
