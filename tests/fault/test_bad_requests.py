"""Every route of the web server answers a wrong request with a clear 4xx and writes nothing.

Issue 7 defect 8: lone surrogates, JSON nested 10,000 deep, NUL bytes and over-long names gave
500s, and SQLite stored what PostgreSQL refused. The whole table runs on both databases; one
database per module is enough, since every case asserts that nothing at all was written.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import SQLModel, func, select

from handlers.directory import Directory
from models.db import Database
from models.inbound import InboundMessage
from models.local_chat import LocalMessage
from models.outbox import OutboxPost
from models.ticket import Ticket, TicketEvent
from tests.conftest import SHANGHAI
from tests.harness import Bot
from web.app import create_app

AiohttpClient = Callable[[web.Application], Awaitable[TestClient[Any, Any]]]
SAY = "/api/local/chats/cuidong-gas/messages"
OK = {"sender": "res-zhang", "sender_name": "张女士", "text": "#报修 3栋2单元501 燃气灶打不着火"}
JSON = {"Content-Type": "application/json"}


def raw(body: bytes | str) -> bytes:
    return body.encode() if isinstance(body, str) else body


def nested(depth: int) -> bytes:
    return b'{"sender": "res-zhang", "text": ' + b"[" * depth + b"]" * depth + b"}"


# (id, body, headers, status, what the error must say). A body is JSON unless it is bytes.
SAY_CASES: list[tuple[str, Any, dict[str, str], int, str]] = [
    # the envelope
    ("text-plain", raw(json.dumps(OK)), {"Content-Type": "text/plain"}, 415, "application/json"),
    ("no-content-type", raw(json.dumps(OK)), {}, 415, "application/json"),
    (
        "form",
        b"sender=x&text=y",
        {"Content-Type": "application/x-www-form-urlencoded"},
        415,
        "JSON",
    ),
    (
        "latin-1",
        raw(json.dumps(OK)),
        {"Content-Type": "application/json; charset=latin-1"},
        415,
        "UTF-8",
    ),
    ("not-json", b"hello", JSON, 400, "not JSON"),
    ("empty", b"", JSON, 400, "not JSON"),
    ("truncated", b'{"sender": "res-zhang", "text": "a', JSON, 400, "not JSON"),
    ("not-utf8", b'{"sender": "\xff", "text": "a"}', JSON, 400, "UTF-8"),
    ("surrogate-bytes", b'{"sender": "x", "text": "\xed\xa0\x80"}', JSON, 400, "UTF-8"),
    ("array", [OK], JSON, 400, "JSON object"),
    ("string", "text", JSON, 400, "JSON object"),
    ("null", None, JSON, 400, "JSON object"),
    ("nested-10000", nested(10_000), JSON, 400, "nested too deep"),
    ("nested-100000", nested(100_000), JSON, 400, "nested too deep"),
    ("nested-object-900", nested(900), JSON, 400, "text must be a string"),
    ("huge-body", {**OK, "text": "长" * 200_000}, JSON, 413, "larger than"),
    ("unknown-field", {**OK, "txt": "x"}, JSON, 400, "unknown field 'txt'"),
    # missing and wrongly typed fields
    ("no-sender", {"text": "燃气灶打不着火"}, JSON, 400, "sender is required"),
    ("no-text", {"sender": "res-zhang"}, JSON, 400, "text is required"),
    ("sender-number", {**OK, "sender": 7}, JSON, 400, "sender must be a string"),
    ("sender-list", {**OK, "sender": ["res"]}, JSON, 400, "sender must be a string"),
    ("sender-object", {**OK, "sender": {"id": 1}}, JSON, 400, "sender must be a string"),
    ("text-null", {**OK, "text": None}, JSON, 400, "text must be a string"),
    ("text-bool", {**OK, "text": True}, JSON, 400, "text must be a string"),
    ("name-number", {**OK, "sender_name": 7}, JSON, 400, "sender_name must be a string"),
    ("name-list", {**OK, "sender_name": []}, JSON, 400, "sender_name must be a string"),
    ("blank-sender", {**OK, "sender": "   "}, JSON, 400, "sender is required"),
    ("blank-text", {**OK, "text": "\n \n"}, JSON, 400, "text is empty"),
    # what PostgreSQL refuses and SQLite took
    ("nul-text", {**OK, "text": "燃气灶\x00打不着火"}, JSON, 400, "U+0000"),
    ("nul-sender", {**OK, "sender": "res\x00"}, JSON, 400, "sender holds the control"),
    ("nul-name", {**OK, "sender_name": "\x00"}, JSON, 400, "sender_name holds the control"),
    ("bell-text", {**OK, "text": "响\x07铃"}, JSON, 400, "U+0007"),
    ("newline-in-name", {**OK, "sender_name": "张\n女士"}, JSON, 400, "U+000A"),
    ("c1-control", {**OK, "text": "a\x85b"}, JSON, 400, "U+0085"),
    (
        "surrogate-text",
        raw('{"sender": "res-zhang", "text": "bad \\ud800 half"}'),
        JSON,
        400,
        "text holds a lone surrogate U+D800",
    ),
    (
        "surrogate-name",
        raw('{"sender": "res-zhang", "sender_name": "\\udfff", "text": "a"}'),
        JSON,
        400,
        "sender_name holds a lone surrogate",
    ),
    (
        "surrogate-sender",
        raw('{"sender": "\\udbff", "text": "a"}'),
        JSON,
        400,
        "sender holds a lone surrogate",
    ),
    ("long-sender", {**OK, "sender": "x" * 129}, JSON, 400, "sender is longer than 128"),
    ("long-name", {**OK, "sender_name": "名" * 129}, JSON, 400, "sender_name is longer than 128"),
    ("long-text", {**OK, "text": "长" * 2001}, JSON, 400, "longer than 2000"),
    # reply_to and client_id
    ("reply-string", {**OK, "reply_to": "1"}, JSON, 400, "reply_to must be"),
    ("reply-bool", {**OK, "reply_to": True}, JSON, 400, "reply_to must be"),
    ("reply-float", {**OK, "reply_to": 1.5}, JSON, 400, "reply_to must be"),
    ("reply-negative", {**OK, "reply_to": -1}, JSON, 400, "reply_to must be"),
    ("reply-too-big", {**OK, "reply_to": 2**31}, JSON, 400, "reply_to must be"),
    (
        "reply-huge-int",
        raw('{"sender": "x", "text": "a", "reply_to": ' + "9" * 5000 + "}"),
        JSON,
        400,
        "cannot be read",
    ),
    (
        "reply-infinity",
        raw('{"sender": "x", "text": "a", "reply_to": 1e400}'),
        JSON,
        400,
        "reply_to must be",
    ),
    (
        "reply-nan",
        raw('{"sender": "x", "text": "a", "reply_to": NaN}'),
        JSON,
        400,
        "reply_to must be",
    ),
    ("reply-nowhere", {**OK, "reply_to": 999}, JSON, 400, "reply_to 999"),
    ("client-id-number", {**OK, "client_id": 5}, JSON, 400, "client_id must be a string"),
    ("client-id-empty", {**OK, "client_id": " "}, JSON, 400, "client_id is empty"),
    ("client-id-long", {**OK, "client_id": "c" * 65}, JSON, 400, "client_id is longer than 64"),
    ("client-id-nul", {**OK, "client_id": "c\x00"}, JSON, 400, "client_id holds the control"),
]

# (id, path, status, what the error must say)
GET_CASES: list[tuple[str, str, int, str]] = [
    ("history-after-word", f"{SAY}?after=yesterday", 400, "after must be"),
    ("history-after-negative", f"{SAY}?after=-1", 400, "after must be"),
    ("history-after-fraction", f"{SAY}?after=1.5", 400, "after must be"),
    ("history-after-huge", f"{SAY}?after={'9' * 30}", 400, "after must be"),
    ("history-after-superscript", f"{SAY}?after=%C2%B2", 400, "after must be"),
    ("history-after-nul", f"{SAY}?after=%00", 400, "after holds the control"),
    ("history-after-twice", f"{SAY}?after=1&after=2", 400, "given twice"),
    ("history-unknown-param", f"{SAY}?afer=1", 400, "unknown query parameter 'afer'"),
    ("history-unknown-chat", "/api/local/chats/nowhere/messages", 400, "unknown local chat"),
    ("history-nul-chat", "/api/local/chats/%00/messages", 400, "unknown local chat"),
    ("history-long-chat", f"/api/local/chats/{'x' * 4000}/messages", 400, "unknown local chat"),
    ("tickets-nul-community", "/api/tickets?community=%00", 400, "community holds the control"),
    ("tickets-long-community", f"/api/tickets?community={'c' * 300}", 400, "longer than 256"),
    ("tickets-unknown-param", "/api/tickets?state=open", 400, "unknown query parameter"),
    ("ticket-word", "/api/tickets/abc", 400, "whole number"),
    ("ticket-negative", "/api/tickets/-1", 400, "whole number"),
    ("ticket-huge", f"/api/tickets/{'9' * 30}", 400, "whole number"),
    ("ticket-nul", "/api/tickets/%00", 400, "whole number"),
    ("ticket-fullwidth", "/api/tickets/%EF%BC%91", 400, "whole number"),
    ("ticket-unknown-param", "/api/tickets/1?full=1", 400, "unknown query parameter"),
    ("ticket-missing", "/api/tickets/12345", 404, "no ticket #12345"),
    ("live-without-websocket", "/api/local/live", 400, "WebSocket"),
    ("static-nul", "/static/local/%00", 404, "no such file"),
    ("static-long-name", f"/static/local/{'a' * 300}", 404, "no such file"),
    ("static-traversal", "/static/local/..%2F..%2Fbot.py", 404, "no such file"),
]


@pytest.fixture(scope="module")
def edge_bot(module_database: Database, directory: Directory) -> Bot:
    return Bot(
        database=module_database,
        directory=directory,
        start=datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI),
    )


@pytest.fixture
async def client(edge_bot: Bot, aiohttp_client: AiohttpClient) -> TestClient[Any, Any]:
    return await aiohttp_client(create_app(database=edge_bot.database, local=edge_bot.local))


def rows_written(database: Database) -> dict[str, int]:
    tables: list[type[SQLModel]] = [LocalMessage, InboundMessage, Ticket, TicketEvent, OutboxPost]
    with database.session() as session:
        return {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in tables
        }


NOTHING = {"LocalMessage": 0, "InboundMessage": 0, "Ticket": 0, "TicketEvent": 0, "OutboxPost": 0}


async def error_of(response: Any) -> str:
    if response.content_type == "application/json":
        return str((await response.json())["error"])
    return str(await response.text())


@pytest.mark.parametrize(
    ("body", "headers", "status", "fault"),
    [
        pytest.param(body, headers, status, fault, id=name)
        for name, body, headers, status, fault in SAY_CASES
    ],
)
async def test_a_wrong_message_is_refused_and_nothing_is_written(
    client: TestClient[Any, Any],
    edge_bot: Bot,
    body: Any,
    headers: dict[str, str],
    status: int,
    fault: str,
) -> None:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = await client.post(SAY, data=data, headers=headers)
    error = await error_of(response)
    assert (response.status, fault in error) == (status, True), error
    assert rows_written(edge_bot.database) == NOTHING


@pytest.mark.parametrize(
    ("path", "status", "fault"),
    [pytest.param(path, status, fault, id=name) for name, path, status, fault in GET_CASES],
)
async def test_a_wrong_address_is_refused_clearly(
    client: TestClient[Any, Any], edge_bot: Bot, path: str, status: int, fault: str
) -> None:
    response = await client.get(path)
    error = await error_of(response)
    assert (response.status, fault in error) == (status, True), error
    assert rows_written(edge_bot.database) == NOTHING


async def test_the_same_wrong_message_gets_the_same_answer_on_both_databases(
    client: TestClient[Any, Any], edge_bot: Bot
) -> None:
    """The refusal is decided before the database is asked, so it cannot differ between them:
    compare against answers written down here, not against another run."""
    response = await client.post(SAY, json={**OK, "sender_name": "名" * 129})
    assert await response.json() == {
        "error": "sender_name 太长 (sender_name is longer than 128 characters)"
    }
    response = await client.post(SAY, json={**OK, "text": "燃气\x00灶"})
    assert await response.json() == {
        "error": "text 含控制字符 (text holds the control character U+0000 at position 2)"
    }
