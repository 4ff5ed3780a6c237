"""What the schedules already did: chase steps on overdue tickets and digests sent, once each."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import utc_field
from models.ticket import Ticket


class ChaseStep(SQLModel, table=True):
    """One step of chasing an overdue ticket: a reminder, or an escalation (督办) to the grid's
    supervisor or the community's secretaries.

    The unique key is the whole guard against double posts: two processes that decide the same
    step both try to insert it with its outbox post, and only one transaction commits.
    """

    __tablename__ = "chase_step"
    __table_args__ = (UniqueConstraint("ticket_number", "level", "since", "step"),)

    id: int | None = Field(default=None, primary_key=True)
    ticket_number: int = Field(foreign_key="ticket.number", index=True)
    level: str = Field(max_length=16)  # "claim" | "resolve": which due time is being chased
    # When the ticket entered the state being chased; a ticket that moves starts a new chase.
    since: datetime = utc_field(nullable=False)
    step: int  # 1, 2, … within (ticket, level, since)
    action: str = Field(max_length=16)  # "remind" | "supervisor" | "secretaries"
    mentioned: str = Field(default="", max_length=256)  # person ids, space-separated
    due_at: datetime = utc_field(nullable=False)  # when the step fell due (before quiet hours)
    at: datetime = utc_field(nullable=False)  # when it was written


class DigestSent(SQLModel, table=True):
    """A digest (通报) that went to a community's digest chat: one per community, kind, period."""

    __tablename__ = "digest_sent"

    community: str = Field(primary_key=True, max_length=64)
    kind: str = Field(primary_key=True, max_length=16)  # "daily" | "weekly"
    period: str = Field(primary_key=True, max_length=10)  # local date it covers, 2026-11-24
    chat: str = Field(max_length=64)
    at: datetime = utc_field(nullable=False)


# The chase sweep asks "which open tickets are past this due time": with the state first, the
# index walks only open tickets, however many closed ones the history holds.
Index("ix_ticket_state_claim_due_at", col(Ticket.state), col(Ticket.claim_due_at))
Index("ix_ticket_state_resolve_due_at", col(Ticket.state), col(Ticket.resolve_due_at))
# The digest reads a community's tickets touched in the last days (plus its open ones).
Index(
    "ix_ticket_community_updated_at",
    col(Ticket.community),
    col(Ticket.updated_at),
)


def chase_steps(session: Session, *, numbers: Iterable[int]) -> list[ChaseStep]:
    """Every step taken on these tickets, oldest first."""
    wanted = list(numbers)
    if not wanted:
        return []
    query = select(ChaseStep).where(col(ChaseStep.ticket_number).in_(wanted))
    return list(session.exec(query.order_by(col(ChaseStep.at), col(ChaseStep.id))))


def digest_sent(session: Session, *, community: str, kind: str, period: str) -> bool:
    return session.get(DigestSent, (community, kind, period)) is not None


def has_tickets_before(session: Session, *, community: str, moment: datetime) -> bool:
    """Whether the community had any ticket before `moment`: a digest is owed only from then."""
    query = select(Ticket.number).where(
        Ticket.community == community, col(Ticket.created_at) < moment
    )
    return session.exec(query.limit(1)).first() is not None
