"""Two bot processes on one database through a simulated day: every reminder, escalation and
digest is posted once, exactly as one process alone would post them."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from handlers.directory import Directory
from handlers.dispatcher import Dispatcher
from handlers.events import Inbound
from models.db import Database
from models.outbox import OutboxPost
from schedules.scheduler import Scheduler
from tests.harness import ManualClock
from tests.schedules.clock import at

STEP = timedelta(minutes=10)
# (when, who, text, message id, replying to): a day in the gas group.
MESSAGES = [
    (at(8, 0), "res-zhang", "#报修 3栋2单元501 燃气灶打不着火", "m1", None),  # never claimed
    (at(9, 0), "res-wu", "#报修 12栋502 厨房下水道堵了", "m2", None),
    (at(10, 0), "liu", "接单", "m3", "m2"),  # claimed, never resolved
    (at(13, 0), "res-qin", "5栋1单元101 楼道里燃气味很大", "m4", None),  # emergency, unclaimed
    (at(14, 30), "res-zhang", "催办 #1", "m5", None),
    (at(21, 0), "res-fang", "#报修 6栋302 水管漏水", "m6", None),  # falls due in quiet hours
]
Post = tuple[datetime, str, str]


@dataclass
class Process:
    """One bot process: its own database connections, clock and scheduler."""

    database: Database
    clock: ManualClock
    scheduler: Scheduler
    dispatcher: Dispatcher


def start_process(database: Database, directory: Directory) -> Process:
    clock = ManualClock(at(0, 0))
    return Process(
        database=database,
        clock=clock,
        scheduler=Scheduler(database=database, directory=directory, clock=clock),
        dispatcher=Dispatcher(database=database, directory=directory, clock=clock),
    )


def deliver_due(process: Process, moment: datetime) -> None:
    for when, who, text, message_id, reply_to in MESSAGES:
        if moment - STEP < when <= moment:
            process.clock.now = when
            event = Inbound(
                channel="local",
                chat="cuidong-gas",
                sender=who,
                sender_name=who,
                message_id=message_id,
                text=text,
                reply_to=reply_to,
            )
            process.dispatcher.deliver(event)


def moments() -> list[datetime]:
    moment, end, every = at(0, 0), at(0, 0, day=25), []
    while moment <= end:
        every.append(moment)
        moment += STEP
    return every


def run_day(processes: list[Process]) -> None:
    """Each process in its own thread and event loop, woken at the same virtual moments."""
    barrier = threading.Barrier(len(processes))
    failures: list[BaseException] = []

    def work(process: Process, delivers: bool) -> None:
        async def day() -> None:
            for moment in moments():
                if delivers:
                    deliver_due(process, moment)
                barrier.wait()  # the day's messages are in before anyone sweeps
                process.clock.now = moment
                await process.scheduler.tick()
                barrier.wait()

        try:
            asyncio.run(day())
        except BaseException as error:
            failures.append(error)
            barrier.abort()

    threads = [
        threading.Thread(target=work, args=(process, index == 0))
        for index, process in enumerate(processes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures


def posts(database: Database) -> list[Post]:
    with database.session() as session:
        rows = session.exec(select(OutboxPost).order_by(col(OutboxPost.id)))
        return sorted((row.created_at, row.chat, row.text) for row in rows)


def test_two_processes_post_each_reminder_and_digest_once(
    database: Database, database_url: str, directory: Directory
) -> None:
    reference = Database("sqlite://")
    reference.migrate()
    run_day([start_process(reference, directory)])
    expected = posts(reference)
    reference.close()

    both = [start_process(Database(database_url), directory) for _ in range(2)]
    run_day(both)
    for process in both:
        process.database.close()
    happened = posts(database)

    assert happened == expected
    assert len(set(happened)) == len(happened)
    chased = [text for _, _, text in happened if text.startswith(("⏰", "📣", "🚨 紧急督办"))]
    digests = [text for _, _, text in happened if text.startswith("📊")]
    assert len(digests) == 1 and len(chased) >= 15
    assert sum("工单 #4" in text for text in chased) == 0  # quiet hours hold it past midnight
