"""The sweeps the scheduler wakes, in the order they run; add one by appending it to SWEEPS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from handlers.directory import Directory
from models.db import Database
from schedules.chase import chase_overdue, next_chase_due
from schedules.digest import next_digest_due, send_digests

# (database, directory, now) -> posts written. Runs in the database's worker thread; keeps
# its state in the database, so running it again, or in a second process, repeats nothing.
SweepRun = Callable[[Database, Directory, datetime], int]
# (database, directory, after) -> the first moment at or after `after` the sweep has work,
# or None; replay's virtual clock jumps from one such moment to the next.
SweepNextDue = Callable[[Database, Directory, datetime], datetime | None]


@dataclass(frozen=True, slots=True)
class Sweep:
    name: str
    run: SweepRun
    next_due: SweepNextDue | None = None  # without it, replay runs the sweep only between lines


SWEEPS: list[Sweep] = [
    Sweep("chase", chase_overdue, next_chase_due),
    Sweep("digests", send_digests, next_digest_due),
]
