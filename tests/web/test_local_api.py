"""The local chat's HTTP API: what the page may send, what it is refused, and the live feed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import func, select

from channels.local import LocalChannel
from handlers.events import Inbound
from models.inbound import InboundMessage
from models.local_chat import LocalMessage
from tests.harness import Bot
from web.app import create_app

GAS = "/api/local/chats/cuidong-gas/messages"
OFFICE = "/api/local/chats/cuidong-office/messages"
REPORT = {
    "sender": "res-zhang",
    "sender_name": "张女士",
    "text": "#报修 3栋2单元501 燃气灶打不着火",
}

AiohttpClient = Callable[[web.Application], Awaitable[TestClient[Any, Any]]]


@pytest.fixture
async def client(bot: Bot, aiohttp_client: AiohttpClient) -> TestClient[Any, Any]:
    """The same application `bot.py` serves, on the harness's dispatcher and database."""
    return await aiohttp_client(create_app(database=bot.database, local=bot.local))


def stored(bot: Bot) -> tuple[int, int]:
    """How many local messages and how many delivered inbound messages the database holds."""
    with bot.database.session() as session:
        local = session.exec(select(func.count()).select_from(LocalMessage)).one()
        inbound = session.exec(select(func.count()).select_from(InboundMessage)).one()
    return local, inbound


async def test_setup_lists_local_chats_and_people(client: TestClient[Any, Any]) -> None:
    response = await client.get("/api/local/setup")
    assert response.status == 200
    setup = await response.json()
    assert {c["address"]: c["name"] for c in setup["chats"]} == {
        "cuidong-gas": "翠东燃气管家群",
        "cuidong-office": "翠东社区工作群",
    }
    people = {p["account"]: (p["name"], p["role"]) for p in setup["people"]}
    assert people["zhu"] == ("祝均升", "steward")
    assert people["wang"] == ("王建国", "supervisor")
    assert people["sec-li"] == ("李书记", "secretary")


async def test_page_and_its_files_are_served(client: TestClient[Any, Any]) -> None:
    page = await client.get("/chat")
    assert page.status == 200
    html = await page.text()
    assert 'data-testid="chat-select"' in html and "帮助" in html
    for name in ("chat.js", "chat.css"):
        asset = await client.get(f"/static/local/{name}")
        assert asset.status == 200, name
    root = await client.get("/", allow_redirects=False)
    assert root.status == 302 and root.headers["Location"] == "/chat"


async def test_a_report_is_stored_and_answered(client: TestClient[Any, Any], bot: Bot) -> None:
    response = await client.post(GAS, json=REPORT)
    assert response.status == 201
    said = await response.json()
    assert (said["sender"], said["sender_name"], said["from_bot"]) == ("res-zhang", "张女士", False)
    history = await (await client.get(GAS)).json()
    assert len(history) == 2
    said_again, answer = history
    assert said_again == said
    assert answer["from_bot"] and answer["sender_name"] == "网格管家"
    assert "工单 #1" in answer["text"] and "@祝均升" in answer["text"]
    assert answer["reply_to"] == said["id"]
    assert "zhu" in answer["mentions"]
    later = await (await client.get(f"{GAS}?after={said['id']}")).json()
    assert [m["id"] for m in later] == [answer["id"]]
    tickets = await (await client.get("/api/tickets")).json()
    assert [(t["number"], t["state"], t["assignee"]) for t in tickets] == [("1", "assigned", "zhu")]


async def test_a_reply_by_id_claims_the_ticket(client: TestClient[Any, Any]) -> None:
    await client.post(GAS, json=REPORT)
    history = await (await client.get(GAS)).json()
    post = history[-1]
    response = await client.post(
        GAS, json={"sender": "zhu", "sender_name": "祝均升", "text": "接单", "reply_to": post["id"]}
    )
    assert response.status == 201
    assert (await response.json())["reply_to"] == post["id"]
    ticket = await (await client.get("/api/tickets/1")).json()
    assert (ticket["state"], ticket["assignee"]) == ("claimed", "zhu")


