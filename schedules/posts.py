"""Posts the schedules make: outbox rows, masked like every post (handlers.context.Context.post)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session

from handlers.directory import Directory
from handlers.privacy import mask_sensitive
from models.outbox import OutboxPost
from models.ticket import Ticket


def queue_post(
    session: Session,
    *,
    chat: str,
    text: str,
    now: datetime,
    mentions: Sequence[str] = (),
    ticket_number: int | None = None,
    reply_to: str | None = None,
) -> OutboxPost:
    """Add a post to the outbox in the caller's transaction; the sender delivers it."""
    row = OutboxPost(
        chat=chat,
        text=mask_sensitive(text),
        mentions=list(dict.fromkeys(m for m in mentions if m)),
        ticket_number=ticket_number,
        reply_to=reply_to,
        created_at=now,
    )
    session.add(row)
    return row


def name_of(directory: Directory, person_id: str | None, *, ticket: Ticket | None = None) -> str:
    """A person's display name in a post; a resident's is the name they reported under."""
    if person_id is None:
        return "待分派"
    person = directory.person(person_id)
    if person is not None:
        return person.name
    if ticket is not None and person_id == ticket.reporter:
        return ticket.reporter_name or person_id
    return person_id
