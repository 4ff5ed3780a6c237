"""The neutral shapes every channel speaks: one inbound chat message, one outgoing post."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file that came with a message (a photo, a voice note); kept by reference."""

    kind: str  # "photo" | "voice" | "file"
    ref: str  # the platform's file id or URL


@dataclass(frozen=True, slots=True)
class Inbound:
    """One chat message, whatever platform it came from."""

    channel: str  # "local" | "telegram" | "wechat" | "replay"
    chat: str  # the platform's chat address
    sender: str  # the platform's account id of the speaker
    sender_name: str
    message_id: str  # the platform's message id, unique within the chat
    text: str
    reply_to: str | None = None  # the platform message id this one quotes
    mentions: tuple[str, ...] = ()  # platform account ids the platform says were @mentioned
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    edited: bool = False  # an edit of the earlier message with this message_id
    sent_at: datetime | None = None  # the platform's own timestamp, for keeping order


@dataclass(frozen=True, slots=True)
class Outbound:
    """A post handed to a channel: addresses are already the platform's own."""

    chat_address: str
    text: str
    mention_accounts: tuple[str, ...] = ()
    mention_names: tuple[str, ...] = ()  # display names, aligned with mention_accounts
    reply_to: str | None = None
    outbox_id: int | None = None  # lets a channel make a resend after a crash a no-op
    outbox_ids: tuple[int, ...] = ()  # every outbox post this message carries (merged posts)
