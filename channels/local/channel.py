"""The local 'platform': its message log, live subscribers, and the bot's adapter onto it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, exists
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from handlers.directory import Directory
from handlers.events import Inbound, Outbound
from handlers.privacy import mask_sensitive
from models.columns import text_fault
from models.db import Database
from models.inbound import InboundMessage
from models.local_chat import LocalMessage, local_message_for_client, local_messages

log = logging.getLogger("gridsteward.local")
PLATFORM = "local"
BOT_ACCOUNT = "gridsteward"
BOT_NAME = "网格管家"
MAX_TEXT = 2000
MAX_NAME = 128  # the sender and sender_name columns' length, here and in inbound_message
MAX_CLIENT_ID = 64

Deliver = Callable[[Inbound], Awaitable[None]]


class LocalInputError(ValueError):
    """A message the local chat refuses, with the reason to show the person."""


class LocalConflict(LocalInputError):
    """A client_id already used for a different message."""


@dataclass(frozen=True, slots=True)
class _Said:
    """A person's message as the local chat stores it (trimmed, checked)."""

    chat: str
    sender: str
    sender_name: str
    text: str
    reply_to: int | None
    client_id: str | None

    def same_as(self, earlier: LocalMessage) -> LocalMessage:
        """The earlier message of this client_id, if it is this message; else a conflict."""
        stored = (earlier.sender, earlier.sender_name, earlier.text, earlier.reply_to)
        if stored != (self.sender, self.sender_name, self.text, self.reply_to):
            raise LocalConflict(
                f"client_id 已用于另一条消息 (client_id {self.client_id!r} was already used "
                "for a different message)"
            )
        return earlier


def _check_fields(*, sender: str, sender_name: str, text: str, client_id: str | None) -> None:
    """Refuse, before anything is stored, what a database would refuse or store differently."""
    faults = [
        text_fault(sender, field="sender", max_length=MAX_NAME),
        text_fault(sender_name, field="sender_name", max_length=MAX_NAME),
        text_fault(text, field="text", max_length=MAX_TEXT, lines=True),
    ]
    if client_id is not None:
        faults.append(text_fault(client_id, field="client_id", max_length=MAX_CLIENT_ID))
    fault = next((each for each in faults if each), None)
    if fault:
        raise LocalInputError(fault)
    if client_id is not None and not client_id.strip():
        raise LocalInputError("client_id 是空的 (client_id is empty; leave it out or send an id)")


