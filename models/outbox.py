"""Posts the bot has decided to make, kept until a channel has delivered them."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import json_list_field, utc_field


class OutboxPost(SQLModel, table=True):
    """One post, written in the same transaction as the decision that made it."""

    __tablename__ = "outbox_post"

    id: int | None = Field(default=None, primary_key=True)
    chat: str = Field(max_length=64, index=True)  # the directory's chat id
    text: str
    mentions: list[str] = json_list_field()  # person ids (a resident's is their account)
    ticket_number: int | None = Field(default=None, foreign_key="ticket.number", index=True)
    reply_to: str | None = Field(default=None, max_length=128)  # platform message id to quote
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    created_at: datetime = utc_field(nullable=False)
    sent_at: datetime | None = utc_field(index=True)
    sent_message_id: str | None = Field(default=None, max_length=128)
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = utc_field()
    # A sender takes a post for a while before handing it to its channel, so a second
    # process on the same PostgreSQL never sends it too; a crashed sender's lease runs out
    # (after Settings.outbox_lease_seconds) and the post goes out from the next sender.
    leased_until: datetime | None = utc_field()


def lease_unsent_posts(
    session: Session, *, now: datetime, lease: timedelta, limit: int = 100
) -> list[OutboxPost]:
    """Take the posts still to deliver, oldest first, for this sender alone; commits.

    Skips posts waiting out a retry back-off and posts another sender holds. On PostgreSQL
    the rows are locked while they are taken (SKIP LOCKED), so two processes split them.
    """
    free = col(OutboxPost.leased_until).is_(None) | (col(OutboxPost.leased_until) <= now)
    due = col(OutboxPost.next_attempt_at).is_(None) | (col(OutboxPost.next_attempt_at) <= now)
    query = (
        select(OutboxPost)
        .where(col(OutboxPost.sent_at).is_(None), free, due)
        .order_by(col(OutboxPost.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    taken = []
    for post in session.exec(query).all():
        # Compare-and-set: on SQLite another process may have read the same rows; the
        # write lock orders the updates and only the first finds the post still free.
        claim = (
            update(OutboxPost)
            .where(col(OutboxPost.id) == post.id, col(OutboxPost.sent_at).is_(None), free)
            .values(leased_until=now + lease)
        )
        result = session.connection().execute(claim)
        if result.rowcount == 1:
            taken.append(post)
    session.commit()
    for post in taken:
        session.refresh(post)
    return taken
