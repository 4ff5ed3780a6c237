"""Ticket numbers and @mentions as people write them: #3, ＃3, 3号单, 第3单, 工单3, @刘红."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.address import chinese_number

_CN = "零〇一二两三四五六七八九十百"
_NUM = rf"(\d{{1,9}}|[{_CN}]{{1,4}})"
# Each alternative captures the number in its own group; the first that matches names the ticket.
_TICKET_REF = re.compile(
    # "#3栋" names a building, "#3单元" a unit: neither is ticket 3.
    r"[#＃]\s?(\d{1,12})(?!\d|\s?(?:栋|幢|号楼|楼|单元|座|层|室|号楼))"
    rf"|(?:工单|单号|单子|订单|工单号)\s?(?:号|编号)?\s?[:：#]?\s?{_NUM}(?!\d|\s?(?:栋|楼|单元))"
    rf"|第\s?{_NUM}\s?(?:个)?(?:单|张单|号单|笔)"
    r"|(?<![\d\-])(\d{1,9})\s?号?\s?(?:工单|单)(?![元位价据子])"
    r"|ticket\s?(?:no\.?|number|#)?\s?(\d{1,9})(?!\d)"
    r"|(?:^|\s)/(?:claim|take|progress|onsite|done|resolve|resolved|fixed|reassign|transfer|assign"
    r"|return|confirm|reopen|urge|status|query)(?:@\S+)?\s+#?(\d{1,9})(?!\d)"
)
_MENTION = re.compile(r"@([^\s,.;!?:#@，。；！？：、]{1,24})")
# The bot's own names: "@网格管家 接单" speaks to the bot, it names no colleague.
BOT_NAMES = frozenset({"网格管家", "gridsteward", "gridstewardbot", "管家", "机器人", "bot"})


@dataclass(frozen=True, slots=True)
class TicketRef:
    number: str
    start: int
    end: int
    everyday: bool = False  # "ticket 9" may be a show's ticket; "#9" and "9号单" never are


def ticket_ref(text: str) -> TicketRef | None:
    """The first ticket number in normalised text, as a plain number string."""
    for found in _TICKET_REF.finditer(text):
        raw = next((group for group in found.groups() if group), None)
        if raw is None:
            continue
        number = raw if raw.isdigit() else chinese_number(raw)
        if int(number) == 0:
            continue
        everyday = found.group().startswith("ticket")
        return TicketRef(str(int(number)), found.start(), found.end(), everyday=everyday)
    return None


def mentions(text: str) -> list[tuple[str, int, int]]:
    """Every @name with its span; names are as written (normalised)."""
    return [(m.group(1), m.start(), m.end()) for m in _MENTION.finditer(text)]


def colleagues_mentioned(text: str) -> list[str]:
    return [name for name, _, _ in mentions(text) if name.casefold() not in BOT_NAMES]


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans replaced by spaces, so positions stay where they were."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
