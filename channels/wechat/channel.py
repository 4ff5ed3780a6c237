"""The WeChat channel: the rooms of a WeChat account, reached through a Wechaty puppet service."""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import DBAPIError

from channels.base import SendDeferred
from channels.pacing import Pacer
from channels.wechat.ordering import ArrivalOrder
from channels.wechat.quotes import MENTION_SPACE, Quote, quoted_message_id, read_quote
from channels.wechat.wechaty_client import (
    FileBox,
    FileBoxType,
    Message,
    MessageType,
    Room,
    Wechaty,
    new_wechaty,
    reset_wechaty_state,
    route_wechaty_logs,
    shut_down,
)
from handlers.directory import Directory
from handlers.events import Attachment, Inbound, Outbound
from models.db import Database

log = logging.getLogger("gridsteward.wechat")
PLATFORM = "wechat"
BOT_NAME = "网格管家"
Deliver = Callable[[Inbound], Awaitable[None]]
MEDIA_KINDS = {
    MessageType.MESSAGE_TYPE_IMAGE: "photo",
    MessageType.MESSAGE_TYPE_AUDIO: "voice",
    MessageType.MESSAGE_TYPE_ATTACHMENT: "file",
    MessageType.MESSAGE_TYPE_VIDEO: "file",
}
REMEMBERED_SENDS = 10_000  # outbox ids already handed over, so a resend is not posted twice
_UNSAFE_FILE_CHARS = re.compile(r"[^\w.\-]+")


class WechatConfigError(ValueError):
    """The WeChat settings cannot work; the message says which variable to set."""


@dataclass(frozen=True, slots=True)
class WechatOptions:
    """How to reach the puppet service and how carefully to post (see settings.py)."""

    endpoint: str
    token: str
    room_interval_seconds: float = 3.0
    global_interval_seconds: float = 1.0
    merge_window_seconds: float = 10.0
    retry_seconds: float = 2.0
    retry_max_seconds: float = 300.0
    call_timeout_seconds: float = 15.0
    files_dir: Path | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> WechatOptions:
        endpoint, token = settings.wechaty_endpoint, settings.wechaty_token
        if not endpoint:
            # Never let wechaty look an endpoint up by the token: an internet call, no timeout.
            raise WechatConfigError(
                "WECHATY_PUPPET_SERVICE_ENDPOINT is not set: give the puppet service's host:port"
            )
        if not token:
            raise WechatConfigError(
                "WECHATY_PUPPET_SERVICE_TOKEN is not set: give the token the puppet service "
                "was started with"
            )
        host_and_port(endpoint)
        return cls(
            endpoint=endpoint,
            token=token,
            room_interval_seconds=settings.wechat_room_interval_seconds,
            global_interval_seconds=settings.wechat_global_interval_seconds,
            merge_window_seconds=settings.wechat_merge_window_seconds,
            retry_seconds=settings.wechat_retry_seconds,
            retry_max_seconds=settings.wechat_retry_max_seconds,
            call_timeout_seconds=settings.wechat_call_timeout_seconds,
            files_dir=settings.wechat_files_dir,
        )


