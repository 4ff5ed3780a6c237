"""Gather what handlers.meaning needs to know about a message: its tickets and its speaker."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import col, select

from handlers.address import Address, find_address
from handlers.attachments import files_of
from handlers.context import Context
from handlers.meaning import OPEN, Facts, Relation, TicketFacts
from handlers.normalize import normalize
from handlers.parse import Parsed
from handlers.permissions import may_work, supervises
from handlers.read_report import fault_hits
from models.review import pending_review_for, review_for_message
from models.ticket import Ticket, ticket_for_message

# How long a resident's open ticket, or a resolved one awaiting their word, stays "theirs"
# for messages that name no ticket.
OWN_TICKET_WINDOW = timedelta(days=3)
ASKED_WINDOW = timedelta(days=3)
REVIEW_FOLLOW_UP = timedelta(minutes=30)
_ADDRESS_FILLERS = re.compile(r"[我家是住在的地址号码:：,，.。 \-]|我们家|楼号|房号|门牌")


def gather(ctx: Context, parsed: Parsed, named: Ticket | None) -> Facts:
    """The facts of one message; `named` is the ticket '#N' names, already looked up."""
    staff = ctx.person is not None and ctx.sender in ctx.directory.members(ctx.community.id)
    replied = replied_ticket(ctx)
    facts = Facts(
        staff=staff,
        named=ticket_facts(ctx, named) if named else None,
        replied=ticket_facts(ctx, replied) if replied else None,
        asked=None if staff else _asked(ctx),
        own_open=None if staff else _own_open(ctx, parsed),
        own_active=_own_active(ctx) if staff else None,
        pending_review=_pending_review(ctx),
        replied_review=_replied_review(ctx),
        address_only=address_only(ctx.inbound.text),
        has_files=bool(files_of(ctx)),
    )
    return facts


def relation(ctx: Context, ticket: Ticket) -> Relation:
    if ctx.sender == ticket.assignee:
        return "assignee"
    if ctx.sender == ticket.reporter:
        return "reporter"
    if may_work(ctx.directory, ctx.sender, ticket):
        return "overseer" if supervises(ctx.directory, ctx.sender, ticket) else "worker"
    return "other"


def ticket_facts(ctx: Context, ticket: Ticket, *, parsed: Parsed | None = None) -> TicketFacts:
    assert ticket.number is not None
    sla = ctx.directory.sla_for(ticket.kind, emergency=ticket.emergency)
    return TicketFacts(
        number=ticket.number,
        state=ticket.state,
        relation=relation(ctx, ticket),
        age=ctx.now - ticket.created_at,
        claim_window=sla.claim,
        emergency=ticket.emergency,
        has_building=ticket.building is not None or ticket.place is not None,
        same_problem=parsed is not None and same_problem(ticket, parsed),
    )


def replied_ticket(ctx: Context) -> Ticket | None:
    reply_to = ctx.inbound.reply_to
    if not reply_to:
        return None
    return ticket_for_message(
        ctx.session, channel=ctx.inbound.channel, chat=ctx.chat.id, message_id=reply_to
    )


def load(ctx: Context, facts: TicketFacts | None) -> Ticket | None:
    return ctx.session.get(Ticket, facts.number) if facts else None


def _asked(ctx: Context) -> TicketFacts | None:
    """The reporter's ticket the bot asked them to confirm: resolved (or closed) recently."""
    query = (
        select(Ticket)
        .where(
            Ticket.reporter == ctx.sender,
            Ticket.chat == ctx.chat.id,
            col(Ticket.state).in_(("resolved", "closed")),
            col(Ticket.resolved_at) >= ctx.now - ASKED_WINDOW,
        )
        .order_by(col(Ticket.resolved_at).desc())
    )
    ticket = ctx.session.exec(query).first()
    return ticket_facts(ctx, ticket) if ticket else None


def _own_open(ctx: Context, parsed: Parsed) -> TicketFacts | None:
    query = (
        select(Ticket)
        .where(
            Ticket.reporter == ctx.sender,
            Ticket.chat == ctx.chat.id,
            col(Ticket.state).in_(OPEN),
            col(Ticket.created_at) >= ctx.now - OWN_TICKET_WINDOW,
        )
        .order_by(col(Ticket.number).desc())
    )
    ticket = ctx.session.exec(query).first()
    return ticket_facts(ctx, ticket, parsed=parsed) if ticket else None


def _own_active(ctx: Context) -> TicketFacts | None:
    """The one ticket a staff member has in hand in this community, if just one."""
    query = (
        select(Ticket)
        .where(
            Ticket.assignee == ctx.sender,
            Ticket.community == ctx.community.id,
            col(Ticket.state).in_(("claimed", "in_progress")),
        )
        .limit(2)
    )
    tickets = list(ctx.session.exec(query))
    return ticket_facts(ctx, tickets[0]) if len(tickets) == 1 else None


def _pending_review(ctx: Context) -> int | None:
    item = pending_review_for(
        ctx.session, chat=ctx.chat.id, sender=ctx.sender, since=ctx.now - REVIEW_FOLLOW_UP
    )
    return item.id if item else None


def _replied_review(ctx: Context) -> int | None:
    if not ctx.inbound.reply_to:
        return None
    item = review_for_message(ctx.session, chat=ctx.chat.id, message_id=ctx.inbound.reply_to)
    return item.id if item else None


def address_only(text: str) -> bool:
    """'10栋2单元801', '我家是3号楼501': an address and nothing else."""
    normalized = normalize(text)
    address = find_address(normalized)
    if address is None or not (address.building or address.place):
        return False
    rest = re.sub(
        r"\d+|[零〇一二两三四五六七八九十百]+|栋|幢|号楼|号|楼|单元|室|座|#|-", "", normalized
    )
    rest = _ADDRESS_FILLERS.sub("", rest)
    if address.place:
        rest = rest.replace(address.place, "")
    return not any(ch.isalnum() for ch in rest)


def same_problem(ticket: Ticket, parsed: Parsed) -> bool:
    """Whether a resident's new words are about their open ticket: the same place (where
    both say one) and the same trouble (a fault word in common, or the same kind)."""
    address = parsed.address or Address()
    for mine, theirs in (
        (address.building, ticket.building),
        (address.unit, ticket.unit),
        (address.room, ticket.room),
    ):
        if mine and theirs and mine != theirs:
            return False
    if parsed.kind != ticket.kind:
        return False
    if address.room and address.room == ticket.room:
        return True  # the same flat, the same kind of trouble: the same ticket
    if not address.as_dict():
        # No place said: a resident writing again about the same kind of trouble means the
        # one they reported ("现在滴得更厉害了"), unless the words are about something else.
        return True
    new_words = {hit.word for hit in fault_hits(normalize(parsed.body or ""))}
    old_words = {hit.word for hit in fault_hits(normalize(ticket.body or ticket.text))}
    return bool(new_words & old_words) or _overlap(parsed.body, ticket.body) >= 0.25


def _overlap(a: str, b: str) -> float:
    """Share of character pairs two texts have in common (addresses and digits left out)."""

    def pairs(text: str) -> set[str]:
        text = re.sub(r"[\d\s#\-栋号楼单元室]", "", normalize(text))
        return {text[i : i + 2] for i in range(len(text) - 1)}

    left, right = pairs(a), pairs(b)
    return len(left & right) / max(1, min(len(left), len(right)))
