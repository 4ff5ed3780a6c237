"""Only the assignee, the grid's staff, its supervisor or a secretary may work a ticket."""

from __future__ import annotations

import pytest

from tests.harness import Bot

GAS = "cuidong-gas"


async def report(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    await bot.posts()


@pytest.mark.parametrize(
    "command", ["接单 #1", "#1 已完成", "转派 #1 @陈明", "退回 #1 不归我管", "#1 到场"]
)
@pytest.mark.parametrize("who", ["res-neighbour", "liu"])  # a resident; a steward of grid 2
async def test_outsiders_are_refused_and_nothing_changes(bot: Bot, who: str, command: str) -> None:
    await report(bot)
    await bot.say(GAS, who, command)
    [post] = await bot.posts()
    assert post["text"].startswith("⛔")
    ticket = bot.ticket(1)
    assert (ticket.state, ticket.assignee) == ("assigned", "zhu")
    assert [e.action for e in bot.events(1)] == ["created", "assigned"]


@pytest.mark.parametrize("who", ["zhu", "chen", "wang", "sec-li"])
async def test_grid_staff_supervisor_and_secretary_may_resolve(bot: Bot, who: str) -> None:
    await report(bot)
    await bot.say(GAS, who, "#1 已完成")
    assert bot.ticket(1).state == "resolved"


async def test_a_resident_saying_received_in_reply_is_just_chat(bot: Bot) -> None:
    await report(bot)
    post = await bot.last_post()
    await bot.say(GAS, "res-neighbour", "收到", reply_to=post["id"])
    assert bot.ticket(1).state == "assigned"
    assert all(not p["text"].startswith("⛔") for p in await bot.posts())


async def test_only_the_reporter_rates(bot: Bot) -> None:
    await report(bot)
    await bot.say(GAS, "zhu", "#1 已完成")
    await bot.posts()
    await bot.say(GAS, "zhu", "#1 满意")
    [post] = await bot.posts()
    assert "只有报事人" in post["text"]
    assert bot.ticket(1).state == "resolved"


async def test_rating_before_resolve_is_refused(bot: Bot) -> None:
    await report(bot)
    await bot.say(GAS, "res-zhang", "#1 满意")
    [post] = await bot.posts()
    assert "处理完成后再评价" in post["text"] and bot.ticket(1).state == "assigned"
