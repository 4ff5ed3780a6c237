"""待确认: what the bot cannot decide waits for grid staff, who register or dismiss it."""

from __future__ import annotations

from sqlmodel import select

from models.review import ReviewItem
from schedules.review import REVIEW_BATCH, announce_waiting
from tests.harness import Bot

GAS = "cuidong-gas"
OFFICE = "cuidong-office"


def waiting(bot: Bot) -> list[ReviewItem]:
    with bot.database.session() as session:
        return list(session.exec(select(ReviewItem).where(ReviewItem.state == "waiting")))


async def test_a_doubtful_message_waits_silently_and_is_listed_on_request(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "停电了", name="张女士")
    assert await bot.posts() == [] and bot.tickets() == []
    [item] = waiting(bot)
    await bot.say(OFFICE, "sec-li", "待确认")
    [post] = await bot.posts(OFFICE)
    assert f"〔{item.id}〕张女士" in post["text"] and "停电了" in post["text"]


async def test_register_by_number_makes_a_ticket_in_the_residents_chat(bot: Bot) -> None:
    report = await bot.say(GAS, "res-zhang", "停电了", name="张女士")
    [item] = waiting(bot)
    await bot.say(OFFICE, "zhu", f"登记 {item.id}")
    [answer] = await bot.posts(OFFICE)
    assert f"待确认〔{item.id}〕已由 祝均升 登记为工单 #1" in answer["text"]
    [announced] = await bot.posts(GAS)
    assert "工单 #1" in announced["text"] and announced["reply_to"] == report
    ticket = bot.ticket(1)
    assert (ticket.reporter, ticket.chat) == ("res-zhang", GAS)
    assert [e.action for e in bot.events(1)][-1] == "registered"
    assert waiting(bot) == []


async def test_register_by_replying_to_the_message(bot: Bot) -> None:
    report = await bot.say(GAS, "res-zhang", "停电了")
    await bot.say(GAS, "zhu", "登记", reply_to=report)
    assert len(bot.tickets()) == 1 and waiting(bot) == []


async def test_dismiss_leaves_no_ticket(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "停电了")
    [item] = waiting(bot)
    await bot.say(OFFICE, "sec-li", f"忽略 {item.id}")
    assert "已由 李书记 忽略" in (await bot.posts(OFFICE))[0]["text"]
    assert bot.tickets() == [] and waiting(bot) == []


async def test_residents_cannot_decide_and_nothing_changes(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "停电了")
    [item] = waiting(bot)
    await bot.say(GAS, "res-wu", f"登记 {item.id}")
    assert bot.tickets() == [] and len(waiting(bot)) == 1


async def test_the_resident_adding_the_building_turns_it_into_a_routed_ticket(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "停电了")
    bot.advance(minutes=2)
    await bot.say(GAS, "res-zhang", "10栋2单元801")
    ticket = bot.ticket(1)
    assert (ticket.building, ticket.grid, ticket.assignee) == ("10", "cuidong-2", "liu")
    assert waiting(bot) == []


async def test_the_batch_post_lists_new_items_once_in_the_office_chat(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "停电了", name="张女士")
    await bot.say(GAS, "res-wu", "no power again", name="Wu")

    def sweep() -> int:
        with bot.database.session() as session:
            posted = announce_waiting(session, bot.directory, bot.clock())
            session.commit()
            return posted

    assert await bot.database.run(sweep) == 0  # a batch waits for more, not a post each
    bot.advance(seconds=REVIEW_BATCH.total_seconds())
    assert await bot.database.run(sweep) == 1
    assert await bot.database.run(sweep) == 0  # listed once, not again and again
    await bot.sender.flush()
    [post] = await bot.posts(OFFICE)
    assert "待确认消息 2 条" in post["text"] and "张女士" in post["text"] and "Wu" in post["text"]
    assert set(post["mentions"]) == {"zhu", "liu"}
