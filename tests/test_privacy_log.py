"""A resident's phone and ID number never reach the bot's log or its posts in full."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from tests.bot_process import running_bot

PHONE = "13812345678"
ID_NUMBER = "110101199003071234"


def test_the_log_and_the_posts_mask_phone_and_id(tmp_path: Path) -> None:
    text = f"#报修 3栋2单元501 燃气灶打不着火 电话{PHONE} 身份证{ID_NUMBER}"
    with running_bot(tmp_path) as bot:
        request = urllib.request.Request(
            f"{bot.url}/api/local/chats/cuidong-gas/messages",
            data=json.dumps({"sender": PHONE, "sender_name": PHONE, "text": text}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        urllib.request.urlopen(request, timeout=10).read()
        deadline = time.monotonic() + 20
        posts: list[dict[str, str]] = []
        while not posts and time.monotonic() < deadline:
            with urllib.request.urlopen(f"{bot.url}/api/local/chats/cuidong-gas/messages") as r:
                posts = [m for m in json.load(r) if m["from_bot"]]
            time.sleep(0.1)
        with urllib.request.urlopen(f"{bot.url}/api/tickets/1") as response:
            ticket = json.load(response)
        log = bot.log()
    assert posts and "138****5678" in posts[0]["text"]
    assert PHONE not in posts[0]["text"] and ID_NUMBER not in posts[0]["text"]
    assert "ticket #1 created" in log  # the dispatcher did log this message
    assert PHONE not in log and ID_NUMBER not in log
    assert PHONE not in json.dumps(ticket) and ID_NUMBER not in json.dumps(ticket)
