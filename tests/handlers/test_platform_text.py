"""What a platform delivers is handled even when a database would refuse it as it came."""

from __future__ import annotations

from handlers.events import Inbound
from tests.harness import Bot


async def test_a_report_with_a_nul_and_a_broken_character_still_becomes_a_ticket(
    bot: Bot,
) -> None:
    # Platforms have delivered NUL bytes and half a surrogate pair; PostgreSQL stores neither.
    await bot.local.deliver(
        Inbound(
            channel="local",
            chat=bot.directory.chats["cuidong-gas"].address,
            sender="res-zhang",
            sender_name="张\x00女士" + "长" * 300,
            message_id="m-nul",
            text="3栋2单元501\x00 燃气灶打不着火\ud83d\n电话13812345678",
        )
    )
    (ticket,) = bot.tickets()
    assert ticket.building == "3"
    assert "\x00" not in ticket.text
    assert "燃气灶打不着火\ufffd" in ticket.text
    posts = await bot.posts("cuidong-gas")
    assert any(f"工单 #{ticket.number}" in post["text"] for post in posts)
    assert not any("13812345678" in post["text"] for post in posts)
