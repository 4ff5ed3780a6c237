"""In real Chromium: other pages cannot drive or read the local chat, a rebound name is not
served, and a message whose answer was lost is sent again without becoming two (issue 7,
defects 5 and 6)."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.bot_process import BotProcess, running_bot
from tests.browser import launched_chromium

with contextlib.suppress(ImportError):  # launched_chromium says why the tests cannot run
    from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser
WAIT_MS = 15_000
# Names a hostile site could point at 127.0.0.1; the browser resolves them so, nothing else does.
RESOLVER_RULES = "--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1"

HOSTILE_PAGE = """<!doctype html><meta charset="utf-8"><title>hostile</title>
<iframe name="sink"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action="{say}">
  <input name='{{"sender": "res-x", "text": "#报修 3栋 停电", "x": "' value='"}}'>
</form>
<script>
const results = (window.results = {{}});
const report = JSON.stringify({{sender: "res-x", text: "#报修 3栋2单元501 燃气灶打不着火"}});
async function attack() {{
  try {{
    await fetch("{say}", {{method: "POST", mode: "no-cors",
      headers: {{"Content-Type": "text/plain"}}, body: report}});
    results.simple = "sent";
  }} catch (e) {{ results.simple = "failed"; }}
  try {{
    const r = await fetch("{say}", {{method: "POST",
      headers: {{"Content-Type": "application/json"}}, body: report}});
    results.json = "read " + r.status;
  }} catch (e) {{ results.json = "blocked"; }}
  try {{
    const r = await fetch("{say}");
    results.read = "read " + (await r.text());
  }} catch (e) {{ results.read = "blocked"; }}
  results.socket = await new Promise((resolve) => {{
    const socket = new WebSocket("{live}");
    socket.onopen = () => resolve("open");
    socket.onerror = () => resolve("refused");
  }});
  document.getElementById("form").submit();
  results.done = true;
}}
attack();
</script>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched_chromium([RESOLVER_RULES]) as chromium:
        yield chromium


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[BotProcess]:
    with running_bot(tmp_path) as process:
        yield process


@contextlib.contextmanager
def hostile_site(page: str) -> Iterator[int]:
    """Another web server on this machine, serving one page; yields its port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.mark.parametrize("site_name", ["127.0.0.1", "evil.test"])
def test_another_page_can_neither_drive_nor_read_the_chat(
    browser: Browser, bot: BotProcess, site_name: str
) -> None:
    """127.0.0.1 on another port is 'same-site' to the browser; evil.test is another site."""
    say = f"{bot.url}/api/local/chats/cuidong-gas/messages"
    live = bot.url.replace("http://", "ws://") + "/api/local/live"
    with hostile_site(HOSTILE_PAGE.format(say=say, live=live)) as port:
        context = browser.new_context()
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.goto(f"http://{site_name}:{port}/")
        page.wait_for_function("window.results && window.results.done")
        page.wait_for_timeout(500)  # the form's POST navigates the frame
        results = page.evaluate("window.results")
        context.close()
    assert results["json"] == "blocked" and results["read"] == "blocked"
    assert results["socket"] == "refused"
    assert get_json(say) == []  # nothing was said in the group
    assert get_json(f"{bot.url}/api/tickets") == []


def test_a_rebound_name_gets_no_page_and_no_data(browser: Browser, bot: BotProcess) -> None:
    """DNS rebinding: rebind.test now resolves to 127.0.0.1, so the browser calls the bot
    'same-origin'; the bot still answers only to its own names."""
    port = bot.url.rsplit(":", 1)[1]
    context = browser.new_context()
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    response = page.goto(f"http://rebind.test:{port}/chat")
    assert response is not None and response.status == 403
    assert "data-testid" not in page.content()
    history = page.evaluate("fetch('/api/local/chats/cuidong-gas/messages').then(r => r.status)")
    context.close()
    assert history == 403


def test_a_message_whose_answer_was_lost_is_kept_once(browser: Browser, bot: BotProcess) -> None:
    """The server stores the message but the answer never reaches the page; the person
    presses Enter again. The page sends the same client_id, so it stays one message."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(WAIT_MS)
    sent: list[dict[str, Any]] = []

    def lose_the_first_answer(route: Route) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sent.append(json.loads(route.request.post_data or "{}"))
        if len(sent) == 1:
            route.fetch()  # it reaches the bot …
            route.abort("connectionreset")  # … and the answer is lost on the way back
        else:
            route.continue_()

    context.route("**/api/local/chats/*/messages", lose_the_first_answer)
    page = context.new_page()
    page.goto(f"{bot.url}/chat")
    page.wait_for_selector("body[data-ready='true']")
    page.get_by_test_id("speaker-select").select_option(label="居民")
    page.get_by_test_id("resident-name").fill("张女士")
    box = page.get_by_test_id("message-input")
    box.fill("#报修 3栋2单元501 燃气灶打不着火")
    box.press("Enter")
    expect(page.get_by_test_id("error")).to_be_visible()
    expect(box).to_have_value("#报修 3栋2单元501 燃气灶打不着火")  # the draft is kept
    box.press("Enter")
    expect(box).to_have_value("")
    bot_post = page.locator("[data-testid='message'][data-from-bot='true']")
    expect(bot_post.filter(has_text="工单 #1")).to_have_count(1)
    said = page.locator("[data-testid='message'][data-from-bot='false']")
    expect(said).to_have_count(1)
    context.close()
    assert len(sent) == 2 and sent[0]["client_id"] == sent[1]["client_id"]
    history = get_json(f"{bot.url}/api/local/chats/cuidong-gas/messages")
    assert [m["from_bot"] for m in history] == [False, True]
    assert [t["number"] for t in get_json(f"{bot.url}/api/tickets")] == ["1"]
