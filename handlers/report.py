"""A report becomes a numbered ticket, routed to its grid's steward (or the secretaries)."""

from __future__ import annotations

from handlers import texts
from handlers.address import Address
from handlers.attachments import attach_files
from handlers.context import Context
from handlers.directory import Grid
from handlers.lifecycle import move, record
from handlers.parse import Parsed
from models.ticket import Ticket, link_message
from schedules.due import describe_duration, due_times

# The audit note of a report no grid took; the digest's dispatch rate leaves such steps out.
UNROUTED_NOTE = "未找到所属网格，转社区书记"


def report(ctx: Context, parsed: Parsed) -> str:
    if parsed.incomplete:
        ctx.post(texts.REPORT_FORMAT)
        return "incomplete report: format shown"
    address = parsed.address or Address()
    kind = parsed.kind or "repair"
    due = due_times(
        ctx.directory,
        kind=kind,
        emergency=parsed.emergency,
        start=ctx.now,
        community=ctx.community,
    )
    ticket = Ticket(
        kind=kind,
        emergency=parsed.emergency,
        state="new",
        text=ctx.inbound.text,
        body=(parsed.body or ctx.inbound.text).strip(),
        community=ctx.community.id,
        building=address.building,
        unit=address.unit,
        room=address.room,
        phone=parsed.phone,
        id_number=parsed.id_number,
        reporter=ctx.sender,
        reporter_name=ctx.sender_name,
        channel=ctx.inbound.channel,
        chat=ctx.chat.id,
        message_id=ctx.message_id,
        created_at=ctx.now,
        claim_due_at=due.claim_due_at,
        resolve_due_at=due.resolve_due_at,
        updated_at=ctx.now,
    )
    ctx.session.add(ticket)
    ctx.session.flush()  # the database hands out the number
    assert ticket.number is not None
    link_message(
        ctx.session,
        channel=ticket.channel,
        chat=ticket.chat,
        message_id=ticket.message_id,
        ticket_number=ticket.number,
    )
    move(ctx, ticket, to="new", action="created")
    attach_files(ctx, ticket)
    grid = ctx.directory.grid_for(ctx.community.id, building=address.building, chat_id=ctx.chat.id)
    assign_to_grid(ctx, ticket, grid)
    announce(ctx, ticket, grid)
    return f"ticket #{ticket.number} created"


def assign_to_grid(ctx: Context, ticket: Ticket, grid: Grid | None) -> None:
    """The grid's steward takes it; with no grid, the first secretary holds it for dispatch."""
    ticket.grid = grid.id if grid else None
    if grid:
        ticket.assignee = grid.steward
        note = f"{grid.name}（{grid.id}）"
    else:
        ticket.assignee = ctx.community.secretaries[0]  # the directory requires one
        note = UNROUTED_NOTE
    move(ctx, ticket, to="assigned", action="assigned", note=note)


def announce(ctx: Context, ticket: Ticket, grid: Grid | None, *, latest: str = "") -> None:
    """The post that makes a ticket known: to the steward, or for an emergency to everyone
    who must move now; `latest` is what turned an open ticket into an emergency."""
    assert ticket.number is not None
    address = Address(ticket.building, ticket.unit, ticket.room).label()
    sla = ctx.directory.sla_for(ticket.kind, emergency=ticket.emergency)
    claim_within = describe_duration(sla.claim)
    secretaries = list(ctx.community.secretaries)
    if ticket.emergency:
        people = emergency_responders(ctx, ticket, grid)
        text = texts.emergency_ticket(
            number=ticket.number,
            kind=ticket.kind,
            address=address,
            body=f"{ticket.body}（最新：{latest}）" if latest else ticket.body,
            responders=[ctx.name_of(p) for p in people],
            claim_within=claim_within,
            phone=ctx.community.emergency_phone,
        )
        ctx.post(text, mentions=people, ticket=ticket)
    elif grid:
        text = texts.new_ticket(
            number=ticket.number,
            kind=ticket.kind,
            address=address,
            body=ticket.body,
            grid_name=grid.name,
            steward=ctx.name_of(grid.steward),
            claim_within=claim_within,
        )
        ctx.post(text, mentions=[grid.steward], ticket=ticket)
    else:
        text = texts.new_ticket_unrouted(
            number=ticket.number,
            kind=ticket.kind,
            address=address,
            body=ticket.body,
            secretaries=[ctx.name_of(s) for s in secretaries],
        )
        ctx.post(text, mentions=secretaries, ticket=ticket)


def emergency_responders(ctx: Context, ticket: Ticket, grid: Grid | None) -> list[str]:
    """The one handling it and the supervisor; with no grid known, every steward and
    supervisor of the community and its secretaries, since nobody may wait to be sorted."""
    if grid:
        responders = [ticket.assignee or grid.steward, grid.supervisor]
    else:
        responders = list(ctx.community.secretaries)
        for each in ctx.community.grids:
            responders += [each.steward, each.supervisor]
    return [p for p in dict.fromkeys(responders) if p]


def add_address(ctx: Context, ticket: Ticket, address: Address) -> bool:
    """A reporter's follow-up names the building of an unrouted ticket: route it now."""
    grid = ctx.directory.grid_for(ctx.community.id, building=address.building, chat_id=None)
    ticket.building, ticket.unit, ticket.room = address.building, address.unit, address.room
    if grid is None:
        return False
    assert ticket.number is not None
    ticket.grid = grid.id
    ticket.assignee = grid.steward
    move(ctx, ticket, to="assigned", action="address_added", note=f"{grid.name}（{grid.id}）")
    ctx.post(
        texts.address_added(
            number=ticket.number,
            address=address.label(),
            grid_name=grid.name,
            steward=ctx.name_of(grid.steward),
        ),
        mentions=[grid.steward]
        + ([grid.supervisor] if ticket.emergency and grid.supervisor else []),
        ticket=ticket,
    )
    return True


def raise_to_emergency(ctx: Context, ticket: Ticket) -> None:
    """'还是有燃气味' on an ordinary ticket: the emergency SLA, the alert, the safety advice."""
    due = due_times(ctx.directory, kind=ticket.kind, emergency=True, start=ctx.now)
    ticket.emergency = True
    ticket.claim_due_at = min(ticket.claim_due_at, due.claim_due_at)
    ticket.resolve_due_at = min(ticket.resolve_due_at, due.resolve_due_at)
    record(ctx, ticket, action="emergency", note=ctx.inbound.text)
    grid = ctx.directory.grid(ticket.grid) if ticket.grid else None
    announce(ctx, ticket, grid, latest=ctx.inbound.text.strip())
