"""What every channel offers the core: a name and a way to send one post."""

from __future__ import annotations

from typing import Protocol

from handlers.events import Outbound


class Channel(Protocol):
    """A platform adapter. Inbound messages go to the dispatcher as `handlers.events.Inbound`."""

    name: str  # the directory's `platform` value for the chats this channel serves

    async def send(self, message: Outbound) -> str:
        """Deliver a post; return the platform's message id. Raise when it did not go out."""
        ...
