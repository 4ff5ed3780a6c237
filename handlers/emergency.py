"""Present danger in a message, and which kind: gas, fire, electric, lift or water."""

from __future__ import annotations

import re
from typing import Literal

from handlers.words import Hit, Lexicon, chatter
from handlers.words import emergency as words

EmergencyType = Literal["gas", "fire", "electric", "lift", "water"]
EMERGENCY_TYPES: tuple[EmergencyType, ...] = ("gas", "fire", "electric", "lift", "water")

# Equipment and its symptom count together only this close ("电表箱那边冒烟了").
_NEAR_ENGLISH = 40


# What a message must at least mention before a danger of that type is believed of it.
_PLAUSIBLE: dict[str, re.Pattern[str]] = {
    "gas": re.compile(
        r"燃气|煤气|天然气|液化气|瓦斯|燃汽|然气|煤汽|gas|报警器|警报器|一氧化碳|\bco\b|臭鸡蛋"
        r"|漏气|rotten egg|(?:灶|表|阀|管).{0,10}(?:味|臭)"
    ),
    "fire": re.compile(r"火|烟|烧|焦|燃|着了|smoke|fire|burn|flame|爆炸|explo"),
}


def plausible(kind: str, text: str) -> bool:
    """Whether the words name what a danger of `kind` needs: a gas word for gas, fire or smoke
    for fire, an electrical fitting for electric and water, a lift and someone in it."""
    if kind in _PLAUSIBLE:  # "烟头", "烧香": the words, not the danger
        return _PLAUSIBLE[kind].search(words.NOT_DANGER.blank(text)) is not None
    if kind == "lift":
        return bool(
            words.LIFTS.search(text) and (words.INSIDE.search(text) or words.TRAPPED.search(text))
        )
    if kind == "water":
        return bool(words.WATER_ELECTRIC.search(text) and not words.NOT_TRAPPED.search(text))
    if kind == "electric":
        return bool(
            words.ELECTRIC.search(text)
            or (words.ELECTRIC_THINGS.search(text) and words.ELECTRIC_BURNING.search(text))
        )
    return False


_ASKS_ABOUT_IT = re.compile(r"吗|\?|？|后来|怎么回事|是谁|谁家|did anyone|anyone know")


def surely_talk(text: str) -> bool:
    """News, a drill, an ad, a safety tip, a notice, a question about the past, or a danger
    said to be over: the model's guess of a danger is not taken here (the rules' own finer
    suppressors stay the rules')."""
    if chatter.PAST.search(text) and _ASKS_ABOUT_IT.search(text):
        return True
    return bool(
        words.NEWS_FOR_SURE.search(text)
        or words.JOKES.search(text)
        or words.DRILL.search(text)
        or chatter.ADS.search(text)
        or words.PROPAGANDA_FOR_SURE.search(text)
        or words.WHAT_IF.search(text)
        or opens_as_notice(text)
        or (words.OVER.search(text) and not words.STILL.search(text))
    )


def talk_of_danger(text: str) -> bool:
    """Danger words that are a drill, a what-if, a joke, news, an ad, a tip, a notice or
    over: nothing here needs an alarm, whatever the words."""
    if (
        words.DRILL.search(text)
        or words.CONDITIONALS.search(text)
        or words.JOKES.search(text)
        or words.NEWS_FOR_SURE.search(text)
        or chatter.ADS.search(text)
        or words.PROPAGANDA_FOR_SURE.search(text)
        or opens_as_notice(text)
    ):
        return True
    if words.OVER.search(text) and not words.STILL.search(text):
        return True
    return bool(
        (chatter.FUTURE_WORK.search(text) or chatter.NOTICE.search(text))
        and not (words.STILL.search(text) or words.URGENT.search(text))
    )


def find_emergency(text: str, *, has_address: bool = False) -> EmergencyType | None:
    """The danger a normalised message reports here and now, or None.

    None for rules and precautions (如发现燃气味请…), drills, notices, news from elsewhere and
    dangers that are over (昨天着火了，好在没事); a present word (现在, 还, 又) or the speaker's own
    place (我家, 楼道, an address) keeps a report a report.
    """
    if not words.ANY.search(text):
        return None
    if words.DRILL.search(text) or words.CONDITIONALS.search(text) or words.JOKES.search(text):
        return None
    if words.NEWS_FOR_SURE.search(text) or chatter.ADS.search(text):
        return None
    if words.PROPAGANDA_FOR_SURE.search(text):
        return None
    if words.OVER.search(text) and not words.STILL.search(text):
        return None
    if (chatter.FUTURE_WORK.search(text) or chatter.NOTICE.search(text)) and not (
        words.STILL.search(text) or words.URGENT.search(text)
    ):
        return None  # "明天检修，届时可能有燃气味": a notice, however it is worded
    if opens_as_notice(text):
        return None
    cleared = words.NOT_DANGER.blank(text)
    here = bool(has_address or words.LOCAL.search(text) or words.URGENT.search(text))
    found = _types_in(cleared, here=here)
    if not found:
        return None
    now = words.PRESENT.search(text)
    if words.NEWS.search(text) and not here:
        return None
    if chatter.PAST.search(text) and not now:
        return None
    if words.PROPAGANDA.search(text) and not (here or now):
        return None
    return found


