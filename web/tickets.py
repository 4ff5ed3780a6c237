"""Read-only tickets API: what the bot has on record, with residents' numbers masked."""

from __future__ import annotations

from datetime import UTC, tzinfo
from typing import Any

from aiohttp import web

from handlers.address import Address
from handlers.privacy import mask_phone, mask_sensitive
from models.columns import MAX_ID, as_id
from models.db import Database
from models.ticket import Ticket, TicketEvent, get_ticket, recent_tickets, ticket_events
from web.bodies import query

DATABASE: web.AppKey[Database] = web.AppKey("database", Database)


def add_ticket_routes(app: web.Application, database: Database) -> None:
    app[DATABASE] = database
    app.router.add_get("/api/tickets", list_tickets)
    app.router.add_get("/api/tickets/{number}", show_ticket)


async def list_tickets(request: web.Request) -> web.Response:
    database = request.app[DATABASE]
    community = query(request, allowed=("community",)).get("community")

    def load() -> list[dict[str, Any]]:
        with database.session() as session:
            return [ticket_json(t) for t in recent_tickets(session, community=community)]

    return web.json_response(await database.run(load))


async def show_ticket(request: web.Request) -> web.Response:
    database = request.app[DATABASE]
    query(request, allowed=())
    raw = request.match_info["number"].lstrip("#")
    number = as_id(raw)
    if number is None:
        return web.json_response(
            {"error": f"ticket number must be a whole number up to {MAX_ID}"}, status=400
        )

    def load() -> dict[str, Any] | None:
        with database.session() as session:
            ticket = get_ticket(session, number=number)
            if ticket is None:
                return None
            return ticket_json(ticket, ticket_events(session, number=number))

    found = await database.run(load)
    if found is None:
        return web.json_response({"error": f"no ticket #{raw}"}, status=404)
    return web.json_response(found)


def ticket_json(
    ticket: Ticket, events: list[TicketEvent] | None = None, *, timezone: tzinfo = UTC
) -> dict[str, Any]:
    """One ticket as the API, the replay CLI and exports show it (numbers as strings)."""
    data: dict[str, Any] = {
        "number": str(ticket.number),
        "kind": ticket.kind,
        "emergency": ticket.emergency,
        "state": ticket.state,
        "community": ticket.community,
        "grid": ticket.grid,
        "assignee": ticket.assignee,
        # A resident's account or name may itself be a phone number.
        "reporter": mask_sensitive(ticket.reporter),
        "reporter_name": mask_sensitive(ticket.reporter_name),
        "chat": ticket.chat,
        "address": Address(ticket.building, ticket.unit, ticket.room).as_dict(),
        "text": mask_sensitive(ticket.text),
        "phone": mask_phone(ticket.phone) if ticket.phone else None,
        "rating": ticket.rating,
        "urge_count": ticket.urge_count,
    }
    for stamp in (
        "created_at",
        "assigned_at",
        "claimed_at",
        "in_progress_at",
        "resolved_at",
        "closed_at",
        "reopened_at",
        "returned_at",
        "claim_due_at",
        "resolve_due_at",
    ):
        value = getattr(ticket, stamp)
        data[stamp] = value.astimezone(timezone).isoformat() if value else None
    if events is not None:
        data["events"] = [
            {
                "at": e.at.astimezone(timezone).isoformat(),
                "actor": mask_sensitive(e.actor),
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "note": mask_sensitive(e.note) if e.note else None,
            }
            for e in events
        ]
    return data
