"""A community's schedule settings with their defaults: quiet hours, SLA clock, chasing, digests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from handlers.directory import Community, Directory

DEFAULT_QUIET_HOURS = (time(22, 0), time(7, 0))
DEFAULT_DIGEST_AT = time(18, 0)
DEFAULT_WEEKLY_DIGEST = (0, time(9, 0))  # Monday 09:00
DEFAULT_REMINDERS_BEFORE_ESCALATION = 2
LONGEST_DEFAULT_INTERVAL = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Policy:
    """What the sweeps follow for one community, every default filled in."""

    quiet_hours: tuple[time, time]
    sla_clock: str  # "wall" | "working"
    interval: timedelta | None  # None: the smaller of 1 h and the SLA being chased
    reminders_before_escalation: int
    digest_at: time
    digest_chat: str | None  # no chat, no digest (and escalations to secretaries go to the group)
    weekly_digest: tuple[int, time]  # weekday (0 = Monday), wall-clock time

    def chase_interval(self, sla: timedelta) -> timedelta:
        """How long between two steps of chasing a ticket whose SLA is `sla`."""
        if self.interval is not None:
            return self.interval
        return (
            min(LONGEST_DEFAULT_INTERVAL, sla) if sla > timedelta(0) else LONGEST_DEFAULT_INTERVAL
        )


def policy_for(directory: Directory, community: Community) -> Policy:
    """The community's own keys, else the directory's root keys, else the defaults.

    Reads the keys the directory work adds (quiet_hours, sla_clock, escalation, weekly_digest on
    the community) with getattr, so this runs before and after that work lands.
    """
    escalation = getattr(community, "escalation", None)
    weekly = getattr(community, "weekly_digest", None)
    return Policy(
        quiet_hours=(
            getattr(community, "quiet_hours", None) or directory.quiet_hours or DEFAULT_QUIET_HOURS
        ),
        sla_clock=getattr(community, "sla_clock", None) or "wall",
        interval=getattr(escalation, "interval", None),
        reminders_before_escalation=getattr(
            escalation, "reminders_before_escalation", DEFAULT_REMINDERS_BEFORE_ESCALATION
        ),
        digest_at=community.digest_at or DEFAULT_DIGEST_AT,
        digest_chat=community.digest_chat,
        weekly_digest=(weekly[0], weekly[1]) if weekly else DEFAULT_WEEKLY_DIGEST,
    )
