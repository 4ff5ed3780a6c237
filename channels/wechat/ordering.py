"""Messages handed over in the order the platform announced them, whatever order they got ready."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger("gridsteward.wechat")
M = TypeVar("M")
REMEMBERED_IDS = 10_000  # ids already announced; a platform's repeat of one is dropped


class ArrivalOrder(Generic[M]):
    """A reorder buffer between wechaty and the bot.

    wechaty fetches each announced message's payload in a task of its own, so a message can be
    ready before one announced earlier. `announce` (called synchronously, in stream order)
    reserves a place; `resolve` fills it; `run` hands messages to `handle` strictly in
    announcement order, which keeps every room's messages in order. A place not filled within
    `wait_seconds` (wechaty's fetch failed or it dropped the id) is fetched once more by
    `fetch`; a message that still cannot be read is logged and skipped, so one bad message
    never holds the rest back.
    """

    def __init__(
        self,
        *,
        handle: Callable[[M], Awaitable[None]],
        fetch: Callable[[str], Awaitable[M]],
        wait_seconds: float,
    ) -> None:
        self._handle = handle
        self._fetch = fetch
        self.wait_seconds = wait_seconds
        self._queue: deque[tuple[str, asyncio.Future[M]]] = deque()
        self._pending: dict[str, asyncio.Future[M]] = {}
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._arrived = asyncio.Event()

    def announce(self, message_id: str) -> None:
        if message_id in self._seen:
            return
        self._seen[message_id] = None
        if len(self._seen) > REMEMBERED_IDS:
            self._seen.popitem(last=False)
        future: asyncio.Future[M] = asyncio.get_running_loop().create_future()
        self._queue.append((message_id, future))
        self._pending[message_id] = future
        self._arrived.set()

    def resolve(self, message_id: str, message: M) -> None:
        future = self._pending.get(message_id)
        if future is not None and not future.done():
            future.set_result(message)

    @property
    def waiting(self) -> int:
        return len(self._queue)

    async def run(self) -> None:
        """Hand messages over until cancelled."""
        while True:
            if not self._queue:
                self._arrived.clear()
                await self._arrived.wait()
                continue
            message_id, future = self._queue[0]
            message = await self._ready(message_id, future)
            self._queue.popleft()
            self._pending.pop(message_id, None)
            if message is not None:
                await self._handle(message)

    async def _ready(self, message_id: str, future: asyncio.Future[M]) -> M | None:
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.wait_seconds)
        except TimeoutError:
            pass
        try:
            return await self._fetch(message_id)
        except Exception as error:
            log.error("WeChat message %s could not be read, skipped: %r", message_id, error)
            return None
