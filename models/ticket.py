"""Tickets, their audit trail, and which chat messages belong to which ticket."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import utc_field

# The states a ticket moves through; see handlers/lifecycle.py for who may move it where.
STATES = ("new", "assigned", "claimed", "in_progress", "resolved", "closed", "reopened", "returned")


class Ticket(SQLModel, table=True):
    """One report from a group chat, from the first message to the resident's confirmation."""

    __tablename__ = "ticket"
    # AUTOINCREMENT on SQLite so a number is never handed out twice, as SERIAL on PostgreSQL.
    __table_args__ = {"sqlite_autoincrement": True}

    number: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # repair | hazard | complaint | inquiry
    emergency: bool = False
    state: str = Field(default="new", max_length=16, index=True)
    text: str  # the report as written; may hold a phone number, so never posted raw
    body: str = ""  # the content without the tag, for posts
    community: str = Field(max_length=64, index=True)
    grid: str | None = Field(default=None, max_length=64, index=True)
    building: str | None = Field(default=None, max_length=16)
    unit: str | None = Field(default=None, max_length=16)
    room: str | None = Field(default=None, max_length=16)
    phone: str | None = Field(default=None, max_length=32)
    id_number: str | None = Field(default=None, max_length=32)
    # A person id, or a resident's platform account; indexed for "this resident's tickets".
    reporter: str = Field(max_length=128, index=True)
    reporter_name: str = Field(default="", max_length=128)
    channel: str = Field(max_length=16)
    chat: str = Field(max_length=64)  # the directory's chat id
    message_id: str = Field(max_length=128)
    assignee: str | None = Field(default=None, max_length=64, index=True)
    rating: str | None = Field(default=None, max_length=16)  # satisfied | unsatisfied
    resolution_note: str | None = None
    urge_count: int = 0
    created_at: datetime = utc_field(nullable=False)
    assigned_at: datetime | None = utc_field()
    claimed_at: datetime | None = utc_field()
    in_progress_at: datetime | None = utc_field()
    resolved_at: datetime | None = utc_field()
    closed_at: datetime | None = utc_field()
    reopened_at: datetime | None = utc_field()
    returned_at: datetime | None = utc_field()
    # Due times are stored now so later sweeps (reminders, 督办) only have to read them.
    claim_due_at: datetime = utc_field(nullable=False, index=True)
    resolve_due_at: datetime = utc_field(nullable=False, index=True)
    updated_at: datetime = utc_field(nullable=False)


class TicketEvent(SQLModel, table=True):
    """One step in a ticket's audit trail: who did what, when, from which message."""

    __tablename__ = "ticket_event"

    id: int | None = Field(default=None, primary_key=True)
    ticket_number: int = Field(foreign_key="ticket.number", index=True)
    at: datetime = utc_field(nullable=False)
    actor: str = Field(max_length=128)
    action: str = Field(max_length=32)
    from_state: str | None = Field(default=None, max_length=16)
    to_state: str | None = Field(default=None, max_length=16)
    note: str | None = None
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")


class MessageLink(SQLModel, table=True):
    """A chat message that stands for a ticket, so a reply to it reaches that ticket."""

    __tablename__ = "message_link"

    channel: str = Field(primary_key=True, max_length=16)
    chat: str = Field(primary_key=True, max_length=64)  # the directory's chat id
    message_id: str = Field(primary_key=True, max_length=128)
    ticket_number: int = Field(foreign_key="ticket.number", index=True)


def get_ticket(session: Session, *, number: int) -> Ticket | None:
    return session.get(Ticket, number)


def ticket_for_message(
    session: Session, *, channel: str, chat: str, message_id: str
) -> Ticket | None:
    link = session.get(MessageLink, (channel, chat, message_id))
    return session.get(Ticket, link.ticket_number) if link else None


def link_message(
    session: Session, *, channel: str, chat: str, message_id: str, ticket_number: int
) -> None:
    if session.get(MessageLink, (channel, chat, message_id)) is None:
        session.add(
            MessageLink(
                channel=channel, chat=chat, message_id=message_id, ticket_number=ticket_number
            )
        )


def ticket_events(session: Session, *, number: int) -> list[TicketEvent]:
    query = select(TicketEvent).where(TicketEvent.ticket_number == number)
    return list(session.exec(query.order_by(col(TicketEvent.id))))


def all_tickets(session: Session) -> list[Ticket]:
    return list(session.exec(select(Ticket).order_by(col(Ticket.number))))


def recent_tickets(
    session: Session, *, community: str | None = None, limit: int = 200
) -> list[Ticket]:
    """The newest tickets, oldest of them first; the chat page reloads this on every post."""
    query = select(Ticket).order_by(col(Ticket.number).desc()).limit(limit)
    if community is not None:
        query = query.where(Ticket.community == community)
    return list(reversed(session.exec(query).all()))
