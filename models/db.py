"""Opening the database: engines for SQLite (embedded default) and PostgreSQL, migrations."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
T = TypeVar("T")
MIGRATION_LOCK = 7_453_210  # PostgreSQL advisory lock key: one process migrates at a time


def normalise_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here, the driver the project installs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        # One shared connection, or every session would see its own empty database.
        engine = create_engine(
            "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
        )
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        if database not in ("", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


class MigrationError(RuntimeError):
    """The schema could not be brought up to date; the message names database and step."""


def migrate(engine: Engine, *, after_step: Callable[[str], None] | None = None) -> None:
    """Bring the schema to the newest migration (Alembic) in ONE transaction, so a crash or a
    failure part-way leaves the database as it was (SQLite included: see `_one_transaction`).

    `after_step(revision)` runs after each step, inside the transaction (crash tests).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    applied: list[str] = []

    def on_version_apply(*, step: Any, **_: Any) -> None:
        applied.append(step.up_revision_id)
        if after_step is not None:
            after_step(step.up_revision_id)

    config.attributes["on_version_apply"] = on_version_apply
    where = engine.url.render_as_string(hide_password=True)
    try:
        connection = engine.connect()
    except DBAPIError as error:
        raise DatabaseUnreachable(f"cannot open database {where}: {_first_line(error)}") from error
    started = False
    start: str | None = None
    try:
        with connection, _one_transaction(connection):
            start = MigrationContext.configure(connection).get_current_revision()
            started = True
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as error:
        step = _failed_step(config, start, applied) if started else "(before the first step)"
        raise MigrationError(
            f"database {where}: migration {step} failed and was rolled back: {_first_line(error)}"
        ) from error


class DatabaseUnreachable(MigrationError):
    """The database does not answer (down, wrong address); worth trying again later."""


@contextmanager
def _one_transaction(connection: Connection) -> Iterator[None]:
    """pysqlite runs DDL outside any transaction unless told otherwise (SQLAlchemy docs,
    "Serializable isolation / Savepoints / Transactional DDL"): take transaction control from
    it and BEGIN IMMEDIATE ourselves, which also makes a second process wait its turn. On
    PostgreSQL an advisory lock does the same for two processes starting at once."""
    if connection.dialect.name != "sqlite":
        with connection.begin():
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    previous = raw.isolation_level  # type: ignore[attr-defined]
    raw.isolation_level = None  # type: ignore[attr-defined]
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
    finally:
        raw.isolation_level = previous  # type: ignore[attr-defined]


def _failed_step(config: Config, start: str | None, applied: list[str]) -> str:
    """'0003 (reliability: …)': the step after the last one applied before the failure."""
    order = list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))
    ids = [revision.revision for revision in order]
    pending = order[ids.index(start) + 1 :] if start in ids else order
    if len(applied) >= len(pending):
        return "(after the last step)"
    step = pending[len(applied)]
    title = (step.doc or "").strip().splitlines()
    return f"{step.revision} ({title[0]})" if title else step.revision


def _first_line(error: BaseException) -> str:
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


class Database:
    """The engine plus one worker thread, so the event loop never waits on a query.

    One worker keeps writes in order and spares SQLite lock contention; on PostgreSQL
    more processes, not more threads, are the way to scale.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(url)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def migrate(self, *, after_step: Callable[[str], None] | None = None) -> None:
        migrate(self.engine, after_step=after_step)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    def close(self) -> None:
        self._worker.shutdown(wait=True)
        self.engine.dispose()
