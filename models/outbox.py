"""Posts the bot has decided to make, kept until a channel has delivered them, and who sends.

One sender process at a time holds a chat (`OutboxChatLease`) and hands that chat's posts to
the platform oldest first. The holder renews its lease while it works and confirms it by
compare-and-set right before each send; a crashed holder's lease runs out and another sender
takes the chat over. Every function here commits what it changed unless it says otherwise.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Index, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import json_list_field, utc_field

MAX_BACKOFF = timedelta(minutes=5)


class OutboxPost(SQLModel, table=True):
    """One post, written in the same transaction as the decision that made it."""

    __tablename__ = "outbox_post"
    # The sender's hot query: the unsent posts of one chat, oldest first.
    __table_args__ = (Index("ix_outbox_post_chat_unsent", "chat", "sent_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    chat: str = Field(max_length=64, index=True)  # the directory's chat id
    text: str
    mentions: list[str] = json_list_field()  # person ids (a resident's is their account)
    mention_names: list[str] = json_list_field()  # display names, aligned with mentions
    ticket_number: int | None = Field(default=None, foreign_key="ticket.number", index=True)
    reply_to: str | None = Field(default=None, max_length=128)  # platform message id to quote
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    created_at: datetime = utc_field(nullable=False)
    sent_at: datetime | None = utc_field(index=True)  # handed to the platform
    sent_message_id: str | None = Field(default=None, max_length=128)
    attempts: int = 0  # failed hand-overs; a platform's "wait a moment" is not one
    last_error: str | None = None
    # Set on the oldest unsent post of a chat: the whole chat waits until then (order).
    next_attempt_at: datetime | None = utc_field()


class OutboxChatLease(SQLModel, table=True):
    """Which sender holds a chat, until when; a free chat has no holder."""

    __tablename__ = "outbox_chat_lease"

    chat: str = Field(primary_key=True, max_length=64)
    holder: str | None = Field(default=None, max_length=128)
    leased_until: datetime | None = utc_field()


def due_chats(session: Session, *, now: datetime, limit: int = 100) -> list[str]:
    """Chats whose oldest unsent post is due and that no sender holds, oldest post first."""
    heads = (
        select(OutboxPost.chat, func.min(OutboxPost.id).label("head"))
        .where(col(OutboxPost.sent_at).is_(None))
        .group_by(col(OutboxPost.chat))
        .subquery()
    )
    due = col(OutboxPost.next_attempt_at).is_(None) | (col(OutboxPost.next_attempt_at) <= now)
    free = col(OutboxChatLease.leased_until).is_(None) | (col(OutboxChatLease.leased_until) <= now)
    query = (
        select(OutboxPost.chat)
        .join(heads, col(OutboxPost.id) == heads.c.head)
        .outerjoin(OutboxChatLease, col(OutboxChatLease.chat) == col(OutboxPost.chat))
        .where(due, free)
        .order_by(col(OutboxPost.id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def take_chat(session: Session, *, chat: str, holder: str, now: datetime, lease: timedelta) -> bool:
    """Hold a free chat (compare-and-set); False when another sender holds it."""
    if session.get(OutboxChatLease, chat) is None:
        # Two senders may both insert the first lease of a chat; the loser's insert is a no-op.
        _insert_free_lease(session, chat)
    taken = session.connection().execute(
        update(OutboxChatLease)
        .where(
            col(OutboxChatLease.chat) == chat,
            col(OutboxChatLease.leased_until).is_(None)
            | (col(OutboxChatLease.leased_until) <= now),
        )
        .values(holder=holder, leased_until=now + lease)
    )
    session.commit()
    return taken.rowcount == 1


def _insert_free_lease(session: Session, chat: str) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(OutboxChatLease)
        .values(chat=chat, holder=None, leased_until=None)
        .on_conflict_do_nothing(index_elements=["chat"])
    )
    session.connection().execute(statement)


def confirm_lease(
    session: Session, *, chat: str, holder: str, now: datetime, lease: timedelta
) -> datetime | None:
    """Still ours? Then extend it and return the new end; None when the chat was lost.

    Does not commit: the caller reads the next posts in the same transaction, or commits.
    On SQLite this write is the transaction's first statement, so it takes the database's
    write lock before anything is read (no stale snapshot), as PostgreSQL's row lock does.
    """
    until = now + lease
    confirmed = session.connection().execute(
        update(OutboxChatLease)
        .where(
            col(OutboxChatLease.chat) == chat,
            col(OutboxChatLease.holder) == holder,
            col(OutboxChatLease.leased_until) > now,
        )
        .values(leased_until=until)
    )
    return until if confirmed.rowcount == 1 else None


def unsent_posts(session: Session, *, chat: str, limit: int) -> list[OutboxPost]:
    """The chat's oldest unsent posts, in the order they were made."""
    query = (
        select(OutboxPost)
        .where(OutboxPost.chat == chat, col(OutboxPost.sent_at).is_(None))
        .order_by(col(OutboxPost.id))
        .limit(limit)
    )
    return list(session.exec(query).all())


