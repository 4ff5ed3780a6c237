"""When a ticket must be claimed and resolved: the kind's SLA (or the emergency one) from now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.directory import Directory


@dataclass(frozen=True, slots=True)
class DueTimes:
    claim_due_at: datetime
    resolve_due_at: datetime


def due_times(directory: Directory, *, kind: str, emergency: bool, start: datetime) -> DueTimes:
    """Wall-clock SLA for now; working-time SLAs (holidays, quiet hours) come with schedules."""
    sla = directory.sla_for(kind, emergency=emergency)
    return DueTimes(claim_due_at=start + sla.claim, resolve_due_at=start + sla.resolve)


def resolve_due_after_reopen(
    directory: Directory, *, kind: str, emergency: bool, reopened_at: datetime
) -> datetime:
    """A reopened ticket gets a fresh resolve window, as a new report would."""
    return reopened_at + directory.sla_for(kind, emergency=emergency).resolve


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
