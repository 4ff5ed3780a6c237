"""Overdue tickets are chased: reminders at an interval, then 督办 to the supervisor and the
secretaries; quiet hours hold reminders, emergencies go up at once, a 催办 counts."""

from __future__ import annotations

from tests.harness import Bot
from tests.schedules.clock import at, local_time, run_clock

GAS = "cuidong-gas"
OFFICE = "cuidong-office"
REPORT = "#报修 3栋2单元501 燃气灶打不着火 电话13812345678"


async def report(bot: Bot, text: str = REPORT) -> int:
    message = await bot.say(GAS, "res-zhang", text, name="张女士")
    await bot.posts()  # the ticket's announcement
    return message


async def test_claim_reminders_repeat_then_escalate_to_supervisor_and_secretaries(
    bot: Bot,
) -> None:
    await report(bot)  # 09:00, repair: claim within 2 h, so chased every hour
    await run_clock(bot, at(10, 59))
    assert await bot.posts() == []

    await run_clock(bot, at(12, 0))
    first, second = await bot.posts()
    assert [local_time(first), local_time(second)] == ["11-24 11:00", "11-24 12:00"]
    assert first["text"].startswith(
        "⏰ 超时提醒：工单 #1（报修，3栋2单元501）已等待2小时，仍未接单"
    )
    assert "@祝均升 请尽快接单" in first["text"] and first["mentions"] == ["zhu"]
    assert "已等待3小时" in second["text"] and "超时1小时" in second["text"]
    assert "13812345678" not in first["text"] + second["text"]

    await run_clock(bot, at(14, 30))
    [supervisor] = await bot.posts()
    assert local_time(supervisor) == "11-24 13:00"
    assert supervisor["text"].startswith("📣 督办：工单 #1")
    assert "已提醒2次" in supervisor["text"] and "@王建国 请督促 祝均升 处理" in supervisor["text"]
    assert supervisor["mentions"] == ["wang"]
    assert (
        "经过：09:00 张女士报事 · 09:00 派单 · 11:00 超时提醒 · 12:00 超时提醒"
        in (supervisor["text"])
    )
    [secretaries] = await bot.posts(OFFICE)
    assert local_time(secretaries) == "11-24 14:00"
    assert (
        secretaries["text"].startswith("📣 督办上报：工单 #1") and "@李书记" in secretaries["text"]
    )
    assert secretaries["mentions"] == ["sec-li"]

    await run_clock(bot, at(15, 0))  # the chain is done; reminders go on until it moves
    [again] = await bot.posts()
    assert local_time(again) == "11-24 15:00" and again["text"].startswith("⏰ 超时提醒")
    assert [e.action for e in bot.events(1)][2:] == [
        "reminded",
        "reminded",
        "escalated",
        "escalated",
        "reminded",
    ]
    await bot.say(GAS, "res-zhang", "查询 #1")
    [status] = await bot.posts()
    assert (
        "督办：超时提醒3次；11-24 13:00 上报监督员王建国；11-24 14:00 上报社区书记李书记"
        in (status["text"])
    )


async def test_claiming_stops_the_chase_and_the_resolve_due_time_takes_over(bot: Bot) -> None:
    message = await report(bot)
    await run_clock(bot, at(11, 30))
    assert len(await bot.posts()) == 1
    await bot.say(GAS, "zhu", "接单", reply_to=message)
    await bot.posts()
    await run_clock(bot, at(8, 59, day=25))  # resolve due 24 h after the report
    assert await bot.posts() == []
    assert [p["text"][0] for p in await bot.posts(OFFICE)] == ["📊"]  # only the 18:00 digest

    await run_clock(bot, at(9, 0, day=25))
    [post] = await bot.posts()
    assert "已接单，已到办结时限" in post["text"] and "#1 已完成" in post["text"]
    await bot.say(GAS, "zhu", "#1 已完成 换了点火针")
    await bot.posts()
    await run_clock(bot, at(18, 0, day=26))
    assert [p for p in await bot.posts() if "超时提醒" in p["text"]] == []


