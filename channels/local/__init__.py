"""The local channel: a web chat on 127.0.0.1 that stands in for a group chat platform."""

from channels.local.channel import LocalChannel, LocalInputError

__all__ = ["LocalChannel", "LocalInputError"]
