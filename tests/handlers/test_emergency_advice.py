"""Each danger gets its own advice and numbers: gas is ventilated, fire is never fanned."""

from __future__ import annotations

import pytest

from tests.harness import Bot

GAS = "cuidong-gas"


@pytest.mark.parametrize(
    ("text", "must", "must_not"),
    [
        ("3栋2单元501 厨房一股煤气味 很冲", ["开窗通风", "关闭燃气总阀"], ["拨打 119！"]),
        ("3栋楼道着火了 好多烟", ["119", "不要乘坐电梯"], ["开窗通风"]),
        ("电梯卡住了 我妈在里面 3号楼2单元", ["96333", "不要扒门"], ["开窗通风"]),
        ("3栋2单元 插座冒火花 一股烧焦味", ["拉下总闸", "不要用手"], ["开窗通风"]),
        ("1号配电房进水了 水还在往里灌", ["远离积水", "配电"], ["开窗通风"]),
    ],
)
async def test_advice_per_danger(bot: Bot, text: str, must: list[str], must_not: list[str]) -> None:
    await bot.say(GAS, "res-zhang", text)
    [post] = await bot.posts()
    assert post["text"].startswith("🚨 紧急工单 #1")
    for words in must:
        assert words in post["text"]
    for words in must_not:
        assert words not in post["text"]
    assert bot.ticket(1).emergency


async def test_fire_and_a_trapped_person_also_call_the_secretaries(bot: Bot) -> None:
    await bot.say(GAS, "res-zhang", "3栋楼道着火了")
    [post] = await bot.posts()
    assert {"zhu", "wang", "sec-li"} <= set(post["mentions"])


@pytest.mark.parametrize(
    "text",
    [
        "【通知】明天检修燃气管道，如发现燃气味请立即拨打96777",
        "转发：某地一居民楼燃气爆炸 致3人受伤 大家用气一定要小心啊",
        "明天上午十点小区消防演练 到时会有警报和烟雾 大家不要惊慌",
        "昨晚电梯困人那事后来咋样了 人没事吧",
    ],
)
async def test_notices_news_drills_and_the_past_raise_no_alarm(bot: Bot, text: str) -> None:
    await bot.say(GAS, "res-zhang", text)
    assert await bot.posts() == [] and bot.tickets() == []
