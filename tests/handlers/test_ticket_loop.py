"""The loop as people live it: claim, on site, resolve, confirm or reopen, reassign, return."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.harness import Bot

GAS = "cuidong-gas"
REPORT = "#报修 3栋2单元501 燃气灶打不着火"


async def reported(bot: Bot) -> int:
    """A resident reports; returns the report's message id, the bot's post is read."""
    message = await bot.say(GAS, "res-zhang", REPORT, name="张女士")
    await bot.posts()
    return message


async def test_full_loop_by_reply_number_and_rating(bot: Bot) -> None:
    report = await reported(bot)
    bot.advance(minutes=5)
    await bot.say(GAS, "zhu", "接单", reply_to=report)
    [post] = await bot.posts()
    assert "工单 #1 已由 祝均升 接单" in post["text"] and post["mentions"] == ["res-zhang"]
    await bot.say(GAS, "zhu", "#1 到场")
    assert "已到场" in (await bot.posts())[0]["text"]
    await bot.say(GAS, "zhu", "#1 已完成 更换了点火针")
    [post] = await bot.posts()
    assert "处理完成：更换了点火针" in post["text"] and "#1 满意" in post["text"]
    await bot.say(GAS, "res-zhang", "#1 满意")
    [post] = await bot.posts()
    assert "已关闭" in post["text"]
    ticket = bot.ticket(1)
    assert (ticket.state, ticket.rating, ticket.resolution_note) == (
        "closed",
        "satisfied",
        "更换了点火针",
    )
    assert ticket.claimed_at is not None and ticket.closed_at is not None
    assert [e.action for e in bot.events(1)] == [
        "created",
        "assigned",
        "claimed",
        "in_progress",
        "resolved",
        "confirmed",
    ]
    assert [e.actor for e in bot.events(1)][2:] == ["zhu", "zhu", "zhu", "res-zhang"]


async def test_claim_by_replying_to_the_bots_post(bot: Bot) -> None:
    await reported(bot)
    post = await bot.last_post()
    await bot.say(GAS, "zhu", "收到", reply_to=post["id"])
    assert bot.ticket(1).state == "claimed"


@pytest.mark.parametrize(
    ("claim", "resolve", "confirm"),
    [
        ("接单 #1", "#1 已完成 换了电池", "#1 满意"),
        ("接單 #1", "#1 已完成 換了電池", "#1 滿意"),
        ("/claim 1", "/done 1 replaced the battery", "#1 satisfied"),
        ("claim #1", "done #1 replaced the battery", "/confirm 1"),
    ],
)
async def test_commands_in_three_languages(
    bot: Bot, claim: str, resolve: str, confirm: str
) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", claim)
    assert bot.ticket(1).state == "claimed"
    await bot.say(GAS, "zhu", resolve)
    assert bot.ticket(1).state == "resolved"
    await bot.say(GAS, "res-zhang", confirm)
    assert bot.ticket(1).state == "closed"


@pytest.mark.parametrize(
    "reopen", ["#1 不满意 还是打不着", "#1 不滿意 還是打不著", "#1 not satisfied"]
)
async def test_unsatisfied_reopens_and_keeps_the_rating(bot: Bot, reopen: str) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", "#1 已完成")
    await bot.posts()
    await bot.say(GAS, "res-zhang", reopen)
    [post] = await bot.posts()
    assert "重新打开" in post["text"] and post["mentions"] == ["zhu"]
    ticket = bot.ticket(1)
    assert (ticket.state, ticket.rating, ticket.assignee) == ("reopened", "unsatisfied", "zhu")
    await bot.say(GAS, "zhu", "接单 #1")
    await bot.say(GAS, "zhu", "#1 已完成 重新更换点火器")
    await bot.say(GAS, "res-zhang", "#1 满意")
    assert (bot.ticket(1).state, bot.ticket(1).rating) == ("closed", "satisfied")


@pytest.mark.parametrize(
    "command", ["转派 #1 @陈明", "轉派 #1 @陳明", "/reassign 1 @chen", "/reassign 1 chen"]
)
async def test_reassign_within_the_community(bot: Bot, command: str) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", command)
    [post] = await bot.posts()
    assert "转派给 @陈明" in post["text"] and post["mentions"] == ["chen"]
    assert (bot.ticket(1).assignee, bot.ticket(1).state) == ("chen", "assigned")
    await bot.say(GAS, "chen", "接单 #1")
    assert (bot.ticket(1).state, bot.ticket(1).assignee) == ("claimed", "chen")


async def test_reassign_to_someone_unknown_changes_nothing(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", "转派 #1 @不存在的人")
    [post] = await bot.posts()
    assert "未找到" in post["text"]
    assert bot.ticket(1).assignee == "zhu"


async def test_return_goes_back_to_the_secretaries_who_reassign(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", "退回 #1 不是我们网格的")
    [post] = await bot.posts()
    assert "退回社区" in post["text"] and "不是我们网格的" in post["text"]
    assert post["mentions"] == ["sec-li"]
    assert (bot.ticket(1).state, bot.ticket(1).assignee) == ("returned", "sec-li")
    await bot.say(GAS, "sec-li", "转派 #1 @刘红")
    assert (bot.ticket(1).state, bot.ticket(1).assignee, bot.ticket(1).grid) == (
        "assigned",
        "liu",
        "cuidong-2",
    )


@pytest.mark.parametrize("command", ["催办 #1", "催辦 #1", "urge #1"])
async def test_anyone_may_urge(bot: Bot, command: str) -> None:
    await reported(bot)
    bot.advance(minutes=40)
    await bot.say(GAS, "res-neighbour", command)
    [post] = await bot.posts()
    assert "催办" in post["text"] and "40分钟" in post["text"] and post["mentions"] == ["zhu"]
    assert bot.ticket(1).urge_count == 1


@pytest.mark.parametrize("command", ["查询 #1", "查詢 #1", "/status 1"])
async def test_anyone_may_ask_the_status(bot: Bot, command: str) -> None:
    await reported(bot)
    await bot.say(GAS, "res-neighbour", command)
    [post] = await bot.posts()
    assert "工单 #1" in post["text"] and "待接单" in post["text"] and "祝均升" in post["text"]
    assert "11-24 11:00" in post["text"]  # claim due: 2 h after 09:00 Shanghai time


async def test_a_reply_that_is_no_command_reaches_the_assignee(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "res-zhang", "还是打不着，电话13812345678", reply_to=report)
    [post] = await bot.posts()
    assert "补充" in post["text"] and "还是打不着" in post["text"]
    assert "13812345678" not in post["text"] and post["mentions"] == ["zhu"]
    assert bot.events(1)[-1].action == "follow_up"


@pytest.mark.parametrize("text", ["帮助", "幫助", "/help", "help"])
async def test_help(bot: Bot, text: str) -> None:
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert "使用说明" in post["text"] and "#报修" in post["text"]


async def test_unknown_ticket_number_gets_a_clear_answer(bot: Bot) -> None:
    await bot.say(GAS, "zhu", "接单 #99")
    [post] = await bot.posts()
    assert "未找到工单 #99" in post["text"]


async def test_claim_word_without_a_ticket_asks_for_one(bot: Bot) -> None:
    await bot.say(GAS, "zhu", "接单")
    [post] = await bot.posts()
    assert "工单号" in post["text"]


async def test_already_claimed_by_a_colleague(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "chen", "接单 #1")
    await bot.posts()
    await bot.say(GAS, "zhu", "接单 #1")
    [post] = await bot.posts()
    assert "已由 陈明 接单" in post["text"]
    assert bot.ticket(1).assignee == "chen"


async def test_a_reply_that_smells_gas_raises_the_ticket_to_an_emergency(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "res-zhang", "现在厨房有很浓的燃气味了", reply_to=report)
    [post] = await bot.posts()
    assert "紧急工单 #1" in post["text"] and "开窗通风" in post["text"]
    assert post["mentions"] == ["zhu", "wang"]
    ticket = bot.ticket(1)
    assert ticket.emergency
    assert ticket.claim_due_at - ticket.created_at == timedelta(minutes=20)


async def test_gas_smell_under_a_closed_ticket_is_a_new_emergency(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "zhu", "#1 已完成")
    await bot.say(GAS, "res-zhang", "#1 满意")
    await bot.posts()
    await bot.say(GAS, "res-zhang", "又闻到燃气味了", reply_to=report)
    [post] = await bot.posts()
    assert "紧急工单 #2" in post["text"] and "3栋2单元501" in post["text"]
    assert post["mentions"] == ["zhu", "wang"]
    assert bot.ticket(1).state == "closed" and bot.ticket(2).emergency


async def test_an_emergency_follow_up_calls_whoever_holds_the_ticket_now(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "zhu", "转派 #1 @陈明")
    await bot.posts()
    await bot.say(GAS, "res-zhang", "还是有燃气味，很大", reply_to=report)
    [post] = await bot.posts()
    assert "紧急工单 #1" in post["text"] and "还是有燃气味，很大" in post["text"]
    assert post["mentions"] == ["chen", "wang"]


async def test_thanks_in_reply_is_kept_but_not_posted(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "res-zhang", "谢谢祝师傅！", reply_to=report)
    assert await bot.posts() == []
    assert bot.events(1)[-1].action == "follow_up"


async def test_urging_a_resolved_ticket_asks_the_reporter(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", "#1 已完成")
    await bot.posts()
    await bot.say(GAS, "res-neighbour", "催办 #1")
    [post] = await bot.posts()
    assert "等待确认" in post["text"] and post["mentions"] == ["res-zhang"]


async def test_a_returned_ticket_leaves_the_grid_until_reassigned(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "zhu", "退回 #1 不归我们管")
    await bot.posts()
    await bot.say(GAS, "chen", "接单 #1")
    [post] = await bot.posts()
    assert post["text"].startswith("⛔") and bot.ticket(1).state == "returned"


async def test_answers_about_a_ticket_carry_its_number(bot: Bot) -> None:
    await reported(bot)
    await bot.say(GAS, "res-neighbour", "接单 #1")  # refused
    await bot.say(GAS, "res-zhang", "#1 满意")  # too early
    posts = await bot.posts()
    assert len(posts) == 2
    assert [r.ticket_number for r in bot.outbox()[-2:]] == [1, 1]


@pytest.mark.parametrize("text", ["谢谢 还没修好", "师傅几点来", "好的 水漏了"])
async def test_a_polite_reply_with_news_still_reaches_the_assignee(bot: Bot, text: str) -> None:
    report = await reported(bot)
    await bot.say(GAS, "res-zhang", text, reply_to=report)
    [post] = await bot.posts()
    assert "补充" in post["text"] and post["mentions"] == ["zhu"]


async def test_a_steward_in_the_office_chat_still_reaches_the_resident(bot: Bot) -> None:
    await reported(bot)
    await bot.say("cuidong-office", "zhu", "接单 #1")
    [in_office] = await bot.posts("cuidong-office")
    [in_group] = await bot.posts(GAS)
    assert in_group["text"] == in_office["text"] and "@张女士" in in_group["text"]
    assert in_group["mentions"] == ["res-zhang"] and in_office["mentions"] == []


@pytest.mark.parametrize("command", ["查询 #99999999", "接单 #99999999999"])
async def test_a_huge_ticket_number_is_not_found(bot: Bot, command: str) -> None:
    await bot.say(GAS, "zhu", command)
    [post] = await bot.posts()
    assert "未找到工单 #" in post["text"]


async def test_a_new_phone_number_in_reply_is_kept_and_masked(bot: Bot) -> None:
    report = await reported(bot)
    await bot.say(GAS, "res-zhang", "换个号码联系我 13998765432", reply_to=report)
    [post] = await bot.posts()
    assert "139****5432" in post["text"] and "13998765432" not in post["text"]
    assert bot.ticket(1).phone == "13998765432"
