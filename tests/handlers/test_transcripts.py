"""Context transcripts (corpus/dev/transcripts) through the real bot on SQLite and PostgreSQL.

Each transcript is a short conversation whose meaning depends on who speaks, to which ticket,
and when: confirming and reopening in plain words, claiming by reply, a supervisor assigning, a
second message about an open ticket, an early 催办, each emergency with its own advice, notices
and news staying silent, and a doubtful message registered from 待确认.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bench.transcripts import compare
from models.review import ReviewItem
from tests.conftest import SHANGHAI
from tests.harness import Bot
from web.tickets import ticket_json

TRANSCRIPTS = sorted((Path(__file__).parents[2] / "corpus" / "dev" / "transcripts").glob("*.json"))


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
async def test_transcript(bot: Bot, path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    bot_posts: list[dict[str, Any]] = []
    for message in data["messages"]:
        bot.clock.now = datetime.fromisoformat(message["t"]).replace(tzinfo=SHANGHAI)
        reply_to = message.get("reply_to")
        if reply_to and reply_to.startswith("bot-"):
            reply_to = str(bot_posts[int(reply_to[4:]) - 1]["id"])
        await bot.deliver(
            message["chat"],
            message["from"],
            message["text"],
            message_id=message["id"],
            reply_to=reply_to,
            name=message.get("name", ""),
        )
        for chat in bot.directory.chats:
            bot_posts.extend(await bot.posts(chat))
        bot_posts.sort(key=lambda post: post["id"])
    tickets = [ticket_json(t, timezone=SHANGHAI) for t in bot.tickets()]
    with bot.database.session() as session:
        waiting = len(list(session.exec(select(ReviewItem).where(ReviewItem.state == "waiting"))))
    assert compare(data["expect"], tickets, bot_posts, waiting) == []
