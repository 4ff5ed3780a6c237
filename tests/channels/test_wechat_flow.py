"""The ticket loop in a WeChat room, end to end: real wechaty over gRPC, a fake puppet service."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from handlers.directory import Directory
from models.db import Database
from tests.channels.fake_puppet import EVENT_ROOM_INVITE
from tests.channels.wechat_world import RESIDENT, ROOM, ZHU, wechat_directory, wechat_world

SEPARATOR = "- - - - - - - - - - - - - - -"


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    return wechat_directory(tmp_path)


async def test_report_claim_by_quote_resolve_confirm(
    database: Database, directory: Directory
) -> None:
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        await world.channel.logged_in.wait()
        puppet.say(ROOM, RESIDENT, "#报修 3栋2单元501 燃气灶打不着火 电话13812345678")
        registered = (await puppet.wait_sent(1))[0]
        assert registered.room == ROOM
        assert "工单 #1" in registered.text and "@祝均升" in registered.text
        assert "138****5678" in registered.text and "13812345678" not in registered.text
        assert ZHU in registered.mention_ids  # WeChat notifies the steward
        assert world.ticket(1).state == "assigned"

        # 祝均升 quotes the bot's post (引用) and writes 接单: the padlocal text shape.
        puppet.say(ROOM, ZHU, f"「网格管家：{registered.text}」\n{SEPARATOR}\n接单")
        claimed = (await puppet.wait_sent(2))[1]
        assert "工单 #1 已由 祝均升 接单" in claimed.text
        assert RESIDENT in claimed.mention_ids
        assert world.ticket(1).state == "claimed"
        assert world.ticket(1).assignee == "zhu"

        puppet.say(ROOM, ZHU, "#1 已完成 更换了点火针")
        resolved = (await puppet.wait_sent(3))[2]
        assert "更换了点火针" in resolved.text and RESIDENT in resolved.mention_ids
        assert world.ticket(1).state == "resolved"

        puppet.say(ROOM, RESIDENT, "#1 满意")
        closed = (await puppet.wait_sent(4))[3]
        assert "工单 #1 已关闭" in closed.text
        ticket = world.ticket(1)
        assert ticket.state == "closed" and ticket.rating == "satisfied"
        assert ticket.reporter == RESIDENT and ticket.reporter_name == "张女士"  # room alias


async def test_claim_by_wechat_quote_message_of_the_report(
    database: Database, directory: Directory
) -> None:
    """The other shape: WeChat's own quote message (appmsg type 57) naming the quoted id."""
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        report_id = puppet.say(ROOM, RESIDENT, "#报修 5栋1单元302 燃气表不走字")
        await puppet.wait_sent(1)
        quote = (
            "<msg><appmsg appid='' sdkver='0'><title>收到</title><type>57</type>"
            f"<refermsg><type>1</type><svrid>{report_id}</svrid><fromusr>{ROOM}</fromusr>"
            f"<chatusr>{RESIDENT}</chatusr><displayname>张女士</displayname>"
            "<content>#报修 5栋1单元302 燃气表不走字</content></refermsg></appmsg></msg>"
        )
        reply_id = puppet.say(ROOM, ZHU, quote, message_type=14)  # a puppet's Url type
        sent = await puppet.wait_sent(2)
        assert "工单 #1 已由 祝均升 接单" in sent[1].text
        assert world.ticket(1).state == "claimed"
        stored = world.stored(reply_id)
        assert stored.text == "收到" and stored.reply_to == report_id


async def test_mention_command_and_quote_found_by_text_only(
    database: Database, directory: Directory
) -> None:
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        puppet.say(ROOM, RESIDENT, "#报修 2栋1单元101 燃气灶点不着")
        await puppet.wait_sent(1)
        puppet.say(ROOM, RESIDENT, "#报修 4栋2单元202 燃气管道有异响")
        await puppet.wait_sent(2)
        # `@网格管家 接单 #2`, with WeChat's four-per-em space after the mention.
        puppet.say(ROOM, ZHU, "@网格管家\u2005接单 #2", mention_ids=(puppet.self_id,))
        sent = await puppet.wait_sent(3)
        assert "工单 #2 已由 祝均升 接单" in sent[2].text
        assert world.ticket(2).state == "claimed" and world.ticket(1).state == "assigned"
        # A quote of the resident's first report, by its words only (no id in this shape).
        puppet.say(ROOM, ZHU, f"「张女士：#报修 2栋1单元101 燃气灶点不着」\n{SEPARATOR}\n接单")
        sent = await puppet.wait_sent(4)
        assert "工单 #1 已由 祝均升 接单" in sent[3].text


async def test_unlisted_room_and_direct_messages_are_logged_not_acted_on(
    database: Database, directory: Directory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    async with wechat_world(database, directory) as world:
        puppet = world.puppet
        puppet.say("29999@chatroom", RESIDENT, "#报修 3栋2单元501 燃气灶打不着火")
        puppet.say("", RESIDENT, "#报修 3栋2单元501 私聊报修")  # a direct message
        puppet.emit(EVENT_ROOM_INVITE, {"roomInvitationId": "invitation-7"})
        puppet.say(ROOM, RESIDENT, "你好")  # the listed room goes on being served
        await world.settle(1)
        await asyncio.sleep(0.2)
        assert [event.chat for event in world.delivered] == [ROOM]
        assert puppet.sent == []
    assert "29999@chatroom (隔壁小区闲聊群) is not in the directory" in caplog.text
    assert "bind --platform wechat" in caplog.text
    assert "invitation invitation-7 to a room; not accepted by the bot" in caplog.text
