"""Other web pages cannot drive or read the local chat; the server answers only its own names.

Issue 7 defect 5. Browsers send Origin (and Sec-Fetch-*) on their own; these tests send the
same headers a browser would with a real aiohttp client, and the browser test next door does
it with Chromium itself.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from settings import EXAMPLE_DIRECTORY, PROJECT_ROOT
from tests.bot_process import running_bot
from tests.harness import Bot
from tests.web.test_local_api import GAS, REPORT, stored
from web.app import create_app
from web.guard import is_loopback

AiohttpClient = Callable[[web.Application], Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """The guard answers before any database is asked, so one database (SQLite) serves here;
    tests/fault/test_bad_requests.py runs what reaches the database on both."""
    return f"sqlite:///{tmp_path / 'gs.sqlite3'}"


@pytest.fixture
async def client(bot: Bot, aiohttp_client: AiohttpClient) -> TestClient[Any, Any]:
    return await aiohttp_client(create_app(database=bot.database, local=bot.local))


def own(client: TestClient[Any, Any]) -> str:
    return f"127.0.0.1:{client.port}"


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",  # DNS rebinding: a hostile name that resolves to 127.0.0.1
        "evil.example:{port}",
        "127.0.0.1:1",  # another port: another program's pages
        "localhost:3000",
        "127.0.0.1@evil.example",
        "",
    ],
)
@pytest.mark.parametrize(
    "path", ["/chat", "/api/tickets", GAS, "/api/local/setup", "/static/local/chat.js"]
)
async def test_a_foreign_host_name_is_not_served(
    client: TestClient[Any, Any], host: str, path: str
) -> None:
    response = await client.get(path, headers={"Host": host.format(port=client.port)})
    assert response.status == 403
    assert "is not served here" in (await response.json())["error"]


@pytest.mark.parametrize(
    "host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST.:{port}", "[::1]:{port}"]
)
async def test_loopback_names_on_the_served_port_are_served(
    client: TestClient[Any, Any], host: str
) -> None:
    response = await client.get("/api/tickets", headers={"Host": host.format(port=client.port)})
    assert response.status == 200


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "http://localhost:3000",
        "https://127.0.0.1",
        "null",  # a sandboxed frame or a file:// page
        "not a url",
    ],
)
async def test_a_post_from_another_origin_is_refused_and_stores_nothing(
    client: TestClient[Any, Any], bot: Bot, origin: str
) -> None:
    response = await client.post(GAS, json=REPORT, headers={"Origin": origin})
    assert response.status == 403
    assert "are not accepted" in (await response.json())["error"]
    assert stored(bot) == (0, 0)


async def test_a_post_from_the_chat_page_itself_is_accepted(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    headers = {"Origin": f"http://{own(client)}", "Sec-Fetch-Site": "same-origin"}
    response = await client.post(GAS, json=REPORT, headers=headers)
    assert response.status == 201
    assert stored(bot) == (2, 1)


async def test_a_cross_site_text_plain_post_is_refused(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    """What a hostile page can send without asking the browser first: a 'simple' request."""
    headers = {
        "Content-Type": "text/plain",
        "Origin": "http://evil.example",
        "Sec-Fetch-Site": "cross-site",
        "Sec-Fetch-Mode": "no-cors",
    }
    response = await client.post(
        GAS, data=b'{"sender": "x", "text": "#1 already"}', headers=headers
    )
    assert response.status == 403
    # Even with no Origin (a client outside any browser), text/plain is not read.
    plain = await client.post(
        GAS, data=b'{"sender": "x", "text": "hi"}', headers={"Content-Type": "text/plain"}
    )
    assert plain.status == 415
    assert stored(bot) == (0, 0)


@pytest.mark.parametrize(
    ("site", "mode", "dest", "status"),
    [
        ("cross-site", "cors", "empty", 403),  # fetch() from another site
        ("same-site", "cors", "empty", 403),  # another port of this machine
        ("cross-site", "no-cors", "script", 403),  # <script src=…> on another site
        ("cross-site", "navigate", "iframe", 403),  # framed by another site
        ("cross-site", "navigate", "document", 200),  # a link to the chat: a person navigating
        ("none", "navigate", "document", 200),  # typed into the address bar
        ("same-origin", "cors", "empty", 200),
    ],
)
async def test_fetch_metadata_lets_only_own_pages_and_navigation_in(
    client: TestClient[Any, Any], site: str, mode: str, dest: str, status: int
) -> None:
    headers = {"Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode, "Sec-Fetch-Dest": dest}
    response = await client.get("/chat", headers=headers)
    assert response.status == status


async def test_the_live_feed_refuses_other_origins(client: TestClient[Any, Any]) -> None:
    for origin in ("http://evil.example", "http://localhost:3000", "null"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/api/local/live", headers={"Origin": origin})
        assert refused.value.status == 403
    with pytest.raises(aiohttp.WSServerHandshakeError) as rebinding:
        await client.ws_connect("/api/local/live", headers={"Host": "evil.example"})
    assert rebinding.value.status == 403
    socket = await client.ws_connect("/api/local/live", headers={"Origin": f"http://{own(client)}"})
    await socket.close()


async def test_pages_may_not_be_framed_by_other_sites(client: TestClient[Any, Any]) -> None:
    response = await client.get("/chat")
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("gridbox.lan", False),
    ],
)
def test_which_addresses_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_bot_refuses_to_serve_the_local_chat_beyond_this_machine(tmp_path: Path) -> None:
    database = tmp_path / "gs.sqlite3"
    arguments = ["--host", "0.0.0.0", "--port", "0", "--database-url", f"sqlite:///{database}"]
    result = subprocess.run(
        [sys.executable, "bot.py", "--directory", str(EXAMPLE_DIRECTORY), *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "refusing to serve the local test chat on 0.0.0.0" in result.stderr
    assert "GRIDSTEWARD_EXPOSE_LOCAL_CHAT=1" in result.stderr
    assert not database.exists()  # refused before anything was opened


def test_an_exposed_local_chat_warns_and_answers_only_allowed_names(tmp_path: Path) -> None:
    exposed = {"GRIDSTEWARD_EXPOSE_LOCAL_CHAT": "1", "GRIDSTEWARD_ALLOWED_HOSTS": "gridbox.lan"}
    with running_bot(tmp_path, host="0.0.0.0", environment=exposed) as bot:
        port = bot.url.rsplit(":", 1)[1]
        assert bot.url.startswith("http://127.0.0.1:")  # a URL a browser on this machine opens

        def status(host: str) -> int:
            request = urllib.request.Request(f"{bot.url}/api/tickets", headers={"Host": host})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return int(response.status)
            except urllib.error.HTTPError as error:
                return error.code

        assert status(f"gridbox.lan:{port}") == 200
        assert status("gridbox.lan") == 200  # behind a proxy, on its port
        assert status(f"evil.example:{port}") == 403
        log = bot.log()
    assert "THE LOCAL TEST CHAT IS EXPOSED on 0.0.0.0" in log
