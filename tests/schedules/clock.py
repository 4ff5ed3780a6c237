"""Moving a test bot's clock the way replay does: every reminder and digest at its own moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from schedules.scheduler import run_until
from tests.conftest import SHANGHAI
from tests.harness import Bot


def at(hour: int, minute: int = 0, *, day: int = 24, month: int = 11) -> datetime:
    """A moment in Shanghai in 2026 (the bot fixture starts on Tuesday 24 November, 09:00)."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


async def run_clock(bot: Bot, until: datetime) -> None:
    """Fire every sweep due up to `until` (itself included), then leave the clock there."""
    await run_until(
        bot.database, bot.directory, bot.clock, until, inclusive=True, after_each=bot.sender.flush
    )
    bot.clock.now = max(bot.clock.now, until)


def local_time(post: dict[str, Any]) -> str:
    """'11-24 11:00': when a post reached the local chat, in Shanghai time."""
    return datetime.fromisoformat(post["at"]).astimezone(SHANGHAI).strftime("%m-%d %H:%M")
