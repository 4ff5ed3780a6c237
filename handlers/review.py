"""待确认: messages the bot could not decide wait here until grid staff register or dismiss them.

Nothing is silently dropped: a doubtful message (a fault with no place, a possible report in
unusual words) becomes a ReviewItem; the staff see them batched in the office chat
(schedules/review.py) and with the `待确认` command, and one reply (`登记 N` / `忽略 N`, or
`登记` in reply to the message) decides.
"""

from __future__ import annotations

import dataclasses
import re

from handlers import texts
from handlers.address import find_address
from handlers.context import Context
from handlers.directory import Directory
from handlers.lifecycle import record
from handlers.normalize import normalize
from handlers.parse import Parsed, parse
from handlers.report import create_ticket
from models.inbound import InboundMessage
from models.review import ReviewItem, review_for_message, waiting_reviews
from models.ticket import Ticket, link_message

_NUMBER = re.compile(r"(\d{1,9})")


def hold(ctx: Context, parsed: Parsed, why: str) -> str:
    """Keep the message for the staff; the batch post or `待确认` shows it."""
    item = ReviewItem(
        community=ctx.community.id,
        chat=ctx.chat.id,
        channel=ctx.inbound.channel,
        message_id=ctx.message_id,
        inbound_id=ctx.inbound.id or 0,
        sender=ctx.sender,
        sender_name=ctx.sender_name,
        text=ctx.inbound.text,
        reason=why[:128],
        created_at=ctx.now,
    )
    ctx.session.add(item)
    ctx.session.flush()
    return f"held on 待确认 as {item.id}: {why}"


def show(ctx: Context) -> str:
    if not _staff(ctx):
        ctx.post(texts.REVIEW_STAFF_ONLY)
        return "待确认 refused: not staff"
    items = waiting_reviews(ctx.session, community=ctx.community.id)
    if not items:
        ctx.post(texts.REVIEW_EMPTY)
        return "待确认: empty"
    ctx.post(texts.review_list(items=[review_line(ctx.directory, item) for item in items]))
    return f"待确认: {len(items)} shown"


def register(ctx: Context, parsed: Parsed, *, replied: int | None) -> str:
    item = _chosen(ctx, parsed, replied)
    if item is None:
        return "register: no such item"
    ticket = register_item(ctx, item, by=ctx.sender)
    ctx.post(
        texts.review_registered(
            number=item.id or 0, ticket=ticket.number or 0, by=ctx.name_of(ctx.sender)
        )
    )
    return f"待确认 {item.id} registered as ticket #{ticket.number}"


def dismiss(ctx: Context, parsed: Parsed, *, replied: int | None) -> str:
    item = _chosen(ctx, parsed, replied)
    if item is None:
        return "dismiss: no such item"
    item.state = "dismissed"
    item.decided_at = ctx.now
    item.decided_by = ctx.sender
    ctx.session.add(item)
    ctx.post(texts.review_dismissed(number=item.id or 0, by=ctx.name_of(ctx.sender)))
    return f"待确认 {item.id} dismissed"


def register_item(ctx: Context, item: ReviewItem, *, by: str, extra: str = "") -> Ticket:
    """A ticket from the waiting message, as if the resident had reported it clearly; the
    report is announced in their chat, quoting their message."""
    original = ctx.session.get(InboundMessage, item.inbound_id)
    assert original is not None, "a review item keeps its message"
    chat = ctx.directory.chats[item.chat]
    as_reporter = dataclasses.replace(
        ctx,
        inbound=original,
        chat=chat,
        sender=item.sender,
        sender_name=item.sender_name,
        person=ctx.directory.person(item.sender),
    )
    parsed = _as_report(item.text + (" " + extra if extra else ""))
    ticket = create_ticket(as_reporter, parsed)
    assert ticket.number is not None
    number = ticket.number
    if extra:
        link_message(
            ctx.session,
            channel=ctx.inbound.channel,
            chat=ctx.chat.id,
            message_id=ctx.message_id,
            ticket_number=number,
        )
    item.state = "registered"
    item.decided_at = ctx.now
    item.decided_by = by
    item.ticket_number = number
    ctx.session.add(item)
    record(ctx, ticket, action="registered", note=f"待确认〔{item.id}〕")
    return ticket


def _chosen(ctx: Context, parsed: Parsed, replied: int | None) -> ReviewItem | None:
    if not _staff(ctx):
        ctx.post(texts.REVIEW_STAFF_ONLY)
        return None
    number = parsed.ticket or _number_in(parsed.body)
    item: ReviewItem | None = None
    if number is not None:
        item = ctx.session.get(ReviewItem, int(number))
        if item is None or item.community != ctx.community.id or item.state != "waiting":
            ctx.post(texts.review_not_found(number=number))
            return None
        return item
    if replied is not None:
        item = ctx.session.get(ReviewItem, replied)
    elif ctx.inbound.reply_to:
        item = review_for_message(ctx.session, chat=ctx.chat.id, message_id=ctx.inbound.reply_to)
    else:
        waiting = waiting_reviews(ctx.session, community=ctx.community.id, limit=2)
        item = waiting[0] if len(waiting) == 1 else None
    if item is None or item.state != "waiting":
        ctx.post(texts.REVIEW_WHICH)
        return None
    return item


def _number_in(text: str) -> str | None:
    found = _NUMBER.search(normalize(text))
    return found.group(1) if found else None


def _as_report(text: str) -> Parsed:
    """Read the waiting message as a report, whatever made it doubtful."""
    parsed = parse(text)
    if parsed.intent == "report":
        return dataclasses.replace(parsed, doubtful=False)
    return Parsed(
        "report",
        kind="repair",
        address=find_address(normalize(text)),
        body=text.strip(),
    )


def _staff(ctx: Context) -> bool:
    return ctx.person is not None and ctx.sender in ctx.directory.members(ctx.community.id)


def review_line(directory: Directory, item: ReviewItem) -> tuple[int, str, str, str]:
    """(number, who, where and when, what they wrote) as the 待确认 lists show it."""
    chat = directory.chats.get(item.chat)
    local = item.created_at.astimezone(directory.timezone).strftime("%H:%M")
    where = f"{chat.name if chat else item.chat} {local}"
    return (item.id or 0, item.sender_name or item.sender, where, item.text)
