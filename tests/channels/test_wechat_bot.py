"""`python bot.py` with WeChat configured, and `bot.py wechat-rooms`, against a fake gateway."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
import time
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import bot
from settings import PROJECT_ROOT
from tests.bot_process import running_bot
from tests.channels.fake_puppet import TOKEN, FakePuppetService
from tests.channels.wechat_world import (
    OFFICE,
    RESIDENT,
    ROOM,
    STRANGERS,
    add_rooms,
    clear_wechaty_environment,
    wechat_directory,
)


def wechat_environment(puppet: FakePuppetService) -> dict[str, str]:
    return {
        "WECHATY_PUPPET_SERVICE_ENDPOINT": puppet.endpoint,
        "WECHATY_PUPPET_SERVICE_TOKEN": TOKEN,
        "GRIDSTEWARD_WECHAT_RETRY_SECONDS": "0.1",
        "GRIDSTEWARD_WECHAT_ROOM_INTERVAL_SECONDS": "0",
    }


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
async def puppet(tmp_path: Path) -> AsyncIterator[FakePuppetService]:
    """A running fake gateway with the test rooms, and tmp_path/directory.yaml naming them."""
    clear_wechaty_environment()
    gateway = FakePuppetService()
    add_rooms(gateway)
    await gateway.start()
    wechat_directory(tmp_path)
    yield gateway
    await gateway.stop()


async def test_the_bot_process_serves_a_wechat_room(
    tmp_path: Path, puppet: FakePuppetService
) -> None:
    loop = asyncio.get_running_loop()

    def scenario() -> str:
        with running_bot(
            tmp_path, directory=tmp_path / "directory.yaml", environment=wechat_environment(puppet)
        ) as process:
            wait_for(lambda: "WeChat: logged in" in process.log())
            report = "#报修 3栋2单元501 燃气灶打不着火"
            loop.call_soon_threadsafe(puppet.say, ROOM, RESIDENT, report)
            wait_for(lambda: len(puppet.sent) >= 1)
            return process.log()

    log = await asyncio.to_thread(scenario)
    assert "工单 #1" in puppet.sent[0].text and puppet.sent[0].room == ROOM
    assert "ticket #1 created" in log


async def test_wechat_rooms_lists_rooms_and_what_they_are_bound_to(
    tmp_path: Path, puppet: FakePuppetService
) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GRIDSTEWARD_")}
    environment.update(wechat_environment(puppet))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "bot.py",
        "wechat-rooms",
        "--directory",
        str(tmp_path / "directory.yaml"),
        "--wait",
        "20",
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, stderr.decode()
    lines = sorted(stdout.decode().splitlines())
    assert lines == sorted(
        [
            f"{ROOM}\t翠东燃气管家群\tbound to cuidong-gas",
            f"{OFFICE}\t翠东社区工作群\tbound to cuidong-office",
            f"{STRANGERS}\t隔壁小区闲聊群\tnot bound",
        ]
    )


def test_wechat_rooms_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clear_wechaty_environment()
    monkeypatch.setenv("WECHATY_PUPPET_SERVICE_TOKEN", TOKEN)  # a token alone: no lookup
    assert bot.main(["wechat-rooms"]) == 2
    assert "WECHATY_PUPPET_SERVICE_ENDPOINT is not set" in capsys.readouterr().err
    monkeypatch.delenv("WECHATY_PUPPET_SERVICE_TOKEN")
    assert bot.main(["wechat-rooms"]) == 2
    assert "set WECHATY_PUPPET_SERVICE_ENDPOINT" in capsys.readouterr().err


def test_a_gateway_that_is_down_does_not_take_the_bot_down(tmp_path: Path) -> None:
    """WeChat configured, nothing listening: the bot starts, keeps retrying WeChat in the
    background, and the local chat is served meanwhile."""
    clear_wechaty_environment()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_endpoint = f"127.0.0.1:{probe.getsockname()[1]}"
    environment = {
        "WECHATY_PUPPET_SERVICE_ENDPOINT": dead_endpoint,
        "WECHATY_PUPPET_SERVICE_TOKEN": TOKEN,
        "GRIDSTEWARD_WECHAT_RETRY_SECONDS": "0.1",
    }
    with running_bot(tmp_path, environment=environment) as process:
        request = urllib.request.Request(
            f"{process.url}/api/local/chats/cuidong-gas/messages",
            data=json.dumps(
                {"sender": "res-1", "text": "#报修 3栋2单元501 燃气灶打不着火"}
            ).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=10).read()

        def answered() -> bool:
            url = f"{process.url}/api/local/chats/cuidong-gas/messages"
            with urllib.request.urlopen(url, timeout=10) as response:
                return any(m["from_bot"] for m in json.load(response))

        wait_for(answered)
        wait_for(lambda: process.log().count("no connection to the puppet service") >= 2)
