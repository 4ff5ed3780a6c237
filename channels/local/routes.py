"""HTTP and WebSocket routes of the local web chat (the page, its API, the live feed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import WSCloseCode, WSMsgType, web

from channels.local.channel import LocalChannel, LocalConflict, LocalInputError
from models.columns import MAX_ID, as_id
from web.bodies import json_object, query, refuse

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = frozenset(path.name for path in STATIC.iterdir() if path.is_file())
LOCAL_CHANNEL: web.AppKey[LocalChannel] = web.AppKey("local_channel", LocalChannel)
LIVE_SOCKETS: web.AppKey[set[web.WebSocketResponse]] = web.AppKey("live_sockets")


def add_local_chat(app: web.Application, channel: LocalChannel) -> None:
    app[LOCAL_CHANNEL] = channel
    app[LIVE_SOCKETS] = set()
    app.on_shutdown.append(close_live_sockets)
    app.router.add_get("/", to_chat)
    app.router.add_get("/chat", chat_page)
    app.router.add_get("/static/local/{name}", static_file)
    app.router.add_get("/api/local/setup", setup)
    app.router.add_get("/api/local/chats/{chat}/messages", history)
    app.router.add_post("/api/local/chats/{chat}/messages", say)
    app.router.add_get("/api/local/live", live)


async def to_chat(_request: web.Request) -> web.StreamResponse:
    raise web.HTTPFound("/chat")


async def chat_page(_request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "chat.html")


async def static_file(request: web.Request) -> web.FileResponse:
    """Only the page's own files: no path from outside reaches the file system."""
    name = request.match_info["name"]
    if name not in STATIC_FILES:
        raise web.HTTPNotFound(text=f"no such file: {name[:64]!r}")
    return web.FileResponse(STATIC / name)


async def setup(request: web.Request) -> web.Response:
    """The groups to pick from and the directory's people, so a newcomer can play each role."""
    channel = request.app[LOCAL_CHANNEL]
    directory = channel.directory
    people = [
        {"id": p.id, "account": p.accounts["local"], "name": p.name, "role": p.role}
        for p in directory.people.values()
        if "local" in p.accounts
    ]
    return web.json_response({"chats": channel.chats(), "people": people})


async def history(request: web.Request) -> web.Response:
    channel = request.app[LOCAL_CHANNEL]
    params = query(request, allowed=("after",))
    after = as_id(params.get("after", "0"))
    if after is None:
        refuse(f"after must be a message id, 0 to {MAX_ID}")
    try:
        return web.json_response(await channel.history(request.match_info["chat"], after))
    except LocalInputError as error:
        refuse(str(error))


MESSAGE_FIELDS = ("sender", "sender_name", "text", "reply_to", "client_id")


async def say(request: web.Request) -> web.Response:
    channel = request.app[LOCAL_CHANNEL]
    body = await json_object(request, fields=MESSAGE_FIELDS)
    for key in ("sender", "text"):
        if key not in body:
            refuse(f"{key} is required")
    reply_to = body.get("reply_to")
    if reply_to is not None and (not isinstance(reply_to, int) or as_id(reply_to) is None):
        refuse(f"reply_to must be a message id (a whole number up to {MAX_ID}) or null")
    sender_name = body.get("sender_name")
    try:
        message = await channel.say(
            chat=request.match_info["chat"],
            sender=body["sender"],
            sender_name="" if sender_name is None else sender_name,
            text=body["text"],
            reply_to=reply_to,
            client_id=body.get("client_id"),
        )
    except LocalConflict as error:
        refuse(str(error), 409)
    except LocalInputError as error:
        refuse(str(error))
    return web.json_response(message, status=201)


async def live(request: web.Request) -> web.WebSocketResponse:
    """Every new message of every local group, as JSON, while the page is open."""
    channel = request.app[LOCAL_CHANNEL]
    socket = web.WebSocketResponse(heartbeat=30)
    if not socket.can_prepare(request).ok:
        refuse("这是实时消息通道 (this address is the live feed: open it as a WebSocket)")
    await socket.prepare(request)
    request.app[LIVE_SOCKETS].add(socket)
    queue = channel.subscribe()
    reader = asyncio.create_task(_drain(socket))  # notices the browser leaving
    try:
        while not reader.done():
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                await socket.send_json(getter.result())
            else:
                getter.cancel()
    finally:
        channel.unsubscribe(queue)
        request.app[LIVE_SOCKETS].discard(socket)
        reader.cancel()
    return socket


async def close_live_sockets(app: web.Application) -> None:
    """Open pages must not hold up a shutdown; they reconnect to the next run."""
    open_sockets = app[LIVE_SOCKETS]
    for socket in list(open_sockets):
        await socket.close(code=WSCloseCode.GOING_AWAY, message=b"server shutdown")


async def _drain(socket: web.WebSocketResponse) -> None:
    async for message in socket:
        if message.type == WSMsgType.ERROR:
            break
