"""The numbers in a digest: what a period brought, and what stands open now.

Rates follow the urban grid management reports (数字城管考核), over the tickets created in the
period, each judged as of now; a ticket whose deadline has not come and that is not done yet
is left out of that rate rather than counted late:
  派遣按时率   reached a grid's staff (routed, 转派 by a secretary, claimed) by its claim due
  签收按时率   claimed by its claim due time
  结案率       resolved or closed now, of all the period's tickets
  按期结案率   resolved by its resolve due time
  返工率       reopened by the resident (不满意), of those ever resolved
Satisfaction counts the ratings given in the period: 满意 closes, 不满意 reopens.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, or_, select

from handlers.report import UNROUTED_NOTE
from models.ticket import Ticket, TicketEvent
from schedules.levels import CHASED_STATES, Level, overdue_level

DISPATCH_ACTIONS = ("assigned", "address_added", "reassigned")


@dataclass(frozen=True, slots=True)
class Rate:
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    new: list[Ticket]
    resolved: list[Ticket]
    closed: list[Ticket]
    dispatch: Rate
    claim: Rate
    closure: Rate
    on_time_closure: Rate
    rework: Rate
    satisfied: int
    unsatisfied: int


@dataclass(frozen=True, slots=True)
class Standing:
    open: list[Ticket]
    overdue: list[tuple[Ticket, Level]]
    busiest: tuple[str, int] | None  # the assignee with the most open tickets


def community_tickets(session: Session, *, community: str, since: datetime) -> list[Ticket]:
    """The community's tickets touched since `since`, and every open one: all a digest reads,
    without walking the years of closed tickets before."""
    query = select(Ticket).where(
        Ticket.community == community,
        or_(col(Ticket.updated_at) >= since, col(Ticket.state).in_(CHASED_STATES)),
    )
    return list(session.exec(query.order_by(col(Ticket.number))))


def dispatch_times(session: Session, tickets: list[Ticket]) -> dict[int, datetime]:
    """When each ticket first reached a grid's staff, from its audit trail."""
    numbers = [t.number for t in tickets if t.number is not None]
    if not numbers:
        return {}
    query = select(TicketEvent).where(
        col(TicketEvent.ticket_number).in_(numbers), col(TicketEvent.action).in_(DISPATCH_ACTIONS)
    )
    first: dict[int, datetime] = {}
    for event in session.exec(query):
        if event.action == "assigned" and event.note == UNROUTED_NOTE:
            continue
        if event.ticket_number not in first or event.at < first[event.ticket_number]:
            first[event.ticket_number] = event.at
    return first


def period_figures(
    tickets: list[Ticket],
    dispatched: dict[int, datetime],
    *,
    start: datetime,
    end: datetime,
    now: datetime,
) -> PeriodFigures:
    def within(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    cohort = [t for t in tickets if within(t.created_at)]
    finished = {t.number for t in cohort if t.state in ("resolved", "closed")}

    def reached(t: Ticket) -> datetime | None:
        times = [m for m in (dispatched.get(t.number or 0), t.claimed_at) if m is not None]
        return min(times) if times else None

    dispatch = [t for t in cohort if reached(t) is not None or t.claim_due_at <= now]
    claim = [t for t in cohort if t.claimed_at is not None or t.claim_due_at <= now]
    closure_due = [t for t in cohort if t.number in finished or t.resolve_due_at <= now]
    ever_resolved = [t for t in cohort if t.resolved_at is not None]
    return PeriodFigures(
        new=cohort,
        resolved=[t for t in tickets if within(t.resolved_at)],
        closed=[t for t in tickets if within(t.closed_at)],
        dispatch=Rate(sum(_by(reached(t), t.claim_due_at) for t in dispatch), len(dispatch)),
        claim=Rate(sum(_by(t.claimed_at, t.claim_due_at) for t in claim), len(claim)),
        closure=Rate(len(finished), len(cohort)),
        on_time_closure=Rate(
            sum(t.number in finished and _by(t.resolved_at, t.resolve_due_at) for t in closure_due),
            len(closure_due),
        ),
        rework=Rate(sum(t.reopened_at is not None for t in ever_resolved), len(ever_resolved)),
        satisfied=sum(within(t.closed_at) and t.rating == "satisfied" for t in tickets),
        unsatisfied=sum(within(t.reopened_at) for t in tickets),
    )


def _by(moment: datetime | None, due: datetime) -> bool:
    return moment is not None and moment <= due


def standing(tickets: list[Ticket], *, now: datetime) -> Standing:
    still_open = [t for t in tickets if t.state in CHASED_STATES]
    overdue = [(t, level) for t in still_open if (level := overdue_level(t, now))]
    counts = Counter(t.assignee for t in still_open if t.assignee)
    busiest = counts.most_common(1)[0] if counts else None
    return Standing(open=still_open, overdue=overdue, busiest=busiest)
