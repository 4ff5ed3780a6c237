"""The bot as tests drive it: people speak in local groups, the test reads the bot's posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from channels.local import LocalChannel
from channels.outbox import OutboxSender
from handlers.directory import Directory
from handlers.dispatcher import Dispatcher
from handlers.events import Attachment, Inbound
from models.attachment import ticket_attachments
from models.db import Database
from models.outbox import OutboxPost
from models.ticket import Ticket, TicketEvent, all_tickets, get_ticket, ticket_events


@dataclass
class ManualClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


class Bot:
    """Wires the same parts `bot.py` does, minus the web server and the sender's loop."""

    def __init__(self, *, database: Database, directory: Directory, start: datetime) -> None:
        self.database = database
        self.directory = directory
        self.clock = ManualClock(start)
        self.dispatcher = Dispatcher(database=database, directory=directory, clock=self.clock)
        self.local = LocalChannel(
            database=database, directory=directory, deliver=self._deliver, clock=self.clock
        )
        self.sender = OutboxSender(
            database=database, directory=directory, channels={"local": self.local}, clock=self.clock
        )
        self._read_up_to: dict[str, int] = {}

    async def _deliver(self, event: Inbound) -> None:
        await self.database.run(self.dispatcher.deliver, event)
        await self.sender.flush()

    async def say(
        self, chat: str, who: str, text: str, *, reply_to: int | None = None, name: str = ""
    ) -> int:
        """`who` is a person id of the directory, or any resident's account; returns the id."""
        person = self.directory.person(who)
        account = person.accounts.get("local", who) if person else who
        message = await self.local.say(
            chat=self.directory.chats[chat].address,
            sender=account,
            sender_name=name or (person.name if person else who),
            text=text,
            reply_to=reply_to,
        )
        return int(message["id"])

    async def deliver(
        self,
        chat: str,
        who: str,
        text: str,
        *,
        message_id: str,
        reply_to: str | None = None,
        files: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """A message as a platform adapter hands it over (with files the local chat lacks)."""
        person = self.directory.person(who)
        event = Inbound(
            channel="local",
            chat=self.directory.chats[chat].address,
            sender=person.accounts.get("local", who) if person else who,
            sender_name=person.name if person else who,
            message_id=message_id,
            text=text,
            reply_to=reply_to,
            attachments=tuple(Attachment(kind, ref) for kind, ref in files),
        )
        await self._deliver(event)

    def attachments(self, number: int) -> list[tuple[str, str]]:
        with self.database.session() as session:
            return [(a.kind, a.ref) for a in ticket_attachments(session, number=number)]

    async def posts(self, chat: str = "cuidong-gas") -> list[dict[str, Any]]:
        """The bot's posts in a chat since the last call."""
        address = self.directory.chats[chat].address
        after = self._read_up_to.get(chat, 0)
        messages = await self.local.history(address, after)
        if messages:
            self._read_up_to[chat] = messages[-1]["id"]
        return [m for m in messages if m["from_bot"]]

    async def last_post(self, chat: str = "cuidong-gas") -> dict[str, Any]:
        messages = await self.local.history(self.directory.chats[chat].address)
        return [m for m in messages if m["from_bot"]][-1]

    def ticket(self, number: int) -> Ticket:
        with self.database.session() as session:
            ticket = get_ticket(session, number=number)
        assert ticket is not None, f"no ticket #{number}"
        return ticket

    def tickets(self) -> list[Ticket]:
        with self.database.session() as session:
            return all_tickets(session)

    def outbox(self) -> list[OutboxPost]:
        with self.database.session() as session:
            return list(session.exec(select(OutboxPost).order_by(col(OutboxPost.id))))

    def events(self, number: int) -> list[TicketEvent]:
        with self.database.session() as session:
            return ticket_events(session, number=number)

    def advance(self, **delta: float) -> None:
        self.clock.now += timedelta(**delta)
