"""The WeChat channel under a gateway that is slow, down, or drops the connection."""

from __future__ import annotations

import asyncio
import logging
import socket
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from handlers.directory import Directory
from handlers.events import Inbound
from models.db import Database
from tests.channels.fake_puppet import FakePuppetService
from tests.channels.wechat_world import OFFICE, RESIDENT, ROOM, ZHU, wechat_directory, wechat_world


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return wechat_directory(tmp_path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_messages_reach_the_bot_in_the_order_they_were_said(
    database: Database, directory: Directory
) -> None:
    """wechaty fetches each message in a task of its own: a slow first payload must not let
    the later messages overtake it, in its room or in another."""
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        report = puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火", delay=0.4)
        claim = puppet.say(ROOM, ZHU, "接单 #1", delay=0.1)
        office = puppet.say(OFFICE, ZHU, "查询 #1")
        done = puppet.say(ROOM, ZHU, "#1 已完成 更换了点火针")
        await world.settle(4)
        assert [event.message_id for event in world.delivered] == [report, claim, office, done]
        assert all(event.sent_at and event.sent_at.tzinfo for event in world.delivered)
        assert world.ticket(1).state == "resolved"  # claimed before done: the order held
        texts = [(sent.room, sent.text) for sent in puppet.sent]
        in_room = [text for room, text in texts if room == ROOM]
        assert "已登记" in in_room[0] and "接单" in in_room[1] and "处理完成" in in_room[2]


async def test_a_message_wechaty_cannot_hand_over_is_fetched_again(
    database: Database, directory: Directory
) -> None:
    """wechaty's own fetch of a payload fails (it drops the message); the channel reads it
    itself after a while, and the message after it still waits its turn. A gateway that
    announces the same id twice gets it handled once."""
    async with wechat_world(database, directory, call_timeout_seconds=0.2) as world:
        puppet = world.puppet
        flaky = puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火", announce=False)
        puppet.payload_failures[flaky] = 1
        puppet.announce(flaky)
        puppet.announce(flaky)
        after = puppet.say(ROOM, RESIDENT, "谢谢")
        await world.settle(2)
        assert [event.message_id for event in world.delivered] == [flaky, after]
        assert world.ticket(1).text.startswith("#报修")


async def test_gateway_down_at_start_then_up(database: Database, directory: Directory) -> None:
    port = free_port()
    puppet = FakePuppetService()
    async with wechat_world(
        database, directory, puppet=puppet, start_puppet=False, port=port
    ) as world:
        await asyncio.sleep(0.3)  # several attempts fail meanwhile; the loop keeps running
        assert world.channel.connections == 0 and not world.channel.logged_in.is_set()
        await puppet.start(port)
        await asyncio.wait_for(world.channel.logged_in.wait(), 10)
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        sent = await puppet.wait_sent(1)
        assert "工单 #1" in sent[0].text


async def test_posts_wait_while_disconnected_and_go_out_after(
    database: Database, directory: Directory, caplog: pytest.LogCaptureFixture
) -> None:
    """The gateway goes away mid-run: the bot logs it, keeps its posts, reconnects with
    backoff and sends them, in order, when the gateway is back on the same port."""
    caplog.set_level(logging.WARNING, logger="gridsteward")
    puppet = FakePuppetService()
    async with wechat_world(database, directory, puppet=puppet) as world:
        port = puppet.port
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        await puppet.wait_sent(1)
        first_connection = world.channel.connections

        await puppet.stop()
        await asyncio.sleep(0.2)
        assert not world.channel.logged_in.is_set()
        # Meanwhile the bot decides a post (a message from the local side of the world:
        # here delivered straight to the bot, as another channel would).
        await world.channel.deliver(
            Inbound(
                channel="wechat",
                chat=ROOM,
                sender=ZHU,
                sender_name="祝均升",
                message_id="said-while-down",
                text="接单 #1",
            )
        )
        assert world.ticket(1).state == "claimed"

        await puppet.start(port)
        await asyncio.wait_for(world.channel.logged_in.wait(), 10)
        assert world.channel.connections > first_connection
        for _ in range(100):
            await world.sender.flush()
            if puppet.sent:
                break
            await asyncio.sleep(0.05)
        assert [s.text for s in puppet.sent if "接单" in s.text], "the claim post went out"
    assert "no connection to the puppet service" in caplog.text or "ended the event stream" in (
        caplog.text
    )


async def test_a_gateway_that_ends_the_stream_is_reconnected(
    database: Database, directory: Directory
) -> None:
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        starts = puppet.starts
        puppet.end_streams()
        await asyncio.sleep(0.05)
        await asyncio.wait_for(world.channel.logged_in.wait(), 10)
        await puppet.wait_connected()
        assert puppet.starts > starts
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        assert "工单 #1" in (await puppet.wait_sent(1))[0].text


async def test_a_message_announced_as_the_gateway_dies_is_read_after_it_returns(
    database: Database, directory: Directory
) -> None:
    puppet = FakePuppetService()
    async with wechat_world(database, directory, puppet=puppet, call_timeout_seconds=0.5) as world:
        port = puppet.port
        report = puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火", delay=5.0)
        await asyncio.sleep(0.1)  # wechaty is waiting for the payload when the gateway dies
        await puppet.stop()
        puppet.payload_delay.clear()
        await asyncio.sleep(1.5)  # longer than the channel waits for wechaty's fetch (1 s)
        await puppet.start(port)
        await world.settle(1)
        assert [event.message_id for event in world.delivered] == [report]
        assert world.ticket(1).state == "assigned"


async def test_a_database_that_is_away_is_waited_for_and_a_broken_message_is_passed_over(
    database: Database, directory: Directory, caplog: pytest.LogCaptureFixture
) -> None:
    """The gateway never sends a message twice, so a database that fails is retried until it
    answers; a fault of any other kind skips that one message and the intake goes on."""
    failures = {"database": 2}
    broken_text = "这条消息会让交付出错"

    async def hook(event: Inbound) -> None:
        if event.text == broken_text:
            raise RuntimeError("a bug in delivery")
        if failures["database"] > 0:
            failures["database"] -= 1
            raise OperationalError("INSERT", {}, ConnectionRefusedError("database is down"))

    async with wechat_world(database, directory, deliver_hook=hook) as world:
        puppet = world.puppet
        report = puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        puppet.say(ROOM, RESIDENT, broken_text)
        after = puppet.say(ROOM, ZHU, "接单 #1")
        await world.settle(2)
        assert [event.message_id for event in world.delivered] == [report, after]
        assert world.ticket(1).state == "claimed"
    assert caplog.text.count("waits for the database") == 2
    assert "could not be handed over" in caplog.text
