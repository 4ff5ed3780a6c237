"""What every channel offers the core: a name and a way to send one post."""

from __future__ import annotations

from typing import Protocol

from handlers.events import Outbound


class SendDeferred(Exception):
    """The platform asked to wait (Telegram 429 retry_after, a WeChat throttle): the post is
    fine, try again after `retry_after` seconds; not counted as a failure."""

    def __init__(self, retry_after: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {retry_after:g} s")
        self.retry_after = retry_after
        self.reason = reason


class Channel(Protocol):
    """A platform adapter. Inbound messages go to the dispatcher as `handlers.events.Inbound`."""

    name: str  # the directory's `platform` value for the chats this channel serves

    async def send(self, message: Outbound) -> str:
        """Deliver a post; return the platform's message id. Raise when it did not go out."""
        ...
