"""Which handler answers a message: by its intent, and by the ticket it names or replies to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from handlers import digest, residents, texts, work
from handlers.address import Address
from handlers.attachments import files_of, report_just_made
from handlers.context import Context
from handlers.lifecycle import FINISHED
from handlers.parse import Parsed, parse
from handlers.report import report
from models.columns import as_id
from models.ticket import Ticket, get_ticket, ticket_for_message

TicketCommand = Callable[[Context, Parsed, Ticket], str]
COMMANDS: dict[str, TicketCommand] = {
    "claim": work.claim,
    "progress": work.progress,
    "resolve": work.resolve,
    "reassign": work.reassign,
    "return": work.return_,
    "confirm": residents.confirm,
    "reopen": residents.reopen,
    "urge": residents.urge,
    "query": residents.query,
}


def handle(ctx: Context) -> str:
    """Decide what one message means and do it; returns a short outcome for the log."""
    parsed = parse(ctx.inbound.text)
    # -- schedules: on-demand digests; moves onto the parser's "digest"/"overdue" intents --
    asked = digest.on_demand(ctx.inbound.text)
    if asked is not None:
        return asked(ctx, parsed)
    # -- end schedules --
    replied = _replied_ticket(ctx)
    if parsed.intent == "help":
        ctx.post(texts.HELP)
        return "help shown"
    if parsed.intent == "report":
        if replied is not None and not parsed.tagged:
            if not (parsed.emergency and replied.state in FINISHED):
                return residents.follow_up(ctx, replied, parsed)
            # A new emergency under a finished ticket is a new ticket, at the same address.
            if parsed.address is None and replied.building:
                same = Address(replied.building, replied.unit, replied.room)
                parsed = replace(parsed, address=same)
        return report(ctx, parsed)
    if parsed.intent in COMMANDS:
        named = _named_ticket(ctx, parsed)
        if parsed.ticket and named is None:
            return "unknown ticket number"
        ticket = named or replied
        if ticket is None:
            if parsed.weak:
                return "weak claim word with no ticket: chat"
            ctx.post(texts.NEED_TICKET_NUMBER)
            return "command without a ticket"
        return COMMANDS[parsed.intent](ctx, parsed, ticket)
    named = _named_ticket(ctx, parsed)
    if parsed.ticket and named is None:
        return "unknown ticket number"
    target = named or replied
    if target is None and files_of(ctx) and parsed.intent == "none":
        target = report_just_made(ctx)  # the photo sent right after the words
    if target is not None:
        return residents.follow_up(ctx, target, parsed)
    return "chat: silent"


def _replied_ticket(ctx: Context) -> Ticket | None:
    reply_to = ctx.inbound.reply_to
    if not reply_to:
        return None
    return ticket_for_message(
        ctx.session, channel=ctx.inbound.channel, chat=ctx.chat.id, message_id=reply_to
    )


def _named_ticket(ctx: Context, parsed: Parsed) -> Ticket | None:
    """The ticket '#12' names; None, with a clear answer, when this community has no such one."""
    if not parsed.ticket:
        return None
    number = as_id(parsed.ticket)
    ticket = get_ticket(ctx.session, number=number) if number else None
    if ticket is None or ticket.community != ctx.community.id:
        ctx.post(texts.not_found(number=parsed.ticket))
        return None
    return ticket
