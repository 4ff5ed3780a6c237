"""SQLModel tables and the repository functions on them; migrations live beside them."""

from models.attachment import TicketAttachment
from models.inbound import InboundMessage
from models.local_chat import LocalMessage
from models.outbox import OutboxPost
from models.schedule import ChaseStep, DigestSent
from models.ticket import MessageLink, Ticket, TicketEvent

__all__ = [
    "ChaseStep",
    "DigestSent",
    "InboundMessage",
    "LocalMessage",
    "MessageLink",
    "OutboxPost",
    "Ticket",
    "TicketAttachment",
    "TicketEvent",
]
