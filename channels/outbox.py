"""Hands persisted posts to their channels, oldest first, until each one has gone out."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from channels.base import Channel
from handlers.directory import Directory
from handlers.events import Outbound
from handlers.privacy import mask_sensitive
from models.db import Database
from models.outbox import OutboxPost, lease_unsent_posts
from models.ticket import link_message

log = logging.getLogger("gridsteward.outbox")
MAX_BACKOFF = timedelta(minutes=5)
DEFAULT_LEASE = timedelta(seconds=30)


class OutboxSender:
    """Delivers the outbox. A post is marked sent only after its channel took it, so a crash
    in between means it is sent again on restart (channels make a resend of the same outbox
    id a no-op where the platform allows)."""

    def __init__(
        self,
        *,
        database: Database,
        directory: Directory,
        channels: Mapping[str, Channel],
        clock: Callable[[], datetime],
        failpoint: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self.database = database
        self.lease = lease
        self.directory = directory
        self.channels = channels
        self.clock = clock
        self.failpoint = failpoint
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event, *, idle_seconds: float = 1.0) -> None:
        while not stop.is_set():
            try:
                await self.flush()
            except Exception:  # a database hiccup must not end delivery for good
                log.exception("outbox flush failed; retrying")
            self._wake.clear()
            wake, halt = (
                asyncio.ensure_future(self._wake.wait()),
                asyncio.ensure_future(stop.wait()),
            )
            await asyncio.wait({wake, halt}, timeout=idle_seconds, return_when="FIRST_COMPLETED")
            for waiter in (wake, halt):
                waiter.cancel()

    async def flush(self) -> int:
        """Send what is due; a chat whose post failed waits, so its posts keep their order."""
        rows = await self.database.run(self._unsent)
        held_chats: set[str] = set()
        sent = 0
        waiting: list[int] = []
        for row in rows:
            if row.chat in held_chats:
                waiting.append(row.id or 0)
                continue
            if await self._send(row):
                sent += 1
            else:
                held_chats.add(row.chat)
        if waiting:  # free them for the next round rather than after the lease runs out
            await self.database.run(self._release, waiting)
        return sent

    async def _send(self, row: OutboxPost) -> bool:
        chat = self.directory.chats.get(row.chat)
        channel = self.channels.get(chat.platform) if chat else None
        if chat is None or channel is None:
            platform = chat.platform if chat else "?"
            await self.database.run(self._failed, row.id, f"no channel running for {platform}")
            return False
        if self.failpoint == "before-send":
            os._exit(71)  # crash test: the decision is stored, the post not yet sent
        message = Outbound(
            chat_address=chat.address,
            text=row.text,
            mention_accounts=self._accounts(row.mentions, chat.platform),
            reply_to=row.reply_to,
            outbox_id=row.id,
        )
        try:
            # Finish inside the lease, or another sender might take the post meanwhile.
            timeout = self.lease.total_seconds() * 2 / 3
            pace = getattr(channel, "pace", None)  # a platform that punishes fast posting
            if pace is not None:
                await asyncio.wait_for(pace(chat.address), timeout)
            message_id = await asyncio.wait_for(channel.send(message), timeout)
        except Exception as error:
            log.warning("post %s to %s failed: %s", row.id, row.chat, error)
            await self.database.run(self._failed, row.id, str(error))
            return False
        await self.database.run(self._sent, row.id, chat.platform, message_id)
        log.info("post %s sent to %s: %s", row.id, row.chat, mask_sensitive(row.text)[:60])
        return True

    def _accounts(self, person_ids: list[str], platform: str) -> tuple[str, ...]:
        """Person ids to the platform's accounts; a resident's id is already their account."""
        accounts = []
        for person_id in person_ids:
            person = self.directory.person(person_id)
            account = person.accounts.get(platform) if person else person_id
            if account:
                accounts.append(account)
        return tuple(accounts)

    def _unsent(self) -> list[OutboxPost]:
        with self.database.session() as session:
            return lease_unsent_posts(session, now=self.clock(), lease=self.lease)

    def _sent(self, post_id: int, platform: str, message_id: str) -> None:
        with self.database.session() as session:
            row = session.get(OutboxPost, post_id)
            if row is None or row.sent_at is not None:
                return
            row.sent_at = self.clock()
            row.sent_message_id = message_id
            row.leased_until = None
            session.add(row)
            if row.ticket_number is not None:
                # A reply to the bot's post about a ticket reaches that ticket.
                link_message(
                    session,
                    channel=platform,
                    chat=row.chat,
                    message_id=message_id,
                    ticket_number=row.ticket_number,
                )
            session.commit()

    def _release(self, post_ids: list[int]) -> None:
        with self.database.session() as session:
            for post_id in post_ids:
                row = session.get(OutboxPost, post_id)
                if row is not None and row.sent_at is None:
                    row.leased_until = None
                    session.add(row)
            session.commit()

    def _failed(self, post_id: int, error: str) -> None:
        with self.database.session() as session:
            row = session.get(OutboxPost, post_id)
            if row is None:
                return
            row.attempts += 1
            row.last_error = error[:500]
            backoff = min(timedelta(seconds=2**row.attempts), MAX_BACKOFF)
            row.next_attempt_at = self.clock() + backoff
            row.leased_until = None
            session.add(row)
            session.commit()
