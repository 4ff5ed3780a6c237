"""When a ticket must be claimed and resolved: the kind's SLA (or the emergency one) from now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.directory import Community, Directory
from schedules.policy import policy_for
from schedules.workdays import add_working_time


@dataclass(frozen=True, slots=True)
class DueTimes:
    claim_due_at: datetime
    resolve_due_at: datetime


def due_times(
    directory: Directory,
    *,
    kind: str,
    emergency: bool,
    start: datetime,
    community: Community | None = None,
) -> DueTimes:
    """The SLA from `start`: wall-clock time, or working time when the community's directory
    entry says `sla_clock: working` (emergencies always run on the wall clock)."""
    sla = directory.sla_for(kind, emergency=emergency)
    return DueTimes(
        claim_due_at=_after(directory, community, start, sla.claim, emergency=emergency),
        resolve_due_at=_after(directory, community, start, sla.resolve, emergency=emergency),
    )


def resolve_due_after_reopen(
    directory: Directory,
    *,
    kind: str,
    emergency: bool,
    reopened_at: datetime,
    community: Community | None = None,
) -> datetime:
    """A reopened ticket gets a fresh resolve window, as a new report would."""
    sla = directory.sla_for(kind, emergency=emergency)
    return _after(directory, community, reopened_at, sla.resolve, emergency=emergency)


def _after(
    directory: Directory,
    community: Community | None,
    start: datetime,
    span: timedelta,
    *,
    emergency: bool,
) -> datetime:
    if emergency or community is None or policy_for(directory, community).sla_clock != "working":
        return start + span
    return add_working_time(start, span, directory.timezone)


def describe_duration(span: timedelta) -> str:
    """'20分钟', '2小时', '3天', '1小时30分钟' — how a due window reads in a post."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days}天")
    if hours:
        parts.append(f"{hours}小时")
    if minutes or not parts:
        parts.append(f"{minutes}分钟")
    return "".join(parts)
