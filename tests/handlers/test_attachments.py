"""Photos and files reach the ticket they belong to, whatever platform brought them."""

from __future__ import annotations

from tests.harness import Bot

GAS = "cuidong-gas"


async def test_a_photo_with_a_report_caption_is_kept_on_the_new_ticket(bot: Bot) -> None:
    await bot.deliver(
        GAS, "res-zhang", "#报修 3栋2单元501 水管漏水", message_id="p1", files=(("photo", "F1"),)
    )
    assert bot.ticket(1).building == "3"
    assert bot.attachments(1) == [("photo", "F1")]


async def test_a_photo_right_after_the_report_joins_it(bot: Bot) -> None:
    await bot.deliver(GAS, "res-zhang", "#报修 3栋2单元501 水管漏水", message_id="p1")
    bot.advance(seconds=20)
    await bot.deliver(GAS, "res-zhang", "", message_id="p2", files=(("photo", "F 2.jpg"),))
    assert bot.attachments(1) == [("photo", "F 2.jpg")]
    assert [e.action for e in bot.events(1)][-1] == "follow_up"
    assert len(bot.tickets()) == 1


async def test_a_photo_a_minute_later_or_from_someone_else_is_not_guessed(bot: Bot) -> None:
    await bot.deliver(GAS, "res-zhang", "#报修 3栋2单元501 水管漏水", message_id="p1")
    await bot.deliver(GAS, "res-wu", "", message_id="p2", files=(("photo", "OTHER"),))
    bot.advance(seconds=61)
    await bot.deliver(GAS, "res-zhang", "", message_id="p3", files=(("photo", "LATE"),))
    assert bot.attachments(1) == []


async def test_a_photo_replied_to_the_bots_post_attaches_and_tells_the_steward(bot: Bot) -> None:
    await bot.deliver(GAS, "res-zhang", "#报修 3栋2单元501 水管漏水", message_id="p1")
    post = await bot.last_post()
    bot.advance(minutes=10)
    await bot.deliver(
        GAS, "res-zhang", "", message_id="p2", reply_to=str(post["id"]), files=(("photo", "F3"),)
    )
    assert bot.attachments(1) == [("photo", "F3")]
    last = await bot.last_post()
    assert "补充" in last["text"] and "[图片]" in last["text"] and last["mentions"] == ["zhu"]
