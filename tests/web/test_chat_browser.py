"""The local web chat as people use it: the real bot process, headless Chromium, a ticket's loop."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot_process import BotProcess, running_bot
from tests.browser import launched_chromium

# Missing, launched_chromium skips the tests (fails them in CI) and says why.
with contextlib.suppress(ImportError):
    from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

WAIT_MS = 15_000  # the bot posts a moment after the person's message; a slow CI gets room
GAS_CHAT = "翠东燃气管家群"
REPORT = "#报修 3栋2单元501 燃气灶打不着火 电话13812345678"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[BotProcess]:
    with running_bot(tmp_path) as process:
        yield process


@pytest.fixture
def page(browser: Browser, bot: BotProcess, tmp_path: Path) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="zh-CN", timezone_id="Asia/Shanghai"
    )
    context.set_default_timeout(WAIT_MS)
    # Nothing leaves the machine: any request that is not to the bot fails the test.
    outside: list[str] = []

    def only_the_bot(route: Any) -> None:
        if route.request.url.startswith(bot.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_bot)
    page = context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(f"{bot.url}/chat")
    page.wait_for_selector("body[data-ready='true']")
    yield page
    page.screenshot(path=str(tmp_path / "chat.png"))
    context.close()
    assert not outside, f"the page tried to reach outside the bot: {outside}"
    assert not page_errors, f"script errors on the page: {page_errors}\nbot log:\n{bot.log()}"


def speak(page: Page, *, as_: str, text: str, resident_name: str = "") -> None:
    """Choose who speaks (a directory person's label, or 居民 with a name) and send."""
    page.get_by_test_id("speaker-select").select_option(label=as_)
    if resident_name:
        page.get_by_test_id("resident-name").fill(resident_name)
    box = page.get_by_test_id("message-input")
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")  # cleared only once the server stored it


def bot_post(page: Page, containing: str) -> Locator:
    """The bot's post that contains `containing`, once it has arrived on the live feed."""
    post = page.locator("[data-testid='message'][data-from-bot='true']").filter(has_text=containing)
    expect(post).to_have_count(1)
    # Pinned by id: later posts that quote this one contain the same words.
    return page.locator(f"[data-testid='message'][data-id='{post.get_attribute('data-id')}']")


def ticket_row(page: Page, number: int) -> Locator:
    return page.locator(f"[data-testid='ticket'][data-number='{number}']")


def test_ticket_loop_in_the_browser(page: Page, bot: BotProcess) -> None:
    page.get_by_test_id("chat-select").select_option(label=GAS_CHAT)
    expect(page.get_by_test_id("chat-title")).to_have_text(GAS_CHAT)

    # A resident reports; the bot registers ticket #1, calls the steward, hides the phone.
    speak(page, as_="居民", resident_name="张女士", text=REPORT)
    said = page.locator("[data-testid='message'][data-from-bot='false']").filter(has_text="#报修")
    expect(said).to_have_count(1)
    expect(said.get_by_test_id("sender")).to_have_text("张女士")
    assert said.get_attribute("data-sender") == "res-zhang"
    report = bot_post(page, "工单 #1")
    expect(report.get_by_test_id("sender")).to_have_text("网格管家")
    expect(report).to_contain_text("@祝均升")
    expect(report.get_by_test_id("mention").filter(has_text="@祝均升")).to_have_count(1)
    expect(report).to_contain_text("138****5678")
    expect(report).not_to_contain_text("13812345678")
    expect(ticket_row(page, 1)).to_have_attribute("data-state", "assigned")
    expect(ticket_row(page, 1)).to_have_text("#1 报修 3栋2单元501 · 待接单")

    # The steward answers the bot's post with 接单, quoting it.
    page.get_by_test_id("speaker-select").select_option(label="祝均升（网格员）")
    report.get_by_test_id("reply").click()
    expect(page.get_by_test_id("reply-target")).to_be_visible()
    expect(page.get_by_test_id("reply-target")).to_contain_text("工单 #1")
    page.get_by_test_id("message-input").fill("接单")
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("reply-target")).to_be_hidden()
    claim = page.locator("[data-testid='message'][data-sender='zhu']").filter(has_text="接单")
    expect(claim.get_by_test_id("quote")).to_contain_text("网格管家")
    expect(claim.get_by_test_id("quote")).to_contain_text("工单 #1")
    bot_post(page, "已由 祝均升 接单")
    expect(ticket_row(page, 1)).to_have_attribute("data-state", "claimed")
    expect(ticket_row(page, 1)).to_have_text("#1 报修 3栋2单元501 · 已接单")

    # The steward reports the work done; the resident is satisfied; the ticket closes.
    speak(page, as_="祝均升（网格员）", text="#1 已完成 更换了点火针")
    bot_post(page, "处理完成")
    expect(ticket_row(page, 1)).to_have_attribute("data-state", "resolved")
    speak(page, as_="居民", resident_name="张女士", text="#1 满意")
    bot_post(page, "已关闭")
    expect(ticket_row(page, 1)).to_have_attribute("data-state", "closed")
    expect(ticket_row(page, 1)).to_contain_text("已关闭")

    expect(page.get_by_test_id("error")).to_be_hidden()
    ticket = _get_json(f"{bot.url}/api/tickets/1")
    assert (ticket["state"], ticket["assignee"], ticket["rating"]) == ("closed", "zhu", "satisfied")


