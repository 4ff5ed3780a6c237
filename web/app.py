"""`create_app`: one aiohttp application that every web-facing part joins."""

from __future__ import annotations

from aiohttp import web

from channels.local import LocalChannel
from channels.local.routes import add_local_chat
from models.db import Database
from web.guard import LOOPBACK_NAMES, no_framing, same_origin_only
from web.tickets import add_ticket_routes


async def healthz(_request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def no_icon(_request: web.Request) -> web.Response:
    return web.Response(status=204)  # browsers ask; an empty answer keeps their console clean


def create_app(
    *,
    database: Database,
    local: LocalChannel | None,
    hosts: frozenset[str] = LOOPBACK_NAMES,
    vouched_hosts: frozenset[str] = frozenset(),
) -> web.Application:
    """`hosts`: the names requests may carry on the served port; `vouched_hosts`: names the
    operator allowed on any port (a proxy in front). See web/guard.py."""
    app = web.Application(
        client_max_size=256 * 1024,
        middlewares=[same_origin_only(hosts | vouched_hosts, any_port=vouched_hosts)],
    )
    app.on_response_prepare.append(no_framing)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/favicon.ico", no_icon)
    add_ticket_routes(app, database)
    if local is not None:
        add_local_chat(app, local)
    return app
