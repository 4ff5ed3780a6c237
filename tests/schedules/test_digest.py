"""Digests (通报): the 18:00 digest and its numbers on a known day, the weekly one, and the
on-demand `日报` / `超时` / `周报` for the community's staff."""

from __future__ import annotations

import json
from typing import Any

from channels.replay import read_transcript, replay
from handlers.directory import Directory
from tests.harness import Bot
from tests.schedules.clock import at, run_clock

GAS = "cuidong-gas"
OFFICE = "cuidong-office"


def line(t: str, who: str, text: str, *, id: str, chat: str = GAS, **extra: str) -> str:
    return json.dumps({"t": t, "chat": chat, "from": who, "id": id, "text": text, **extra})


# Monday: one repair, done and rated. Tuesday: four reports; one claimed late, one reopened,
# one that no grid took until the secretary passed it on, one nobody claims.
DAY = [
    line("2026-11-23T10:00", "res-a", "#报修 2栋301 水龙头漏水", id="a1"),
    line("2026-11-23T10:30", "zhu", "接单", id="a2", reply_to="a1"),
    line("2026-11-23T15:00", "zhu", "#1 已完成 换了阀芯", id="a3"),
    line("2026-11-23T15:30", "res-a", "#1 满意", id="a4"),
    line("2026-11-24T09:00", "res-b", "#报修 3栋2单元501 燃气灶打不着火", id="b1"),
    line("2026-11-24T09:10", "res-c", "#报修 10栋101 楼道灯不亮", id="c1"),
    line("2026-11-24T09:30", "zhu", "接单", id="b2", reply_to="b1"),
    line("2026-11-24T10:00", "res-d", "投诉：5栋楼下餐馆油烟太大", id="d1"),
    line("2026-11-24T11:00", "res-e", "#咨询 垃圾分类几点收", id="e1"),
    line("2026-11-24T11:30", "zhu", "#2 已完成 更换点火针", id="b3"),
    line("2026-11-24T12:00", "sec-li", "转派 #5 @刘红", id="e2", chat=OFFICE),
    line("2026-11-24T15:00", "zhu", "接单 #4", id="d2"),
    line("2026-11-24T16:00", "zhu", "#4 已完成 已协调餐馆加装净化器", id="d3"),
    line("2026-11-24T16:30", "res-d", "#4 不满意 还是有油烟", id="d4"),
    line("2026-11-24T17:00", "res-b", "#2 满意", id="b4"),
]

TUESDAY_DIGEST = """\
📊 翠东社区 日报 11-24（截至18:00）
【今日新增】4件
#2 报修 9小时 祝均升
#3 报修 8小时 刘红
#4 投诉 8小时 祝均升
#5 咨询 7小时 刘红
【今日办结】2件
#2 报修 9小时 祝均升
#4 投诉 8小时 祝均升
【今日关闭】1件
#2 报修 9小时 祝均升
【当前未结】3件
#3 报修 8小时 刘红
#4 投诉 8小时 祝均升
#5 咨询 7小时 刘红
【当前超时】2件
#3 报修 8小时 刘红，接单超时6小时
#5 咨询 7小时 刘红，接单超时3小时
【今日指标】
派遣按时率 100%（4/4）
签收按时率 25%（1/4）
结案率 25%（1/4）
按期结案率 100%（1/1）
返工率 50%（1/2）
【近7日指标】
派遣按时率 100%（5/5）
签收按时率 40%（2/5）
结案率 40%（2/5）
按期结案率 100%（2/2）
返工率 33%（1/3）
满意度 今日：满意1 不满意1
满意度 近7日：满意2 不满意1
【未结最多】刘红 2件"""


def replay_day(directory: Directory, database_url: str, until: str) -> list[dict[str, Any]]:
    lines = read_transcript(DAY, directory)
    moment = at(int(until[:2]), int(until[3:]))
    return replay(directory, lines, until=moment, database_url=database_url).posts


def test_the_18_00_digest_of_a_known_day(directory: Directory, database_url: str) -> None:
    posts = replay_day(directory, database_url, until="18:30")
    assert [p["t"] for p in posts] == sorted(p["t"] for p in posts)  # one time line
    digests = [p for p in posts if p["text"].startswith("📊")]
    assert [(d["t"], d["chat"]) for d in digests] == [
        ("2026-11-23T18:00:00+08:00", OFFICE),
        ("2026-11-24T18:00:00+08:00", OFFICE),
    ]
    assert digests[1]["text"] == TUESDAY_DIGEST
    assert "【今日新增】1件\n#1 报修 8小时 祝均升" in digests[0]["text"]
    assert max(len(row) for row in TUESDAY_DIGEST.splitlines()) <= 24  # a phone's width


