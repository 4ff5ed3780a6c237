"""Two sender processes on one database: every post reaches the platform once, in order."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from channels.outbox import OutboxSender
from handlers.directory import Directory
from handlers.events import Outbound
from models.db import Database
from models.outbox import OutboxPost

CHATS = ("cuidong-gas", "cuidong-office")


def utc_now() -> datetime:
    return datetime.now(UTC)


class SlowPlatform:
    """A platform behind a slow network that counts every post it accepts (no dedup at all)."""

    name = "local"

    def __init__(self, *, delay: float) -> None:
        self.delay = delay
        self.accepted: Counter[int] = Counter()  # outbox id → how often the platform got it
        self.arrived: dict[str, list[int]] = defaultdict(list)  # chat → outbox ids in order

    async def send(self, message: Outbound) -> str:
        await asyncio.sleep(self.delay)  # the request on its way; a cancel here loses it
        ids = message.outbox_ids or (message.outbox_id or 0,)
        self.accepted.update(ids)
        self.arrived[message.chat_address].extend(ids)
        return f"p{sum(self.accepted.values())}"


def add_posts(database: Database, count: int) -> list[int]:
    """`count` decided posts, alternating between two chats, created a second apart."""
    start = utc_now()
    with database.session() as session:
        rows = [
            OutboxPost(chat=CHATS[n % 2], text=f"帖子 {n}", created_at=start + timedelta(seconds=n))
            for n in range(count)
        ]
        session.add_all(rows)
        session.commit()
        return [row.id or 0 for row in rows]


def unsent(database: Database) -> int:
    with database.session() as session:
        query = select(OutboxPost).where(col(OutboxPost.sent_at).is_(None))
        return len(session.exec(query).all())


def make_sender(
    database: Database, directory: Directory, platform: SlowPlatform, *, lease: float
) -> OutboxSender:
    return OutboxSender(
        database=database,
        directory=directory,
        channels={"local": platform},
        clock=utc_now,
        lease=timedelta(seconds=lease),
    )


async def run_until(done: Callable[[], bool], *senders: OutboxSender, limit: float = 30) -> None:
    """Run the senders' loops side by side until `done()` holds (or the limit is reached)."""
    stop = asyncio.Event()
    loops = [asyncio.create_task(s.run(stop, idle_seconds=0.05)) for s in senders]
    deadline = asyncio.get_running_loop().time() + limit
    while not done() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*loops)


async def two_senders_until_sent(
    database: Database, directory: Directory, platform: SlowPlatform, *, lease: float
) -> None:
    """Two processes' senders (each its own engine and connections) share the outbox."""
    other_process = Database(database.url)
    try:
        await run_until(
            lambda: unsent(database) == 0,
            make_sender(database, directory, platform, lease=lease),
            make_sender(other_process, directory, platform, lease=lease),
        )
    finally:
        other_process.close()


async def test_a_lease_shorter_than_the_batch_sends_each_post_once(
    database: Database, directory: Directory
) -> None:
    ids = add_posts(database, 30)
    platform = SlowPlatform(delay=0.06)  # 30 posts take ~1.8 s; the lease is 0.6 s
    await two_senders_until_sent(database, directory, platform, lease=0.6)
    assert unsent(database) == 0
    assert platform.accepted == Counter(ids)  # every post exactly once


async def test_posts_of_each_chat_arrive_in_order_with_two_senders(
    database: Database, directory: Directory
) -> None:
    ids = add_posts(database, 24)
    platform = SlowPlatform(delay=0.05)
    await two_senders_until_sent(database, directory, platform, lease=0.5)
    for index, chat in enumerate(CHATS):
        assert platform.arrived[chat] == ids[index::2]


async def test_a_sender_killed_mid_batch_is_taken_over_without_doubles(
    database: Database, directory: Directory
) -> None:
    ids = add_posts(database, 16)
    platform = SlowPlatform(delay=0.05)
    doomed = make_sender(database, directory, platform, lease=0.5)
    stop = asyncio.Event()
    loop = asyncio.create_task(doomed.run(stop, idle_seconds=0.05))
    while sum(platform.accepted.values()) < 5:
        await asyncio.sleep(0.01)
    loop.cancel()  # dies mid-batch, mid-send
    with contextlib.suppress(asyncio.CancelledError):
        await loop
    assert 0 < unsent(database) < len(ids)
    other_process = Database(database.url)
    try:
        await run_until(
            lambda: unsent(database) == 0,
            make_sender(other_process, directory, platform, lease=0.5),
        )
    finally:
        other_process.close()
    assert platform.accepted == Counter(ids)
    for index, chat in enumerate(CHATS):
        assert platform.arrived[chat] == ids[index::2]


async def test_a_slow_chat_does_not_hold_up_the_others(
    database: Database, directory: Directory
) -> None:
    class OneSlowChat(SlowPlatform):
        async def send(self, message: Outbound) -> str:
            self.delay = 1.0 if message.chat_address == CHATS[0] else 0.0
            return await super().send(message)

    ids = add_posts(database, 12)  # six posts per chat
    platform = OneSlowChat(delay=0)
    sender = make_sender(database, directory, platform, lease=5)
    await run_until(lambda: len(platform.arrived[CHATS[1]]) == 6, sender, limit=10)
    assert platform.arrived[CHATS[1]] == ids[1::2]  # all out while the slow chat had one or two
    assert len(platform.arrived[CHATS[0]]) <= 2
