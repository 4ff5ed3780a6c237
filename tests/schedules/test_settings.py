"""The directory's schedule keys take effect: sla_clock: working counts China's working time,
and a community's own quiet hours, escalation steps and digest times override the root's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from handlers.directory import Directory, parse_directory
from models.db import Database
from tests.conftest import SHANGHAI
from tests.harness import Bot
from tests.schedules.clock import at, local_time, run_clock

GAS = "cuidong-gas"
OFFICE = "cuidong-office"

DIRECTORY = """\
timezone: Asia/Shanghai
quiet_hours: "22:00-07:00"
sla_clock: {sla_clock}
escalation: {{interval: 1h, reminders_before_escalation: 2}}
communities:
  - id: cuidong
    name: 翠东社区
    secretaries: [sec-li]
    chats: [cuidong-gas, cuidong-office]
    digest_chat: cuidong-office
{community_keys}
    grids:
      - {{id: cuidong-1, name: 翠东一网格, buildings: ["1-8"], steward: zhu, supervisor: wang}}
people:
  - {{id: zhu, name: 祝均升, role: steward, accounts: {{local: zhu}}}}
  - {{id: wang, name: 王建国, role: supervisor, accounts: {{local: wang}}}}
  - {{id: sec-li, name: 李书记, role: secretary, accounts: {{local: sec-li}}}}
chats:
  - {{id: cuidong-gas, name: 翠东燃气管家群, platform: local, address: cuidong-gas}}
  - {{id: cuidong-office, name: 翠东社区工作群, platform: local, address: cuidong-office}}
"""


def directory_with(*, sla_clock: str = "wall", community_keys: str = "") -> Directory:
    return parse_directory(DIRECTORY.format(sla_clock=sla_clock, community_keys=community_keys))


def local(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
async def working(database: Database) -> AsyncIterator[Bot]:
    """A community on working time, on Friday 13 February 2026, the eve of 春节's 调休."""
    yield Bot(
        database=database, directory=directory_with(sla_clock="working"), start=local(2, 13, 16)
    )


async def test_working_time_due_dates_cross_the_adjusted_saturday_and_the_holiday(
    working: Bot,
) -> None:
    await working.say(GAS, "res-zhang", "#隐患 3栋楼道堆满了杂物")  # 24 h / 3 d of working time
    working.clock.now = local(2, 13, 17)
    await working.say(GAS, "res-wu", "#报修 5栋101 水管漏水")  # 2 h / 24 h
    await working.say(GAS, "res-qin", "6栋201 厨房燃气味很大")  # emergency: the wall clock
    hazard, repair, emergency = working.tickets()
    # One working day later is Saturday the 14th, worked before the Spring Festival.
    assert hazard.claim_due_at.astimezone(SHANGHAI) == local(2, 14, 16)
    # Three working days: Saturday 14th, then 24th and 25th after the holiday (15th-23rd).
    assert hazard.resolve_due_at.astimezone(SHANGHAI) == local(2, 25, 16)
    # Half an hour left on Friday, ninety minutes on Saturday morning.
    assert repair.claim_due_at.astimezone(SHANGHAI) == local(2, 14, 10)
    assert repair.resolve_due_at.astimezone(SHANGHAI) == local(2, 14, 17)
    assert emergency.claim_due_at.astimezone(SHANGHAI) == local(2, 13, 17, 20)
    await working.posts()

    await run_clock(working, local(2, 14, 9, 59))
    assert [p for p in await working.posts() if "#2" in p["text"]] == []
    await run_clock(working, local(2, 14, 10))
    [reminder] = [p for p in await working.posts() if "#2" in p["text"]]
    assert local_time(reminder) == "02-14 10:00"


async def test_a_communitys_own_keys_override_the_root(database: Database) -> None:
    directory = directory_with(
        community_keys=(
            '    quiet_hours: "23:00-06:00"\n'
            "    escalation: {interval: 30m, reminders_before_escalation: 1}\n"
            '    digest_at: "17:30"\n'
            '    weekly_digest: "周五 17:00"\n'
        )
    )
    bot = Bot(database=database, directory=directory, start=at(20, 0, day=26))  # Thursday
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火")
    await bot.posts()
    await run_clock(bot, at(6, 0, day=27))
    posts = await bot.posts()
    assert [(local_time(p), p["text"].split("：")[0]) for p in posts] == [
        ("11-26 22:00", "⏰ 超时提醒"),  # quiet hours here are 23:00-06:00, so 22:00 is not
        ("11-26 22:30", "📣 督办"),  # after one reminder, half an hour apart
    ]
    [secretaries] = await bot.posts(OFFICE)  # due at 23:00, held until the quiet hours end
    assert local_time(secretaries) == "11-27 06:00" and "督办上报" in secretaries["text"]
    await run_clock(bot, at(17, 30, day=27))
    [weekly, daily] = await bot.posts(OFFICE)
    assert local_time(weekly) == "11-27 17:00" and weekly["text"].startswith("📅 翠东社区 周报")
    assert local_time(daily) == "11-27 17:30" and daily["text"].startswith("📊 翠东社区 日报")
