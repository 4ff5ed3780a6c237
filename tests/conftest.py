"""Shared fixtures: a real database (a SQLite file, and PostgreSQL when it answers) and the bot."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from handlers.directory import Directory, load_directory
from models.db import Database
from settings import EXAMPLE_DIRECTORY
from tests.harness import Bot

POSTGRES_URL = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
# CI sets this so a PostgreSQL that is down fails the run instead of skipping half of it.
REQUIRE_POSTGRES = os.environ.get("GRIDSTEWARD_REQUIRE_POSTGRES") == "1"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _postgres_answers() -> bool:
    try:
        with psycopg.connect(_plain(POSTGRES_URL), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    answers = _postgres_answers()
    if not answers and REQUIRE_POSTGRES:
        pytest.fail(f"PostgreSQL does not answer at {POSTGRES_URL}")
    return answers


@contextmanager
def fresh_database_url(kind: str, folder: Path, postgres_available: bool) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in `folder`, or a PostgreSQL schema of its own."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'gridsteward.sqlite3'}"
        return
    if not postgres_available:
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_plain(POSTGRES_URL), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(_plain(POSTGRES_URL), autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_available: bool
) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a schema of its own on PostgreSQL."""
    with fresh_database_url(request.param, tmp_path, postgres_available) as url:
        yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    db.migrate()
    yield db
    db.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_database(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_available: bool,
) -> Iterator[Database]:
    """One database for a whole module, migrated once: for tables of cases that each bring
    their own ticket, or that assert nothing at all is written."""
    folder = tmp_path_factory.mktemp("module-db")
    with fresh_database_url(request.param, folder, postgres_available) as url:
        db = Database(url)
        db.migrate()
        yield db
        db.close()


@pytest.fixture(scope="session")
def directory() -> Directory:
    return load_directory(EXAMPLE_DIRECTORY)


@pytest.fixture
async def bot(database: Database, directory: Directory) -> AsyncIterator[Bot]:
    """The real dispatcher, outbox and local channel on a real database, on a manual clock."""
    yield Bot(
        database=database, directory=directory, start=datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)
    )
