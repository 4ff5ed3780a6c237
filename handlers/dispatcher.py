"""Where a message comes in: store it, let the handlers decide, commit it all at once."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from handlers import texts
from handlers.context import Context
from handlers.directory import Directory
from handlers.events import Inbound
from handlers.privacy import mask_sensitive
from handlers.router import handle
from models.columns import storable
from models.db import Database
from models.inbound import (
    InboundMessage,
    encode_attachments,
    find_inbound,
    pending_inbound_ids,
)
from models.outbox import OutboxPost

log = logging.getLogger("gridsteward.dispatch")
Clock = Callable[[], datetime]


class Dispatcher:
    """Turns delivered messages into tickets and outbox posts; safe to call from one thread.

    `receive` commits the message first (the platform may now forget it); `process` then
    handles it in one transaction that writes the ticket changes, the audit trail, the
    outbox posts and the message's `handled` mark together. A crash in between leaves a
    `pending` row that `recover` picks up on the next start.
    """

    def __init__(
        self,
        *,
        database: Database,
        directory: Directory,
        clock: Clock,
        failpoint: str | None = None,
    ) -> None:
        self.database = database
        self.directory = directory
        self.clock = clock
        self.failpoint = failpoint

    def deliver(self, event: Inbound) -> list[OutboxPost]:
        """Receive and process one message; a redelivered one changes nothing."""
        inbound_id = self.receive(event)
        if inbound_id is None:
            return []
        if self.failpoint == "after-inbound":
            os._exit(70)  # crash test: the message is stored, nothing else happened
        return self.process(inbound_id)

    def receive(self, event: Inbound) -> int | None:
        """Store the message; None when this (channel, chat, message id) was seen before."""
        with self.database.session() as session:
            if find_inbound(
                session,
                channel=event.channel,
                chat_address=event.chat,
                message_id=event.message_id,
            ):
                log.info("duplicate delivery of %s/%s ignored", event.chat, event.message_id)
                return None
            # A platform may hand over what a database refuses (a NUL, an endless name):
            # stored cleaned, so the message is handled rather than lost.
            row = InboundMessage(
                channel=event.channel,
                chat_address=event.chat,
                message_id=event.message_id,
                sender=storable(event.sender, max_length=128),
                sender_name=storable(event.sender_name, max_length=128),
                text=storable(event.text, lines=True),
                reply_to=storable(event.reply_to, max_length=128) if event.reply_to else None,
                mentions=" ".join(event.mentions),
                attachments=encode_attachments([(a.kind, a.ref) for a in event.attachments]),
                received_at=self.clock(),
            )
            session.add(row)
            try:
                session.commit()
            except IntegrityError:  # the same message raced in from another process
                return None
            return row.id

    def recover(self) -> int:
        """Handle messages stored before a crash; returns how many."""
        with self.database.session() as session:
            pending = pending_inbound_ids(session)
        for inbound_id in pending:
            self.process(inbound_id)
        if pending:
            log.info("recovered %d message(s) left pending by an earlier run", len(pending))
        return len(pending)

    def process(self, inbound_id: int) -> list[OutboxPost]:
        try:
            return self._process(inbound_id)
        except Exception:
            log.exception("handling message %s failed", inbound_id)
            return self._fail(inbound_id)

    def _process(self, inbound_id: int) -> list[OutboxPost]:
        with self.database.session() as session:
            row = _lock_pending(session, inbound_id)
            if row is None:
                return []  # handled already, perhaps by another process
            ctx = self._context(session, row)
            if isinstance(ctx, str):
                _finish(row, state="ignored", outcome=ctx, now=self.clock())
                session.add(row)
                session.commit()
                log.info("message %s ignored: %s", inbound_id, ctx)
                return []
            outcome = handle(ctx)
            _finish(row, state="handled", outcome=outcome, now=ctx.now)
            session.add(row)
            session.commit()
            log.info(
                "message %s from %s: %s | %s",
                inbound_id,
                ctx.sender,
                outcome,
                mask_sensitive(row.text)[:80],
            )
            return ctx.posts

    def _context(self, session: Session, row: InboundMessage) -> Context | str:
        chat = self.directory.chat_for_address(row.channel, row.chat_address)
        if chat is None:
            return f"chat {row.channel}:{row.chat_address} is not in the directory"
        community = self.directory.community_for_chat(chat.id)
        if community is None:
            return f"chat {chat.id} belongs to no community"
        person = self.directory.person_for_account(row.channel, row.sender)
        return Context(
            session=session,
            directory=self.directory,
            now=self.clock(),
            inbound=row,
            chat=chat,
            community=community,
            sender=person.id if person else row.sender,
            sender_name=person.name if person else (row.sender_name or row.sender),
            person=person,
        )

    def _fail(self, inbound_id: int) -> list[OutboxPost]:
        """A handler broke: mark the message failed and tell the group, so nothing is silent."""
        with self.database.session() as session:
            row = session.get(InboundMessage, inbound_id)
            if row is None or row.state != "pending":
                return []
            _finish(row, state="failed", outcome="handler error", now=self.clock())
            session.add(row)
            chat = self.directory.chat_for_address(row.channel, row.chat_address)
            posts = []
            if chat is not None:
                post = OutboxPost(
                    chat=chat.id,
                    text=texts.NOT_WORKING,
                    reply_to=row.message_id,
                    inbound_id=row.id,
                    created_at=self.clock(),
                )
                session.add(post)
                posts.append(post)
            session.commit()
            return posts


def _lock_pending(session: Session, inbound_id: int) -> InboundMessage | None:
    query = select(InboundMessage).where(
        InboundMessage.id == inbound_id, InboundMessage.state == "pending"
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.exec(query).first()


def _finish(row: InboundMessage, *, state: str, outcome: str, now: datetime) -> None:
    row.state = state
    row.outcome = outcome[:256]
    row.handled_at = now
