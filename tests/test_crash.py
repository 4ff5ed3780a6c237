"""A real process killed between deciding and sending loses nothing and doubles nothing."""

from __future__ import annotations

import contextlib
import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from sqlmodel import select

from models.db import Database
from models.inbound import InboundMessage
from models.outbox import OutboxPost
from models.ticket import all_tickets
from tests.bot_process import BotProcess, running_bot

GAS = "cuidong-gas"
# The crashed sender had leased the post; a short lease keeps the test quick.
SHORT_LEASE = {"GRIDSTEWARD_OUTBOX_LEASE_SECONDS": "2"}
REPORT = {
    "sender": "res-zhang",
    "sender_name": "张女士",
    "text": "#报修 3栋2单元501 燃气灶打不着火",
}


def post_report(bot: BotProcess, message: dict[str, Any] = REPORT) -> None:
    request = urllib.request.Request(
        f"{bot.url}/api/local/chats/{GAS}/messages",
        data=json.dumps(message).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    # The process may die before it answers: that is the point.
    with contextlib.suppress(urllib.error.URLError, ConnectionError):
        urllib.request.urlopen(request, timeout=10).read()


def died_with(bot: BotProcess, code: int) -> None:
    assert bot.process.wait(timeout=30) == code, bot.log()


def bot_posts(bot: BotProcess, *, wait_for: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 20
    while True:
        with urllib.request.urlopen(f"{bot.url}/api/local/chats/{GAS}/messages") as response:
            posts = [m for m in json.load(response) if m["from_bot"]]
        if len(posts) >= wait_for or time.monotonic() > deadline:
            return posts
        time.sleep(0.1)


def test_crash_after_the_decision_before_the_send(tmp_path: Path, database_url: str) -> None:
    crashing = {"GRIDSTEWARD_FAILPOINT": "before-send", **SHORT_LEASE}
    with running_bot(tmp_path, database_url=database_url, environment=crashing) as bot:
        post_report(bot)
        died_with(bot, 71)
    database = Database(database_url)
    with database.session() as session:
        [row] = session.exec(select(OutboxPost))
        assert row.sent_at is None and "工单 #1" in row.text  # decided, stored, not sent
        assert [t.state for t in all_tickets(session)] == ["assigned"]
    with running_bot(tmp_path, database_url=database_url, environment=SHORT_LEASE) as bot:
        posts = bot_posts(bot, wait_for=1)  # once the crashed sender's lease has run out
        time.sleep(1.5)  # a second, duplicate send would show up by now
        posts = bot_posts(bot, wait_for=1)
    assert len(posts) == 1 and "工单 #1" in posts[0]["text"] and "@祝均升" in posts[0]["text"]
    with database.session() as session:
        [row] = session.exec(select(OutboxPost))
        assert row.sent_at is not None
    database.close()


def test_crash_after_storing_the_message_before_handling_it(
    tmp_path: Path, database_url: str
) -> None:
    with running_bot(
        tmp_path, database_url=database_url, environment={"GRIDSTEWARD_FAILPOINT": "after-inbound"}
    ) as bot:
        post_report(bot)
        died_with(bot, 70)
    database = Database(database_url)
    with database.session() as session:
        [row] = session.exec(select(InboundMessage))
        assert row.state == "pending" and all_tickets(session) == []
    with running_bot(tmp_path, database_url=database_url) as bot:
        posts = bot_posts(bot, wait_for=1)
    assert len(posts) == 1 and "工单 #1" in posts[0]["text"]
    with database.session() as session:
        assert [t.number for t in all_tickets(session)] == [1]
        [row] = session.exec(select(InboundMessage))
        assert row.state == "handled"
    database.close()


def test_a_post_shown_just_before_a_crash_is_linked_and_never_shown_again(
    tmp_path: Path, database_url: str
) -> None:
    crashing = {"GRIDSTEWARD_FAILPOINT": "after-send", **SHORT_LEASE}
    with running_bot(tmp_path, database_url=database_url, environment=crashing) as bot:
        post_report(bot)
        died_with(bot, 72)  # the post is in the chat; the process died right after
    with running_bot(tmp_path, database_url=database_url, environment=SHORT_LEASE) as bot:
        [shown] = bot_posts(bot, wait_for=1)
        # At once, before any lease could run out: the steward's reply reaches the ticket.
        claim = {"sender": "zhu", "sender_name": "祝均升", "text": "接单", "reply_to": shown["id"]}
        post_report(bot, claim)
        posts = bot_posts(bot, wait_for=2)
        time.sleep(2.5)  # past the crashed sender's lease: a resend would show by now
        posts = bot_posts(bot, wait_for=3)
    assert [p["id"] for p in posts][:1] == [shown["id"]], posts  # shown once, not again
    assert len(posts) == 2 and "工单 #1 已由 祝均升 接单" in posts[1]["text"], posts
    database = Database(database_url)
    with database.session() as session:
        assert [t.state for t in all_tickets(session)] == ["claimed"]
    database.close()
