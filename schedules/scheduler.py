"""Waking the sweeps: APScheduler on the real clock, or replay's virtual clock in time order."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from handlers.directory import Directory
from models.db import Database
from schedules.registry import SWEEPS, Sweep

log = logging.getLogger("gridsteward.schedules")
DEFAULT_EVERY = timedelta(seconds=30)


def run_sweeps(
    database: Database, directory: Directory, now: datetime, sweeps: Sequence[Sweep] = SWEEPS
) -> int:
    """Run every sweep once at `now`; one that fails is logged and the others still run."""
    posts = 0
    for sweep in sweeps:
        try:
            posts += sweep.run(database, directory, now)
        except Exception:
            log.exception("sweep %s failed at %s; it runs again on the next wake", sweep.name, now)
    return posts


def next_wake(
    database: Database, directory: Directory, after: datetime, sweeps: Sequence[Sweep] = SWEEPS
) -> datetime | None:
    """The first moment at or after `after` at which some sweep has work."""
    moments = [
        moment
        for sweep in sweeps
        if sweep.next_due is not None
        and (moment := sweep.next_due(database, directory, after)) is not None
    ]
    return min(moments) if moments else None


class Scheduler:
    """Runs the sweeps every `every` on the event loop (APScheduler 3, AsyncIOScheduler).

    APScheduler only wakes things: what is due is read from the database each time, so a
    missed wake, a restart or a second process changes nothing but the moment of sending.
    """

    def __init__(
        self,
        *,
        database: Database,
        directory: Directory,
        clock: Callable[[], datetime],
        wake_sender: Callable[[], None] = lambda: None,
        every: timedelta = DEFAULT_EVERY,
        sweeps: Sequence[Sweep] = SWEEPS,
    ) -> None:
        self.database = database
        self.directory = directory
        self.clock = clock
        self.wake_sender = wake_sender
        self.every = every
        self.sweeps = list(sweeps)
        self._scheduler: AsyncIOScheduler | None = None

    async def tick(self) -> int:
        """One round of every sweep at the clock's now; wakes the sender when posts were made."""
        posts = await self.database.run(
            run_sweeps, self.database, self.directory, self.clock(), self.sweeps
        )
        if posts:
            self.wake_sender()
        return posts

    def start(self) -> None:
        """Start waking; the first round runs at once, to catch up after a restart."""
        scheduler = AsyncIOScheduler(timezone=self.directory.timezone)
        scheduler.add_job(
            self.tick,
            IntervalTrigger(seconds=self.every.total_seconds()),
            id="sweeps",
            next_run_time=self.clock(),
            coalesce=True,  # after a stall, one round, not one per missed wake
            max_instances=1,
            misfire_grace_time=None,
        )
        scheduler.start()
        self._scheduler = scheduler

    def shutdown(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None


class MovableClock(Protocol):
    """A clock whose now its owner sets: replay's virtual clock, a test's manual one."""

    now: datetime

    def __call__(self) -> datetime: ...


async def run_until(
    database: Database,
    directory: Directory,
    clock: MovableClock,
    until: datetime,
    *,
    inclusive: bool,
    after_each: Callable[[], Awaitable[object]],
    sweeps: Sequence[Sweep] = SWEEPS,
) -> int:
    """Move the virtual clock through every moment a sweep has work, up to `until` (itself
    included or not), running the sweeps and then `after_each` (the sender's flush) at each."""
    rounds = 0
    last: datetime | None = None
    while True:
        moment = await database.run(next_wake, database, directory, clock.now, sweeps)
        if moment is None or moment > until or (moment == until and not inclusive):
            return rounds
        if last is not None and moment <= last:
            # A sweep says it has work but did none: stop rather than spin.
            log.warning("sweeps stay due at %s after running; replay moves on", moment)
            return rounds
        clock.now = max(moment, clock.now)
        await database.run(run_sweeps, database, directory, clock.now, sweeps)
        await after_each()
        last = clock.now
        rounds += 1