def test_reminders_interleave_with_the_days_messages(
    directory: Directory, database_url: str
) -> None:
    posts = replay_day(directory, database_url, until="12:00")
    chased = [(p["t"][11:16], p["text"].split("）")[0]) for p in posts if p["text"][0] in "⏰📣"]
    assert chased == [("11:10", "⏰ 超时提醒：工单 #3（报修，10栋101")]
    reassigned = next(p for p in posts if "转派给" in p["text"])
    assert posts.index(reassigned) > posts.index(
        next(p for p in posts if p["text"].startswith("⏰"))
    )


async def digests(bot: Bot) -> list[dict[str, Any]]:
    """The digests among the office chat's new posts (escalations to secretaries go there too)."""
    return [p for p in await bot.posts(OFFICE) if p["text"].startswith(("📊", "📅"))]


async def test_a_fresh_install_starts_with_todays_digest_not_yesterdays(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    await run_clock(bot, at(17, 59))
    assert await digests(bot) == []
    await run_clock(bot, at(18, 0))
    [digest] = await digests(bot)
    assert digest["text"].startswith("📊 翠东社区 日报 11-24（截至18:00）")
    await run_clock(bot, at(17, 59, day=25))
    assert await digests(bot) == []


async def test_the_weekly_digest_goes_out_on_monday_morning(bot: Bot) -> None:
    message = await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    await bot.say(GAS, "zhu", "接单", reply_to=message)
    bot.clock.now = at(10, 0, day=26)
    await bot.say(GAS, "zhu", "#1 已完成 更换了点火针")
    await bot.say(GAS, "res-zhang", "#1 满意")
    await run_clock(bot, at(8, 59, day=30))  # Monday 30 November
    assert all(p["text"].startswith("📊") for p in await bot.posts(OFFICE))
    await run_clock(bot, at(9, 0, day=30))
    [weekly] = await bot.posts(OFFICE)
    assert weekly["text"].splitlines()[:2] == [
        "📅 翠东社区 周报 11-23至11-29",
        "新增1件 办结1件 关闭1件",
    ]
    assert "签收按时率 100%（1/1）" in weekly["text"]
    assert "按期结案率 0%（0/1）" in weekly["text"]  # resolved two days after its 24 h
    assert "满意度 本周：满意1 不满意0" in weekly["text"]


async def test_staff_ask_for_the_digest_and_the_overdue_list_any_time(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    bot.clock.now = at(9, 30)
    await bot.say(GAS, "res-wu", "#报修 12栋502 厨房下水道堵了", name="吴阿姨")
    await bot.posts()
    bot.clock.now = at(15, 5)
    await bot.say(OFFICE, "sec-li", "超时")
    [overdue] = await bot.posts(OFFICE)
    assert overdue["text"] == (
        "⏰ 翠东社区 当前超时 2件（11-24 15:05）\n"
        "#1 报修 6小时 祝均升，接单超时4小时\n"
        "#2 报修 5小时 刘红，接单超时3小时"
    )
    await bot.say(OFFICE, "sec-li", "/digest@GridStewardBot")
    [digest] = await bot.posts(OFFICE)
    assert digest["text"].startswith("📊 翠东社区 日报 11-24（截至15:05）\n【今日新增】2件")
    await bot.say(GAS, "zhu", "日報")  # traditional script, from a steward
    [digest] = await bot.posts(GAS)
    assert "【当前超时】2件" in digest["text"]
    await bot.say(OFFICE, "wang", "周报")
    [weekly] = await bot.posts(OFFICE)
    assert weekly["text"].startswith("📅 翠东社区 周报 11-18至11-24\n新增2件")


async def test_a_resident_asking_for_the_digest_gets_a_short_answer(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    await bot.posts()
    await bot.say(GAS, "res-zhang", "日报")
    [answer] = await bot.posts()
    assert answer["text"] == "日报、周报和超时清单仅供社区工作人员查看。"
    await bot.say(OFFICE, "sec-li", "超时")
    [empty] = await bot.posts(OFFICE)
    assert empty["text"].endswith("目前没有超时工单。")  # 09:00: nothing is late yet
