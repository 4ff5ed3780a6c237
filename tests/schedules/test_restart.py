"""A process down over 18:00 sends the day's digest when it returns, once, and every reminder that
fell due meanwhile once per ticket, not as a burst; APScheduler wakes the sweeps on its own."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from handlers.directory import Directory
from models.db import Database
from schedules.scheduler import Scheduler
from tests.conftest import SHANGHAI
from tests.harness import Bot
from tests.schedules.clock import at, local_time, run_clock

GAS = "cuidong-gas"
OFFICE = "cuidong-office"


async def since(bot: Bot, chat: str, moment: str) -> list[dict[str, Any]]:
    return [p for p in await bot.posts(chat) if local_time(p) >= moment]


async def test_a_restart_catches_up_once(database_url: str, directory: Directory) -> None:
    before = Database(database_url)
    before.migrate()
    first = Bot(database=before, directory=directory, start=at(9, 0))
    await first.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火", name="张女士")
    first.clock.now = at(10, 0)
    await first.say(GAS, "res-wu", "#报修 12栋502 厨房下水道堵了", name="吴阿姨")
    await run_clock(first, at(11, 30))  # #1's first reminder at 11:00
    before.close()  # the process stops; nothing runs from 11:30 to 19:00

    database = Database(database_url)
    second = Bot(database=database, directory=directory, start=at(19, 0))
    scheduler = Scheduler(database=database, directory=directory, clock=second.clock)
    assert await scheduler.tick() == 3  # what APScheduler's first round does on start
    await second.sender.flush()
    gas = await since(second, GAS, "11-24 19:00")
    assert [p["text"].split("（")[0] for p in gas] == [
        "⏰ 超时提醒：工单 #1",
        "⏰ 超时提醒：工单 #2",
    ]
    [digest] = await since(second, OFFICE, "11-24 19:00")
    assert digest["text"].startswith("📊 翠东社区 日报 11-24（截至19:00）\n【今日新增】2件")

    second.clock.now = at(19, 10)
    assert await scheduler.tick() == 0  # nothing twice, nothing stale
    await run_clock(second, at(20, 0))
    later = await second.posts(GAS)
    assert [(local_time(p), p["text"].split("：")[0]) for p in later] == [
        ("11-24 20:00", "📣 督办"),  # #1: two reminders done, the supervisor next
        ("11-24 20:00", "⏰ 超时提醒"),  # #2: its second reminder
    ]
    database.close()


async def test_a_restart_in_the_night_waits_for_the_morning(
    database_url: str, directory: Directory
) -> None:
    before = Database(database_url)
    before.migrate()
    first = Bot(database=before, directory=directory, start=at(15, 0))
    await first.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火", name="张女士")
    await run_clock(first, at(17, 0))  # the 17:00 reminder goes out, then the process stops
    before.close()

    database = Database(database_url)
    second = Bot(database=database, directory=directory, start=at(23, 30))
    scheduler = Scheduler(database=database, directory=directory, clock=second.clock)
    assert await scheduler.tick() == 0  # the digest and a reminder are owed, but it is night
    await run_clock(second, at(7, 0, day=25))
    gas = await since(second, GAS, "11-24 17:01")
    assert [(local_time(p), p["text"].split("：")[0]) for p in gas] == [
        ("11-25 07:00", "⏰ 超时提醒")
    ]
    [digest] = [p for p in await since(second, OFFICE, "11-24 17:01") if p["text"][0] == "📊"]
    assert local_time(digest) == "11-25 07:00"
    assert digest["text"].startswith("📊 翠东社区 日报 11-24（补发）\n【今日新增】1件")
    database.close()


async def test_apscheduler_wakes_the_sweeps_without_being_asked(
    database: Database, directory: Directory
) -> None:
    # An emergency, so quiet hours cannot hold the post whenever this test runs.
    an_hour_ago = datetime.now(SHANGHAI) - timedelta(hours=1)
    bot = Bot(database=database, directory=directory, start=an_hour_ago)
    await bot.say(GAS, "res-zhang", "3栋2单元501 厨房燃气味很大", name="张女士")
    await bot.posts()
    bot.clock.now = datetime.now(SHANGHAI)
    woken = asyncio.Event()
    scheduler = Scheduler(
        database=database,
        directory=directory,
        clock=bot.clock,
        wake_sender=woken.set,
        every=timedelta(seconds=60),
    )
    scheduler.start()
    try:
        await asyncio.wait_for(woken.wait(), timeout=10)
    finally:
        scheduler.shutdown()
    await bot.sender.flush()
    posts = await bot.posts()
    assert posts and posts[0]["text"].startswith("🚨 紧急督办：工单 #1")
