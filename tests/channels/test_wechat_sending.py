"""Posting to WeChat rooms: paced, mentions that notify, no @所有人, ids when puppets give none."""

from __future__ import annotations

import asyncio
import base64
import itertools
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from channels.base import SendDeferred
from handlers.directory import Directory
from handlers.events import Outbound
from models.db import Database
from models.outbox import OutboxPost
from tests.channels.fake_puppet import IMAGE
from tests.channels.wechat_world import OFFICE, RESIDENT, ROOM, ZHU, wechat_directory, wechat_world

SEPARATOR = "- - - - - - - - - - - - - - -"
PHONE = "13812345678"


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return wechat_directory(tmp_path)


async def test_posts_to_one_room_are_paced_through_the_puppet(
    database: Database, directory: Directory
) -> None:
    async with wechat_world(
        database, directory, room_interval_seconds=1.2, global_interval_seconds=0.1
    ) as world:
        channel = world.channel
        for number in range(3):
            await channel.pace(ROOM)
            await channel.send(Outbound(chat_address=ROOM, text=f"第{number}条", outbox_id=number))
        await channel.pace(OFFICE)
        await channel.send(Outbound(chat_address=OFFICE, text="办公室", outbox_id=10))
        sent = world.puppet.sent
        room_times = [s.at for s in sent if s.room == ROOM]
        assert [s.text for s in sent] == ["第0条", "第1条", "第2条", "办公室"]
        gaps = [later - earlier for earlier, later in itertools.pairwise(room_times)]
        assert all(gap >= 1.18 for gap in gaps), gaps
        assert sent[3].at - sent[2].at >= 0.09  # the overall cap, across rooms
        assert sent[3].at - sent[2].at < 1.0  # a different room does not wait the room's gap
        assert channel.merge_window is None  # 0 s in these options: merging off
    async with wechat_world(database, directory, merge_window_seconds=10.0) as world:
        assert world.channel.merge_window == timedelta(seconds=10)


async def test_the_outbox_paces_the_ticket_loop_in_a_room(
    database: Database, directory: Directory
) -> None:
    """The outbox sender asks the channel before each post: a quick report, claim and
    resolution in one room reach WeChat no faster than the room's interval."""
    async with wechat_world(database, directory, room_interval_seconds=0.4) as world:
        puppet = world.puppet
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        puppet.say(ROOM, ZHU, "接单 #1")
        puppet.say(ROOM, ZHU, "#1 已完成 更换了点火针")
        sent = await puppet.wait_sent(3)
        assert ["已登记" in sent[0].text, "接单" in sent[1].text, "处理完成" in sent[2].text] == [
            True,
            True,
            True,
        ]
        gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(sent)]
        assert all(gap >= 0.38 for gap in gaps), gaps


async def test_close_posts_to_a_throttled_room_go_out_merged(
    database: Database, directory: Directory
) -> None:
    """The outbox sender as bot.py runs it: while the room waits out its interval, the next
    posts pile up and leave as one WeChat message with everyone's mentions."""
    async with wechat_world(
        database, directory, sender_loop=True, room_interval_seconds=1.0, merge_window_seconds=10
    ) as world:
        puppet = world.puppet
        channel = world.channel
        # The room's wait is held open until both later messages are handled, so the test
        # does not depend on how fast a loaded machine handles them.
        handled = asyncio.Event()
        paced = channel.pace

        async def pace_until_handled(address: str) -> None:
            await paced(address)
            if puppet.sent:
                await handled.wait()

        channel.pace = pace_until_handled  # type: ignore[method-assign]
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        await puppet.wait_sent(1)
        puppet.say(ROOM, ZHU, "接单 #1")
        puppet.say(ROOM, ZHU, "#1 已完成 更换了点火针")
        async with asyncio.timeout(10):
            while len(world.delivered) < 3:
                await asyncio.sleep(0.01)
        handled.set()
        sent = await puppet.wait_sent(2)
        await asyncio.sleep(0.3)
        assert len(puppet.sent) == 2  # both posts went out together
        merged = sent[1]
        claimed, resolved = merged.text.split("\n\n", 1)
        assert "已由 祝均升 接单" in claimed and "更换了点火针" in resolved
        assert merged.at - sent[0].at >= 0.98
        assert RESIDENT in merged.mention_ids
        with world.database.session() as session:
            ids = session.exec(select(OutboxPost.sent_message_id).order_by(OutboxPost.id)).all()
        assert ids == [sent[0].message_id, merged.message_id, merged.message_id]


