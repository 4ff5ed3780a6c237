"""Run a corpus transcript (corpus/*/transcripts/*.json) through the real bot and check it.

A transcript is a short conversation where meaning depends on context; its `expect` lists the
tickets that must exist at the end (and no others), how many messages wait on 待确认, and what
the bot's posts must and must not say. See CORPUS.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from channels.replay import TranscriptError, read_transcript, replay
from handlers.directory import load_directory

TICKET_FIELDS = ("state", "kind", "assignee", "rating", "building", "unit", "room")


def check_transcript(path: Path, directory_path: Path) -> list[str]:
    """The ways the bot's run of the transcript differs from what it expects; [] when none."""
    data = json.loads(path.read_text(encoding="utf-8"))
    directory = load_directory(directory_path)
    try:
        lines = read_transcript(
            (json.dumps(message, ensure_ascii=False) for message in data["messages"]), directory
        )
    except TranscriptError as error:
        return [f"unreadable: {error}"]
    result = replay(directory, lines, until=None)
    return compare(data.get("expect", {}), result.tickets, result.posts, result.reviews)


def compare(
    expect: dict[str, Any],
    tickets: list[dict[str, Any]],
    posts: list[dict[str, Any]],
    reviews: int,
) -> list[str]:
    problems = []
    wanted = expect.get("tickets")
    if wanted is not None:
        by_number = {t["number"]: t for t in tickets}
        if len(tickets) != len(wanted):
            problems.append(f"{len(tickets)} tickets, expected {len(wanted)}")
        for want in wanted:
            got = by_number.get(str(want.get("number")))
            if got is None:
                problems.append(f"no ticket #{want.get('number')}")
                continue
            for key, value in want.items():
                if key == "number":
                    continue
                actual = _field(got, key)
                if actual != value:
                    problems.append(f"#{want['number']} {key}: {actual!r}, expected {value!r}")
    if "review" in expect and reviews != expect["review"]:
        problems.append(f"{reviews} on 待确认, expected {expect['review']}")
    texts = [post["text"] for post in posts]
    for rule in expect.get("posts", []):
        if not any(rule["contains"] in text for text in texts):
            problems.append(f"no post says {rule['contains']!r}")
    for rule in expect.get("no_posts", []):
        if any(rule["contains"] in text for text in texts):
            problems.append(f"a post says {rule['contains']!r}")
    return problems


def _field(ticket: dict[str, Any], key: str) -> Any:
    if key in ("building", "unit", "room", "floor", "place"):
        return ticket["address"].get(key)
    if key == "emergency":
        return ticket.get("emergency_type")
    return ticket.get(key)
