"""Present danger in a message, and which kind: gas, fire, electric, lift or water."""

from __future__ import annotations

from typing import Literal

from handlers.words import Hit, Lexicon
from handlers.words import chatter
from handlers.words import emergency as words

EmergencyType = Literal["gas", "fire", "electric", "lift", "water"]
EMERGENCY_TYPES: tuple[EmergencyType, ...] = ("gas", "fire", "electric", "lift", "water")

# Equipment and its symptom count together only this close ("电表箱那边冒烟了").
_NEAR = 12
_NEAR_ENGLISH = 40
_OPEN_FIRE = {"着火", "起火", "失火", "火灾", "烧起来", "烧着了", "明火", "火苗", "大火", "火光"}
_OPEN_FIRE |= {"爆炸", "炸了", "爆燃", "on fire", "flames", "explosion", "exploded", "fire"}


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
    if words.NEWS_FOR_SURE.search(text):
        return None
    if words.OVER.search(text) and not words.STILL.search(text):
        return None
    if (chatter.FUTURE_WORK.search(text) or chatter.NOTICE.search(text)) and not (
        words.STILL.search(text) or words.URGENT.search(text)
    ):
        return None  # "明天检修，届时可能有燃气味": a notice, however it is worded
    opening = text.lstrip(" #【[(:,.!?")
    if text.startswith(words.NOTICE_OPENINGS) or opening.startswith(words.NOTICE_OPENINGS):
        return None
    cleared = words.NOT_DANGER.blank(text)
    found = _types_in(cleared)
    if not found:
        return None
    here = has_address or words.LOCAL.search(text)
    now = words.PRESENT.search(text)
    if words.NEWS.search(text) and not here:
        return None
    if chatter.PAST.search(text) and not now:
        return None
    if words.PROPAGANDA.search(text) and not (here or now):
        return None
    return found


def _types_in(text: str) -> EmergencyType | None:
    """The most pressing danger named; lift and open fire first, plain gas smell last."""
    if _live(words.LIFT, text):
        return "lift"
    fire = _live(words.FIRE, text)
    if any(hit.word in _OPEN_FIRE for hit in fire):
        return "fire"
    if _near(words.WATER_PLACES, words.WATER_SYMPTOMS, text):
        return "water"
    if _live(words.ELECTRIC, text) or _near(
        words.ELECTRIC_EQUIPMENT, words.ELECTRIC_SYMPTOMS, text
    ):
        return "electric"
    if fire:
        return "fire"
    if _live(words.GAS, text):
        return "gas"
    return None


def _live(lexicon: Lexicon, text: str) -> list[Hit]:
    """Hits not denied before (没有燃气味) or after (燃气味已经没了)."""
    return [
        hit
        for hit in lexicon.finditer(text)
        if not denied_before(text, hit.start) and not _denied_after(text, hit.end)
    ]


def _near(things: Lexicon, symptoms: Lexicon, text: str) -> bool:
    thing_hits = _live(things, text)
    if not thing_hits:
        return False
    for symptom in _live(symptoms, text):
        for thing in thing_hits:
            gap = symptom.start - thing.end if symptom.start >= thing.end else thing.start - symptom.end
            reach = _NEAR_ENGLISH if symptom.word.isascii() else _NEAR
            if -1 < gap <= reach or (thing.start <= symptom.start < thing.end):
                return True
    return False


def denied_before(text: str, start: int) -> bool:
    before = text[max(start - 6, 0) : start]
    stripped = before.rstrip()
    return before.endswith(words.DENIALS_BEFORE) or stripped.endswith(
        tuple(d for d in words.DENIALS_BEFORE if not d.endswith(" "))
    )


def _denied_after(text: str, end: int) -> bool:
    return words.DENIALS_AFTER.search(text, end, min(end + 8, len(text))) is not None
