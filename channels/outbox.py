"""Hands persisted posts to their channels: each chat held by one sender, its posts in order.

A sender takes a free chat whose oldest unsent post is due (a lease in the database), and
drains it: before each send it confirms by compare-and-set that the chat is still its own
with enough lease left for the send's timeout; after the channel took the post it records
sent_at, the platform's message id and the message → ticket link in one transaction. Chats
drain side by side, so a slow or throttled chat holds up nobody else. A heartbeat renews
the leases held; a crashed sender's leases run out and any other sender carries on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from functools import partial
from itertools import zip_longest
from typing import Any

from sqlmodel import Session

from channels.base import SendDeferred
from handlers.directory import Chat, Directory
from handlers.events import Outbound
from handlers.privacy import mask_sensitive
from models.db import Database
from models.outbox import (
    OutboxPost,
    chat_has_due_post,
    confirm_lease,
    due_chats,
    hold_back,
    mark_sent,
    pick_batch,
    release_chat,
    renew_chats,
    take_chat,
    unsent_posts,
)
from models.ticket import link_message

log = logging.getLogger("gridsteward.outbox")
DEFAULT_LEASE = timedelta(seconds=30)
MERGE_LIMIT = 10  # posts in one merged message
MERGE_CHARS = 2000  # characters in one merged message (a single longer post goes alone)
STOP_GRACE = 5.0  # seconds a stopping sender lets the posts in flight finish


class OutboxSender:
    """Delivers the outbox for one process; several processes may share one database.

    `run` is the bot's loop; `flush` sends everything due now and returns how many posts went
    out (replay and the tests call it after each message).
    """

    def __init__(
        self,
        *,
        database: Database,
        directory: Directory,
        channels: Mapping[str, Any],
        clock: Callable[[], datetime],
        failpoint: str | None = None,
        lease: timedelta = DEFAULT_LEASE,
        holder: str | None = None,
    ) -> None:
        self.database = database
        self.directory = directory
        self.channels = channels
        self.clock = clock
        self.failpoint = failpoint
        self.lease = lease
        # Bounded by the lease, so the send ends before another sender could take the chat.
        self.send_timeout = lease.total_seconds() * 2 / 3
        self.holder = holder or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = asyncio.Event()
        self._draining: dict[str, asyncio.Task[int]] = {}
        self._held: set[str] = set()
        self._heartbeat: asyncio.Task[None] | None = None
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    async def run(self, stop: asyncio.Event, *, idle_seconds: float = 1.0) -> None:
        """Until `stop`: take due chats and drain each in a task of its own."""
        self._stopping = False
        try:
            while not stop.is_set():
                self._wake.clear()
                try:
                    busy = frozenset(self._draining)
                    for chat in await self.database.run(self._take_due_chats, busy):
                        task = asyncio.create_task(self._drain(chat), name=f"outbox-{chat}")
                        self._draining[chat] = task
                        task.add_done_callback(partial(self._drained, chat))
                except Exception as error:  # the database is away: keep trying, say so once
                    log.warning("outbox: cannot read the outbox (%s); retrying", _brief(error))
                await _wait_any(self._wake, stop, timeout=idle_seconds)
        finally:
            await self._stop_draining()

    async def flush(self) -> int:
        """Send what is due now, every chat side by side; returns how many posts went out."""
        chats = await self.database.run(self._take_due_chats, frozenset(self._draining))
        return sum(await asyncio.gather(*(self._drain(chat) for chat in chats)))

    def _drained(self, chat: str, task: asyncio.Task[int]) -> None:
        self._draining.pop(chat, None)
        if not task.cancelled() and task.exception() is not None:
            log.warning("outbox: sending to %s stopped: %s", chat, _brief(task.exception()))
        self._wake.set()  # posts may have arrived while the chat was being let go

    async def _stop_draining(self) -> None:
        self._stopping = True  # each chat ends after the post in flight
        tasks = list(self._draining.values())
        if tasks:
            _, late = await asyncio.wait(tasks, timeout=STOP_GRACE)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)

    async def _drain(self, chat_id: str) -> int:
        """Send the held chat's posts in order until none is due; then let the chat go."""
        self._hold(chat_id)
        sent = 0
        try:
            more = True
            while more and not self._stopping:
                count, more = await self._send_next(chat_id)
                sent += count
        finally:
            self._held.discard(chat_id)
            if not self._held and self._heartbeat is not None:
                self._heartbeat.cancel()
            try:
                await asyncio.shield(self.database.run(self._release, chat_id))
            except Exception as error:  # its lease runs out by itself
                log.warning("outbox: could not let %s go: %s", chat_id, _brief(error))
        return sent

    async def _send_next(self, chat_id: str) -> tuple[int, bool]:
        """Hand over the chat's next post (or merged posts); returns (posts sent, more due)."""
        chat = self.directory.chats.get(chat_id)
        channel = self.channels.get(chat.platform) if chat else None
        if chat is None or channel is None:
            platform = chat.platform if chat else "?"
            await self.database.run(self._hold_back, chat_id, f"no channel for {platform}", None)
            return 0, False
        pace = getattr(channel, "pace", None)
        if pace is not None:
            await pace(chat.address)  # the heartbeat keeps the chat ours meanwhile
        if getattr(channel, "store_post", None) is not None:
            return await self._store(chat, channel)
        merge_window = getattr(channel, "merge_window", None)
        claimed = await self.database.run(self._next_batch, chat_id, merge_window)
        if claimed is None:
            return 0, False
        posts, leased_until = claimed
        left = (leased_until - self.clock()).total_seconds() - self.send_timeout / 4
        timeout = min(self.send_timeout, left)
        if timeout <= 0:
            return 0, True  # the confirmation came back late: confirm again
        message = self._outbound(chat, posts)
        self._crash_if("before-send")
        try:
            message_id = await asyncio.wait_for(channel.send(message), timeout)
        except SendDeferred as deferred:
            log.info("post %s to %s deferred: %s", posts[0].id, chat_id, deferred)
            wait = timedelta(seconds=deferred.retry_after)
            await self.database.run(self._hold_back, chat_id, f"deferred: {deferred}", wait)
            return 0, False
        except Exception as error:
            log.warning("post %s to %s failed: %s", posts[0].id, chat_id, _brief(error))
            await self.database.run(self._hold_back, chat_id, _brief(error), None)
            return 0, False
        self._crash_if("after-send")
        return len(posts), await self._record_surely(chat, posts, message_id)

    async def _record_surely(self, chat: Chat, posts: list[OutboxPost], message_id: str) -> bool:
        """The platform has the post; until this is recorded a restart would send it again,
        so a database that is away is asked again and again (a stop cancels the wait)."""
        delay = 0.1
        while True:
            try:
                return await asyncio.shield(
                    self.database.run(self._record, chat, posts, message_id)
                )
            except Exception as error:
                if delay == 0.1:
                    log.error(
                        "outbox: post %s went out but cannot be recorded yet (%s); retrying",
                        posts[0].id,
                        _brief(error),
                    )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 1.0)

    async def _store(self, chat: Chat, channel: Any) -> tuple[int, bool]:
        """A channel whose platform is this database: write, mark sent and link at once."""
        self._crash_if("before-send")
        stored = await asyncio.shield(self.database.run(self._store_and_record, chat, channel))
        if stored is None:
            return 0, False
        message_id, count, more = stored
        self._crash_if("after-send")
        await channel.announce(message_id)
        return count, more

    def _hold(self, chat_id: str) -> None:
        self._held.add(chat_id)
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = asyncio.create_task(self._beat(), name="outbox-heartbeat")

    async def _beat(self) -> None:
        """Renew the held chats' leases, so a long pace or send never lets a chat go."""
        while self._held:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            try:
                lost = await self.database.run(self._renew, sorted(self._held))
            except Exception as error:
                log.warning("outbox: cannot renew leases (%s)", _brief(error))
                continue
            for chat in lost:
                log.warning("outbox: lease on %s ran out; another sender carries on", chat)

    def _crash_if(self, point: str) -> None:
        if self.failpoint == point:
            os._exit({"before-send": 71, "after-send": 72}[point])  # crash test

    def _outbound(self, chat: Chat, posts: list[OutboxPost]) -> Outbound:
        accounts: list[str] = []
        names: list[str] = []
        for post in posts:
            for person_id, name in zip_longest(post.mentions, post.mention_names):
                if person_id is None:
                    continue
                account = self._account(person_id, chat.platform)
                if account and account not in accounts:
                    accounts.append(account)
                    names.append(name or self._name(person_id))
        ids = tuple(post.id or 0 for post in posts)
        return Outbound(
            chat_address=chat.address,
            text="\n\n".join(post.text for post in posts),
            mention_accounts=tuple(accounts),
            mention_names=tuple(names),
            reply_to=next((post.reply_to for post in posts if post.reply_to), None),
            outbox_id=ids[0],
            outbox_ids=ids,
        )

    def _account(self, person_id: str, platform: str) -> str | None:
        """A person id to the platform's account; a resident's id is already their account."""
        person = self.directory.person(person_id)
        return person.accounts.get(platform) if person else person_id

    def _name(self, person_id: str) -> str:
        person = self.directory.person(person_id)
        return person.name if person else person_id

    # The database side; each runs on the database's worker thread.

    def _take_due_chats(self, busy: frozenset[str]) -> list[str]:
        with self.database.session() as session:
            now = self.clock()
            return [
                chat
                for chat in due_chats(session, now=now)
                if chat not in busy
                and take_chat(session, chat=chat, holder=self.holder, now=now, lease=self.lease)
            ]

    def _next_batch(
        self, chat_id: str, merge_window: timedelta | None
    ) -> tuple[list[OutboxPost], datetime] | None:
        with self.database.session() as session:
            now = self.clock()
            until = self._confirm(session, chat_id, now)
            if until is None:
                return None
            unsent = unsent_posts(session, chat=chat_id, limit=MERGE_LIMIT if merge_window else 1)
            session.commit()
        posts = pick_batch(unsent, now=now, merge_window=merge_window, merge_chars=MERGE_CHARS)
        return (posts, until) if posts else None

    def _confirm(self, session: Session, chat_id: str, now: datetime) -> datetime | None:
        until = confirm_lease(session, chat=chat_id, holder=self.holder, now=now, lease=self.lease)
        if until is None:
            session.rollback()
            log.warning("outbox: %s is no longer ours; leaving it to its new holder", chat_id)
        return until

    def _record(self, chat: Chat, posts: list[OutboxPost], message_id: str) -> bool:
        """The platform has the post: record it, and whether the chat has more due."""
        with self.database.session() as session:
            more = self._mark_sent(session, chat, posts, message_id)
            session.commit()
        return more

    def _store_and_record(self, chat: Chat, channel: Any) -> tuple[str, int, bool] | None:
        with self.database.session() as session:
            now = self.clock()
            if self._confirm(session, chat.id, now) is None:
                return None
            posts = pick_batch(
                unsent_posts(session, chat=chat.id, limit=1),
                now=now,
                merge_window=None,
                merge_chars=MERGE_CHARS,
            )
            if not posts:
                session.commit()
                return None
            message_id = channel.store_post(session, self._outbound(chat, posts))
            more = self._mark_sent(session, chat, posts, message_id)
            session.commit()
        return message_id, len(posts), more

    def _mark_sent(
        self, session: Session, chat: Chat, posts: list[OutboxPost], message_id: str
    ) -> bool:
        """sent_at, message id and ticket link in the caller's transaction; more due?"""
        now = self.clock()
        ids = [post.id or 0 for post in posts]
        if mark_sent(session, post_ids=ids, message_id=message_id, now=now) != len(ids):
            log.error("outbox: posts %s were already marked sent: handed over twice", ids)
        tickets = {post.ticket_number for post in posts}
        ticket = tickets.pop() if len(tickets) == 1 else None
        if ticket is not None:
            # A reply to the bot's message about one ticket reaches that ticket.
            link_message(
                session,
                channel=chat.platform,
                chat=chat.id,
                message_id=message_id,
                ticket_number=ticket,
            )
        for post in posts:
            log.info("post %s sent to %s: %s", post.id, chat.id, mask_sensitive(post.text)[:60])
        return chat_has_due_post(session, chat=chat.id, now=now)

    def _renew(self, chats: list[str]) -> list[str]:
        with self.database.session() as session:
            return renew_chats(
                session, chats=chats, holder=self.holder, now=self.clock(), lease=self.lease
            )

    def _release(self, chat_id: str) -> None:
        with self.database.session() as session:
            release_chat(session, chat=chat_id, holder=self.holder)

    def _hold_back(self, chat_id: str, error: str, wait: timedelta | None) -> None:
        with self.database.session() as session:
            hold_back(session, chat=chat_id, now=self.clock(), error=error, wait=wait)


async def _wait_any(*events: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters:
        waiter.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiter


def _brief(error: BaseException | None) -> str:
    """One line for the log: the error's class and its first line, masked."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return mask_sensitive(f"{type(error).__name__}: {text}"[:300])
