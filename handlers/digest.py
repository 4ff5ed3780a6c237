"""On-demand figures for the staff: `日报` (/digest), `周报` (/weekly), `超时` (/overdue)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from handlers import schedule_texts
from handlers.context import Context
from handlers.normalize import normalize
from handlers.parse import Parsed
from schedules.digest import compose_daily, compose_overdue, compose_weekly

OnDemand = Callable[[Context, Parsed], str]


def digest(ctx: Context, parsed: Parsed) -> str:
    """Today's digest so far, in the chat that asked."""
    if not _staff(ctx):
        return "digest refused: not staff"
    day = ctx.now.astimezone(ctx.directory.timezone).date()
    ctx.post(compose_daily(ctx.session, ctx.directory, ctx.community, day=day, now=ctx.now))
    return "digest shown"


def weekly(ctx: Context, parsed: Parsed) -> str:
    """The last seven days, today included."""
    if not _staff(ctx):
        return "weekly digest refused: not staff"
    first_day = ctx.now.astimezone(ctx.directory.timezone).date() - timedelta(days=6)
    text = compose_weekly(
        ctx.session, ctx.directory, ctx.community, first_day=first_day, now=ctx.now
    )
    ctx.post(text)
    return "weekly digest shown"


def overdue(ctx: Context, parsed: Parsed) -> str:
    """The community's overdue tickets now."""
    if not _staff(ctx):
        return "overdue list refused: not staff"
    ctx.post(compose_overdue(ctx.session, ctx.directory, ctx.community, now=ctx.now))
    return "overdue list shown"


def _staff(ctx: Context) -> bool:
    """Secretaries, stewards, assistants and supervisors of the community (and the directory's
    admins) may read the figures; a resident gets a short answer."""
    if ctx.sender in ctx.directory.members(ctx.community.id) or ctx.sender in ctx.directory.admins:
        return True
    ctx.post(schedule_texts.STAFF_ONLY)
    return False


COMMANDS: dict[str, OnDemand] = {
    "日报": digest,
    "今日日报": digest,
    "/digest": digest,
    "周报": weekly,
    "/weekly": weekly,
    "超时": overdue,
    "超时工单": overdue,
    "/overdue": overdue,
}


def on_demand(text: str) -> OnDemand | None:
    """The command a whole message names ('日报', '/digest@GridStewardBot'), or None."""
    word = normalize(text).replace(" ", "")
    if word.startswith("/"):
        word = word.split("@", 1)[0]  # Telegram adds the bot's name in groups
    return COMMANDS.get(word)
