"""The real `python bot.py` as a subprocess on a port of its own, for end-to-end tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from settings import EXAMPLE_DIRECTORY, PROJECT_ROOT

RUNNING = re.compile(r"GridSteward is running: open (http://\S+)/chat")
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


@dataclass
class BotProcess:
    """A running bot: where it answers, and its log so far (stdout and stderr together)."""

    url: str
    process: subprocess.Popen[str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def crash(self) -> None:
        """Die at once, as on a power cut: no goodbye to open pages, nothing flushed."""
        self.process.kill()
        self.process.wait(timeout=STOP_TIMEOUT)


@contextmanager
def running_bot(
    workdir: Path,
    *,
    port: int = 0,
    host: str = "127.0.0.1",
    directory: Path = EXAMPLE_DIRECTORY,
    database_url: str | None = None,
    environment: Mapping[str, str] | None = None,
) -> Iterator[BotProcess]:
    """Run the bot (by default on the SQLite file `workdir`/gs.sqlite3) until the block ends.

    Port 0 lets the bot take a free port and print it, so parallel runs never race for one;
    a restart passes the port of the first run so open pages can reconnect. `environment`
    adds variables such as GRIDSTEWARD_FAILPOINT for crash tests.
    """
    database_url = database_url or f"sqlite:///{workdir / 'gs.sqlite3'}"
    log_path = _fresh(workdir / "bot.log")
    command = [
        sys.executable,
        "bot.py",
        "--directory",
        str(directory),
        "--database-url",
        database_url,
        "--host",
        host,
        "--port",
        str(port),
    ]
    variables = {k: v for k, v in os.environ.items() if not k.startswith("GRIDSTEWARD_")}
    variables.update(environment or {}, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=variables,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    found: dict[str, str] = {}
    ready = threading.Event()

    def copy_output() -> None:
        # Drains the pipe for the bot's whole life, so a chatty bot never blocks on a full pipe.
        assert process.stdout is not None
        with log_path.open("w", encoding="utf-8") as log:
            for line in process.stdout:
                log.write(line)
                log.flush()
                if not ready.is_set() and (match := RUNNING.search(line)):
                    found["url"] = match.group(1)
                    ready.set()
        ready.set()  # the bot exited: stop waiting

    reader = threading.Thread(target=copy_output, name="bot-output", daemon=True)
    reader.start()
    try:
        if not ready.wait(START_TIMEOUT) or "url" not in found:
            raise RuntimeError(
                f"bot did not start within {START_TIMEOUT:.0f}s "
                f"(exit code {process.poll()}); its log:\n{_read(log_path)}"
            )
        yield BotProcess(url=found["url"], process=process, log_path=log_path)
    finally:
        _stop(process)
        reader.join(timeout=STOP_TIMEOUT)


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # the bot's own graceful stop
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


def _fresh(path: Path) -> Path:
    """bot.log, then bot-2.log, … so a restarted bot keeps the first one's log."""
    number = 1
    candidate = path
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _read(path: Path) -> str:
    time.sleep(0.2)  # let the reader thread write the last lines
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else "(no log)"