class LocalChannel:
    """Keeps the local groups' messages and pushes each new one to every open browser."""

    name = PLATFORM

    def __init__(
        self,
        *,
        database: Database,
        directory: Directory,
        deliver: Deliver,
        clock: Callable[[], datetime],
    ) -> None:
        self.database = database
        self.directory = directory
        self.deliver = deliver
        self.clock = clock
        self.subscribers: set[asyncio.Queue[dict[str, Any]]] = set()

    def chats(self) -> list[dict[str, str]]:
        return [
            {"id": c.id, "name": c.name, "address": c.address}
            for c in self.directory.chats.values()
            if c.platform == PLATFORM
        ]

    async def say(
        self,
        *,
        chat: str,
        sender: str,
        sender_name: str,
        text: str,
        reply_to: int | None,
        client_id: str | None = None,
    ) -> dict[str, Any]:
        """A person speaks in a local group: store it, show it, hand it to the bot.

        A repeat of the same `client_id` (a client retrying) is the same message: nothing new
        is stored or shown, and the answer is the first one's.
        """
        self._require_chat(chat)
        _check_fields(sender=sender, sender_name=sender_name, text=text, client_id=client_id)
        text = text.strip()
        sender = sender.strip()
        if not sender:
            raise LocalInputError("请选择发言人 (sender is required)")
        if not text:
            raise LocalInputError("消息是空的 (text is empty)")
        said = _Said(chat, sender, sender_name.strip() or sender, text, reply_to, client_id)
        row, new = await self.database.run(self._store, said)
        if new:
            await self._publish(row)
        # Also for a repeat: if the first attempt's process died before the bot had the
        # message, this hands it over; if the bot has it, the dispatcher ignores the copy.
        await self.deliver(self._inbound(row))
        return _public(row)

    async def send(self, message: Outbound) -> str:
        """Post on its own; the outbox sender uses `store_post` in its transaction instead."""
        message_id = await self.database.run(self._store_post_alone, message)
        await self.announce(message_id)
        return message_id

    def store_post(self, session: Session, message: Outbound) -> str:
        """Write the bot's post in the caller's transaction (the sender marks it sent and
        links it to its ticket in the same one), so no crash can show it twice or unlinked.
        Nothing here drops a repeat: a second hand-over of a post would show twice."""
        row = LocalMessage(
            chat=message.chat_address,
            sender=BOT_ACCOUNT,
            sender_name=BOT_NAME,
            text=message.text,
            reply_to=_local_id(message.reply_to),
            mentions=list(message.mention_accounts),
            from_bot=True,
            outbox_id=message.outbox_id,
            at=self.clock(),
        )
        session.add(row)
        session.flush()  # the id is the platform's message id
        return str(row.id)

    async def announce(self, message_id: str) -> None:
        """Show a stored post on every open page."""
        row = await self.database.run(self._load, int(message_id))
        if row is not None:
            await self._publish(row)

    def _require_chat(self, chat: str) -> None:
        if chat not in {c["address"] for c in self.chats()}:
            raise LocalInputError(f"没有这个群 (unknown local chat {chat[:64]!r})")

    async def history(self, chat: str, after: int = 0) -> list[dict[str, Any]]:
        self._require_chat(chat)
        rows = await self.database.run(self._history, chat, after)
        return [_public(r) for r in rows]

    async def redeliver(self) -> int:
        """Hand the bot what people said while it was down or before it stored the message."""
        rows = await self.database.run(self._undelivered)
        for row in rows:
            await self.deliver(self._inbound(row))
        return len(rows)

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        self.subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self.subscribers.discard(queue)

    async def _publish(self, row: LocalMessage) -> None:
        event = {"type": "message", "message": _public(row)}
        for queue in list(self.subscribers):
            if queue.full():  # a browser that stopped reading is dropped, not waited for
                self.subscribers.discard(queue)
            else:
                queue.put_nowait(event)

    def _inbound(self, row: LocalMessage) -> Inbound:
        return Inbound(
            channel=PLATFORM,
            chat=row.chat,
            sender=row.sender,
            sender_name=row.sender_name,
            message_id=str(row.id),
            text=row.text,
            reply_to=str(row.reply_to) if row.reply_to else None,
        )

    def _store(self, said: _Said) -> tuple[LocalMessage, bool]:
        """The stored message, and whether it is new (False: a repeat of its client_id)."""
        with self.database.session() as session:
            if said.client_id is not None:
                earlier = local_message_for_client(
                    session, chat=said.chat, client_id=said.client_id
                )
                if earlier is not None:
                    return said.same_as(earlier), False
            if said.reply_to is not None:
                quoted = session.get(LocalMessage, said.reply_to)
                if quoted is None or quoted.chat != said.chat:
                    raise LocalInputError(
                        f"回复的消息不在本群 (reply_to {said.reply_to} "
                        "is not a message of this chat)"
                    )
            row = LocalMessage(
                chat=said.chat,
                sender=said.sender,
                sender_name=said.sender_name,
                text=said.text,
                reply_to=said.reply_to,
                client_id=said.client_id,
                at=self.clock(),
            )
            try:
                return _commit(session, row), True
            except IntegrityError:
                # The same client_id raced in from another request: that one stands.
                session.rollback()
                if said.client_id is None:
                    raise
                earlier = local_message_for_client(
                    session, chat=said.chat, client_id=said.client_id
                )
                if earlier is None:
                    raise
                return said.same_as(earlier), False

    def _store_post_alone(self, message: Outbound) -> str:
        with self.database.session() as session:
            message_id = self.store_post(session, message)
            session.commit()
            return message_id

    def _load(self, message_id: int) -> LocalMessage | None:
        with self.database.session() as session:
            return session.get(LocalMessage, message_id)

    def _history(self, chat: str, after: int) -> list[LocalMessage]:
        with self.database.session() as session:
            return local_messages(session, chat=chat, after=after)

    def _undelivered(self) -> list[LocalMessage]:
        with self.database.session() as session:
            delivered = exists().where(
                col(InboundMessage.channel) == PLATFORM,
                col(InboundMessage.chat_address) == col(LocalMessage.chat),
                col(InboundMessage.message_id) == cast(col(LocalMessage.id), String),
            )
            query = select(LocalMessage).where(col(LocalMessage.from_bot).is_(False), ~delivered)
            return list(session.exec(query.order_by(col(LocalMessage.id))))


def _commit(session: Session, row: LocalMessage) -> LocalMessage:
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def _local_id(message_id: str | None) -> int | None:
    """The bot quotes local messages by their id; anything else is no local message."""
    return int(message_id) if message_id and message_id.isdigit() else None


def _public(row: LocalMessage) -> dict[str, Any]:
    """A message as the API and the live feed show it. Residents' numbers are masked here as
    in every post: what leaves the process may end in a screenshot, a proxy's log or an
    exposed chat, and the people testing the chat lose nothing by seeing 138****5678 (the bot
    itself reads the stored text)."""
    return {
        "id": row.id,
        "chat": row.chat,
        "sender": mask_sensitive(row.sender),
        "sender_name": mask_sensitive(row.sender_name),
        "text": mask_sensitive(row.text),
        "reply_to": row.reply_to,
        "mentions": [mask_sensitive(account) for account in row.mentions],
        "from_bot": row.from_bot,
        "at": row.at.isoformat(),
    }
