"""Messages the bot could not decide (待确认), kept for grid staff to register or dismiss."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import utc_field

REVIEW_STATES = ("waiting", "registered", "dismissed")


class ReviewItem(SQLModel, table=True):
    """One doubtful message: neither a ticket nor silence until a person decides."""

    __tablename__ = "review_item"
    __table_args__ = (
        Index("ix_review_item_chat_message", "chat", "message_id"),
        Index("ix_review_item_chat_sender", "chat", "sender"),
    )

    id: int | None = Field(default=None, primary_key=True)  # the number staff answer with
    community: str = Field(max_length=64, index=True)
    chat: str = Field(max_length=64)  # the directory's chat id it was said in
    channel: str = Field(max_length=16)
    message_id: str = Field(max_length=128)  # the platform message, so a reply to it decides
    inbound_id: int = Field(foreign_key="inbound_message.id")
    sender: str = Field(max_length=128)
    sender_name: str = Field(default="", max_length=128)
    text: str
    reason: str = Field(default="", max_length=128)
    state: str = Field(default="waiting", max_length=16, index=True)
    created_at: datetime = utc_field(nullable=False)
    announced_at: datetime | None = utc_field()  # when a batch post listed it
    decided_at: datetime | None = utc_field()
    decided_by: str | None = Field(default=None, max_length=128)
    ticket_number: int | None = Field(default=None, foreign_key="ticket.number")


def waiting_reviews(session: Session, *, community: str, limit: int = 20) -> list[ReviewItem]:
    query = (
        select(ReviewItem)
        .where(ReviewItem.community == community, ReviewItem.state == "waiting")
        .order_by(col(ReviewItem.id))
        .limit(limit)
    )
    return list(session.exec(query))


def pending_review_for(
    session: Session, *, chat: str, sender: str, since: datetime
) -> ReviewItem | None:
    query = (
        select(ReviewItem)
        .where(
            ReviewItem.chat == chat,
            ReviewItem.sender == sender,
            ReviewItem.state == "waiting",
            col(ReviewItem.created_at) >= since,
        )
        .order_by(col(ReviewItem.id).desc())
    )
    return session.exec(query).first()


def review_for_message(session: Session, *, chat: str, message_id: str) -> ReviewItem | None:
    query = select(ReviewItem).where(ReviewItem.chat == chat, ReviewItem.message_id == message_id)
    return session.exec(query).first()
