"""Digests (通报): each community's daily one at `digest_at`, the weekly one, and `超时` on demand.

The sweep sends the latest digest due (today's after 18:00, else yesterday's) once: the
`digest_sent` row is written in the same transaction as the post, so a process that was down
at 18:00 sends it when it returns and a second process finds it taken. A community's first
digest is the first one due after its first ticket, so a fresh install does not begin with
yesterday's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from handlers import schedule_texts as texts
from handlers.directory import Community, Directory
from models.db import Database
from models.schedule import DigestSent, digest_sent, has_tickets_before
from models.ticket import Ticket
from schedules.figures import (
    PeriodFigures,
    Rate,
    Standing,
    community_tickets,
    dispatch_times,
    period_figures,
    standing,
)
from schedules.levels import Level
from schedules.policy import Policy, policy_for
from schedules.posts import name_of, queue_post
from schedules.quiet import after_quiet_hours, in_quiet_hours

log = logging.getLogger("gridsteward.schedules")
WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One digest due: which kind, the moment it is due, the local date it is filed under."""

    kind: str  # "daily" | "weekly"
    due_at: datetime
    day: date


def latest_occurrences(policy: Policy, timezone: tzinfo, now: datetime) -> list[Occurrence]:
    """The most recent daily and weekly digest moments at or before `now`."""
    today = now.astimezone(timezone).date()
    daily = _at(today, policy.digest_at, timezone)
    if daily > now:
        daily = _at(today - timedelta(days=1), policy.digest_at, timezone)
    weekday, clock = policy.weekly_digest
    weekly = _at(today - timedelta(days=(today.weekday() - weekday) % 7), clock, timezone)
    if weekly > now:
        weekly -= WEEK
    return [
        Occurrence("daily", daily, daily.astimezone(timezone).date()),
        Occurrence("weekly", weekly, weekly.astimezone(timezone).date()),
    ]


def _at(day: date, clock: time, timezone: tzinfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=timezone)


def _owed(session: Session, community: Community, occurrence: Occurrence) -> bool:
    return not digest_sent(
        session, community=community.id, kind=occurrence.kind, period=occurrence.day.isoformat()
    ) and has_tickets_before(session, community=community.id, moment=occurrence.due_at)


def send_digests(database: Database, directory: Directory, now: datetime) -> int:
    """Post every digest due and not yet sent; returns how many were posted."""
    posts = 0
    for community in directory.communities:
        policy = policy_for(directory, community)
        if not policy.digest_chat:
            continue
        for occurrence in latest_occurrences(policy, directory.timezone, now):
            if _send_at(policy, directory.timezone, occurrence, now) > now:
                continue
            with database.session() as session:
                if not _owed(session, community, occurrence):
                    continue
            posts += _send(database, directory, community, policy.digest_chat, occurrence, now)
    return posts


def next_digest_due(database: Database, directory: Directory, after: datetime) -> datetime | None:
    """When the next digest goes out: soon after `after` when one is owed already, else the
    next digest moment; for replay."""
    due: list[datetime] = []
    with database.session() as session:
        for community in directory.communities:
            policy = policy_for(directory, community)
            if not policy.digest_chat:
                continue
            for occurrence in latest_occurrences(policy, directory.timezone, after):
                if _owed(session, community, occurrence):
                    due.append(_send_at(policy, directory.timezone, occurrence, after))
                step = WEEK if occurrence.kind == "weekly" else timedelta(days=1)
                due.append(occurrence.due_at + step)
    return min(due) if due else None


def _send_at(policy: Policy, timezone: tzinfo, occurrence: Occurrence, now: datetime) -> datetime:
    """`now`, unless the digest is late and now is quiet: a digest the directory sets in the
    night goes out then, one a bot down at 18:00 owes waits for the morning."""
    if in_quiet_hours(occurrence.due_at, policy.quiet_hours, timezone):
        return now
    return after_quiet_hours(now, policy.quiet_hours, timezone)


def _send(
    database: Database,
    directory: Directory,
    community: Community,
    chat: str,
    occurrence: Occurrence,
    now: datetime,
) -> int:
    with database.session() as session:
        # The row goes first: a second process blocks on it here and backs off before
        # composing anything.
        session.add(
            DigestSent(
                community=community.id,
                kind=occurrence.kind,
                period=occurrence.day.isoformat(),
                chat=chat,
                at=now,
            )
        )
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            return 0
        if occurrence.kind == "daily":
            text = compose_daily(session, directory, community, day=occurrence.day, now=now)
        else:
            text = compose_weekly(
                session, directory, community, first_day=occurrence.day - WEEK, now=now
            )
        queue_post(session, chat=chat, text=text, now=now)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return 0
    log.info("%s digest of %s for %s posted", occurrence.kind, community.id, occurrence.day)
    return 1


# -- composing ---------------------------------------------------------------------------------


