"""What every channel offers the core: a name and a way to send one post; optional extras.

Optional capabilities, looked up with getattr (a channel without them simply lacks them):
- `async def pace(chat_address) -> None`: wait until the platform allows the next post to
  this chat; the sender calls it right before each send while it holds the chat.
- `merge_window: timedelta | None`: consecutive posts of one chat made within this window
  of the first may travel as ONE message (`Outbound.outbox_ids` lists them all).
- `async def start()` / `async def stop()`: long-running channels (polling, a gRPC stream);
  `serve()` starts them beside the bot and stops them on shutdown (`start_channels`).
- `store_post(session, message) -> str` and `async def announce(message_id)`: a channel
  whose platform is this database (the local web chat). The sender writes the post in the
  transaction that marks it sent and links it to its ticket, then calls `announce`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from typing import Any, Protocol

from handlers.events import Outbound

log = logging.getLogger("gridsteward.channels")
STOP_TIMEOUT = 10.0


class SendDeferred(Exception):
    """The platform asked to wait (Telegram 429 retry_after, a WeChat throttle): the post is
    fine, try again after `retry_after` seconds; not counted as a failure."""

    def __init__(self, retry_after: float, reason: str = "") -> None:
        super().__init__(reason or f"platform asks to wait {retry_after:g} s")
        self.retry_after = max(0.0, retry_after)
        self.reason = reason


class Channel(Protocol):
    """A platform adapter. Inbound messages go to the dispatcher as `handlers.events.Inbound`."""

    name: str  # the directory's `platform` value for the chats this channel serves

    async def send(self, message: Outbound) -> str:
        """Deliver a post; return the platform's message id. Raise when it did not go out."""
        ...


async def start_channels(channels: Iterable[Any]) -> list[asyncio.Task[None]]:
    """Start each long-running channel beside the bot; one that fails is logged, not fatal."""
    tasks = []
    for channel in channels:
        start = getattr(channel, "start", None)
        if start is not None:
            task = asyncio.create_task(start(), name=f"channel-{channel.name}")
            task.add_done_callback(_log_failure)
            tasks.append(task)
    return tasks


async def stop_channels(channels: Iterable[Any], tasks: list[asyncio.Task[None]]) -> None:
    for channel in channels:
        stop = getattr(channel, "stop", None)
        if stop is None:
            continue
        try:
            await asyncio.wait_for(stop(), STOP_TIMEOUT)
        except Exception:
            log.exception("channel %s did not stop cleanly", channel.name)
    for task in tasks:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("channel %s stopped: %r", task.get_name(), task.exception())
