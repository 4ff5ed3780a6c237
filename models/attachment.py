"""Files that came with reports and replies (photos, voice notes), kept by reference."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import utc_field


class TicketAttachment(SQLModel, table=True):
    """One file on a ticket: the platform's reference, and a local copy when one was saved."""

    __tablename__ = "ticket_attachment"

    id: int | None = Field(default=None, primary_key=True)
    ticket_number: int = Field(foreign_key="ticket.number", index=True)
    kind: str = Field(max_length=16)  # "photo" | "voice" | "file"
    ref: str = Field(max_length=512)  # the platform's file id, FileBox name or message id
    saved_path: str | None = Field(default=None, max_length=512)
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    at: datetime = utc_field(nullable=False)


def add_attachment(
    session: Session,
    *,
    ticket_number: int,
    kind: str,
    ref: str,
    inbound_id: int | None,
    at: datetime,
    saved_path: str | None = None,
) -> TicketAttachment:
    row = TicketAttachment(
        ticket_number=ticket_number,
        kind=kind,
        ref=ref,
        saved_path=saved_path,
        inbound_id=inbound_id,
        at=at,
    )
    session.add(row)
    return row


def ticket_attachments(session: Session, *, number: int) -> list[TicketAttachment]:
    query = select(TicketAttachment).where(TicketAttachment.ticket_number == number)
    return list(session.exec(query.order_by(col(TicketAttachment.id))))