def _types_in(text: str, *, here: bool) -> EmergencyType | None:
    """The most pressing danger named: a person trapped and open fire first, gas smell last.

    `here`: the speaker is at the place (an address, 我家, 楼道, 快来) — what weak words like
    smoke need before they are believed.
    """
    if _lift(text):
        return "lift"
    if _live(words.FIRE, text):
        return "fire"
    if _water(text):
        return "water"
    if _live(words.ELECTRIC, text) or _near(
        words.ELECTRIC_THINGS, words.ELECTRIC_BURNING, text, reach=16
    ):
        return "electric"
    if _live(words.GAS, text):
        return "gas"
    weak = _live(words.FIRE_WEAK, text)
    # Smoke over a stove burns badly; "火灾" in advice to all ("每家都备个灭火器") is no fire.
    advice = words.PROPAGANDA.search(text) or chatter.ADVICE.search(text)
    if weak and here and not advice and not _near(words.STOVE, words.FIRE_WEAK, text, reach=12):
        return "fire"
    return None


def _water(text: str) -> bool:
    """Water going onto or into an electrical fitting, not merely beside one ("灯不亮 漏水")."""
    things = _live(words.WATER_ELECTRIC, text)
    if not things:
        return False
    for hit in words.WATER_IN.finditer(text):
        if any(
            0 <= hit.start - thing.end <= 12 or thing.start <= hit.start < thing.end
            for thing in things
        ):
            return True
    for hit in words.WATER_ONTO.finditer(text):
        if any(0 <= thing.start - hit.end <= 12 for thing in things):
            return True
    return False


def _lift(text: str) -> bool:
    """Someone cannot get out of a lift: a lift and trapped, or stuck with a person inside."""
    lifts = words.LIFTS.find(text)
    if not lifts or words.NOT_TRAPPED.search(text):
        return False
    # Only a denial before counts here: "困在电梯里 灯灭了" is no danger that went out.
    trapped = any(not denied_before(text, hit.start) for hit in words.TRAPPED.finditer(text))
    inside = any(not denied_before(text, hit.start) for hit in words.INSIDE.finditer(text))
    stuck = any(not denied_before(text, hit.start) for hit in words.STUCK.finditer(text))
    return trapped or (stuck and inside)


def _live(lexicon: Lexicon, text: str) -> list[Hit]:
    """Hits not denied before (没有燃气味) or after (燃气味已经没了)."""
    return [
        hit
        for hit in lexicon.finditer(text)
        if not denied_before(text, hit.start) and not _denied_after(text, hit.end)
    ]


def _near(things: Lexicon, symptoms: Lexicon, text: str, *, reach: int) -> bool:
    """A thing and a symptom within `reach` characters of each other, in either order."""
    thing_hits = _live(things, text)
    if not thing_hits:
        return False
    for symptom in _live(symptoms, text):
        for thing in thing_hits:
            gap = (
                symptom.start - thing.end
                if symptom.start >= thing.end
                else thing.start - symptom.end
            )
            limit = _NEAR_ENGLISH if symptom.word.isascii() else reach
            if -1 < gap <= limit or (thing.start <= symptom.start < thing.end):
                return True
    return False


def denied_before(text: str, start: int) -> bool:
    before = text[max(start - 6, 0) : start]
    stripped = before.rstrip()
    if stripped.endswith(("是不是", "是否", "有没有", "会不会", "是唔是", "有冇")):
        return False  # "是不是漏气了" asks; it does not deny
    return before.endswith(words.DENIALS_BEFORE) or stripped.endswith(
        tuple(d for d in words.DENIALS_BEFORE if not d.endswith(" "))
    )


def _denied_after(text: str, end: int) -> bool:
    return words.DENIALS_AFTER.search(text, end, min(end + 8, len(text))) is not None


_BRACKETED = re.compile(r"^\s*[【\[]([^】\]]{1,12})[】\]]")


def opens_as_notice(text: str) -> bool:
    """'通知：…', '【停电通知】…', 'Reminder: …'; a bracket like 【紧急】 is no notice."""
    bracketed = _BRACKETED.match(text)
    if bracketed:
        return any(word in bracketed.group(1) for word in words.BRACKET_NOTICE)
    opening = text.lstrip(" #(:,.!?")
    return opening.startswith(words.NOTICE_OPENINGS)
