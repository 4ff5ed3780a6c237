"""Reports become numbered tickets routed to the right steward; chatter stays silent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.texts import excerpt
from tests.harness import Bot

GAS = "cuidong-gas"


async def test_report_becomes_ticket_routed_by_building(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火", name="张女士")
    [post] = await bot.posts()
    assert "工单 #1" in post["text"] and "报修" in post["text"]
    assert "3栋2单元501" in post["text"] and "@祝均升" in post["text"]
    assert post["mentions"] == ["zhu"]
    ticket = bot.ticket(1)
    assert (ticket.state, ticket.grid, ticket.assignee) == ("assigned", "cuidong-1", "zhu")
    assert (ticket.building, ticket.unit, ticket.room) == ("3", "2", "501")
    assert ticket.reporter == "res-zhang" and ticket.kind == "repair"
    assert [e.action for e in bot.events(1)] == ["created", "assigned"]


async def test_second_grid_gets_its_own_steward(bot: Bot) -> None:
    await bot.say(GAS, "res-wu", "家里停电了，10栋2单元801")
    [post] = await bot.posts()
    assert "@刘红" in post["text"] and post["mentions"] == ["liu"]
    assert (bot.ticket(1).grid, bot.ticket(1).assignee) == ("cuidong-2", "liu")


@pytest.mark.parametrize(
    "text",
    [
        "#报修 燃气灶打不着火",  # no building at all
        "#报修 99栋1单元101 燃气灶打不着火",  # a building no grid covers
    ],
)
async def test_report_without_a_grid_goes_to_the_secretaries(bot: Bot, text: str) -> None:
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert "@李书记" in post["text"] and post["mentions"] == ["sec-li"]
    assert bot.ticket(1).grid is None and bot.ticket(1).assignee == "sec-li"


async def test_reporter_adds_the_building_by_reply_and_it_is_routed(bot: Bot) -> None:
    report = await bot.say(GAS, "res-zhang", "#报修 燃气灶打不着火")
    await bot.posts()
    await bot.say(GAS, "res-zhang", "5栋1单元302", reply_to=report)
    [post] = await bot.posts()
    assert "@祝均升" in post["text"] and "5栋1单元302" in post["text"]
    assert (bot.ticket(1).grid, bot.ticket(1).assignee, bot.ticket(1).building) == (
        "cuidong-1",
        "zhu",
        "5",
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("【隐患】7栋楼道堆放杂物", "hazard"),
        ("投诉：3栋楼下夜里施工噪音太大", "complaint"),
        ("#咨询 2栋 燃气表怎么充值", "inquiry"),
        ("#報修 3棟2單元501 熱水器不熱", "repair"),
        ("#hazard building 4 unit 1 loose gas pipe bracket", "hazard"),
        ("#repair 3-2-501 the stove won't light", "repair"),
        ("我家沒氣了 5棟3單元202", "repair"),
        ("三栋二单元五零一 燃气灶打不着火", "repair"),
    ],
)
async def test_kinds_and_languages(bot: Bot, text: str, kind: str) -> None:
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert "工单 #1" in post["text"]
    assert bot.ticket(1).kind == kind
    assert bot.ticket(1).grid == "cuidong-1"


@pytest.mark.parametrize(
    "text",
    [
        "谢谢祝师傅！",
        "好的",
        "收到",
        "大家晚上好",
        "【通知】明天上午9点停水检修，请提前储水",
        "温馨提示：如发现燃气味，请立即开窗并拨打96777",
        "thanks a lot!",
        "👍",
    ],
)
async def test_chit_chat_and_notices_stay_silent(bot: Bot, text: str) -> None:
    await bot.say(GAS, "res-zhang", text)
    assert await bot.posts() == []
    assert bot.tickets() == []


async def test_bare_tag_gets_the_format_and_no_ticket(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修")
    [post] = await bot.posts()
    assert "#报修 3栋2单元501" in post["text"]
    assert bot.tickets() == []


@pytest.mark.parametrize(
    "text",
    [
        "3栋2单元501 厨房有很浓的燃气味",
        "3棟2單元501 廚房有燃氣味",
        "smell gas in building 3 unit 2 room 501",
    ],
)
async def test_emergency_calls_steward_and_supervisor_with_safety_advice(
    bot: Bot, text: str
) -> None:
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert "紧急工单 #1" in post["text"]
    assert "开窗通风" in post["text"] and "96777" in post["text"]
    assert post["mentions"] == ["zhu", "wang"]
    ticket = bot.ticket(1)
    assert ticket.emergency
    assert ticket.claim_due_at - ticket.created_at == timedelta(minutes=20)


async def test_emergency_without_address_still_reaches_people(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "楼道里冒烟了！")
    [post] = await bot.posts()
    assert "紧急工单 #1" in post["text"]
    # No grid known: every steward and supervisor of the community, and its secretaries.
    assert set(post["mentions"]) == {"sec-li", "zhu", "liu", "wang"}


async def test_phone_and_id_are_kept_but_masked_in_posts(bot: Bot) -> None:
    await bot.say(
        GAS,
        "res-zhang",
        "#报修 3栋2单元501 燃气灶打不着火 电话13812345678 身份证110101199003071234",
    )
    [post] = await bot.posts()
    assert "138****5678" in post["text"] and "13812345678" not in post["text"]
    assert "110101199003071234" not in post["text"]
    assert bot.ticket(1).phone == "13812345678"


async def test_numbers_count_up_from_one(bot: Bot) -> None:
    for n in range(3):
        await bot.say(GAS, f"res-{n}", f"#报修 {n + 1}栋1单元101 水管漏水")
    assert [bot.ticket(n).number for n in (1, 2, 3)] == [1, 2, 3]


async def test_due_times_follow_the_kind(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#隐患 7栋 楼道堆放杂物")
    ticket = bot.ticket(1)
    assert ticket.claim_due_at - ticket.created_at == timedelta(hours=24)
    assert ticket.resolve_due_at - ticket.created_at == timedelta(days=3)


async def test_a_long_report_is_cut_short_in_the_post_and_kept_whole(bot: Bot) -> None:
    text = "#报修 3栋2单元501 燃气灶打不着火 " + "说明" * 300 + " 电话13812345678"
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert len(post["text"]) < 400 and "…" in post["text"]
    assert bot.ticket(1).text == text


def test_an_excerpt_never_cuts_a_phone_number_in_half() -> None:
    cut = excerpt("x" * 190 + "13812345678", limit=200)  # the cut falls inside the number
    assert "123456" not in cut and "138****" in cut
