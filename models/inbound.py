"""Every chat message the platforms delivered, stored before it is handled."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, Session, SQLModel, col, select

from models.columns import utc_field


class InboundMessage(SQLModel, table=True):
    """A delivered message; `state` says whether the bot has finished with it.

    Stored in its own transaction first, so a crash before handling leaves it `pending`
    and the next start handles it; the (channel, chat, message id) key makes a platform's
    redelivery a no-op.
    """

    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("channel", "chat_address", "message_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    chat_address: str = Field(max_length=128)
    message_id: str = Field(max_length=128)
    sender: str = Field(max_length=128)
    sender_name: str = Field(default="", max_length=128)
    text: str
    reply_to: str | None = Field(default=None, max_length=128)
    mentions: str = ""  # space-separated platform accounts
    attachments: str = ""  # JSON [[kind, ref], …]; see encode_attachments
    received_at: datetime = utc_field(nullable=False)
    state: str = Field(
        default="pending", max_length=16, index=True
    )  # pending|handled|ignored|failed
    outcome: str | None = Field(default=None, max_length=256)
    handled_at: datetime | None = utc_field()


def find_inbound(
    session: Session, *, channel: str, chat_address: str, message_id: str
) -> InboundMessage | None:
    query = select(InboundMessage).where(
        InboundMessage.channel == channel,
        InboundMessage.chat_address == chat_address,
        InboundMessage.message_id == message_id,
    )
    return session.exec(query).first()


def pending_inbound_ids(session: Session) -> list[int]:
    query = select(InboundMessage.id).where(InboundMessage.state == "pending")
    return [i for i in session.exec(query.order_by(col(InboundMessage.id))) if i is not None]


def encode_attachments(files: list[tuple[str, str]]) -> str:
    """(kind, ref) pairs as stored; refs may hold spaces (a FileBox name), so JSON."""
    return json.dumps([list(pair) for pair in files], ensure_ascii=False) if files else ""


def decode_attachments(stored: str) -> list[tuple[str, str]]:
    if not stored:
        return []
    return [(str(kind), str(ref)) for kind, ref in json.loads(stored)]