def compose_daily(
    session: Session, directory: Directory, community: Community, *, day: date, now: datetime
) -> str:
    """The day's digest: what came and went today, what stands open, today's and 7 days' rates."""
    zone = directory.timezone
    start = _at(day, time(0), zone)
    end = min(now, start + timedelta(days=1))
    week_start = start - timedelta(days=6)
    tickets = community_tickets(session, community=community.id, since=week_start)
    dispatched = dispatch_times(session, tickets)
    today = period_figures(tickets, dispatched, start=start, end=end, now=now)
    week = period_figures(tickets, dispatched, start=week_start, end=end, now=now)
    local_now = now.astimezone(zone)
    at = local_now.strftime("%H:%M") if local_now.date() == day else None
    lines = [texts.daily_title(community=community.name, day=day.strftime("%m-%d"), at=at)]
    lines += texts.section("今日新增", _listed(directory, today.new, now))
    lines += texts.section("今日办结", _listed(directory, today.resolved, now))
    lines += texts.section("今日关闭", _listed(directory, today.closed, now))
    now_standing = standing(tickets, now=now)
    lines += _standing_lines(directory, now_standing, now)
    lines += ["【今日指标】", *_rate_lines(today)]
    lines += ["【近7日指标】", *_rate_lines(week)]
    lines.append(texts.ratings_line("满意度 今日", today.satisfied, today.unsatisfied))
    lines.append(texts.ratings_line("满意度 近7日", week.satisfied, week.unsatisfied))
    lines.append(_busiest(directory, now_standing))
    return "\n".join(lines)


def compose_weekly(
    session: Session,
    directory: Directory,
    community: Community,
    *,
    first_day: date,
    now: datetime,
) -> str:
    """Seven days from `first_day`: counts and rates, and what stands open now."""
    zone = directory.timezone
    start = _at(first_day, time(0), zone)
    end = min(now, start + WEEK)
    tickets = community_tickets(session, community=community.id, since=start)
    week = period_figures(tickets, dispatch_times(session, tickets), start=start, end=end, now=now)
    last_day = first_day + timedelta(days=6)
    lines = [
        texts.weekly_title(
            community=community.name,
            first=first_day.strftime("%m-%d"),
            last=last_day.strftime("%m-%d"),
        ),
        texts.week_counts(new=len(week.new), resolved=len(week.resolved), closed=len(week.closed)),
    ]
    now_standing = standing(tickets, now=now)
    lines += _standing_lines(directory, now_standing, now)
    lines += ["【本周指标】", *_rate_lines(week)]
    lines.append(texts.ratings_line("满意度 本周", week.satisfied, week.unsatisfied))
    lines.append(_busiest(directory, now_standing))
    return "\n".join(lines)


def compose_overdue(
    session: Session, directory: Directory, community: Community, *, now: datetime
) -> str:
    """`超时`: the community's overdue tickets right now."""
    tickets = community_tickets(session, community=community.id, since=now)
    overdue = standing(tickets, now=now).overdue
    at = now.astimezone(directory.timezone).strftime("%m-%d %H:%M")
    if not overdue:
        return (
            f"{texts.overdue_title(community=community.name, at=at, count=0)}\n{texts.NO_OVERDUE}"
        )
    lines = [texts.overdue_title(community=community.name, at=at, count=len(overdue))]
    lines += [texts.listed(item) for item in _listed_overdue(directory, overdue, now)]
    return "\n".join(lines)


def _standing_lines(directory: Directory, now_standing: Standing, now: datetime) -> list[str]:
    lines = texts.section("当前未结", _listed(directory, now_standing.open, now))
    lines += texts.section("当前超时", _listed_overdue(directory, now_standing.overdue, now))
    return lines


def _rate_lines(figures: PeriodFigures) -> list[str]:
    rates: dict[str, Rate] = {
        "dispatch": figures.dispatch,
        "claim": figures.claim,
        "closure": figures.closure,
        "on_time_closure": figures.on_time_closure,
        "rework": figures.rework,
    }
    return [texts.rate_line(texts.RateLine(key, r.done, r.total)) for key, r in rates.items()]


def _busiest(directory: Directory, now_standing: Standing) -> str:
    if now_standing.busiest is None:
        return texts.busiest_line(None, 0)
    person_id, count = now_standing.busiest
    return texts.busiest_line(name_of(directory, person_id), count)


def _listed(directory: Directory, tickets: list[Ticket], now: datetime) -> list[texts.Listed]:
    return [_listed_one(directory, t, now) for t in tickets]


def _listed_overdue(
    directory: Directory, overdue: list[tuple[Ticket, Level]], now: datetime
) -> list[texts.Listed]:
    return [
        _listed_one(
            directory,
            t,
            now,
            note=f"{texts.LEVEL_OVERDUE[level.name]}{texts.describe_age(now - level.due_at)}",
        )
        for t, level in overdue
    ]


def _listed_one(
    directory: Directory, ticket: Ticket, now: datetime, note: str = ""
) -> texts.Listed:
    return texts.Listed(
        number=ticket.number or 0,
        kind=ticket.kind,
        age=texts.describe_age(now - ticket.created_at),
        assignee=name_of(directory, ticket.assignee),
        note=note,
    )
