"""The directory these tests are written for: the example, with its schedule settings pinned."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

import pytest

from handlers.directory import Directory, Escalation, WeeklyTime, load_directory
from settings import EXAMPLE_DIRECTORY


@pytest.fixture(scope="session")
def directory() -> Directory:
    """Chase every min(1 h, SLA), go up after two reminders, quiet 22:00-07:00, the digest at
    18:00 in the office chat and the weekly one Monday 09:00: the defaults, set here so an edit
    of the example's settings does not move these tests (test_settings.py reads the example's)."""
    example = load_directory(EXAMPLE_DIRECTORY)
    communities = tuple(
        replace(
            community,
            quiet_hours=(time(22, 0), time(7, 0)),
            sla_clock="wall",
            escalation=Escalation(),
            digest_at=time(18, 0),
            weekly_digest=WeeklyTime(0, time(9, 0)),
        )
        for community in example.communities
    )
    return replace(example, communities=communities)
