"""Where a message's meaning turns into action: parse the words, read the context, act.

parse (the words) → context_facts.gather (the tickets and people around them) →
meaning.decide (what they mean here) → the handler for that meaning.
"""

from __future__ import annotations

from collections.abc import Callable

from handlers import context_facts, digest, residents, review, texts, work
from handlers.address import Address
from handlers.attachments import report_just_made
from handlers.context import Context
from handlers.meaning import Meaning, decide
from handlers.parse import Parsed, parse
from handlers.report import add_address, report
from models.columns import as_id
from models.review import ReviewItem
from models.ticket import Ticket, get_ticket, link_message

TicketAction = Callable[[Context, Parsed, Ticket], str]
TICKET_ACTIONS: dict[str, TicketAction] = {
    "claim": work.claim,
    "progress": work.progress,
    "resolve": work.resolve,
    "reassign": work.reassign,
    "return": work.return_,
    "confirm": residents.confirm,
    "reopen": residents.reopen,
    "query": residents.query,
}


def handle(ctx: Context) -> str:
    """Decide what one message means and do it; returns a short outcome for the log."""
    parsed = parse(ctx.inbound.text)
    named = _named_ticket(ctx, parsed)
    if parsed.ticket and named is None and parsed.intent not in ("register", "dismiss"):
        return "unknown ticket number" if parsed.intent != "none" else "chat: silent"
    facts = context_facts.gather(ctx, parsed, named)
    meaning = decide(parsed, facts)
    ticket = context_facts.load(ctx, meaning.ticket(facts))
    outcome = act(ctx, parsed, meaning, ticket, facts.replied_review, facts.pending_review)
    if ticket is not None and ticket.number is not None and meaning.action in _ACTS_ON_TICKET:
        # "@刘红 #1 你跑一趟" stands for ticket #1 now: a reply to it ("好的 下午过去") reaches it.
        link_message(
            ctx.session,
            channel=ctx.inbound.channel,
            chat=ctx.chat.id,
            message_id=ctx.message_id,
            ticket_number=ticket.number,
        )
    return f"{outcome} [{meaning.action}: {meaning.why}]"


_ACTS_ON_TICKET = frozenset(TICKET_ACTIONS) | {"urge", "nudge", "follow_up"}


def act(
    ctx: Context,
    parsed: Parsed,
    meaning: Meaning,
    ticket: Ticket | None,
    replied_review: int | None,
    pending_review: int | None,
) -> str:
    action = meaning.action
    if action == "help":
        ctx.post(texts.HELP)
        return "help shown"
    if action == "report":
        if pending_review is not None and not parsed.tagged:
            return _complete_review(ctx, parsed, pending_review)
        if parsed.emergency and parsed.address is None and ticket is None:
            parsed = _same_address_as_replied(ctx, parsed)
        return report(ctx, parsed)
    if action == "hold":
        if parsed.intent == "reassign" and ticket is not None and ticket.number is not None:
            ctx.post(texts.need_target(number=ticket.number), ticket=ticket)
        return review.hold(ctx, parsed, parsed.why or meaning.why)
    if action == "review":
        return review.show(ctx)
    if action == "register":
        return review.register(ctx, parsed, replied=replied_review)
    if action == "dismiss":
        return review.dismiss(ctx, parsed, replied=replied_review)
    if action == "ask_ticket":
        # "那个单子弄完了" from a steward with two tickets: which one? Ask, and keep it on
        # 待确认 so a person settles it if nobody answers.
        ctx.post(texts.NEED_TICKET_NUMBER)
        return review.hold(ctx, parsed, "a command with no ticket named")
    if action == "add_address" and ticket is not None and parsed.address is not None:
        if add_address(ctx, ticket, parsed.address):
            return "address added and routed"
        return residents.follow_up(ctx, ticket, parsed)
    if action == "digest":
        weekly = "周" in parsed.cue or "week" in parsed.cue
        return digest.weekly(ctx, parsed) if weekly else digest.digest(ctx, parsed)
    if action == "overdue":
        return digest.overdue(ctx, parsed)
    if action == "chat" or ticket is None:
        if ticket is None and parsed.intent == "none":
            photo_of = report_just_made(ctx)
            if photo_of is not None:
                return residents.follow_up(ctx, photo_of, parsed)
        return "chat: silent"
    if action == "follow_up":
        return residents.follow_up(ctx, ticket, parsed)
    if action == "nudge":
        return residents.nudge(ctx, parsed, ticket)
    if action == "urge":
        return residents.urge(ctx, parsed, ticket, gentle=meaning.gentle)
    return TICKET_ACTIONS[action](ctx, parsed, ticket)


def _complete_review(ctx: Context, parsed: Parsed, item_id: int) -> str:
    """The resident adds what was missing (the building): the waiting message becomes a ticket."""
    item = ctx.session.get(ReviewItem, item_id)
    assert item is not None
    ticket = review.register_item(ctx, item, by=ctx.sender, extra=ctx.inbound.text)
    return f"待确认 {item_id} completed by its sender: ticket #{ticket.number}"


def _same_address_as_replied(ctx: Context, parsed: Parsed) -> Parsed:
    """A new emergency under a finished ticket happens where that ticket was."""
    replied = context_facts.replied_ticket(ctx)
    if replied is None or not replied.building:
        return parsed
    from dataclasses import replace

    return replace(parsed, address=Address(replied.building, replied.unit, replied.room))


def _named_ticket(ctx: Context, parsed: Parsed) -> Ticket | None:
    """The ticket '#12' names; None, with a clear answer, when this community has no such one."""
    if not parsed.ticket or parsed.intent in ("register", "dismiss"):
        return None
    number = as_id(parsed.ticket)
    ticket = get_ticket(ctx.session, number=number) if number else None
    if ticket is None or ticket.community != ctx.community.id:
        if parsed.intent != "none":  # "I bought ticket 9 for the show" needs no answer
            ctx.post(texts.not_found(number=parsed.ticket))
        return None
    return ticket
