"""A community's schedule settings with their defaults: quiet hours, SLA clock, chasing, digests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

from handlers.directory import Community, Directory

# The directory's loader resolves a community's own keys over the root ones; what neither
# sets falls back here (the directory keeps `None` for "not written").
DEFAULT_QUIET_HOURS = (time(22, 0), time(7, 0))
DEFAULT_DIGEST_AT = time(18, 0)
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
    return Policy(
        quiet_hours=community.quiet_hours or directory.quiet_hours or DEFAULT_QUIET_HOURS,
        sla_clock=community.sla_clock,
        interval=community.escalation.interval,
        reminders_before_escalation=community.escalation.reminders_before_escalation,
        digest_at=community.digest_at or DEFAULT_DIGEST_AT,
        digest_chat=community.digest_chat,
        weekly_digest=(community.weekly_digest.weekday, community.weekly_digest.at),
    )
