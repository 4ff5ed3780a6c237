"""The steward's side of the loop: claim, on site, resolve, reassign, return."""

from __future__ import annotations

from handlers import texts
from handlers.context import Context
from handlers.lifecycle import FINISHED, move
from handlers.parse import Parsed
from handlers.permissions import may_work, supervises
from models.ticket import Ticket

CLAIMABLE = ("new", "assigned", "reopened", "returned")


def _turned_away(ctx: Context, ticket: Ticket, action: str) -> bool:
    """Outsiders and finished tickets get a short answer and no change."""
    assert ticket.number is not None
    if not may_work(ctx.directory, ctx.sender, ticket):
        ctx.post(texts.not_allowed(number=ticket.number, action=action), ticket=ticket)
        return True
    if ticket.state in FINISHED:
        ctx.post(texts.already_done(number=ticket.number, state=ticket.state), ticket=ticket)
        return True
    return False


def _take_over(ctx: Context, ticket: Ticket) -> None:
    """Whoever does the work becomes the assignee; secretaries and supervisors act on behalf."""
    if not supervises(ctx.directory, ctx.sender, ticket) or ticket.assignee is None:
        ticket.assignee = ctx.sender
    if ticket.claimed_at is None:
        ticket.claimed_at = ctx.now


def claim(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if parsed.weak and (
        not may_work(ctx.directory, ctx.sender, ticket) or ticket.state not in CLAIMABLE
    ):
        return "weak claim word on a ticket that is not open to this sender: chat"
    if _turned_away(ctx, ticket, "claim"):
        return "claim refused"
    if ticket.state not in CLAIMABLE:
        ctx.post(
            texts.already_claimed(number=ticket.number, assignee=ctx.name_of(ticket.assignee)),
            ticket=ticket,
        )
        return "already claimed"
    ticket.assignee = ctx.sender
    move(ctx, ticket, to="claimed", action="claimed")
    ctx.tell_reporter(
        texts.claimed(
            number=ticket.number,
            assignee=ctx.name_of(ctx.sender),
            reporter=ctx.name_of(ticket.reporter, ticket=ticket),
            resolve_by=ctx.local_time(ticket.resolve_due_at),
        ),
        ticket=ticket,
    )
    return "claimed"


def progress(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if _turned_away(ctx, ticket, "progress"):
        return "progress refused"
    if ticket.state != "in_progress":
        _take_over(ctx, ticket)
        move(ctx, ticket, to="in_progress", action="in_progress", note=parsed.body or None)
    ctx.post(
        texts.in_progress(number=ticket.number, assignee=ctx.name_of(ticket.assignee)),
        ticket=ticket,
    )
    return "in progress"


def resolve(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if _turned_away(ctx, ticket, "resolve"):
        return "resolve refused"
    _take_over(ctx, ticket)
    ticket.resolution_note = parsed.body or None
    move(ctx, ticket, to="resolved", action="resolved", note=parsed.body or None)
    ctx.tell_reporter(
        texts.resolved(
            number=ticket.number,
            assignee=ctx.name_of(ctx.sender),
            note=parsed.body,
            reporter=ctx.name_of(ticket.reporter, ticket=ticket),
        ),
        ticket=ticket,
    )
    return "resolved"


def reassign(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if _turned_away(ctx, ticket, "reassign"):
        return "reassign refused"
    target = _reassign_target(ctx, parsed)
    if target is None:
        if parsed.target:
            ctx.post(texts.unknown_person(name=parsed.target), ticket=ticket)
        else:
            ctx.post(texts.need_target(number=ticket.number), ticket=ticket)
        return "reassign: no such colleague"
    home = next(
        (g for g in ctx.community.grids if target in g.staff or target == g.supervisor), None
    )
    if home is not None:
        ticket.grid = home.id
    ticket.assignee = target
    move(
        ctx,
        ticket,
        to="assigned",
        action="reassigned",
        note=f"转派给 {ctx.name_of(target)}（{target}）",
    )
    ctx.post(
        texts.reassigned(number=ticket.number, by=ctx.name_of(ctx.sender), to=ctx.name_of(target)),
        mentions=[target],
        ticket=ticket,
    )
    return f"reassigned to {target}"


def _reassign_target(ctx: Context, parsed: Parsed) -> str | None:
    """The colleague named by the platform's @mention, else by '@name' in the text."""
    members = ctx.directory.members(ctx.community.id)
    for account in ctx.inbound.mentions.split():
        person = ctx.directory.person_for_account(ctx.inbound.channel, account)
        if person and person.id in members:
            return person.id
    # '/reassign 12 chen' names the colleague without '@': try the note's first word too.
    for token in [parsed.target] if parsed.target else parsed.body.split()[:1]:
        person = ctx.directory.find_person(ctx.community.id, token)
        if person and person.id in members:
            return person.id
    return None


def return_(ctx: Context, parsed: Parsed, ticket: Ticket) -> str:
    assert ticket.number is not None
    if _turned_away(ctx, ticket, "return"):
        return "return refused"
    secretaries = list(ctx.community.secretaries)
    ticket.assignee = secretaries[0]
    ticket.grid = None  # "not our grid": its staff no longer act on it until reassigned
    move(ctx, ticket, to="returned", action="returned", note=parsed.body or None)
    ctx.post(
        texts.returned(
            number=ticket.number,
            by=ctx.name_of(ctx.sender),
            reason=parsed.body,
            secretaries=[ctx.name_of(s) for s in secretaries],
        ),
        mentions=secretaries,
        ticket=ticket,
    )
    return "returned"
