"""The resident's side of the loop: confirm, reopen, urge, ask, and add to a ticket."""

from __future__ import annotations

from handlers import texts
from handlers.address import Address, find_address
from handlers.attachments import attach_files, files_of
from handlers.context import Context
from handlers.lifecycle import move, record
from handlers.normalize import normalize
from handlers.parse import Parsed, is_courtesy
from handlers.permissions import may_rate
from handlers.privacy import find_phone
from handlers.report import add_address, raise_to_emergency
from models.ticket import Ticket, link_message
from schedules.chase import chase_summary
from schedules.due import describe_duration, resolve_due_after_reopen


def confirm(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if not may_rate(ctx.sender, ticket):
        ctx.post(texts.only_reporter_rates(number=ticket.number), ticket=ticket)
        return "confirm refused: not the reporter"
    if ticket.state == "closed" and ticket.rating == "satisfied":
        ctx.post(texts.already_done(number=ticket.number, state=ticket.state), ticket=ticket)
        return "already closed"
    if ticket.state not in ("resolved", "closed"):
        ctx.post(texts.not_resolved_yet(number=ticket.number, state=ticket.state), ticket=ticket)
        return "confirm before resolve"
    ticket.rating = "satisfied"
    move(ctx, ticket, to="closed", action="confirmed", note=parsed.body or None)
    ctx.post(texts.closed(number=ticket.number), ticket=ticket)
    return "closed"


def reopen(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if not may_rate(ctx.sender, ticket):
        ctx.post(texts.only_reporter_rates(number=ticket.number), ticket=ticket)
        return "reopen refused: not the reporter"
    if ticket.state not in ("resolved", "closed"):
        ctx.post(texts.not_resolved_yet(number=ticket.number, state=ticket.state), ticket=ticket)
        return "reopen before resolve"
    ticket.rating = "unsatisfied"
    ticket.resolve_due_at = resolve_due_after_reopen(
        ctx.directory,
        kind=ticket.kind,
        emergency=ticket.emergency,
        reopened_at=ctx.now,
        community=ctx.community,
    )
    move(ctx, ticket, to="reopened", action="reopened", note=parsed.body or None)
    assignee = ticket.assignee or ctx.community.secretaries[0]
    ctx.post(
        texts.reopened(number=ticket.number, reason=parsed.body, assignee=ctx.name_of(assignee)),
        mentions=[assignee],
        ticket=ticket,
    )
    return "reopened"


def urge(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    """催办: anyone may nudge the assignee of an open ticket; each nudge is counted."""
    assert ticket.number is not None
    if ticket.state == "closed":
        ctx.post(texts.already_done(number=ticket.number, state=ticket.state), ticket=ticket)
        return "urge on a closed ticket"
    ticket.urge_count += 1
    record(ctx, ticket, action="urged", note=parsed.body or None)
    if ticket.state == "resolved":  # the work is done; what waits is the reporter's word
        reporter = ctx.name_of(ticket.reporter, ticket=ticket)
        ctx.tell_reporter(
            texts.awaiting_confirmation(number=ticket.number, reporter=reporter), ticket=ticket
        )
        return "urged: waiting for the reporter"
    assignee = ticket.assignee
    ctx.post(
        texts.urged(
            number=ticket.number,
            kind=ticket.kind,
            address=_address(ticket),
            waited=describe_duration(ctx.now - ticket.created_at),
            state=ticket.state,
            assignee=ctx.name_of(assignee, ticket=ticket),
        ),
        mentions=[assignee] if assignee else [],
        ticket=ticket,
    )
    return "urged"


def query(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    ctx.post(
        texts.status(
            number=ticket.number,
            kind=ticket.kind,
            emergency=ticket.emergency,
            address=_address(ticket),
            state=ticket.state,
            assignee=ctx.name_of(ticket.assignee) if ticket.assignee else "",
            created=ctx.local_time(ticket.created_at),
            claim_due=ctx.local_time(ticket.claim_due_at),
            resolve_due=ctx.local_time(ticket.resolve_due_at),
            rating=ticket.rating,
            chased=chase_summary(ctx.session, ctx.directory, ticket),
        ),
        ticket=ticket,
    )
    return "status shown"


def follow_up(ctx: Context, ticket: Ticket, parsed: Parsed) -> str:
    """A reply to a ticket that is no command: keep it on the ticket and pass it on."""
    assert ticket.number is not None
    text = ctx.inbound.text.strip()
    extras = files_of(ctx)
    note = " ".join([text, *(texts.file_label(kind) for kind, _ in extras)]).strip()
    record(ctx, ticket, action="follow_up", note=note)
    attach_files(ctx, ticket)
    link_message(
        ctx.session,
        channel=ctx.inbound.channel,
        chat=ctx.chat.id,
        message_id=ctx.message_id,
        ticket_number=ticket.number,
    )
    if parsed.emergency and not ticket.emergency:
        raise_to_emergency(ctx, ticket)
        return "follow-up turned the ticket into an emergency"
    phone = find_phone(text)
    if phone and ctx.sender == ticket.reporter:
        ticket.phone = phone  # "换个号码联系我：139…": the steward calls the new one
    if is_courtesy(text) and not extras:
        return "thanks kept on the ticket, silently"
    if ticket.building is None and ctx.sender == ticket.reporter:
        address = find_address(normalize(text))
        if address and address.building and add_address(ctx, ticket, address):
            return "address added and routed"
    if ticket.assignee and ticket.assignee != ctx.sender:
        ctx.post(
            texts.follow_up(
                number=ticket.number,
                sender=ctx.sender_name,
                text=note,
                assignee=ctx.name_of(ticket.assignee),
            ),
            mentions=[ticket.assignee],
            ticket=ticket,
        )
    return "follow-up attached"


def _address(ticket: Ticket) -> str:
    return Address(ticket.building, ticket.unit, ticket.room).label()
