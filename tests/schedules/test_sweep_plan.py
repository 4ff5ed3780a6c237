"""The chase sweep reads open tickets through the (state, due time) indexes, so its cost follows
the tickets due now, not the years of closed ones: the query plan on both databases says so."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement, Executable

from models.db import Database
from schedules.chase import overdue_query
from tests.schedules.clock import at

HISTORY = 20_000  # closed tickets

# Closed tickets of past years, written by the database itself so the test stays fast.
FILL = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO ticket (kind, emergency, state, text, body, community, reporter, reporter_name,
                    channel, chat, message_id, urge_count, created_at, claim_due_at,
                    resolve_due_at, updated_at)
SELECT 'repair', false, :state, 'x', 'x', 'cuidong', 'res', '', 'local', 'cuidong-gas',
       'm' || i, 0, :then, :then, :then, :then
FROM n
"""


class Explain(Executable, ClauseElement):
    """EXPLAIN (PostgreSQL) or EXPLAIN QUERY PLAN (SQLite) of a statement, binds as usual."""

    inherit_cache = False

    def __init__(self, statement: Any) -> None:
        self.statement = statement


@compiles(Explain)
def _explain(element: Explain, compiler: SQLCompiler, **kw: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN" if compiler.dialect.name == "sqlite" else "EXPLAIN"
    return f"{prefix} {compiler.process(element.statement, **kw)}"


def test_the_overdue_query_walks_an_index_not_the_history(database: Database) -> None:
    with database.session() as session:
        for state, count in (("closed", HISTORY), ("assigned", 3)):
            session.execute(
                text(FILL),
                {"count": count, "state": state, "then": "2025-01-01 00:00:00.000000"},
            )
        session.execute(text("ANALYZE"))
        session.commit()
        plan = "\n".join(str(row[-1]) for row in session.execute(Explain(overdue_query(at(12, 0)))))
        overdue = session.exec(overdue_query(at(12, 0))).all()
    assert len(overdue) == 3
    assert "ix_ticket_state" in plan, plan
    assert "Seq Scan on ticket" not in plan and "SCAN ticket" not in plan, plan
