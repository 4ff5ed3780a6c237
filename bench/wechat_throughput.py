"""Messages per second through the WeChat path: a fake puppet service → wechaty over gRPC →
the WeChat channel → the dispatcher on a real database → the outbox → back to the gateway.

Run `python -m bench.wechat_throughput [--messages 400] [--database-url URL]`. The same run
first measures a bare wechaty client that only counts the messages it gets from the same fake
gateway, so the figure for the bot reads against what wechaty itself manages on this machine.
Pacing is off here (the WeChat defaults send one post per room every 3 s, by design).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from channels.outbox import OutboxSender
from channels.wechat import WechatChannel
from channels.wechat.channel import open_wechaty
from channels.wechat.wechaty_client import shut_down
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound
from models.db import Database
from tests.channels.fake_puppet import FakePuppetService
from tests.channels.wechat_world import (
    RESIDENT,
    ROOM,
    add_rooms,
    clear_wechaty_environment,
    options,
    wechat_directory,
)


def script(count: int) -> list[str]:
    """Residents' messages: one report in five (each a new ticket), thanks and chat between."""
    lines = []
    for number in range(count):
        if number % 5 == 0:
            lines.append(f"#报修 {number % 16 + 1}栋1单元{100 + number}室 燃气灶打不着火")
        else:
            lines.append(("谢谢师傅", "好的", "今天天气不错", "收到")[number % 4])
    return lines


async def bare_wechaty(puppet: FakePuppetService, count: int) -> float:
    """Seconds for a wechaty client that only counts messages to get `count` of them."""
    received = 0
    all_in = asyncio.Event()
    wechaty_options = options(puppet.endpoint)
    bot = await open_wechaty(wechaty_options)

    async def on_message(_message: Any) -> None:
        nonlocal received
        received += 1
        if received == count:
            all_in.set()

    logged_in = asyncio.Event()
    bot.on("login", lambda _contact: logged_in.set())
    bot.on("message", on_message)
    stream = asyncio.create_task(bot.puppet.start())
    await asyncio.wait_for(logged_in.wait(), 30)
    started = time.perf_counter()
    for text in script(count):
        puppet.say(ROOM, RESIDENT, text)
    await asyncio.wait_for(all_in.wait(), 600)
    seconds = time.perf_counter() - started
    stream.cancel()
    await asyncio.gather(stream, return_exceptions=True)
    await shut_down(bot, timeout=5)
    return seconds


async def full_bot(
    puppet: FakePuppetService, count: int, database: Database, workdir: Path
) -> dict[str, float]:
    directory = wechat_directory(workdir)
    clock = lambda: datetime.now(UTC)  # noqa: E731
    dispatcher = Dispatcher(database=database, directory=directory, clock=clock)
    channels: dict[str, Any] = {}
    sender = OutboxSender(database=database, directory=directory, channels=channels, clock=clock)
    handled = 0
    all_in = asyncio.Event()

    async def deliver(event: Inbound) -> None:  # as bot.py's
        nonlocal handled
        await database.run(dispatcher.deliver, event)
        sender.wake()
        handled += 1
        if handled == count:
            all_in.set()

    channel = WechatChannel(
        options=options(puppet.endpoint), database=database, directory=directory, deliver=deliver
    )
    channels[channel.name] = channel
    stop = asyncio.Event()
    sending = asyncio.create_task(sender.run(stop, idle_seconds=0.05))
    await channel.start()
    await asyncio.wait_for(channel.logged_in.wait(), 30)
    reports = sum(1 for text in script(count) if text.startswith("#报修"))
    sent_before = len(puppet.sent)
    started = time.perf_counter()
    for text in script(count):
        puppet.say(ROOM, RESIDENT, text)
    await asyncio.wait_for(all_in.wait(), 600)
    handled_seconds = time.perf_counter() - started
    await puppet.wait_sent(sent_before + reports, timeout=600)
    posted_seconds = time.perf_counter() - started
    stop.set()
    await sending
    await channel.stop()
    return {"handled": handled_seconds, "posted": posted_seconds, "posts": reports}


async def main(count: int, database_url: str | None) -> None:
    clear_wechaty_environment()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        database = Database(database_url or f"sqlite:///{workdir / 'bench.sqlite3'}")
        database.migrate()
        puppet = FakePuppetService()
        add_rooms(puppet)
        await puppet.start()
        try:
            await bare_wechaty(puppet, 20)  # warm-up: imports, first connection
            bare = await bare_wechaty(puppet, count)
            bot = await full_bot(puppet, count, database, workdir)
        finally:
            await puppet.stop()
            database.close()
    backend = database.engine.dialect.name
    print(f"{count} messages from one WeChat room, fake puppet service on 127.0.0.1, {backend}")
    print(f"bare wechaty client (counts messages): {count / bare:.0f} msg/s ({bare:.2f} s)")
    print(
        f"GridSteward WeChat path (stored + handled): {count / bot['handled']:.0f} msg/s "
        f"({bot['handled']:.2f} s); ratio to bare wechaty {bare / bot['handled']:.2f}"
    )
    print(
        f"all {bot['posts']:.0f} ticket posts back at the gateway after {bot['posted']:.2f} s "
        "(pacing off)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--database-url", help="default: a SQLite file in a temporary folder")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.messages, arguments.database_url))