async def test_the_live_feed_carries_people_and_the_bot(client: TestClient[Any, Any]) -> None:
    async with client.ws_connect("/api/local/live") as socket:
        await asyncio.sleep(0.05)  # the server subscribes once the socket is open
        response = await client.post(GAS, json=REPORT)
        said = await response.json()
        events = [await socket.receive_json(timeout=5), await socket.receive_json(timeout=5)]
    assert [e["type"] for e in events] == ["message", "message"]
    assert events[0]["message"] == said
    assert events[1]["message"]["from_bot"] and "工单 #1" in events[1]["message"]["text"]


async def test_a_quote_from_another_chat_is_refused(client: TestClient[Any, Any], bot: Bot) -> None:
    office = await client.post(OFFICE, json={"sender": "wang", "text": "今天下午开会"})
    office_id = (await office.json())["id"]
    before = stored(bot)
    response = await client.post(GAS, json={**REPORT, "reply_to": office_id})
    assert response.status == 400
    assert f"reply_to {office_id}" in (await response.json())["error"]
    assert stored(bot) == before


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        pytest.param(b"not json", "JSON", id="not-json"),
        pytest.param(b"", "JSON", id="empty-body"),
        pytest.param(b"\xff\xfe", "JSON", id="not-utf8"),
        pytest.param(b'["text"]', "JSON object", id="not-an-object"),
        pytest.param({"sender": "res-zhang"}, "text", id="missing-text"),
        pytest.param({"sender": "res-zhang", "text": 42}, "text", id="text-not-a-string"),
        pytest.param({"sender": "res-zhang", "text": ""}, "text is empty", id="empty-text"),
        pytest.param({"sender": "res-zhang", "text": " \n\t "}, "text is empty", id="blank-text"),
        pytest.param({"sender": "res-zhang", "text": "长" * 2001}, "2000", id="text-too-long"),
        pytest.param({"text": "燃气灶打不着火"}, "sender", id="missing-sender"),
        pytest.param({"sender": "  ", "text": "燃气灶打不着火"}, "sender", id="blank-sender"),
        pytest.param({"sender": "x", "sender_name": 7, "text": "好"}, "sender_name", id="bad-name"),
        pytest.param({**REPORT, "reply_to": "1"}, "reply_to", id="reply-to-a-string"),
        pytest.param({**REPORT, "reply_to": True}, "reply_to", id="reply-to-a-bool"),
        pytest.param({**REPORT, "reply_to": 999}, "reply_to 999", id="reply-to-nothing"),
        pytest.param({**REPORT, "reply_to": 10**23}, "reply_to", id="reply-to-out-of-range"),
    ],
)
async def test_bad_messages_are_refused_and_nothing_is_stored(
    client: TestClient[Any, Any], bot: Bot, body: bytes | dict[str, Any], fault: str
) -> None:
    if isinstance(body, bytes):
        response = await client.post(GAS, data=body, headers={"Content-Type": "application/json"})
    else:
        response = await client.post(GAS, json=body)
    assert response.status == 400
    error = (await response.json())["error"]
    assert fault in error, error
    assert stored(bot) == (0, 0)
    assert await (await client.get(GAS)).json() == []
    assert await (await client.get("/api/tickets")).json() == []


async def test_unknown_chat_is_refused(client: TestClient[Any, Any], bot: Bot) -> None:
    response = await client.post("/api/local/chats/nowhere/messages", json=REPORT)
    assert response.status == 400
    assert "unknown local chat 'nowhere'" in (await response.json())["error"]
    assert stored(bot) == (0, 0)


async def test_history_wants_a_whole_number(client: TestClient[Any, Any]) -> None:
    response = await client.get(f"{GAS}?after=yesterday")
    assert response.status == 400
    assert "after" in (await response.json())["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/local/chats/cuidong-gas/messages?after=99999999999999999999999",
        "/api/tickets/99999999999999999999999",
        "/api/tickets/%C2%B2",
    ],
)
async def test_numbers_out_of_range_are_refused_not_crashed(
    client: TestClient[Any, Any], path: str
) -> None:
    response = await client.get(path)
    assert response.status == 400
    assert str(2**31 - 1) in (await response.json())["error"]