def pick_batch(
    unsent: list[OutboxPost],
    *,
    now: datetime,
    merge_window: timedelta | None,
    merge_chars: int,
) -> list[OutboxPost]:
    """What goes out next as one message: nothing while the chat waits out a back-off; with a
    merge window, the consecutive posts made within it of the first (up to `merge_chars`)."""
    if not unsent:
        return []
    head = unsent[0]
    if head.next_attempt_at is not None and head.next_attempt_at > now:
        return []
    batch = [head]
    length = len(head.text)
    for post in unsent[1:]:
        length += len(post.text) + 2  # the blank line between
        if merge_window is None or post.created_at > head.created_at + merge_window:
            break
        if length > merge_chars:
            break
        batch.append(post)
    return batch


def renew_chats(
    session: Session, *, chats: list[str], holder: str, now: datetime, lease: timedelta
) -> list[str]:
    """The heartbeat: extend the leases still ours; returns the chats that were lost."""
    lost = []
    for chat in chats:
        if confirm_lease(session, chat=chat, holder=holder, now=now, lease=lease) is None:
            lost.append(chat)
    session.commit()
    return lost


def release_chat(session: Session, *, chat: str, holder: str) -> None:
    session.connection().execute(
        update(OutboxChatLease)
        .where(col(OutboxChatLease.chat) == chat, col(OutboxChatLease.holder) == holder)
        .values(holder=None, leased_until=None)
    )
    session.commit()


def mark_sent(session: Session, *, post_ids: list[int], message_id: str, now: datetime) -> int:
    """Record the hand-over; does not commit. Returns how many were still unsent."""
    result = session.connection().execute(
        update(OutboxPost)
        .where(col(OutboxPost.id).in_(post_ids), col(OutboxPost.sent_at).is_(None))
        .values(sent_at=now, sent_message_id=message_id, next_attempt_at=None)
    )
    return int(result.rowcount)


def chat_has_due_post(session: Session, *, chat: str, now: datetime) -> bool:
    return bool(
        pick_batch(
            unsent_posts(session, chat=chat, limit=1), now=now, merge_window=None, merge_chars=0
        )
    )


def failure_backoff(attempts: int) -> timedelta:
    """2 s, 4 s, 8 s … after each failed hand-over, at most 5 minutes."""
    return min(timedelta(seconds=2 ** min(attempts, 16)), MAX_BACKOFF)


def hold_back(
    session: Session, *, chat: str, now: datetime, error: str, wait: timedelta | None
) -> None:
    """The chat waits before its oldest post is tried again: `wait` when the platform asked
    for it (not a failure), else a back-off that grows with the failures."""
    oldest = unsent_posts(session, chat=chat, limit=1)
    if not oldest:
        return
    row = oldest[0]
    if wait is None:
        row.attempts += 1
        wait = failure_backoff(row.attempts)
    row.last_error = error[:500]
    row.next_attempt_at = now + wait
    session.add(row)
    session.commit()
