"""The bot with its WeChat channel on a fake puppet service, as the WeChat tests use it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from channels.outbox import OutboxSender
from channels.wechat import WechatChannel, WechatOptions
from channels.wechat.wechaty_client import reset_wechaty_state
from handlers.directory import Directory, load_directory
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound
from models.attachment import ticket_attachments
from models.db import Database
from models.inbound import InboundMessage
from models.outbox import OutboxPost
from models.ticket import Ticket, get_ticket
from settings import EXAMPLE_DIRECTORY
from tests.channels.fake_puppet import TOKEN, FakePuppetService

ROOM = "20001@chatroom"  # the example's 翠东燃气管家群, moved to WeChat
OFFICE = "20002@chatroom"
STRANGERS = "29999@chatroom"  # a room the bot is in that the directory does not list
RESIDENT = "wxid_resident_zhang"
ZHU = "wxid_zhu"  # 祝均升, the grid's steward, by the example directory's accounts.wechat
# Variables wechaty reads by itself; a developer's shell must not steer the tests.
WECHATY_VARIABLES = (
    "WECHATY_PUPPET_SERVICE_ENDPOINT",
    "WECHATY_PUPPET_SERVICE_TOKEN",
    "WECHATY_PUPPET",
    "WECHATY_LOG",
    "WECHATY_LOG_FILE",
    "TOKEN",
    "token",
    "ENDPOINT",
    "endpoint",
    "CACHE_DIR",
)


def clear_wechaty_environment() -> None:
    for name in list(os.environ):
        if name in WECHATY_VARIABLES or name.startswith("WECHATY_"):
            del os.environ[name]


def wechat_directory(tmp_path: Path) -> Directory:
    """The example directory with its two groups on WeChat instead of the local chat."""
    text = EXAMPLE_DIRECTORY.read_text(encoding="utf-8")
    for chat, room in (("cuidong-gas", ROOM), ("cuidong-office", OFFICE)):
        local = f"    platform: local\n    address: {chat}\n"
        text = text.replace(local, f'    platform: wechat\n    address: "{room}"\n')
    path = tmp_path / "directory.yaml"
    path.write_text(text, encoding="utf-8")
    directory = load_directory(path)
    assert directory.chats["cuidong-gas"].platform == "wechat"
    return directory


def options(endpoint: str, **overrides: Any) -> WechatOptions:
    values: dict[str, Any] = {
        "endpoint": endpoint,
        "token": TOKEN,
        "room_interval_seconds": 0.0,
        "global_interval_seconds": 0.0,
        "merge_window_seconds": 0.0,
        "retry_seconds": 0.05,
        "retry_max_seconds": 0.2,
        "call_timeout_seconds": 2.0,
    }
    values.update(overrides)
    return WechatOptions(**values)


@dataclass
class World:
    """One fake gateway, the real bot (dispatcher, outbox sender, WeChat channel) on a database."""

    puppet: FakePuppetService
    channel: WechatChannel
    database: Database
    directory: Directory
    sender: OutboxSender
    delivered: list[Inbound]

    async def settle(self, inbound: int, timeout: float = 10.0) -> None:
        """Wait until the bot has taken `inbound` messages in all and sent what they made."""
        async with asyncio.timeout(timeout):
            while len(self.delivered) < inbound:
                await asyncio.sleep(0.01)
            while await self.database.run(self._unsent):
                await self.sender.flush()
                await asyncio.sleep(0.01)

    def _unsent(self) -> int:
        with self.database.session() as session:
            query = select(func.count()).where(col(OutboxPost.sent_at).is_(None))
            return int(session.exec(query).one())

    def ticket(self, number: int) -> Ticket:
        with self.database.session() as session:
            ticket = get_ticket(session, number=number)
        assert ticket is not None, f"no ticket #{number}"
        return ticket

    def attachments(self, number: int) -> list[tuple[str, str]]:
        with self.database.session() as session:
            return [(a.kind, a.ref) for a in ticket_attachments(session, number=number)]

    def stored(self, message_id: str) -> InboundMessage:
        with self.database.session() as session:
            row = session.exec(
                select(InboundMessage).where(InboundMessage.message_id == message_id)
            ).one()
        return row


def add_rooms(puppet: FakePuppetService) -> None:
    puppet.add_room(
        ROOM,
        "翠东燃气管家群",
        {RESIDENT: ("Zhang", "张女士"), ZHU: ("祝师傅", "祝均升")},
    )
    puppet.add_room(OFFICE, "翠东社区工作群", {ZHU: ("祝师傅", "祝均升")})
    puppet.add_room(STRANGERS, "隔壁小区闲聊群", {RESIDENT: ("Zhang", "")})


@asynccontextmanager
async def wechat_world(
    database: Database,
    directory: Directory,
    *,
    puppet: FakePuppetService | None = None,
    start_puppet: bool = True,
    port: int = 0,
    deliver_hook: Callable[[Inbound], Awaitable[None]] | None = None,
    sender_loop: bool = False,
    **option_overrides: Any,
) -> AsyncIterator[World]:
    """The world; with `sender_loop` the outbox runs as in bot.py (woken after each message,
    sending in the background) instead of being flushed after each message."""
    clear_wechaty_environment()
    reset_wechaty_state()
    puppet = puppet or FakePuppetService()
    add_rooms(puppet)
    if start_puppet:
        await puppet.start(port)
    dispatcher = Dispatcher(database=database, directory=directory, clock=lambda: datetime.now(UTC))
    delivered: list[Inbound] = []
    channels: dict[str, Any] = {}
    sender = OutboxSender(
        database=database, directory=directory, channels=channels, clock=lambda: datetime.now(UTC)
    )

    async def deliver(event: Inbound) -> None:
        if deliver_hook is not None:
            await deliver_hook(event)
        await database.run(dispatcher.deliver, event)
        delivered.append(event)
        if sender_loop:
            sender.wake()
        else:
            await sender.flush()

    endpoint = puppet.endpoint if start_puppet else f"127.0.0.1:{port}"
    channel = WechatChannel(
        options=options(endpoint, **option_overrides),
        database=database,
        directory=directory,
        deliver=deliver,
    )
    channels["wechat"] = channel
    await channel.start()
    stop_sending = asyncio.Event()
    sending = (
        asyncio.create_task(sender.run(stop_sending, idle_seconds=0.05)) if sender_loop else None
    )
    try:
        if start_puppet:
            await asyncio.wait_for(channel.logged_in.wait(), 10)
        yield World(puppet, channel, database, directory, sender, delivered)
    finally:
        stop_sending.set()
        if sending is not None:
            await sending
        await channel.stop()
        await puppet.stop()
        reset_wechaty_state()
