"""Photos and files people send: kept on the ticket they belong to."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from handlers.context import Context
from models.attachment import add_attachment
from models.inbound import decode_attachments
from models.ticket import Ticket

# A photo sent right after a report (apps send the text and the picture as two messages)
# belongs to that report.
PHOTO_AFTER_REPORT = timedelta(seconds=60)


def files_of(ctx: Context) -> list[tuple[str, str]]:
    return decode_attachments(ctx.inbound.attachments)


def attach_files(ctx: Context, ticket: Ticket) -> int:
    """Keep the message's files on the ticket; returns how many."""
    assert ticket.number is not None
    files = files_of(ctx)
    for kind, ref in files:
        add_attachment(
            ctx.session,
            ticket_number=ticket.number,
            kind=kind,
            ref=ref,
            inbound_id=ctx.inbound.id,
            at=ctx.now,
        )
    return len(files)


def report_just_made(ctx: Context) -> Ticket | None:
    """The sender's own report in this chat from the last minute, for a photo without words."""
    since = ctx.now - PHOTO_AFTER_REPORT
    query = (
        select(Ticket)
        .where(
            Ticket.reporter == ctx.sender,
            Ticket.chat == ctx.chat.id,
            col(Ticket.created_at) >= since,
        )
        .order_by(col(Ticket.number).desc())
    )
    return ctx.session.exec(query).first()
