"""Which due time an open ticket is measured against now, and since when it has been waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.ticket import Ticket

# Waiting to be claimed (接单); claimed and waiting to be resolved (办结). Resolved and closed
# tickets wait on the resident, not the staff, so nobody chases them.
CLAIM_STATES = ("new", "assigned", "returned")
RESOLVE_STATES = ("claimed", "in_progress", "reopened")
CHASED_STATES = CLAIM_STATES + RESOLVE_STATES
# The timestamp a ticket gets when it enters each chased state.
ENTERED = {
    "new": "created_at",
    "assigned": "assigned_at",
    "returned": "returned_at",
    "claimed": "claimed_at",
    "in_progress": "in_progress_at",
    "reopened": "reopened_at",
}


@dataclass(frozen=True, slots=True)
class Level:
    """The deadline an open ticket is held to: `name` is "claim" or "resolve"."""

    name: str
    due_at: datetime
    since: datetime  # when the ticket entered its state; moving it starts a fresh chase


def level_of(ticket: Ticket) -> Level | None:
    """None for a ticket nobody has to act on (resolved, closed)."""
    if ticket.state not in CHASED_STATES:
        return None
    since = getattr(ticket, ENTERED[ticket.state]) or ticket.created_at
    if ticket.state in CLAIM_STATES:
        return Level("claim", ticket.claim_due_at, since)
    return Level("resolve", ticket.resolve_due_at, since)


def overdue_level(ticket: Ticket, now: datetime) -> Level | None:
    """The level whose due time has passed, if any."""
    level = level_of(ticket)
    return level if level is not None and level.due_at <= now else None
