"""How the reminder sweep and the digest cost as the history of closed tickets grows.

Run `python -m bench.sweeps` (PostgreSQL on 127.0.0.1:5432, db `test`, a schema of its own
that is dropped afterwards; `--database-url` for another server). For each history size it
fills that many closed tickets plus `--open` overdue open ones, then times one chase round
(which reminds every overdue ticket), the round after it (nothing due) and the daily digest,
and prints the PostgreSQL plan of the overdue query.
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import psycopg
from sqlalchemy import text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement, Executable
from sqlmodel import Session

from handlers.directory import load_directory
from models.db import Database
from schedules.chase import chase_overdue, overdue_query
from schedules.digest import compose_daily
from settings import EXAMPLE_DIRECTORY
from tests.conftest import SHANGHAI

# Rows written by the database itself (a recursive series works on SQLite and PostgreSQL).
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
    """EXPLAIN ANALYZE (PostgreSQL) or EXPLAIN QUERY PLAN (SQLite) of a statement; its
    parameters are bound as the statement's own would be."""

    inherit_cache = False

    def __init__(self, statement: Any) -> None:
        self.statement = statement


@compiles(Explain)
def _explain(element: Explain, compiler: SQLCompiler, **kw: Any) -> str:
    prefix = "EXPLAIN QUERY PLAN" if compiler.dialect.name == "sqlite" else "EXPLAIN ANALYZE"
    return f"{prefix} {compiler.process(element.statement, **kw)}"


def fill_tickets(session: Session, *, count: int, state: str, then: datetime) -> None:
    """`count` tickets in `state`, created and due at `then` (naive UTC, as the columns keep)."""
    stamp = then.strftime("%Y-%m-%d %H:%M:%S.%f")
    session.execute(text(FILL), {"count": count, "state": state, "then": stamp})


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def run(url: str, history: int, open_count: int) -> None:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    database = Database(f"{url}?options=-csearch_path%3D{schema}")
    try:
        database.migrate()
        directory = load_directory(EXAMPLE_DIRECTORY)
        now = datetime(2026, 11, 24, 12, 0, tzinfo=SHANGHAI)
        with database.session() as session:
            fill_tickets(session, count=history, state="closed", then=datetime(2025, 1, 1))
            fill_tickets(session, count=open_count, state="assigned", then=datetime(2026, 11, 24))
            session.execute(text("ANALYZE"))
            session.commit()
        first_ms, first = timed(lambda: chase_overdue(database, directory, now))
        idle_ms, idle = timed(lambda: chase_overdue(database, directory, now))
        community = directory.communities[0]
        with database.session() as session:
            digest_ms, _ = timed(
                lambda: compose_daily(session, directory, community, day=now.date(), now=now)
            )
            plan_lines = [str(row[-1]) for row in session.execute(Explain(overdue_query(now)))]
        print(
            f"history {history:>7} closed, {open_count} overdue: first round {first_ms:7.1f} ms "
            f"({first} posts), next round {idle_ms:6.1f} ms ({idle} posts), "
            f"daily digest {digest_ms:6.1f} ms"
        )
        for line in plan_lines:
            print("    " + line)
    finally:
        database.close()
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--history", type=int, nargs="+", default=[10_000, 100_000, 400_000])
    parser.add_argument("--open", type=int, default=100)
    args = parser.parse_args()
    for history in args.history:
        run(args.database_url, history, args.open)


if __name__ == "__main__":
    main()