async def test_a_reporters_urge_counts_as_a_reminder(bot: Bot) -> None:
    await report(bot)
    await run_clock(bot, at(11, 20))
    assert len(await bot.posts()) == 1  # the 11:00 reminder
    await bot.say(GAS, "res-zhang", "催办 #1")  # the second nudge at the claim level
    await bot.posts()
    await run_clock(bot, at(12, 0))
    [escalation] = await bot.posts()
    assert local_time(escalation) == "11-24 12:00"
    assert escalation["text"].startswith("📣 督办") and "已提醒2次" in escalation["text"]
    assert "11:20 张女士催办" in escalation["text"]


async def test_moving_a_ticket_restarts_its_chase_one_interval_later(bot: Bot) -> None:
    await report(bot)
    await run_clock(bot, at(12, 30))
    assert len(await bot.posts()) == 2
    await bot.say(GAS, "zhu", "转派 #1 @陈明")  # after its claim due time
    await bot.posts()
    await run_clock(bot, at(13, 29))
    assert await bot.posts() == []  # not the supervisor yet: the move is news
    await run_clock(bot, at(13, 30))
    [post] = await bot.posts()
    assert post["text"].startswith("⏰ 超时提醒") and post["mentions"] == ["chen"]


async def test_quiet_hours_hold_reminders_and_then_send_one_per_ticket(bot: Bot) -> None:
    bot.clock.now = at(20, 30)
    await report(bot)  # due 22:30, inside 22:00-07:00
    bot.clock.now = at(21, 0)
    await report(bot, "#报修 5栋101 水管漏水")  # due 23:00
    await run_clock(bot, at(6, 59, day=25))
    assert await bot.posts() == []

    await run_clock(bot, at(7, 0, day=25))
    posts = await bot.posts()
    assert sorted(p["text"].split("（")[0] for p in posts) == [
        "⏰ 超时提醒：工单 #1",
        "⏰ 超时提醒：工单 #2",
    ]
    assert {local_time(p) for p in posts} == {"11-25 07:00"}
    await run_clock(bot, at(8, 0, day=25))
    posts = await bot.posts()
    assert len(posts) == 2 and {local_time(p) for p in posts} == {"11-25 08:00"}


async def test_an_unclaimed_emergency_goes_to_the_supervisor_at_once_even_at_night(
    bot: Bot,
) -> None:
    bot.clock.now = at(23, 0)
    await report(bot, "3栋2单元501 厨房有很大的燃气味")  # emergency: claim within 20 min
    await run_clock(bot, at(23, 19))
    assert await bot.posts() == []
    await run_clock(bot, at(23, 20))
    [escalation] = await bot.posts()
    assert escalation["text"].startswith("🚨 紧急督办：工单 #1（紧急")
    assert "@王建国 请立即协调处置，@祝均升 请立即接单" in escalation["text"]
    assert escalation["mentions"] == ["wang", "zhu"]
    await run_clock(bot, at(0, 0, day=25))  # every 20 min: secretaries, then a reminder
    [secretaries] = await bot.posts(OFFICE)
    assert local_time(secretaries) == "11-24 23:40" and "@李书记" in secretaries["text"]
    [reminder] = await bot.posts()
    assert local_time(reminder) == "11-25 00:00" and reminder["text"].startswith("⏰")


async def test_a_ticket_no_grid_took_reminds_the_secretary_without_escalating_to_her(
    bot: Bot,
) -> None:
    await report(bot, "#报修 楼道灯坏了")  # no building: the secretary holds it
    await run_clock(bot, at(14, 0))
    posts = await bot.posts()
    assert [local_time(p) for p in posts] == [
        "11-24 11:00",
        "11-24 12:00",
        "11-24 13:00",
        "11-24 14:00",
    ]
    assert all(p["text"].startswith("⏰") and p["mentions"] == ["sec-li"] for p in posts)
    assert "@李书记 请尽快分派（转派 #1 @姓名）或接单。" in posts[0]["text"]
    assert await bot.posts(OFFICE) == []
