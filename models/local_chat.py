"""The local channel's own message log: the 'platform' side of the built-in web chat."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import json_list_field, utc_field


class LocalMessage(SQLModel, table=True):
    """A message in a local group, said by a person in the browser or posted by the bot."""

    __tablename__ = "local_message"
    # A client that retries sends the same client_id: one message however often it arrives.
    __table_args__ = (Index("ix_local_message_client_id", "chat", "client_id", unique=True),)

    id: int | None = Field(default=None, primary_key=True)
    chat: str = Field(max_length=128, index=True)  # the local chat address
    sender: str = Field(max_length=128)
    sender_name: str = Field(default="", max_length=128)
    text: str
    reply_to: int | None = None
    mentions: list[str] = json_list_field()  # local accounts
    from_bot: bool = False
    outbox_id: int | None = Field(default=None, index=True)  # the bot's post it shows
    at: datetime = utc_field(nullable=False)
    client_id: str | None = Field(default=None, max_length=64)  # the sender's own message id


def local_messages(session: Session, *, chat: str, after: int = 0) -> list[LocalMessage]:
    query = select(LocalMessage).where(LocalMessage.chat == chat, col(LocalMessage.id) > after)
    return list(session.exec(query.order_by(col(LocalMessage.id))))


def local_message_for_client(session: Session, *, chat: str, client_id: str) -> LocalMessage | None:
    query = select(LocalMessage).where(
        LocalMessage.chat == chat, LocalMessage.client_id == client_id
    )
    return session.exec(query).first()
