"""Every ticket command × every role: allowed or refused, and a refusal changes nothing.

Through the real bot harness (the dispatcher, the outbox, the local channel). Each case brings
its own ticket, so one database serves the module: the whole matrix (9 commands × 9 speakers)
on SQLite, and a slice that holds every command and every speaker once on PostgreSQL. The
outcome depends on the directory and the ticket, not on the database; the slice shows the
PostgreSQL path writes (and refuses to write) the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from handlers.directory import load_directory
from handlers.events import Inbound
from models.db import Database
from tests.conftest import SHANGHAI, fresh_database_url
from tests.harness import Bot

DIRECTORY = Path(__file__).with_name("two_communities.yaml")
GAS = "cuidong-gas"


@dataclass(frozen=True)
class Speaker:
    who: str  # a person id, or a resident's account
    chat: str  # the directory chat they write in, or an address no directory knows


SPEAKERS = {
    "resident": Speaker("res-neighbour", GAS),
    "reporter": Speaker("res-zhang", GAS),
    "assignee": Speaker("zhu", GAS),
    "steward-same-community": Speaker("liu", GAS),
    "steward-other-community": Speaker("sun", GAS),
    "steward-other-community-own-chat": Speaker("sun", "lianhua-group"),
    "supervisor": Speaker("wang", GAS),
    "secretary": Speaker("sec-li", GAS),
    "unknown-chat": Speaker("zhu", "chat-nobody-listed"),  # even the assignee, from there
}

# The command as people type it ({n}: the ticket), and what an allowed one does to the ticket.
COMMANDS: dict[str, tuple[str, dict[str, Any]]] = {
    "claim": ("接单 #{n}", {"state": "claimed"}),
    "progress": ("#{n} 到场", {"state": "in_progress"}),
    "resolve": ("#{n} 已完成 换了点火针", {"state": "resolved"}),
    "reassign": ("转派 #{n} @陈明", {"state": "assigned", "assignee": "chen"}),
    "return": ("退回 #{n} 不归我管", {"state": "returned", "assignee": "sec-li", "grid": None}),
    "confirm": ("#{n} 满意", {"state": "closed", "rating": "satisfied"}),
    "reopen": ("#{n} 不满意 还是打不着", {"state": "reopened", "rating": "unsatisfied"}),
    "urge": ("催办 #{n}", {"urge_count": 1}),
    "query": ("查询 #{n}", {}),
}
RATING = ("confirm", "reopen")  # asked of a resolved ticket; the rest of an assigned one
WORKERS = {"assignee", "supervisor", "secretary"}
IN_THE_GROUP = {name for name, s in SPEAKERS.items() if s.chat == GAS}


def allowed(command: str, role: str) -> bool:
    """The rule under test, written out: who may do what to a 翠东 ticket."""
    if command in RATING:
        return role == "reporter"
    if command in ("urge", "query"):
        return role in IN_THE_GROUP  # anyone in the community's groups
    return role in WORKERS


def expected_refusal(command: str, role: str) -> str | None:
    """What the speaker is told when refused; None: not a word (a chat the bot does not know)."""
    if role == "unknown-chat":
        return None
    if role == "steward-other-community-own-chat":
        return "未找到工单"  # 莲花's group cannot see 翠东's tickets
    return "只有报事人" if command in RATING else "⛔ 工单"


MATRIX = [(command, role) for command in COMMANDS for role in SPEAKERS]
# Every command and every speaker at least once, allowed and refused both.
POSTGRES_SLICE = [
    ("claim", "assignee"),
    ("claim", "resident"),
    ("progress", "supervisor"),
    ("resolve", "secretary"),
    ("resolve", "steward-same-community"),
    ("reassign", "steward-other-community"),
    ("return", "secretary"),
    ("confirm", "reporter"),
    ("reopen", "assignee"),
    ("urge", "steward-other-community-own-chat"),
    ("query", "unknown-chat"),
    ("query", "resident"),
]


def _bot(url: str) -> Iterator[Bot]:
    database = Database(url)
    database.migrate()
    yield Bot(
        database=database,
        directory=load_directory(DIRECTORY),
        start=datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI),
    )
    database.close()


@pytest.fixture(scope="module")
def sqlite_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bot]:
    with fresh_database_url("sqlite", tmp_path_factory.mktemp("matrix"), True) as url:
        yield from _bot(url)


@pytest.fixture(scope="module")
def postgres_bot(
    tmp_path_factory: pytest.TempPathFactory, postgres_available: bool
) -> Iterator[Bot]:
    with fresh_database_url("postgresql", tmp_path_factory.mktemp("x"), postgres_available) as url:
        yield from _bot(url)


async def ticket_for(bot: Bot, command: str) -> int:
    """A fresh 翠东 ticket, reported by res-zhang, assigned to zhu; resolved for a rating."""
    await bot.say(GAS, "res-zhang", "#报修 3栋2单元501 燃气灶打不着火", name="张女士")
    number = max(t.number or 0 for t in bot.tickets())
    if command in RATING:
        await bot.say(GAS, "zhu", f"#{number} 已完成")
    for chat in ("cuidong-gas", "lianhua-group"):
        await bot.posts(chat)  # read up to here
    return number


async def speak(bot: Bot, speaker: Speaker, text: str, number: int) -> None:
    if speaker.chat in bot.directory.chats:
        await bot.say(speaker.chat, speaker.who, text)
        return
    person = bot.directory.person(speaker.who)
    assert person is not None
    # A platform channel hands over a message from a group nobody put in the directory.
    await bot.local.deliver(
        Inbound(
            channel="local",
            chat=speaker.chat,
            sender=person.accounts["local"],
            sender_name=person.name,
            message_id=f"unlisted-{number}",
            text=text,
        )
    )


def snapshot(bot: Bot, number: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return bot.ticket(number).model_dump(), [e.model_dump() for e in bot.events(number)]


async def check(bot: Bot, command: str, role: str) -> None:
    number = await ticket_for(bot, command)
    before_ticket, before_events = snapshot(bot, number)
    outbox_before = len(bot.outbox())
    speaker = SPEAKERS[role]
    text, effect = COMMANDS[command]
    await speak(bot, speaker, text.format(n=number), number)
    after_ticket, after_events = snapshot(bot, number)
    replies = await bot.posts(speaker.chat) if speaker.chat in bot.directory.chats else []

    if allowed(command, role):
        changed = {k: v for k, v in after_ticket.items() if before_ticket[k] != v}
        wanted = {k: (before_ticket[k] + v if k == "urge_count" else v) for k, v in effect.items()}
        assert {k: changed.get(k, before_ticket[k]) for k in wanted} == wanted
        person = bot.directory.person(speaker.who)
        actor = person.id if person else speaker.who
        if command == "query":
            assert after_events == before_events
            assert any(f"工单 #{number}" in p["text"] for p in replies), replies
        else:
            assert [e["actor"] for e in after_events[len(before_events) :]] == [actor]
        assert not any(p["text"].startswith("⛔") for p in replies)
        return

    assert (after_ticket, after_events) == (before_ticket, before_events)
    refusal = expected_refusal(command, role)
    if refusal is None:
        assert len(bot.outbox()) == outbox_before  # not a word into a group nobody listed
    else:
        assert [refusal in p["text"] for p in replies] == [True], replies


@pytest.mark.parametrize(("command", "role"), MATRIX, ids=[f"{c}-by-{r}" for c, r in MATRIX])
async def test_permission_matrix(sqlite_bot: Bot, command: str, role: str) -> None:
    await check(sqlite_bot, command, role)


@pytest.mark.parametrize(
    ("command", "role"), POSTGRES_SLICE, ids=[f"{c}-by-{r}" for c, r in POSTGRES_SLICE]
)
async def test_permission_slice_on_postgresql(postgres_bot: Bot, command: str, role: str) -> None:
    await check(postgres_bot, command, role)


def test_the_slice_holds_every_command_and_speaker() -> None:
    assert {c for c, _ in POSTGRES_SLICE} == set(COMMANDS)
    assert {r for _, r in POSTGRES_SLICE} == set(SPEAKERS)
    outcomes = {allowed(c, r) for c, r in POSTGRES_SLICE}
    assert outcomes == {True, False}
