"""Entry point: wiring (settings → database → channels → dispatcher → scheduler → web); the CLI.

python bot.py                 run on the embedded default (SQLite + the local web chat)
python bot.py parse           classify JSON lines {"text": …} from stdin
python bot.py replay --directory D.yaml T.jsonl [--until T] [--tickets-out F]
python bot.py migrate         bring the database schema up to date
python bot.py evaluate CORPUS…  how well the bot understands a labelled corpus (EVALUATION.md)
python bot.py wechat-rooms    list the WeChat rooms the bot's account is in, to bind them
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from handlers.directory import Directory, DirectoryError, load_directory
from handlers.parse import parse
from handlers.privacy import mask_sensitive
from settings import Settings

if TYPE_CHECKING:
    from models.db import Database

log = logging.getLogger("gridsteward")


class StartupError(RuntimeError):
    """The bot cannot start, for a reason the operator can fix."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class MaskingFilter(logging.Filter):
    """No resident's phone or ID number reaches a log line in full."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_sensitive(record.getMessage())
        record.args = None
        return True


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up noise
    # Two lines per wake of the sweeps; the sweeps log what they post themselves.
    logging.getLogger("apscheduler.executors").setLevel(logging.WARNING)


async def serve(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM: web chat, dispatcher, scheduler, outbox sender."""
    from aiohttp import web

    from channels.base import start_channels, stop_channels
    from channels.local import LocalChannel
    from channels.outbox import OutboxSender
    from handlers.dispatcher import Dispatcher
    from handlers.events import Inbound
    from models.db import Database, MigrationError
    from schedules.scheduler import Scheduler
    from web.app import create_app
    from web.guard import LOOPBACK_NAMES, host_names, served_names

    check_exposure(settings)
    directory = load_directory(settings.directory)
    wechat_settings = wechat_options(settings, directory)  # a mistake stops the start here
    database = Database(settings.database_url)
    try:
        await migrate_when_reachable(database, failpoint=settings.failpoint)
    except MigrationError as error:
        database.close()
        raise StartupError(str(error)) from error
    dispatcher = Dispatcher(
        database=database, directory=directory, clock=utc_now, failpoint=settings.failpoint
    )
    channels: dict[str, Any] = {}
    sender = OutboxSender(
        database=database,
        directory=directory,
        channels=channels,
        clock=utc_now,
        failpoint=settings.failpoint,
        lease=timedelta(seconds=settings.outbox_lease_seconds),
    )

    async def deliver(event: Inbound) -> None:
        await database.run(dispatcher.deliver, event)
        sender.wake()

    local = LocalChannel(database=database, directory=directory, deliver=deliver, clock=utc_now)
    channels[local.name] = local
    if wechat_settings is not None:
        from channels.wechat import WechatChannel

        wechat = WechatChannel(
            options=wechat_settings, database=database, directory=directory, deliver=deliver
        )
        channels[wechat.name] = wechat  # started with the others: connects, keeps reconnecting
    await database.run(dispatcher.recover)  # messages stored before a crash
    await local.redeliver()  # messages said while the bot was down
    scheduler = Scheduler(
        database=database,
        directory=directory,
        clock=utc_now,
        wake_sender=sender.wake,
        every=timedelta(seconds=settings.sweep_seconds),
    )
    scheduler.start()  # reminders and digests; the first round catches up at once

    app = create_app(
        database=database,
        local=local,
        hosts=served_names(settings.host),
        vouched_hosts=host_names(settings.allowed_host_names()),
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.host, settings.port)
    try:
        await site.start()
    except OSError as error:
        scheduler.shutdown()
        await runner.cleanup()
        database.close()
        raise StartupError(
            f"cannot listen on {settings.host}:{settings.port} ({error.strerror}); "
            "is another copy running? choose another port with --port"
        ) from error
    port = runner.addresses[0][1] if runner.addresses else settings.port
    # Listening on every address (0.0.0.0), this machine's own browser still opens loopback.
    shown = settings.host if served_names(settings.host) != LOOPBACK_NAMES else "127.0.0.1"
    print(f"GridSteward is running: open http://{shown}:{port}/chat", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    running = await start_channels(channels.values())
    try:
        await sender.run(stop)
    finally:
        scheduler.shutdown()
        await stop_channels(channels.values(), running)
        await runner.cleanup()
        database.close()


def check_exposure(settings: Settings) -> None:
    """The local chat is a test channel: anyone who reaches it may speak as anyone."""
    from web.guard import is_loopback

    if is_loopback(settings.host):
        return
    if not settings.expose_local_chat:
        raise StartupError(
            f"refusing to serve the local test chat on {settings.host}, which is not a loopback "
            "address: anyone who reaches it could speak as any resident or steward. Use "
            "--host 127.0.0.1, or set GRIDSTEWARD_EXPOSE_LOCAL_CHAT=1 if that is what you want."
        )
    warning = (
        f"THE LOCAL TEST CHAT IS EXPOSED on {settings.host}:{settings.port} "
        "(GRIDSTEWARD_EXPOSE_LOCAL_CHAT=1): anyone who can reach it can speak as anyone "
        "and read every local group. Do not do this on a network you do not trust."
    )
    log.warning(warning)
    print(f"WARNING: {warning}", file=sys.stderr, flush=True)


async def migrate_when_reachable(database: Database, *, failpoint: str | None) -> None:
    """Migrate; a database that does not answer yet is waited for (logged, backing off up to
    a minute) instead of exiting, so a supervisor's restarts never turn into a crash loop."""
    from models.db import DatabaseUnreachable

    delay = 1.0
    while True:
        try:
            await database.run(partial(database.migrate, after_step=migration_crash(failpoint)))
            return
        except DatabaseUnreachable as error:
            log.warning("%s; trying again in %.0f s", error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


def migration_crash(failpoint: str | None) -> Callable[[str], None] | None:
    """Crash test: die hard after the first migration step, its transaction still open."""
    if failpoint != "mid-migration":
        return None

    def after_step(_revision: str) -> None:
        os._exit(73)

    return after_step


def wechat_options(settings: Settings, directory: Directory) -> Any | None:
    """WeChat runs when a puppet service is configured; rooms without one only warn."""
    if not (settings.wechaty_endpoint or settings.wechaty_token):
        if any(chat.platform == "wechat" for chat in directory.chats.values()):
            log.warning(
                "the directory lists WeChat rooms but WECHATY_PUPPET_SERVICE_ENDPOINT is not "
                "set: their posts wait in the outbox (README: WeChat)"
            )
        return None
    from channels.wechat import WechatConfigError, WechatOptions

    try:
        return WechatOptions.from_settings(settings)
    except WechatConfigError as error:
        raise StartupError(str(error)) from error


def command_run(args: argparse.Namespace) -> int:
    overrides = {
        key: value
        for key, value in {
            "directory": args.directory,
            "database_url": args.database_url,
            "host": args.host,
            "port": args.port,
        }.items()
        if value is not None
    }
    try:
        settings = Settings(**overrides)
    except ValidationError as error:
        print(f"bad settings: {error}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level)
    try:
        asyncio.run(serve(settings))
    except DirectoryError as error:
        print(f"directory error: {error}", file=sys.stderr)
        return 2
    except StartupError as error:
        print(f"cannot start: {error}", file=sys.stderr)
        return 2
    return 0


def command_migrate(args: argparse.Namespace) -> int:
    from models.db import Database, MigrationError

    settings = Settings(**({"database_url": args.database_url} if args.database_url else {}))
    setup_logging(settings.log_level)
    database = Database(settings.database_url)
    try:
        database.migrate(after_step=migration_crash(settings.failpoint))
    except MigrationError as error:
        print(f"migrate: {error}", file=sys.stderr)
        return 2
    finally:
        database.close()
    print("database is up to date", flush=True)
    return 0


def command_parse(_args: argparse.Namespace) -> int:
    """One JSON object in, one out, per line; a bad line gets an `error` line, not a crash."""
    for number, raw in enumerate(sys.stdin, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                raise ValueError('expected an object with a string "text"')
        except ValueError as error:
            print(json.dumps({"error": f"line {number}: {error}"}, ensure_ascii=False), flush=True)
            continue
        print(json.dumps(parse(data["text"]).to_json(), ensure_ascii=False), flush=True)
    return 0


def command_replay(args: argparse.Namespace) -> int:
    from channels.replay import TranscriptError, parse_time, read_transcript, replay

    try:
        directory = load_directory(args.directory)
        with open(args.transcript, encoding="utf-8") as handle:
            lines = read_transcript(handle, directory)
        until = parse_time(args.until, directory.timezone, where="--until") if args.until else None
    except (DirectoryError, TranscriptError, OSError) as error:
        print(f"replay: {error}", file=sys.stderr)
        return 2
    result = replay(directory, lines, until=until)
    for post in result.posts:
        print(json.dumps(post, ensure_ascii=False))
    if args.tickets_out:
        Path(args.tickets_out).write_text(
            json.dumps(result.tickets, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


def command_evaluate(args: argparse.Namespace) -> int:
    from bench.evaluate import main as evaluate

    return evaluate(args.rest)


def command_wechat_rooms(args: argparse.Namespace) -> int:
    """Connect to the puppet service, print each room (id, topic, bound chat), exit."""
    try:
        settings = Settings(**({"directory": args.directory} if args.directory else {}))
        directory = load_directory(settings.directory)
        options = wechat_options(settings, directory)
    except (ValidationError, DirectoryError, StartupError) as error:
        print(f"wechat-rooms: {error}", file=sys.stderr)
        return 2
    if options is None:
        print(
            "wechat-rooms: set WECHATY_PUPPET_SERVICE_ENDPOINT and WECHATY_PUPPET_SERVICE_TOKEN",
            file=sys.stderr,
        )
        return 2
    setup_logging("WARNING")
    from channels.wechat import fetch_rooms

    try:
        rooms = asyncio.run(fetch_rooms(options, wait_seconds=args.wait))
    except Exception as error:  # whatever the gateway did, a line for the operator
        print(f"wechat-rooms: {options.endpoint}: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    for room_id, topic in rooms:
        chat = directory.chat_for_address("wechat", room_id)
        bound = f"bound to {chat.id}" if chat else "not bound"
        print(f"{room_id}\t{topic}\t{bound}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot.py", description="GridSteward 网格管家")
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot (default)")
    for target in (parser, run):
        target.add_argument("--directory", type=Path, help="directory YAML (default: the example)")
        target.add_argument("--database-url", help="default: SQLite file under data/")
        target.add_argument("--host")
        target.add_argument("--port", type=int)
    commands.add_parser("parse", help="classify JSON lines from stdin")
    replay = commands.add_parser("replay", help="run a transcript on a virtual clock")
    replay.add_argument("--directory", required=True, type=Path)
    replay.add_argument("transcript", type=Path)
    replay.add_argument("--until", help="ISO-8601 time to run the clock to")
    replay.add_argument("--tickets-out", type=Path, help="write the final tickets as JSON")
    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.add_argument("--database-url")
    evaluate = commands.add_parser(
        "evaluate", help="measure understanding on a labelled corpus", add_help=False
    )
    evaluate.add_argument("rest", nargs=argparse.REMAINDER)
    rooms = commands.add_parser("wechat-rooms", help="list the WeChat rooms the account is in")
    rooms.add_argument("--directory", type=Path, help="to show which rooms are bound")
    rooms.add_argument("--wait", type=float, default=30.0, help="seconds to wait for login")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["evaluate"]:  # its options (--help, --errors …) are its own parser's
        return command_evaluate(argparse.Namespace(rest=argv[1:]))
    args = build_parser().parse_args(argv)
    handlers = {
        None: command_run,
        "run": command_run,
        "parse": command_parse,
        "replay": command_replay,
        "migrate": command_migrate,
        "evaluate": command_evaluate,
        "wechat-rooms": command_wechat_rooms,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
