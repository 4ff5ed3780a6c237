"""What a handler gets for one message: who spoke where, the session, the clock, the posts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from handlers.directory import Chat, Community, Directory, Person
from handlers.privacy import mask_sensitive
from models.inbound import InboundMessage
from models.outbox import OutboxPost
from models.ticket import Ticket


@dataclass
class Context:
    """One message being handled; every change goes into `session`, committed once by the caller."""

    session: Session
    directory: Directory
    now: datetime  # aware; the only clock handlers read
    inbound: InboundMessage
    chat: Chat
    community: Community
    sender: str  # a person id, or a resident's platform account
    sender_name: str
    person: Person | None  # None for residents
    posts: list[OutboxPost] = field(default_factory=list)

    @property
    def message_id(self) -> str:
        return self.inbound.message_id

    def post(
        self,
        text: str,
        *,
        mentions: list[str] | tuple[str, ...] = (),
        ticket: Ticket | None = None,
        quote: bool = True,
        chat: str | None = None,
    ) -> None:
        """Queue a post in the outbox; phone and ID numbers are masked here, for every post."""
        people = list(dict.fromkeys(mentions))
        row = OutboxPost(
            chat=chat or self.chat.id,
            text=mask_sensitive(text),
            mentions=people,
            mention_names=[self.name_of(person, ticket=ticket) for person in people],
            ticket_number=ticket.number if ticket else None,
            reply_to=self.message_id if quote and chat in (None, self.chat.id) else None,
            inbound_id=self.inbound.id,
            created_at=self.now,
        )
        self.session.add(row)
        self.posts.append(row)

    def tell_reporter(self, text: str, *, ticket: Ticket) -> None:
        """A post the resident must see goes to the chat they reported in, with an @mention;
        a steward speaking from another chat (the office group) gets the same words there."""
        self.post(text, mentions=[ticket.reporter], ticket=ticket, chat=ticket.chat)
        if ticket.chat != self.chat.id:
            self.post(text, ticket=ticket)

    def name_of(self, person_id: str | None, *, ticket: Ticket | None = None) -> str:
        """A person's display name; a resident's is the name they reported under."""
        if person_id is None:
            return "待分派"
        person = self.directory.person(person_id)
        if person:
            return person.name
        if ticket is not None and person_id == ticket.reporter:
            return ticket.reporter_name or person_id
        return self.sender_name if person_id == self.sender else person_id

    def local_time(self, instant: datetime | None) -> str:
        """'11-24 09:12' in the directory's timezone, as people in the group read clocks."""
        if instant is None:
            return "—"
        return instant.astimezone(self.directory.timezone).strftime("%m-%d %H:%M")
