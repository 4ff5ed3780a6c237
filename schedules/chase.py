"""Chasing overdue tickets: reminders at an interval, then escalation (督办) up the chain.

At each level (claim, then resolve) a ticket gets a reminder in its group when it falls due
and again every interval; a resident's 催办 counts as one. After `reminders_before_escalation`
reminders the grid's supervisor is @mentioned in the group, one interval later the community's
secretaries in their digest chat, and reminders go on until the ticket moves. An emergency
not claimed in time goes to the supervisor at once. What was done lives in `chase_step`, so a
restart, or a second process, recomputes the same next step and never repeats one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from handlers import schedule_texts as texts
from handlers.address import Address
from handlers.directory import Community, Directory
from models.db import Database
from models.schedule import ChaseStep, chase_steps
from models.ticket import Ticket, TicketEvent, ticket_events
from schedules.levels import CHASED_STATES, CLAIM_STATES, RESOLVE_STATES, Level, level_of
from schedules.policy import Policy, policy_for
from schedules.posts import name_of, queue_post
from schedules.quiet import after_quiet_hours

log = logging.getLogger("gridsteward.schedules")
BOT = "gridsteward"  # the actor of the audit entries the schedules write


@dataclass(frozen=True, slots=True)
class Step:
    """The next thing to do about one ticket, and when."""

    ticket_number: int
    level: Level
    number: int  # 1, 2, … among the bot's own steps at this level
    action: str  # "remind" | "supervisor" | "secretaries"
    at: datetime  # when it is due, after quiet hours
    reminders: int  # reminders so far at this level, the resident's 催办 included


@dataclass(frozen=True, slots=True)
class History:
    """What was already done about a ticket: the bot's steps at every level, and the 催办."""

    steps: list[ChaseStep]
    urges: list[datetime]  # the reporter's; those at the current level count as reminders


def plan_step(
    ticket: Ticket, history: History, *, directory: Directory, now: datetime
) -> Step | None:
    """The ticket's next chase step as seen at `now`: when it is due (perhaps in the future,
    never in the past for a step quiet hours hold), or None when nothing is owed."""
    level = level_of(ticket)
    community = directory.community(ticket.community)
    if level is None or community is None or ticket.number is None:
        return None
    policy = policy_for(directory, community)
    sla = directory.sla_for(ticket.kind, emergency=ticket.emergency)
    interval = policy.chase_interval(sla.claim if level.name == "claim" else sla.resolve)
    steps = [s for s in history.steps if s.level == level.name and s.since == level.since]
    # Late since the ticket entered its state: the move was news, give it one interval.
    start = level.due_at if level.since <= level.due_at else level.since + interval
    urges = [u for u in history.urges if u >= max(level.due_at, level.since)]
    reminders = sum(s.action == "remind" for s in steps) + len(urges)
    action = _next_action(ticket, level, steps, reminders, policy, directory, community)
    at = start
    if steps:
        at = max(at, max(s.at for s in steps) + interval)
    if action == "remind" and urges:
        at = max(at, max(urges) + interval)  # the 催办 just nudged; escalations do not wait
    if not ticket.emergency:
        # Not before now: a step that fell due while the bot was down still waits for the
        # morning if the bot comes back in the night.
        at = after_quiet_hours(max(at, now), policy.quiet_hours, directory.timezone)
    return Step(ticket.number, level, len(steps) + 1, action, at, reminders)


def _next_action(
    ticket: Ticket,
    level: Level,
    steps: list[ChaseStep],
    reminders: int,
    policy: Policy,
    directory: Directory,
    community: Community,
) -> str:
    done = {s.action for s in steps}
    grid = directory.grid(ticket.grid) if ticket.grid else None
    supervisor = grid.supervisor if grid else None
    # Secretaries already hold a ticket no grid took: telling them again says nothing new.
    secretaries_useful = ticket.assignee not in community.secretaries
    # An emergency nobody claimed goes up at once; everything else after its reminders.
    needed = 0 if ticket.emergency and level.name == "claim" else policy.reminders_before_escalation
    if reminders < needed:
        return "remind"
    if supervisor and supervisor != ticket.assignee and "supervisor" not in done:
        return "supervisor"
    if secretaries_useful and "secretaries" not in done:
        return "secretaries"
    return "remind"