def test_refusals_show_inline_and_line_breaks_stay(page: Page) -> None:
    page.get_by_test_id("speaker-select").select_option(label="陈明（协管员）")
    box = page.get_by_test_id("message-input")
    box.fill("   ")
    box.press("Enter")
    expect(page.get_by_test_id("error")).to_be_visible()
    box.fill("第一行")
    box.press("Shift+Enter")
    box.type("第二行")
    expect(box).to_have_value("第一行\n第二行")
    box.press("Enter")
    expect(page.get_by_test_id("error")).to_be_hidden()
    said = page.locator("[data-testid='message'][data-sender='chen']")
    expect(said.get_by_test_id("text")).to_have_text("第一行\n第二行")
    assert said.get_by_test_id("text").evaluate("e => getComputedStyle(e).whiteSpace") == "pre-wrap"
    # A message the server refuses (too long) shows the server's reason and keeps the draft.
    box.fill("长" * 2001)
    page.get_by_test_id("send").click()
    expect(page.get_by_test_id("error")).to_contain_text("2000")
    expect(box).to_have_value("长" * 2001)
    box.fill("")

    # × drops the reply target; 帮助 asks the bot for its guide.
    said.get_by_test_id("reply").click()
    expect(page.get_by_test_id("reply-target")).to_contain_text("第一行 第二行")
    page.get_by_test_id("reply-cancel").click()
    expect(page.get_by_test_id("reply-target")).to_be_hidden()
    page.get_by_test_id("help").click()
    bot_post(page, "网格管家使用说明")
    expect(page.locator("[data-testid='message'][data-sender='chen']")).to_have_count(2)


def test_page_catches_up_after_the_bot_restarts(browser: Browser, tmp_path: Path) -> None:
    """The live feed drops when the bot dies; back up, the page reconnects and reloads."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(WAIT_MS)
    try:
        with running_bot(tmp_path) as first:
            port = first.url.rsplit(":", 1)[1]
            page = context.new_page()
            page.goto(f"{first.url}/chat")
            page.wait_for_selector("body[data-ready='true']")
            speak(page, as_="居民", resident_name="张女士", text="#咨询 3栋 什么时候停水")
            bot_post(page, "工单 #1")
            first.crash()
        expect(page.get_by_test_id("live-status")).to_have_attribute("data-state", "closed")
        with running_bot(tmp_path, port=int(port)) as second:
            expect(page.get_by_test_id("live-status")).to_have_attribute("data-state", "open")
            _post_json(
                f"{second.url}/api/local/chats/cuidong-gas/messages",
                {"sender": "liu", "sender_name": "刘红", "text": "我来看看"},
            )
            expect(page.locator("[data-testid='message'][data-sender='liu']")).to_have_count(1)
            ids = page.locator("[data-testid='message']").evaluate_all(
                "nodes => nodes.map(n => Number(n.dataset.id))"
            )
            assert ids == sorted(set(ids)), f"messages repeated or out of order: {ids}"
            # Leave before the bot stops: its graceful stop waits for open live feeds.
            context.close()
    finally:
        context.close()


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def _post_json(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)