async def test_the_chat_api_and_live_feed_mask_residents_numbers(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    """Issue 7 defect 5: the history and the live feed carried full phone numbers."""
    text = "#报修 3栋2单元501 燃气灶打不着火 电话139－8765－4321 身份证110101199003071234"
    async with client.ws_connect("/api/local/live") as socket:
        await asyncio.sleep(0.05)
        response = await client.post(GAS, json={**REPORT, "sender": "13987654321", "text": text})
        said = await response.json()
        live = [await socket.receive_json(timeout=5), await socket.receive_json(timeout=5)]
    history = await (await client.get(GAS)).json()
    shown = json.dumps([said, live, history], ensure_ascii=False)
    assert "139****4321" in said["text"] and "110101********1234" in said["text"]
    assert said["sender"] == "139****4321"
    for number in ("13987654321", "8765", "19900307"):
        assert number not in shown
    # The bot itself read the whole number from what was stored.
    assert bot.ticket(1).phone == "13987654321"


async def test_a_repeated_client_id_is_the_same_message(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    """Issue 7 defect 6: a client that retried made a new message and ticket every time."""
    body = {**REPORT, "client_id": "page-1-msg-1"}
    first = await client.post(GAS, json=body)
    answers = [await first.json()]
    for _ in range(3):
        again = await client.post(GAS, json=body)
        assert again.status == first.status == 201
        answers.append(await again.json())
    assert all(answer == answers[0] for answer in answers)
    assert stored(bot) == (2, 1)  # the report and the bot's answer; one inbound message
    assert [t.number for t in bot.tickets()] == [1]
    assert len(await bot.posts()) == 1


async def test_concurrent_repeats_of_a_client_id_make_one_message(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    body = {**REPORT, "client_id": "retry-storm"}
    responses = await asyncio.gather(*(client.post(GAS, json=body) for _ in range(5)))
    answers = [await r.json() for r in responses]
    assert {r.status for r in responses} == {201}
    assert all(answer == answers[0] for answer in answers)
    assert len(bot.tickets()) == 1 and stored(bot)[1] == 1


async def test_a_client_id_used_for_another_message_is_refused(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    await client.post(GAS, json={**REPORT, "client_id": "c-1"})
    before = stored(bot)
    response = await client.post(GAS, json={**REPORT, "text": "#报修 5栋 停电", "client_id": "c-1"})
    assert response.status == 409
    assert "client_id 'c-1' was already used" in (await response.json())["error"]
    assert stored(bot) == before and len(bot.tickets()) == 1
    # Another group keeps its own ids.
    other = await client.post(OFFICE, json={"sender": "wang", "text": "好", "client_id": "c-1"})
    assert other.status == 201


async def test_a_retry_hands_over_a_message_the_first_attempt_only_stored(
    bot: Bot, aiohttp_client: AiohttpClient
) -> None:
    """The first request stored the message and then its process failed before the bot had
    it (the client saw a 500); the retry with the same client_id gets it handled, once."""
    failures = [RuntimeError("the bot stopped before it had the message")]

    async def deliver_failing_once(event: Inbound) -> None:
        if failures:
            raise failures.pop()
        await bot.local.deliver(event)

    channel = LocalChannel(
        database=bot.database,
        directory=bot.directory,
        deliver=deliver_failing_once,
        clock=bot.clock,
    )
    client = await aiohttp_client(create_app(database=bot.database, local=channel))
    body = {**REPORT, "client_id": "after-a-crash"}
    assert (await client.post(GAS, json=body)).status == 500
    assert stored(bot) == (1, 0) and bot.tickets() == []
    retry = await client.post(GAS, json=body)
    assert retry.status == 201
    assert [t.state for t in bot.tickets()] == ["assigned"]
    assert stored(bot) == (2, 1)  # the report once, the bot's answer; one inbound message
