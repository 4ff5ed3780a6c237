"""Spacing a channel's posts: at most one per chat per interval, and one per interval overall."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    """Hands out send slots; `wait(chat)` returns when this chat's next post may go out.

    A slot is reserved before sleeping (no await in between), so concurrent callers for
    different chats queue fairly for the overall cap and two callers never share a slot.
    """

    def __init__(
        self,
        *,
        per_chat_seconds: float,
        overall_seconds: float,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.per_chat_seconds = per_chat_seconds
        self.overall_seconds = overall_seconds
        self._monotonic = monotonic
        self._sleep = sleep
        self._next_in_chat: dict[str, float] = {}
        self._next_overall = 0.0

    def reserve(self, chat: str) -> float:
        """Take the next free slot for `chat`; returns how many seconds away it is."""
        now = self._monotonic()
        slot = max(now, self._next_in_chat.get(chat, 0.0), self._next_overall)
        self._next_in_chat[chat] = slot + self.per_chat_seconds
        self._next_overall = slot + self.overall_seconds
        self._forget_idle_chats(now)
        return slot - now

    async def wait(self, chat: str) -> None:
        delay = self.reserve(chat)
        if delay > 0:
            await self._sleep(delay)

    def _forget_idle_chats(self, now: float) -> None:
        # A chat whose next slot has passed needs no entry; keeps the map small.
        if len(self._next_in_chat) > 1000:
            self._next_in_chat = {c: t for c, t in self._next_in_chat.items() if t > now}