async def test_a_merged_post_is_one_message_with_every_mention(
    database: Database, directory: Directory
) -> None:
    """What the outbox sender hands over for posts merged within merge_window: one text,
    the mentions of all, one WeChat message; resending any of its posts is a no-op."""
    async with wechat_world(database, directory) as world:
        merged = Outbound(
            chat_address=ROOM,
            text="✅ 工单 #1 已由 祝均升 接单。@张女士 请保持电话畅通。\n\n🔧 @祝均升 请尽快到场。",
            mention_accounts=(RESIDENT, ZHU, RESIDENT),
            mention_names=("张女士", "祝均升", "张女士"),
            outbox_id=7,
            outbox_ids=(7, 8),
        )
        first = await world.channel.send(merged)
        again = await world.channel.send(merged)
        second_post_alone = await world.channel.send(
            Outbound(chat_address=ROOM, text="🔧 @祝均升 请尽快到场。", outbox_id=8)
        )
        assert first == again == second_post_alone and len(world.puppet.sent) == 1
        assert world.puppet.sent[0].mention_ids == [RESIDENT, ZHU]


async def test_no_at_all_and_no_self_mention(database: Database, directory: Directory) -> None:
    """People are notified by id; a resident's '@所有人' quoted in a post notifies no one."""
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        puppet.say(ROOM, RESIDENT, "@所有人 #报修 3栋2单元501 燃气灶打不着火")
        sent = await puppet.wait_sent(1)
        assert sent[0].mention_ids == [ZHU]
        await world.channel.send(
            Outbound(
                chat_address=ROOM,
                text="测试",
                mention_accounts=("@all", puppet.self_id, ZHU),
                outbox_id=99,
            )
        )
        assert puppet.sent[-1].mention_ids == [ZHU]


async def test_puppet_without_message_ids(database: Database, directory: Directory) -> None:
    """Some puppets answer MessageSendText with no id: the channel derives one from the
    outbox id, and a quote-reply to the post is still found by its words."""
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        puppet.return_ids = False
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        registered = (await puppet.wait_sent(1))[0]
        puppet.say(ROOM, ZHU, f"「网格管家：{registered.text}」\n{SEPARATOR}\n接单")
        sent = await puppet.wait_sent(2)
        assert "工单 #1 已由 祝均升 接单" in sent[1].text
        assert world.ticket(1).state == "claimed"


async def test_send_defers_while_not_connected(database: Database, directory: Directory) -> None:
    async with wechat_world(database, directory) as world:
        await world.puppet.stop()
        async with asyncio.timeout(5):
            while world.channel.logged_in.is_set():
                await asyncio.sleep(0.01)
        with pytest.raises(SendDeferred):
            await world.channel.send(Outbound(chat_address=ROOM, text="稍后", outbox_id=1))


async def test_an_image_after_a_report_is_kept(
    database: Database, directory: Directory, tmp_path: Path
) -> None:
    files = tmp_path / "wechat-files"
    async with wechat_world(database, directory, files_dir=files) as world:
        puppet = world.puppet
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        image_id = puppet.say(ROOM, RESIDENT, message_type=IMAGE, image=b"\xff\xd8jpeg-bytes")
        await world.settle(2)
        assert world.attachments(1) == [("photo", image_id)]  # on the report's ticket
        saved = list(files.iterdir())
        assert [path.read_bytes() for path in saved] == [b"\xff\xd8jpeg-bytes"]
        assert saved[0].name.startswith(image_id)
        assert base64.b64encode(saved[0].read_bytes())


async def test_wechaty_logs_go_through_the_bots_handlers_and_mask_nothing_away(
    database: Database, directory: Directory, caplog: pytest.LogCaptureFixture
) -> None:
    """wechaty logs every message's text at INFO on a stderr handler of its own; routed to
    the bot's handlers at WARNING, a resident's phone number never reaches a log line."""
    caplog.set_level("INFO")
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        puppet.say(ROOM, RESIDENT, f"#报修 3栋2单元501 燃气灶打不着火 电话{PHONE}")
        await puppet.wait_sent(1)
        started = time.monotonic()
        while time.monotonic() - started < 0.2:
            await asyncio.sleep(0.02)
    assert "138****5678" in puppet.sent[0].text
    assert PHONE not in caplog.text
