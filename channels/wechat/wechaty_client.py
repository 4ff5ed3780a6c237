"""The adapter onto python-wechaty 0.10.7: its Python 3.11 shim, explicit options, and its
process-wide state; the only module that imports wechaty."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

# Compatibility shim, needed before `import wechaty` on Python 3.11 (python-wechaty issues
# #422 and #385, open; 0.10.7 is the last release). wechaty's WechatyOptions declares
# `puppet_options: PuppetOptions = PuppetOptions()`; PuppetOptions is a dataclass with eq=True
# and so has __hash__ = None, and since 3.11 dataclasses reject any unhashable default as
# mutable: the import fails with "mutable default ... for field puppet_options". Giving
# PuppetOptions the identity hash lets the class be defined. The shared default object is
# never used here: every Wechaty gets PuppetOptions of its own (Wechaty.__init__ writes the
# endpoint and token into whatever object it is given). tests/channels/test_wechat_shim.py
# fails loudly when a wechaty release makes this unnecessary or breaks it.
from wechaty_puppet.schemas.puppet import PuppetOptions

if PuppetOptions.__hash__ is None:
    PuppetOptions.__hash__ = object.__hash__  # type: ignore[assignment]

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from wechaty import Contact, Message, Room, Wechaty, WechatyOptions
from wechaty.user.tag import Tag
from wechaty.utils.async_helper import SingleIdContainer
from wechaty_puppet import FileBox, MessageType
from wechaty_puppet.file_box.type import FileBoxType
from wechaty_puppet_service import PuppetService

__all__ = [
    "FileBox",
    "FileBoxType",
    "Message",
    "MessageType",
    "PuppetService",
    "Room",
    "Wechaty",
    "new_wechaty",
    "reset_wechaty_state",
    "route_wechaty_logs",
    "shut_down",
]

log = logging.getLogger("gridsteward.wechat")
# The format wechaty_puppet.get_logger gives the loggers it creates.
_WECHATY_LOG_FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"


def new_wechaty(*, endpoint: str, token: str) -> Wechaty:
    """A Wechaty client for one connection, told everything explicitly.

    The endpoint is always given, so the client never looks one up on the internet by the
    token (it would, with no timeout, when only a token is set). Port 0 and a scheduler of its
    own keep wechaty's plugin manager from claiming port 5000 or a job store under ./.wechaty.
    """
    options = WechatyOptions(
        name="GridSteward",
        puppet="wechaty-puppet-service",
        puppet_options=PuppetOptions(end_point=endpoint, token=token),
        host="127.0.0.1",
        port=0,
        token=token,
        endpoint=endpoint,
        scheduler=AsyncIOScheduler(),
    )
    return Wechaty(options)


def reset_wechaty_state() -> None:
    """Forget what wechaty keeps per process: its Contact/Room/Tag pools would hand a new
    connection objects bound to the old one's closed puppet, and its message-id filter would
    drop messages a gateway sends again after a reconnect."""
    for pooled in (Contact, Room, Tag):
        pooled._pool.clear()
    SingleIdContainer._instance = None


def route_wechaty_logs(level: int = logging.ERROR) -> None:
    """Send wechaty's loggers through the bot's handlers, errors only.

    wechaty_puppet.get_logger gives each logger its own stderr handler and stops propagation,
    which would bypass the bot's masking filter; at INFO wechaty logs every message's text,
    and its warnings are noise (a burst of messages warns "set payload more than once" for
    each). The channel logs what an operator needs itself.
    """
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if not isinstance(logger, logging.Logger):
            continue
        if any(_is_wechaty_handler(handler) for handler in logger.handlers):
            logger.handlers = []
            logger.propagate = True
            logger.setLevel(level)


def _is_wechaty_handler(handler: logging.Handler) -> bool:
    formatter: Any = handler.formatter
    return formatter is not None and getattr(formatter, "_fmt", None) == _WECHATY_LOG_FORMAT


async def shut_down(bot: Wechaty, *, timeout: float) -> None:
    """Close one connection whatever state it is in; never raises.

    Wechaty.stop() awaits a Stop call that hangs or fails on a dead gateway and then never
    closes the gRPC channel, so the steps are taken here, each bounded.
    """
    puppet = bot._puppet
    if isinstance(puppet, PuppetService):
        try:
            await asyncio.wait_for(puppet.stop(), timeout)
        except Exception as error:  # the gateway is gone; the channel is closed below
            log.debug("puppet stop: %r", error)
        # stop() removed every listener; wechaty's fetches still in flight then fail with
        # nobody listening for 'error', which asyncio would log as an unhandled exception.
        puppet.on("error", _closed_connection_error)
        if puppet.channel is not None:
            puppet.channel.close()
            puppet.channel = None
    scheduler = bot._plugin_manager.scheduler
    if scheduler.running:
        scheduler.shutdown(wait=False)
    bot.started = False


def _closed_connection_error(error: object) -> None:
    log.debug("after disconnect: %r", error)


route_wechaty_logs()
