"""What a channel may ask of the sender: pacing, merged posts, 'wait a moment', start/stop."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from channels.base import SendDeferred, start_channels, stop_channels
from channels.outbox import OutboxSender
from handlers.directory import Directory
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound, Outbound
from models.db import Database
from models.outbox import OutboxPost
from models.ticket import ticket_for_message
from tests.harness import ManualClock

START = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def message(
    message_id: str, text: str, *, sender: str = "res-zhang", name: str = "张女士"
) -> Inbound:
    return Inbound(
        channel="local",
        chat="cuidong-gas",
        sender=sender,
        sender_name=name,
        message_id=message_id,
        text=text,
    )


class Platform:
    """Keeps every message it is handed; subclasses add the capability under test."""

    name = "local"

    def __init__(self) -> None:
        self.sent: list[Outbound] = []

    async def send(self, outbound: Outbound) -> str:
        self.sent.append(outbound)
        return f"p{len(self.sent)}"


def sender(
    database: Database, directory: Directory, platform: object, clock: ManualClock
) -> OutboxSender:
    return OutboxSender(
        database=database, directory=directory, channels={"local": platform}, clock=clock
    )


class Merging(Platform):
    merge_window = timedelta(seconds=5)


def dispatcher(database: Database, directory: Directory) -> tuple[ManualClock, Dispatcher]:
    clock = ManualClock(START)
    return clock, Dispatcher(database=database, directory=directory, clock=clock)


def outbox(database: Database) -> list[OutboxPost]:
    with database.session() as session:
        return list(session.exec(select(OutboxPost).order_by(col(OutboxPost.id))))


async def test_posts_within_the_merge_window_go_out_as_one_message(
    database: Database, directory: Directory
) -> None:
    clock, bot = dispatcher(database, directory)
    bot.deliver(message("m1", "#报修 3栋2单元501 燃气灶打不着火"))
    bot.deliver(message("m2", "接单 #1", sender="zhu", name="祝均升"))  # same ticket, same second
    clock.now += timedelta(seconds=30)
    bot.deliver(message("m3", "#报修 5栋1单元101 水管漏水", sender="res-wu", name="吴阿姨"))
    platform = Merging()
    assert await sender(database, directory, platform, clock).flush() == 3
    first, second = platform.sent
    posted = outbox(database)
    assert first.outbox_ids == (posted[0].id, posted[1].id) and first.outbox_id == posted[0].id
    assert first.text == f"{posted[0].text}\n\n{posted[1].text}"
    assert first.mention_accounts == ("zhu", "res-zhang")  # the steward, then the resident
    assert first.mention_names == ("祝均升", "张女士")
    assert second.outbox_ids == (posted[2].id,)
    assert [p.sent_message_id for p in posted] == ["p1", "p1", "p2"]
    with database.session() as session:
        replied = ticket_for_message(session, channel="local", chat="cuidong-gas", message_id="p1")
        assert replied is not None and replied.number == 1


async def test_a_merged_message_about_two_tickets_names_neither(
    database: Database, directory: Directory
) -> None:
    clock, bot = dispatcher(database, directory)
    bot.deliver(message("m1", "#报修 3栋2单元501 燃气灶打不着火"))
    bot.deliver(message("m2", "#报修 5栋1单元101 水管漏水", sender="res-wu", name="吴阿姨"))
    platform = Merging()
    assert await sender(database, directory, platform, clock).flush() == 2
    [merged] = platform.sent
    assert "工单 #1" in merged.text and "工单 #2" in merged.text
    with database.session() as session:
        assert (
            ticket_for_message(session, channel="local", chat="cuidong-gas", message_id="p1")
            is None
        )


async def test_a_platform_that_asks_to_wait_gets_its_wait_and_no_failure(
    database: Database, directory: Directory
) -> None:
    class Throttled(Platform):
        def __init__(self) -> None:
            super().__init__()
            self.refusals = 1

        async def send(self, outbound: Outbound) -> str:
            if self.refusals:
                self.refusals -= 1
                raise SendDeferred(3, "429 Too Many Requests")
            return await super().send(outbound)

    clock, bot = dispatcher(database, directory)
    bot.deliver(message("m1", "#报修 3栋2单元501 燃气灶打不着火"))
    bot.deliver(message("m2", "接单 #1", sender="zhu", name="祝均升"))
    platform = Throttled()
    outbox_sender = sender(database, directory, platform, clock)
    assert await outbox_sender.flush() == 0
    head = outbox(database)[0]
    assert head.attempts == 0 and "429" in (head.last_error or "")
    assert head.next_attempt_at == clock.now + timedelta(seconds=3)
    clock.now += timedelta(seconds=2)
    assert await outbox_sender.flush() == 0  # the whole chat still waits: order
    clock.now += timedelta(seconds=1)
    assert await outbox_sender.flush() == 2
    assert [m.outbox_id for m in platform.sent] == [p.id for p in outbox(database)]


async def test_a_failing_platform_backs_off_longer_each_time(
    database: Database, directory: Directory
) -> None:
    class Down(Platform):
        async def send(self, outbound: Outbound) -> str:
            raise ConnectionRefusedError("connection refused")

    clock, bot = dispatcher(database, directory)
    bot.deliver(message("m1", "#报修 3栋2单元501 燃气灶打不着火"))
    outbox_sender = sender(database, directory, Down(), clock)
    waits = []
    for _ in range(10):
        assert await outbox_sender.flush() == 0
        head = outbox(database)[0]
        assert head.next_attempt_at is not None
        waits.append((head.next_attempt_at - clock.now).total_seconds())
        clock.now = head.next_attempt_at
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert outbox(database)[0].attempts == 10 and outbox(database)[0].sent_at is None


async def test_the_sender_paces_each_post_before_sending_it(
    database: Database, directory: Directory
) -> None:
    class Paced(Platform):
        def __init__(self) -> None:
            super().__init__()
            self.calls: list[str] = []

        async def pace(self, chat_address: str) -> None:
            self.calls.append(f"pace {chat_address}")

        async def send(self, outbound: Outbound) -> str:
            self.calls.append(f"send {outbound.outbox_id}")
            return await super().send(outbound)

    clock, bot = dispatcher(database, directory)
    bot.deliver(message("m1", "#报修 3栋2单元501 燃气灶打不着火"))
    bot.deliver(message("m2", "接单 #1", sender="zhu", name="祝均升"))
    platform = Paced()
    assert await sender(database, directory, platform, clock).flush() == 2
    first, second = (p.id for p in outbox(database))
    assert platform.calls == [
        "pace cuidong-gas",
        f"send {first}",
        "pace cuidong-gas",
        f"send {second}",
    ]


async def test_a_pace_longer_than_the_lease_keeps_the_chat_and_sends_once(
    database: Database, directory: Directory
) -> None:
    """The heartbeat renews the chat while the platform makes the sender wait."""

    class SlowPace(Platform):
        def __init__(self) -> None:
            super().__init__()
            self.accepted: Counter[int] = Counter()

        async def pace(self, chat_address: str) -> None:
            await asyncio.sleep(0.8)

        async def send(self, outbound: Outbound) -> str:
            self.accepted.update(outbound.outbox_ids)
            return await super().send(outbound)

    def utc_now() -> datetime:
        return datetime.now(UTC)

    bot = Dispatcher(database=database, directory=directory, clock=utc_now)
    for n in range(3):
        bot.deliver(message(f"m{n}", f"#报修 {n + 1}栋1单元101 水管漏水", sender=f"res-{n}"))
    platform = SlowPace()
    other_process = Database(database.url)
    lease = timedelta(seconds=0.5)
    try:
        senders = [
            OutboxSender(
                database=db,
                directory=directory,
                channels={"local": platform},
                clock=utc_now,
                lease=lease,
            )
            for db in (database, other_process)
        ]
        counts = await asyncio.gather(*(s.flush() for s in senders))
    finally:
        other_process.close()
    assert sorted(counts) == [0, 3]  # one sender held the chat throughout
    assert platform.accepted == Counter(p.id for p in outbox(database))


async def test_long_running_channels_start_and_stop_and_a_broken_one_is_contained() -> None:
    class Polling:
        name = "polling"

        def __init__(self) -> None:
            self.running = asyncio.Event()
            self.stopped = False

        async def start(self) -> None:
            self.running.set()
            await asyncio.sleep(3600)  # a poll loop that never ends by itself

        async def stop(self) -> None:
            self.stopped = True

    class Broken:
        name = "broken"

        async def start(self) -> None:
            raise ConnectionRefusedError("gRPC endpoint refused")

    polling, broken = Polling(), Broken()
    tasks = await start_channels([polling, broken, Platform()])
    await asyncio.wait_for(polling.running.wait(), 5)
    await asyncio.sleep(0)  # the broken one fails on its own, logged, nothing else stops
    assert not polling.stopped
    await stop_channels([polling, broken], tasks)
    assert polling.stopped and all(task.done() for task in tasks)
