"""Keeping to a platform's sending limits: so many posts per window, per chat and overall."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable


class SlidingWindow:
    """At most `limit` posts in any `window` seconds."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.sent: deque[float] = deque()

    def wait_time(self, now: float) -> float:
        """Seconds until one more post fits; 0 when it fits now."""
        while self.sent and self.sent[0] <= now - self.window:
            self.sent.popleft()
        if len(self.sent) < self.limit:
            return 0.0
        return self.sent[0] + self.window - now

    def take(self, now: float) -> None:
        self.sent.append(now)


class Pacer:
    """Waits until a chat may get its next post: a per-chat window, an overall window, and a
    pause the platform asked for (Telegram's 429 retry_after) on that chat."""

    def __init__(
        self,
        *,
        per_chat: tuple[int, float],
        overall: tuple[int, float],
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.per_chat = per_chat
        self.overall = SlidingWindow(*overall)
        self.clock = clock
        self.sleep = sleep
        self.chats: dict[str, SlidingWindow] = {}
        self.paused_until: dict[str, float] = {}

    def wait_time(self, chat: str) -> float:
        now = self.clock()
        window = self.chats.get(chat)
        return max(
            self.overall.wait_time(now),
            window.wait_time(now) if window else 0.0,
            self.paused_for(chat),
        )

    def paused_for(self, chat: str) -> float:
        """Seconds left of a pause the platform asked for; 0 when there is none."""
        return max(0.0, self.paused_until.get(chat, 0.0) - self.clock())

    async def wait(self, chat: str) -> None:
        """Return once a post to `chat` is allowed, and count it as sent."""
        while (delay := self.wait_time(chat)) > 0:
            await self.sleep(delay)
        # No await between the check and the take: two waiters cannot both take the last slot.
        now = self.clock()
        self.overall.take(now)
        self.chats.setdefault(chat, SlidingWindow(*self.per_chat)).take(now)
        self.paused_until.pop(chat, None)

    def pause(self, chat: str, seconds: float) -> None:
        """The platform said 'not before `seconds`' for this chat."""
        until = self.clock() + seconds
        self.paused_until[chat] = max(until, self.paused_until.get(chat, until))
