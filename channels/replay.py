"""The replay channel: runs a transcript through the real bot on a virtual clock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from typing import Any

from sqlmodel import col, select

from channels.outbox import OutboxSender
from handlers.directory import Directory
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound, Outbound
from models.db import Database
from models.outbox import OutboxPost
from models.ticket import all_tickets, ticket_events
from schedules.scheduler import run_until
from web.tickets import ticket_json

PLATFORM = "replay"
REQUIRED = ("t", "chat", "from", "id", "text")


class TranscriptError(ValueError):
    """A transcript line the replay refuses, named by its line number."""


@dataclass(frozen=True, slots=True)
class Line:
    t: datetime
    chat: str
    sender: str
    name: str
    message_id: str
    text: str
    reply_to: str | None


@dataclass
class VirtualClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@dataclass
class ReplayChannel:
    """Records each post with the virtual time it was made; ids are 'bot-1', 'bot-2', …"""

    clock: VirtualClock
    timezone: tzinfo
    posts: list[dict[str, Any]] = field(default_factory=list)
    name: str = PLATFORM

    async def send(self, message: Outbound) -> str:
        message_id = f"bot-{len(self.posts) + 1}"
        self.posts.append(
            {
                "t": self.clock().astimezone(self.timezone).isoformat(),
                "id": message_id,
                "chat": message.chat_address,
                "text": message.text,
                "reply_to": message.reply_to,
            }
        )
        return message_id


def read_transcript(lines: Iterable[str], directory: Directory) -> list[Line]:
    """Validate every line before anything runs, so a bad transcript changes nothing."""
    parsed: list[Line] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise TranscriptError(f"line {number}: not JSON ({error.msg})") from None
        if not isinstance(data, dict):
            raise TranscriptError(f"line {number}: expected a JSON object")
        missing = [key for key in REQUIRED if key not in data]
        if missing:
            raise TranscriptError(f"line {number}: missing {', '.join(missing)}")
        if data["chat"] not in directory.chats:
            raise TranscriptError(f"line {number}: chat {data['chat']!r} is not in the directory")
        if not isinstance(data["text"], str):
            raise TranscriptError(f"line {number}: text must be a string")
        blank = [key for key in ("chat", "from", "id") if not str(data[key]).strip()]
        if blank:
            raise TranscriptError(f"line {number}: {', '.join(blank)} must not be empty")
        t = parse_time(data["t"], directory.timezone, where=f"line {number}: t")
        if parsed and t < parsed[-1].t:
            raise TranscriptError(f"line {number}: t goes back in time ({data['t']})")
        reply_to = data.get("reply_to")
        parsed.append(
            Line(
                t=t,
                chat=str(data["chat"]),
                sender=str(data["from"]),
                name=str(data.get("name") or data["from"]),
                message_id=str(data["id"]),
                text=data["text"],
                reply_to=str(reply_to) if reply_to not in (None, "") else None,
            )
        )
    return parsed


def parse_time(value: Any, timezone: tzinfo, *, where: str) -> datetime:
    """ISO-8601; a time without an offset is the directory's local time."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise TranscriptError(f"{where}: {value!r} is not an ISO-8601 time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone)


def replay_directory(directory: Directory) -> Directory:
    """Transcripts name chats and people by their directory ids: make those the addresses."""
    chats = {
        cid: replace(chat, platform=PLATFORM, address=cid) for cid, chat in directory.chats.items()
    }
    return replace(directory, chats=chats).with_identity_accounts(PLATFORM)


@dataclass
class ReplayResult:
    posts: list[dict[str, Any]]
    tickets: list[dict[str, Any]]


def replay(
    directory: Directory,
    lines: list[Line],
    *,
    until: datetime | None,
    database_url: str = "sqlite://",
) -> ReplayResult:
    """Run the transcript on a fresh database: in memory, or an empty one the caller names."""
    return asyncio.run(_replay(replay_directory(directory), lines, until, database_url))


async def _replay(
    directory: Directory, lines: list[Line], until: datetime | None, database_url: str
) -> ReplayResult:
    start = lines[0].t if lines else datetime.now(directory.timezone)
    clock = VirtualClock(start)
    database = Database(database_url)
    try:
        database.migrate()
        dispatcher = Dispatcher(database=database, directory=directory, clock=clock)
        channel = ReplayChannel(clock=clock, timezone=directory.timezone)
        sender = OutboxSender(
            database=database, directory=directory, channels={PLATFORM: channel}, clock=clock
        )
        for line in lines:
            if until is not None and line.t > until:
                break
            # Reminders and digests due before this message go out first, in time order.
            await run_until(
                database, directory, clock, line.t, inclusive=False, after_each=sender.flush
            )
            clock.now = line.t
            event = Inbound(
                channel=PLATFORM,
                chat=line.chat,
                sender=line.sender,
                sender_name=line.name,
                message_id=line.message_id,
                text=line.text,
                reply_to=line.reply_to,
            )
            await database.run(dispatcher.deliver, event)
            await sender.flush()
        if until is not None:
            await run_until(
                database, directory, clock, until, inclusive=True, after_each=sender.flush
            )
            clock.now = max(clock.now, until)
        rows = await database.run(_outbox_rows, database)
        tickets = await database.run(_tickets, database, directory.timezone)
    finally:
        database.close()
    return ReplayResult(posts=_merge(channel.posts, rows), tickets=tickets)


def _outbox_rows(database: Database) -> dict[str, dict[str, Any]]:
    with database.session() as session:
        rows = session.exec(select(OutboxPost).where(col(OutboxPost.sent_message_id).is_not(None)))
        return {
            r.sent_message_id: {"mentions": r.mentions, "ticket": r.ticket_number}
            for r in rows
            if r.sent_message_id
        }


def _merge(posts: list[dict[str, Any]], rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The channel saw platform addresses; the outbox row knows person ids and the ticket."""
    merged = []
    for post in posts:
        row = rows.get(post["id"], {})
        out = {
            "t": post["t"],
            "chat": post["chat"],
            "text": post["text"],
            "mentions": row.get("mentions", []),
            "id": post["id"],
        }
        if row.get("ticket") is not None:
            out["ticket"] = str(row["ticket"])
        if post.get("reply_to"):
            out["reply_to"] = post["reply_to"]
        merged.append(out)
    return merged


def _tickets(database: Database, timezone: tzinfo) -> list[dict[str, Any]]:
    with database.session() as session:
        return [
            ticket_json(t, ticket_events(session, number=t.number or 0), timezone=timezone)
            for t in all_tickets(session)
        ]
