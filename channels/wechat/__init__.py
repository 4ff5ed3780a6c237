"""WeChat through a Wechaty puppet service (python-wechaty over gRPC)."""

from channels.wechat.channel import (
    WechatChannel,
    WechatConfigError,
    WechatOptions,
    fetch_rooms,
)

__all__ = ["WechatChannel", "WechatConfigError", "WechatOptions", "fetch_rooms"]
