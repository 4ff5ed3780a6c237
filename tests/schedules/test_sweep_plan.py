"""The chase sweep reads open tickets through the (state, due time) indexes, so its cost follows
the tickets due now, not the years of closed ones: the query plan on both databases says so."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from bench.sweeps import Explain, fill_tickets
from models.db import Database
from schedules.chase import overdue_query
from tests.schedules.clock import at

HISTORY = 20_000  # closed tickets


def test_the_overdue_query_walks_an_index_not_the_history(database: Database) -> None:
    with database.session() as session:
        fill_tickets(session, count=HISTORY, state="closed", then=datetime(2025, 1, 1))
        fill_tickets(session, count=3, state="assigned", then=datetime(2025, 1, 1))
        session.execute(text("ANALYZE"))
        session.commit()
        plan = "\n".join(str(row[-1]) for row in session.execute(Explain(overdue_query(at(12)))))
        overdue = session.exec(overdue_query(at(12))).all()
    assert len(overdue) == 3
    assert "ix_ticket_state" in plan, plan
    assert "Seq Scan on ticket" not in plan and "SCAN ticket" not in plan, plan