# -- the sweep ---------------------------------------------------------------------------------


def chase_overdue(database: Database, directory: Directory, now: datetime) -> int:
    """Take every chase step due by `now`, each in its own transaction; returns posts written."""
    with database.session() as session:
        tickets = overdue_tickets(session, now=now)
        histories = load_histories(session, tickets)
    posts = 0
    for ticket in tickets:
        assert ticket.number is not None
        step = plan_step(ticket, histories[ticket.number], directory=directory, now=now)
        if step is not None and step.at <= now:
            posts += take_step(database, directory, step, now=now)
    return posts


def next_chase_due(database: Database, directory: Directory, after: datetime) -> datetime | None:
    """When the next chase step falls due (`after` itself if one is owed already); for replay."""
    with database.session() as session:
        query = select(Ticket).where(col(Ticket.state).in_(CHASED_STATES))
        tickets = list(session.exec(query))
        histories = load_histories(session, tickets)
    due = [
        step.at
        for ticket in tickets
        if ticket.number is not None
        and (step := plan_step(ticket, histories[ticket.number], directory=directory, now=after))
    ]
    return max(min(due), after) if due else None


def overdue_tickets(session: Session, *, now: datetime) -> list[Ticket]:
    # Sorted here: an ORDER BY would tempt SQLite to walk the whole table in key order.
    return sorted(session.exec(overdue_query(now)), key=lambda t: t.number or 0)


def overdue_query(now: datetime) -> SelectOfScalar[Ticket]:
    """Open tickets past the due time of their level: range scans of the (state, due time)
    indexes, so the cost follows the overdue tickets, not the history of closed ones."""
    return select(Ticket).where(
        or_(
            col(Ticket.state).in_(CLAIM_STATES) & (col(Ticket.claim_due_at) <= now),
            col(Ticket.state).in_(RESOLVE_STATES) & (col(Ticket.resolve_due_at) <= now),
        )
    )


def load_histories(session: Session, tickets: list[Ticket]) -> dict[int, History]:
    """Chase steps and the reporters' 催办 of these tickets, in two queries."""
    numbers = [t.number for t in tickets if t.number is not None]
    histories = {number: History(steps=[], urges=[]) for number in numbers}
    for step in chase_steps(session, numbers=numbers):
        histories[step.ticket_number].steps.append(step)
    reporters = {t.number: t.reporter for t in tickets}
    if numbers:
        query = select(TicketEvent).where(
            col(TicketEvent.ticket_number).in_(numbers), TicketEvent.action == "urged"
        )
        for event in session.exec(query):
            if event.actor == reporters.get(event.ticket_number):
                histories[event.ticket_number].urges.append(event.at)
    return histories


def take_step(database: Database, directory: Directory, step: Step, *, now: datetime) -> int:
    """Write the step, its audit entry and its post in one transaction; 0 when another
    process took it first or the ticket moved meanwhile."""
    with database.session() as session:
        query = select(Ticket).where(Ticket.number == step.ticket_number)
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()  # a message moving the ticket now goes first
        ticket = session.exec(query).first()
        if ticket is None or level_of(ticket) != step.level:
            return 0
        community = directory.community(ticket.community)
        if community is None:
            return 0
        mentioned = _post_step(session, directory, community, ticket, step, now=now)
        session.add(
            ChaseStep(
                ticket_number=step.ticket_number,
                level=step.level.name,
                since=step.level.since,
                step=step.number,
                action=step.action,
                mentioned=" ".join(mentioned),
                due_at=step.level.due_at,
                at=now,
            )
        )
        session.add(
            TicketEvent(
                ticket_number=step.ticket_number,
                at=now,
                actor=BOT,
                action="reminded" if step.action == "remind" else "escalated",
                note=f"{step.action} → {' '.join(mentioned)}",
            )
        )
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            log.info(
                "chase step %s of #%s was taken by another process", step.number, ticket.number
            )
            return 0
    log.info("ticket #%s: %s at the %s level", ticket.number, step.action, step.level.name)
    return 1