def host_and_port(endpoint: str) -> tuple[str, int]:
    """`host:port` of a puppet service; a clear error for anything else."""
    parts = urlsplit(endpoint if "//" in endpoint else f"//{endpoint}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if not parts.hostname or port is None:
        raise WechatConfigError(
            f"WECHATY_PUPPET_SERVICE_ENDPOINT {endpoint!r} is not host:port, e.g. 127.0.0.1:8788"
        )
    return parts.hostname, port


class WechatChannel:
    """Receives the listed rooms' messages in order and posts to them, slowly.

    `start` runs a supervisor task that connects, reads wechaty's event stream until it ends
    or fails, and reconnects with backoff; nothing wechaty does can stop the event loop or
    reach the rest of the bot. While the account is not connected, `send` defers posts.
    """

    name = PLATFORM

    def __init__(
        self,
        *,
        options: WechatOptions,
        database: Database,
        directory: Directory,
        deliver: Deliver,
    ) -> None:
        self.options = options
        self.database = database
        self.directory = directory
        self.deliver = deliver
        # One post per interval, per room and in all rooms together.
        self.pacer = Pacer(
            per_chat=(1, options.room_interval_seconds),
            overall=(1, options.global_interval_seconds),
        )
        window = options.merge_window_seconds
        self.merge_window: timedelta | None = timedelta(seconds=window) if window > 0 else None
        self.connections = 0  # connections that reached the event stream, since start
        self.logged_in = asyncio.Event()
        self._bot: Wechaty | None = None
        self._self_id: str | None = None
        self._self_name = BOT_NAME
        self._retry_in = options.retry_seconds
        self._tasks: list[asyncio.Task[Any]] = []
        self._order: ArrivalOrder[Message] = ArrivalOrder(
            handle=self._receive, fetch=self._fetch, wait_seconds=options.call_timeout_seconds * 2
        )
        self._sent: OrderedDict[int, str] = OrderedDict()
        self._names: dict[tuple[str, str], str] = {}
        self._unlisted: set[str] = set()
        self._derived_ids_said = False

    # -- running ------------------------------------------------------------------------

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._supervise(), name="wechat-connection"),
            asyncio.create_task(self._order.run(), name="wechat-intake"),
        ]

    async def stop(self) -> None:
        for task in self._tasks:
            await _cancel(task)
            if not task.cancelled() and task.exception() is not None:
                log.error("WeChat task ended with an error: %r", task.exception())
        self._tasks = []
        await self._disconnect()

    async def _supervise(self) -> None:
        while True:
            try:
                await self._connect_once()
                log.warning("WeChat: the puppet service ended the event stream; reconnecting")
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning(
                    "WeChat: no connection to the puppet service at %s (%s); retrying in %.1f s",
                    self.options.endpoint,
                    _describe(error),
                    self._retry_in,
                )
            finally:
                await self._disconnect()
            await asyncio.sleep(self._retry_in)
            self._retry_in = min(self._retry_in * 2, self.options.retry_max_seconds)

    async def _connect_once(self) -> None:
        """Connect, and read the event stream until it ends; raises when it fails."""
        await self._reachable()
        self._names.clear()  # room aliases may have changed while away
        bot = await open_wechaty(self.options)
        self._bot = bot
        bot.on("login", self._on_login)
        bot.on("logout", self._on_logout)
        bot.on("message", self._on_message)
        bot.on("room-invite", self._on_room_invite)
        # Called synchronously while wechaty reads its stream, so in the gateway's order.
        bot.puppet.on("message", lambda payload: self._order.announce(payload.message_id))
        self.connections += 1
        await bot.puppet.start()  # Stop, Start, then the Event stream until it ends

    async def _reachable(self) -> None:
        """Fail fast, without blocking the loop, when nothing listens at the endpoint.

        wechaty's own check is a blocking telnet with a 3 s timeout, run inside the loop."""
        host, port = host_and_port(self.options.endpoint)
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port), self.options.call_timeout_seconds
        )
        writer.close()

    async def _disconnect(self) -> None:
        bot, self._bot = self._bot, None
        self.logged_in.clear()
        if bot is not None:
            await shut_down(bot, timeout=self.options.call_timeout_seconds)

    # -- wechaty's events (each runs as a task of its own; none may raise) -----------------

    async def _on_login(self, contact: Any) -> None:
        self._self_id = contact.contact_id
        self._self_name = contact.name or BOT_NAME
        self._retry_in = self.options.retry_seconds  # a connection that works resets backoff
        self.logged_in.set()
        log.info("WeChat: logged in as %s (%s)", self._self_name, self._self_id)

    async def _on_logout(self, contact: Any) -> None:
        self.logged_in.clear()
        log.warning("WeChat: the account logged out; posts wait until it logs in again")

    async def _on_message(self, message: Message) -> None:
        self._order.resolve(message.message_id, message)

    async def _on_room_invite(self, invitation: Any) -> None:
        log.warning(
            "WeChat: invitation %s to a room; not accepted by the bot. Accept it in WeChat, "
            "then bind the room (bot.py wechat-rooms; bot.py bind --platform wechat)",
            getattr(invitation, "invitation_id", "?"),
        )

    async def _fetch(self, message_id: str) -> Message:
        """Read a message wechaty did not hand over in time. Announced just before the
        connection dropped, it is read from the gateway once the channel is back (nothing
        newer can arrive meanwhile, so waiting holds nothing up)."""
        await self.logged_in.wait()
        bot = self._bot
        if bot is None:
            raise ConnectionError("not connected")
        message = bot.Message.load(message_id)
        await asyncio.wait_for(message.ready(), self.options.call_timeout_seconds)
        return message

    # -- receiving --------------------------------------------------------------------------

    async def _receive(self, message: Message) -> None:
        """Hand one message to the bot. A database that is down is waited for (the gateway
        will not send the message again); any other fault is logged and the intake goes on."""
        delay = self.options.retry_seconds
        while True:
            try:
                event = await self.inbound(message)
                if event is not None:
                    await self.deliver(event)
                return
            except DBAPIError as error:
                log.warning(
                    "WeChat message %s waits for the database (%s); retrying in %.1f s",
                    message.message_id,
                    _describe(error),
                    delay,
                )
            except Exception:
                log.exception("WeChat message %s could not be handed over", message.message_id)
                return
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.options.retry_max_seconds)

    async def inbound(self, message: Message) -> Inbound | None:
        """The neutral event for a room message; None for what the bot does not act on."""
        payload = message.payload
        room_id = payload.room_id or ""
        talker_id = payload.from_id or ""
        if not room_id or not talker_id or talker_id == self._self_id:
            return None  # a direct message, or the bot's own post coming back
        chat = self.directory.chat_for_address(PLATFORM, room_id)
        if chat is None:
            await self._log_unlisted(room_id)
            return None
        text = message.text()
        reply_to = None
        attachments: tuple[Attachment, ...] = ()
        quote = read_quote(text)
        if quote is not None:
            text = quote.reply
            bot_quoted = quote.quoted_name in (self._self_name, BOT_NAME)
            reply_to = await self.database.run(self._quoted_id, chat.id, room_id, quote, bot_quoted)
        elif payload.type in MEDIA_KINDS:
            attachments = (await self._attachment(message, MEDIA_KINDS[payload.type]),)
            text = ""
        elif payload.type != MessageType.MESSAGE_TYPE_TEXT:
            return None  # stickers, links, transfers: nothing the ticket loop reads
        text = text.replace(MENTION_SPACE, " ").strip()
        if not text and not attachments:
            return None
        return Inbound(
            channel=PLATFORM,
            chat=room_id,
            sender=talker_id,
            sender_name=await self._display_name(room_id, talker_id, message),
            message_id=message.message_id,
            text=text,
            reply_to=reply_to,
            mentions=tuple(payload.mention_ids or ()),
            attachments=attachments,
            sent_at=_sent_at(payload.timestamp),
        )

    def _quoted_id(self, chat_id: str, address: str, quote: Quote, bot_quoted: bool) -> str | None:
        with self.database.session() as session:
            return quoted_message_id(
                session, chat_id=chat_id, address=address, quote=quote, bot_quoted=bot_quoted
            )

    async def _display_name(self, room_id: str, contact_id: str, message: Message) -> str:
        """The name the room shows: the member's room alias (群昵称), else their WeChat name."""
        key = (room_id, contact_id)
        if key not in self._names:
            name = ""
            try:
                member = await asyncio.wait_for(
                    message.puppet.room_member_payload(room_id, contact_id),
                    self.options.call_timeout_seconds,
                )
                name = (member.room_alias or member.name or "").strip() if member else ""
            except Exception as error:  # a gateway without member payloads: the contact name
                log.debug("room member payload %s: %r", contact_id, error)
            self._names[key] = name or message.talker().name or contact_id
        return self._names[key]

    async def _attachment(self, message: Message, kind: str) -> Attachment:
        """An image or file, kept by its message id (wechaty fetches it again by that id);
        a copy is saved too when WECHAT_FILES_DIR is set."""
        if self.options.files_dir is not None:
            try:
                box = await asyncio.wait_for(
                    message.to_file_box(), self.options.call_timeout_seconds
                )
                await self._keep(box, message.message_id)
            except Exception as error:
                log.warning("WeChat %s of %s not saved: %r", kind, message.message_id, error)
        return Attachment(kind=kind, ref=message.message_id)

    async def _keep(self, box: FileBox, message_id: str) -> None:
        assert self.options.files_dir is not None
        if box.type() != FileBoxType.Base64:
            # A URL box would be fetched by wechaty with blocking requests and no timeout.
            log.info("WeChat file %s is a %s box; kept by reference", message_id, box.type().name)
            return
        name = _UNSAFE_FILE_CHARS.sub("_", f"{message_id}-{box.name or 'file'}")[:120]
        path = self.options.files_dir / name
        data = base64.b64decode(box.base64)
        await asyncio.to_thread(_write_file, path, data)

    async def _log_unlisted(self, room_id: str) -> None:
        if room_id in self._unlisted:
            return
        self._unlisted.add(room_id)
        topic = "?"
        if self._bot is not None:
            try:
                room = self._bot.Room.load(room_id)
                await asyncio.wait_for(room.ready(), self.options.call_timeout_seconds)
                topic = room.payload.topic
            except Exception as error:
                log.debug("room payload %s: %r", room_id, error)
        log.warning(
            "WeChat room %s (%s) is not in the directory; its messages are ignored. "
            "Bind it: bot.py bind --platform wechat --address %s --chat <chat id>",
            room_id,
            topic,
            room_id,
        )

    # -- sending ----------------------------------------------------------------------------

    async def pace(self, chat_address: str) -> None:
        """Wait until this room may get the next post (WeChat restricts fast posters)."""
        await self.pacer.wait(chat_address)

    async def send(self, message: Outbound) -> str:
        outbox_ids = message.outbox_ids or (
            (message.outbox_id,) if message.outbox_id is not None else ()
        )
        for outbox_id in outbox_ids:
            if outbox_id in self._sent:
                return self._sent[outbox_id]  # handed over already; posting again would double
        bot = self._bot
        if bot is None or not self.logged_in.is_set():
            raise SendDeferred(self._retry_in, "WeChat is not connected")
        # The post's text already names the people ("@祝均升"); the ids make WeChat notify
        # them. Room.say would prepend the names a second time, so the puppet is called as
        # Room.say calls it. Only people are mentioned: never the whole room (@所有人).
        mention_ids = [
            account
            for account in dict.fromkeys(message.mention_accounts)
            if account and account != self._self_id and not account.startswith("@")
        ]
        message_id = await asyncio.wait_for(
            bot.puppet.message_send_text(
                conversation_id=message.chat_address, message=message.text, mention_ids=mention_ids
            ),
            self.options.call_timeout_seconds,
        )
        if not message_id:
            message_id = self._derived_id(outbox_ids)
        for outbox_id in outbox_ids:
            self._sent[outbox_id] = message_id
            if len(self._sent) > REMEMBERED_SENDS:
                self._sent.popitem(last=False)
        return message_id

    def _derived_id(self, outbox_ids: tuple[int, ...]) -> str:
        """Some puppets return no id for a sent message; the outbox id stands in, unique per
        post, and quote-replies to the post are then found by its text."""
        if not self._derived_ids_said:
            self._derived_ids_said = True
            log.warning("WeChat: the puppet service returns no message ids; using outbox ids")
        if not outbox_ids:
            return f"gridsteward-{time.time_ns()}"
        return "gridsteward-" + "-".join(str(i) for i in outbox_ids)

    # -- rooms --------------------------------------------------------------------------------

    async def rooms(self) -> list[tuple[str, str]]:
        """The rooms the account is in: (room id, topic), for binding them."""
        bot = self._bot
        if bot is None or not self.logged_in.is_set():
            raise ConnectionError("WeChat is not connected")
        return await list_rooms(bot, timeout=self.options.call_timeout_seconds)


