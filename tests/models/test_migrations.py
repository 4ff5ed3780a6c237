"""A migration is all or nothing: a kill part-way through leaves a database that starts."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from models.db import Database
from settings import PROJECT_ROOT


def migrate_command(database_url: str, **environment: str) -> subprocess.Popen[str]:
    return bot_command(["migrate"], database_url, **environment)


def bot_command(command: list[str], database_url: str, **environment: str) -> subprocess.Popen[str]:
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GRIDSTEWARD_")}
    return subprocess.Popen(
        [sys.executable, "bot.py", *command, "--database-url", database_url],
        cwd=PROJECT_ROOT,
        env={**variables, **environment, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_bot(command: list[str], database_url: str, **environment: str) -> tuple[int, str]:
    process = bot_command(command, database_url, **environment)
    output, _ = process.communicate(timeout=120)
    return process.returncode, output


def schema_matches_the_models(database_url: str) -> bool:
    database = Database(database_url)
    try:
        with database.engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
    finally:
        database.close()


def test_a_crash_after_the_first_step_of_the_first_migration_starts_clean(
    database_url: str,
) -> None:
    code, output = run_bot(["migrate"], database_url, GRIDSTEWARD_FAILPOINT="mid-migration")
    assert code == 73, output  # died with the first step done, before the commit
    code, output = run_bot(["migrate"], database_url)
    assert code == 0 and "database is up to date" in output, output
    assert schema_matches_the_models(database_url)


@pytest.mark.parametrize(
    "kills", [pytest.param(6, id="ci"), pytest.param(200, id="long", marks=pytest.mark.long)]
)
def test_sigkill_anywhere_in_the_first_migration_on_sqlite(tmp_path: Path, kills: int) -> None:
    seed = int(os.environ.get("GRIDSTEWARD_SEED", random.randrange(10**6)))
    print(f"seed {seed}")  # replay a failure with GRIDSTEWARD_SEED=<seed>
    chance = random.Random(seed)
    during = 0
    for attempt in range(kills):
        database_url = f"sqlite:///{tmp_path / f'kill-{attempt}.sqlite3'}"
        process = migrate_command(database_url)
        assert process.stdout is not None
        for line in process.stdout:  # alembic says "Running upgrade  -> 0001" as it begins
            if "Running upgrade" in line:
                break
        time.sleep(chance.uniform(0, 0.05))  # the whole migration takes ~40 ms
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=30)
        if "database is up to date" not in rest:
            during += 1
        database = Database(database_url)  # the next start: the same migrate, in-process
        try:
            database.migrate()
        finally:
            database.close()
        assert schema_matches_the_models(database_url), f"seed {seed}, attempt {attempt}"
    print(f"{kills} kills, {during} inside the migration")
    assert during > 0, f"seed {seed}: no kill landed inside the migration"


def test_a_failing_migration_is_a_clear_error_and_changes_nothing(database_url: str) -> None:
    database = Database(database_url)
    with database.engine.begin() as connection:  # someone else's table in the way
        connection.execute(text("CREATE TABLE ticket_event (id INTEGER PRIMARY KEY)"))
    database.close()
    for command in (["migrate"], ["run", "--port", "0"]):  # `migrate`, and the bot's start
        code, output = run_bot(command, database_url)
        assert code == 2, output
        assert "migration 0001 (initial schema) failed and was rolled back" in output
        assert "ticket_event" in output and "Traceback" not in output
    database = Database(database_url)
    with database.engine.connect() as connection:
        names = set(connection.dialect.get_table_names(connection))
    database.close()
    assert names == {"ticket_event"}  # nothing of the migration was kept