def _post_step(
    session: Session,
    directory: Directory,
    community: Community,
    ticket: Ticket,
    step: Step,
    *,
    now: datetime,
) -> list[str]:
    """Queue the step's post; returns who it mentions."""
    assert ticket.number is not None
    grid = directory.grid(ticket.grid) if ticket.grid else None
    supervisor = grid.supervisor if grid else None
    assignee = ticket.assignee or community.secretaries[0]
    chased = texts.Chased(
        number=ticket.number,
        kind=ticket.kind,
        address=Address(ticket.building, ticket.unit, ticket.room).label(),
        emergency=ticket.emergency,
        level=step.level.name,
        waited=texts.describe_age(now - ticket.created_at),
    )
    chat = ticket.chat
    if step.action == "remind":
        mentioned = [assignee]
        text = texts.reminder(
            chased,
            state=ticket.state,
            overdue=_late(now - step.level.due_at),
            assignee=name_of(directory, assignee),
            dispatch=assignee in community.secretaries,
        )
    elif step.action == "supervisor" and supervisor:
        mentioned = [supervisor] + ([assignee] if ticket.emergency else [])
        text = texts.escalation_to_supervisor(
            chased,
            reminders=step.reminders,
            supervisor=name_of(directory, supervisor),
            assignee=name_of(directory, assignee),
            history=_history(session, directory, ticket, now=now),
        )
    else:
        mentioned = list(community.secretaries)
        text = texts.escalation_to_secretaries(
            chased,
            grid=grid.name if grid else community.name,
            assignee=name_of(directory, assignee),
            supervisor=name_of(directory, supervisor) if supervisor else None,
            secretaries=[name_of(directory, s) for s in mentioned],
            history=_history(session, directory, ticket, now=now),
        )
        chat = policy_for(directory, community).digest_chat or ticket.chat
    queue_post(
        session,
        chat=chat,
        text=text,
        now=now,
        mentions=mentioned,
        ticket_number=ticket.number,
        # Quoting the report keeps the thread; a reply to the post reaches the ticket too.
        reply_to=ticket.message_id if chat == ticket.chat else None,
    )
    return mentioned


def _late(span: timedelta) -> str:
    return texts.describe_age(span) if span >= timedelta(minutes=1) else ""


def _history(session: Session, directory: Directory, ticket: Ticket, *, now: datetime) -> str:
    """The ticket's audit trail in one line, names and local times."""
    assert ticket.number is not None
    today = now.astimezone(directory.timezone).date()
    items: list[str] = []
    for event in ticket_events(session, number=ticket.number):
        local = event.at.astimezone(directory.timezone)
        at = local.strftime("%H:%M") if local.date() == today else local.strftime("%m-%d %H:%M")
        # Routing happens in the reporter's message, but it is the bot's doing.
        automatic = event.actor == BOT or event.action == "assigned"
        who = "" if automatic else name_of(directory, event.actor, ticket=ticket)
        items.append(texts.history_item(at=at, who=who, action=event.action))
    return texts.history_line(items)


def chase_summary(session: Session, directory: Directory, ticket: Ticket) -> str:
    """`查询 #N`'s line about chasing: reminders sent and escalations, with names and times."""
    assert ticket.number is not None
    steps = chase_steps(session, numbers=[ticket.number])
    escalations = [
        (
            s.at.astimezone(directory.timezone).strftime("%m-%d %H:%M"),
            s.action,
            "、".join(name_of(directory, p) for p in s.mentioned.split()),
        )
        for s in steps
        if s.action != "remind"
    ]
    reminders = sum(s.action == "remind" for s in steps)
    return texts.chase_status(reminders=reminders, escalations=escalations)