async def open_wechaty(options: WechatOptions) -> Wechaty:
    """A new client, wired to its puppet, not yet started; wechaty's old state forgotten."""
    reset_wechaty_state()
    route_wechaty_logs()
    bot = new_wechaty(endpoint=options.endpoint, token=options.token)
    await bot.init_puppet()
    await bot.init_puppet_event_bridge(bot.puppet)
    return bot


async def list_rooms(bot: Wechaty, *, timeout: float) -> list[tuple[str, str]]:
    room_ids = await asyncio.wait_for(bot.puppet.room_list(), timeout)
    rooms = []
    for room_id in room_ids:
        room: Room = bot.Room.load(room_id)
        await asyncio.wait_for(room.ready(), timeout)
        rooms.append((room_id, room.payload.topic or ""))
    return rooms


async def fetch_rooms(options: WechatOptions, *, wait_seconds: float) -> list[tuple[str, str]]:
    """Connect once, wait for the account to log in, list its rooms, disconnect."""
    logged_in = asyncio.Event()
    bot = await open_wechaty(options)
    bot.on("login", lambda contact: logged_in.set())
    stream = asyncio.create_task(bot.puppet.start())
    login = asyncio.create_task(logged_in.wait())
    try:
        done, _ = await asyncio.wait(
            {stream, login}, timeout=wait_seconds, return_when=asyncio.FIRST_COMPLETED
        )
        if login not in done:
            if stream in done and stream.exception() is not None:
                raise ConnectionError(_describe(stream.exception()))
            raise ConnectionError(f"the account did not log in within {wait_seconds:g} s")
        return await list_rooms(bot, timeout=options.call_timeout_seconds)
    finally:
        for task in (stream, login):
            await _cancel(task)
        await shut_down(bot, timeout=options.call_timeout_seconds)


async def _cancel(task: asyncio.Task[Any]) -> None:
    """Cancel a task and wait until it has ended. Python 3.11's wait_for can swallow a
    cancellation that arrives as its inner future completes, so it is repeated."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=1.0)


def _sent_at(timestamp: int | None) -> datetime | None:
    """WeChat's own send time; puppets give seconds or milliseconds since the epoch."""
    if not timestamp:
        return None
    seconds = timestamp / 1000 if timestamp > 100_000_000_000 else timestamp
    return datetime.fromtimestamp(seconds, UTC)


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _describe(error: BaseException | None) -> str:
    return f"{type(error).__name__}: {error}" if error is not None else "no error"
