"""Nothing lost, nothing doubled: redelivery, a crash before handling, a send that fails."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel, select

from channels.outbox import OutboxSender
from handlers.directory import Directory
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound, Outbound
from models.db import Database
from models.inbound import InboundMessage
from models.outbox import OutboxPost
from models.ticket import all_tickets
from tests.harness import ManualClock

START = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
REPORT = Inbound(
    channel="local",
    chat="cuidong-gas",
    sender="res-zhang",
    sender_name="张女士",
    message_id="m1",
    text="#报修 3栋2单元501 燃气灶打不着火",
)


class RecordingChannel:
    """A platform that keeps what it was sent; `down` makes it refuse like an outage."""

    name = "local"

    def __init__(self, *, down: bool = False) -> None:
        self.down = down
        self.sent: list[Outbound] = []

    async def send(self, message: Outbound) -> str:
        if self.down:
            raise ConnectionError("platform unreachable")
        self.sent.append(message)
        return f"p{len(self.sent)}"


def dispatcher(database: Database, directory: Directory) -> Dispatcher:
    return Dispatcher(database=database, directory=directory, clock=ManualClock(START))


def sender(database: Database, directory: Directory, channel: RecordingChannel) -> OutboxSender:
    return OutboxSender(
        database=database,
        directory=directory,
        channels={"local": channel},
        clock=ManualClock(START),
    )


def test_a_redelivered_message_changes_nothing(database: Database, directory: Directory) -> None:
    bot = dispatcher(database, directory)
    first = bot.deliver(REPORT)
    second = bot.deliver(REPORT)
    assert len(first) == 1 and second == []
    with database.session() as session:
        assert len(all_tickets(session)) == 1
        assert len(list(session.exec(select(OutboxPost)))) == 1


def test_a_message_stored_before_a_crash_is_handled_on_restart(
    database: Database, directory: Directory
) -> None:
    dispatcher(database, directory).receive(REPORT)  # the process died right after this
    with database.session() as session:
        assert all_tickets(session) == []
    assert dispatcher(database, directory).recover() == 1  # the next start
    with database.session() as session:
        assert [t.number for t in all_tickets(session)] == [1]
        [row] = session.exec(select(InboundMessage))
        assert row.state == "handled"
    assert dispatcher(database, directory).recover() == 0


async def test_a_post_that_could_not_be_sent_survives_and_goes_out_later(
    database: Database, directory: Directory
) -> None:
    dispatcher(database, directory).deliver(REPORT)
    outage = RecordingChannel(down=True)
    assert await sender(database, directory, outage).flush() == 0
    with database.session() as session:
        [post] = session.exec(select(OutboxPost))
        assert post.sent_at is None and post.attempts == 1 and "unreachable" in post.last_error
        post.next_attempt_at = None  # the back-off has passed
        session.add(post)
        session.commit()
    back = RecordingChannel()
    restarted = sender(database, directory, back)
    assert await restarted.flush() == 1
    assert await restarted.flush() == 0  # sent once, not again
    [message] = back.sent
    assert "工单 #1" in message.text and message.mention_accounts == ("zhu",)
    assert message.reply_to == "m1"


async def test_posts_of_one_chat_keep_their_order_after_a_failure(
    database: Database, directory: Directory
) -> None:
    bot = dispatcher(database, directory)
    bot.deliver(REPORT)
    bot.deliver(
        Inbound(
            channel="local",
            chat="cuidong-gas",
            sender="zhu",
            sender_name="祝均升",
            message_id="m2",
            text="接单 #1",
        )
    )
    channel = RecordingChannel(down=True)
    await sender(database, directory, channel).flush()
    with database.session() as session:
        attempts = [p.attempts for p in session.exec(select(OutboxPost).order_by(OutboxPost.id))]
    assert attempts == [1, 0]  # the second waited behind the first


def test_migrations_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


async def test_two_senders_on_one_database_send_each_post_once(
    database: Database, directory: Directory
) -> None:
    bot = dispatcher(database, directory)
    for n in range(20):
        bot.deliver(
            Inbound(
                channel="local",
                chat="cuidong-gas",
                sender=f"res-{n}",
                sender_name="居民",
                message_id=f"m{n}",
                text=f"#报修 {n % 8 + 1}栋1单元101 水管漏水",
            )
        )
    other_process = Database(database.url)  # its own engine and connections
    first, second = RecordingChannel(), RecordingChannel()
    try:
        await asyncio.gather(
            sender(database, directory, first).flush(),
            sender(other_process, directory, second).flush(),
        )
    finally:
        other_process.close()
    sent = sorted(m.outbox_id or 0 for m in first.sent + second.sent)
    assert sent == list(range(1, 21))
