"""Moving a ticket from state to state, stamping the time and writing the audit trail."""

from __future__ import annotations

from handlers.context import Context
from models.ticket import STATES, Ticket, TicketEvent

# When a ticket enters a state, this timestamp records it.
STAMPS = {
    "assigned": "assigned_at",
    "claimed": "claimed_at",
    "in_progress": "in_progress_at",
    "resolved": "resolved_at",
    "closed": "closed_at",
    "reopened": "reopened_at",
    "returned": "returned_at",
}
FINISHED = ("resolved", "closed")


def move(ctx: Context, ticket: Ticket, *, to: str, action: str, note: str | None = None) -> None:
    """Change state and record who did it, when, and from which message."""
    assert to in STATES, f"unknown ticket state {to!r}"
    before = ticket.state
    ticket.state = to
    if to in STAMPS:
        setattr(ticket, STAMPS[to], ctx.now)
    record(ctx, ticket, action=action, note=note, from_state=before, to_state=to)


def record(
    ctx: Context,
    ticket: Ticket,
    *,
    action: str,
    note: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
) -> None:
    """An audit-trail entry; also for steps that change no state (urged, follow-up)."""
    assert ticket.number is not None, "a ticket gets its number (flush) before its first event"
    ticket.updated_at = ctx.now
    ctx.session.add(ticket)
    ctx.session.add(
        TicketEvent(
            ticket_number=ticket.number,
            at=ctx.now,
            actor=ctx.sender,
            action=action,
            from_state=from_state,
            to_state=to_state,
            note=note,
            inbound_id=ctx.inbound.id,
        )
    )
