"""A small Wechaty puppet service on 127.0.0.1: a grpclib server speaking the wechaty.Puppet
methods python-wechaty calls, with one logged-in account, rooms, members and a message log."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grpclib.const import Cardinality, Handler, Status
from grpclib.exceptions import GRPCError
from grpclib.protocol import H2Protocol
from grpclib.server import Server, Stream
from wechaty_grpc.wechaty import puppet as pb

TEXT = 7  # message types travel in TypeScript wechaty-puppet's numbering: Text = 7, Image = 6
IMAGE = 6
EVENT_MESSAGE = 2
EVENT_ROOM_INVITE = 18
EVENT_READY = 23
EVENT_LOGIN = 25
BOT_ID = "wxid_gridsteward"
BOT_NAME = "网格管家"
TOKEN = "test-token"


class _Server(Server):
    """grpclib's server, able to drop its connections as a gateway that dies would."""

    protocols: list[H2Protocol]

    def _protocol_factory(self) -> H2Protocol:
        protocol = super()._protocol_factory()
        self.protocols = [*getattr(self, "protocols", []), protocol]
        return protocol

    def drop_connections(self) -> None:
        for protocol in getattr(self, "protocols", []):
            connection = getattr(protocol, "connection", None)
            if connection is not None:
                connection.close()  # closes the TCP transport under the HTTP/2 connection


@dataclass
class Sent:
    """A text the bot posted through MessageSendText."""

    room: str
    text: str
    mention_ids: list[str]
    message_id: str
    at: float


@dataclass
class Room:
    topic: str
    members: dict[str, str] = field(default_factory=dict)  # contact id → room alias


class FakePuppetService:
    """Records what the bot sends; tests make people speak with `say`.

    Knobs: `payload_delay` (message id → seconds MessagePayload waits), `return_ids` (False:
    MessageSendText answers without an id, as some puppets do), `send_failures` (that many
    MessageSendText calls fail first).
    """

    def __init__(self, *, self_id: str = BOT_ID, self_name: str = BOT_NAME) -> None:
        self.self_id = self_id
        self.contacts: dict[str, str] = {self_id: self_name}
        self.rooms: dict[str, Room] = {}
        self.messages: dict[str, pb.MessagePayloadResponse] = {}
        self.images: dict[str, bytes] = {}
        self.sent: list[Sent] = []
        self.payload_delay: dict[str, float] = {}
        self.payload_failures: dict[str, int] = {}
        self.return_ids = True
        self.send_failures = 0
        self.starts = 0
        self.calls: list[str] = []
        self._streams: set[asyncio.Queue[pb.EventResponse | None]] = set()
        self._sent_changed = asyncio.Event()
        self._streams_changed = asyncio.Event()
        self._counter = 0
        self._server: _Server | None = None
        self.port = 0

    # -- the test's side ------------------------------------------------------------------

    def add_room(self, room_id: str, topic: str, members: dict[str, tuple[str, str]]) -> None:
        """members: contact id → (WeChat name, room alias)."""
        room = Room(topic=topic)
        for contact_id, (name, alias) in members.items():
            self.contacts[contact_id] = name
            room.members[contact_id] = alias
        room.members[self.self_id] = ""
        self.rooms[room_id] = room

    def say(
        self,
        room: str,
        talker: str,
        text: str = "",
        *,
        message_type: int = TEXT,
        mention_ids: tuple[str, ...] = (),
        image: bytes | None = None,
        delay: float = 0.0,
        announce: bool = True,
    ) -> str:
        """A person speaks in a room; returns the message id."""
        message_id = self._next_id("msg")
        self.messages[message_id] = pb.MessagePayloadResponse(
            id=message_id,
            text=text,
            timestamp=int(time.time() * 1000),
            type=message_type,  # type: ignore[arg-type]
            from_id=talker,
            room_id=room,
            mention_ids=list(mention_ids),
        )
        if image is not None:
            self.images[message_id] = image
        if delay:
            self.payload_delay[message_id] = delay
        if announce:
            self.announce(message_id)
        return message_id

    def announce(self, message_id: str) -> None:
        self.emit(EVENT_MESSAGE, {"messageId": message_id})

    def emit(self, event_type: int, payload: dict[str, Any]) -> None:
        event = pb.EventResponse(type=event_type, payload=json.dumps(payload))  # type: ignore[arg-type]
        for queue in self._streams:
            queue.put_nowait(event)

    def end_streams(self) -> None:
        """The gateway ends every Event stream, as on a restart of its puppet."""
        for queue in self._streams:
            queue.put_nowait(None)

    @property
    def connected(self) -> int:
        return len(self._streams)

    async def wait_connected(self, timeout: float = 10.0) -> None:
        await self._wait(lambda: bool(self._streams), self._streams_changed, timeout)

    async def wait_sent(self, count: int, timeout: float = 10.0) -> list[Sent]:
        await self._wait(lambda: len(self.sent) >= count, self._sent_changed, timeout)
        return self.sent

    async def start(self, port: int = 0) -> None:
        self._server = _Server([self])
        await self._server.start("127.0.0.1", port)
        sockets = self._server._server.sockets if self._server._server else ()
        self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """The gateway goes away: streams end, the port stops answering."""
        if self._server is None:
            return
        self._server.close()
        self._server.drop_connections()
        await self._server.wait_closed()
        self._server = None
        self._streams.clear()

    @property
    def endpoint(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- the wechaty.Puppet service --------------------------------------------------------

    def __mapping__(self) -> dict[str, Handler]:
        unary = Cardinality.UNARY_UNARY
        methods: dict[str, tuple[Callable[..., Any], Any, Any, Cardinality]] = {
            "Start": (self._start, pb.StartRequest, pb.StartResponse, unary),
            "Stop": (self._answer(pb.StopResponse), pb.StopRequest, pb.StopResponse, unary),
            "Ding": (self._answer(pb.DingResponse), pb.DingRequest, pb.DingResponse, unary),
            "Event": (self._event, pb.EventRequest, pb.EventResponse, Cardinality.UNARY_STREAM),
            "ContactPayload": (
                self._contact,
                pb.ContactPayloadRequest,
                pb.ContactPayloadResponse,
                unary,
            ),
            "RoomPayload": (self._room, pb.RoomPayloadRequest, pb.RoomPayloadResponse, unary),
            "RoomList": (self._room_list, pb.RoomListRequest, pb.RoomListResponse, unary),
            "RoomMemberList": (
                self._member_list,
                pb.RoomMemberListRequest,
                pb.RoomMemberListResponse,
                unary,
            ),
            "RoomMemberPayload": (
                self._member,
                pb.RoomMemberPayloadRequest,
                pb.RoomMemberPayloadResponse,
                unary,
            ),
            "MessagePayload": (
                self._message,
                pb.MessagePayloadRequest,
                pb.MessagePayloadResponse,
                unary,
            ),
            "MessageSendText": (
                self._send_text,
                pb.MessageSendTextRequest,
                pb.MessageSendTextResponse,
                unary,
            ),
            "MessageImage": (self._image, pb.MessageImageRequest, pb.MessageImageResponse, unary),
            "DirtyPayload": (
                self._answer(pb.DirtyPayloadResponse),
                pb.DirtyPayloadRequest,
                pb.DirtyPayloadResponse,
                unary,
            ),
        }
        return {
            f"/wechaty.Puppet/{name}": Handler(self._recorded(name, func), card, request, reply)
            for name, (func, request, reply, card) in methods.items()
        }

    def _recorded(self, name: str, func: Callable[[Stream[Any, Any]], Any]) -> Any:
        async def handler(stream: Stream[Any, Any]) -> None:
            self.calls.append(name)
            await func(stream)

        return handler

    @staticmethod
    def _answer(reply_type: Any) -> Callable[[Stream[Any, Any]], Any]:
        async def handler(stream: Stream[Any, Any]) -> None:
            await stream.recv_message()
            await stream.send_message(reply_type())

        return handler

    async def _start(self, stream: Stream[Any, Any]) -> None:
        await stream.recv_message()
        self.starts += 1
        await stream.send_message(pb.StartResponse())

    async def _event(self, stream: Stream[Any, Any]) -> None:
        await stream.recv_message()
        queue: asyncio.Queue[pb.EventResponse | None] = asyncio.Queue()
        # A gateway whose account is logged in says so first on every new stream.
        for event_type, payload in (
            (EVENT_LOGIN, {"contactId": self.self_id}),
            (EVENT_READY, {"data": "ready"}),
        ):
            queue.put_nowait(pb.EventResponse(type=event_type, payload=json.dumps(payload)))  # type: ignore[arg-type]
        self._streams.add(queue)
        self._streams_changed.set()
        try:
            while (event := await queue.get()) is not None:
                await stream.send_message(event)
        finally:
            self._streams.discard(queue)
            self._streams_changed.set()

    async def _contact(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        name = self.contacts.get(request.id, request.id)
        await stream.send_message(
            pb.ContactPayloadResponse(id=request.id, name=name, type=1, friend=True)  # type: ignore[arg-type]
        )

    async def _room(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        room = self.rooms.get(request.id)
        if room is None:
            raise GRPCError(Status.NOT_FOUND, f"no room {request.id}")
        await stream.send_message(
            pb.RoomPayloadResponse(id=request.id, topic=room.topic, member_ids=list(room.members))
        )

    async def _room_list(self, stream: Stream[Any, Any]) -> None:
        await stream.recv_message()
        await stream.send_message(pb.RoomListResponse(ids=list(self.rooms)))

    async def _member_list(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        room = self.rooms.get(request.id)
        members = list(room.members) if room else []
        await stream.send_message(pb.RoomMemberListResponse(member_ids=members))

    async def _member(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        room = self.rooms.get(request.id)
        alias = room.members.get(request.member_id, "") if room else ""
        await stream.send_message(
            pb.RoomMemberPayloadResponse(
                id=request.member_id,
                room_alias=alias,
                name=self.contacts.get(request.member_id, request.member_id),
            )
        )

    async def _message(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        if self.payload_failures.get(request.id, 0) > 0:
            self.payload_failures[request.id] -= 1
            raise GRPCError(Status.UNAVAILABLE, "the puppet is busy")
        delay = self.payload_delay.get(request.id, 0.0)
        if delay:
            await asyncio.sleep(delay)
        payload = self.messages.get(request.id)
        if payload is None:
            raise GRPCError(Status.NOT_FOUND, f"no message {request.id}")
        await stream.send_message(payload)

    async def _send_text(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        if self.send_failures > 0:
            self.send_failures -= 1
            raise GRPCError(Status.UNAVAILABLE, "the puppet is busy")
        message_id = self._next_id("bot")
        self.messages[message_id] = pb.MessagePayloadResponse(
            id=message_id,
            text=request.text,
            timestamp=int(time.time() * 1000),
            type=TEXT,  # type: ignore[arg-type]
            from_id=self.self_id,
            room_id=request.conversation_id,
            mention_ids=list(request.mentonal_ids),
        )
        self.sent.append(
            Sent(
                room=request.conversation_id,
                text=request.text,
                mention_ids=list(request.mentonal_ids),
                message_id=message_id,
                at=time.monotonic(),
            )
        )
        self._sent_changed.set()
        self.announce(message_id)  # puppets echo the account's own messages on the stream
        await stream.send_message(
            pb.MessageSendTextResponse(id=message_id if self.return_ids else None)
        )

    async def _image(self, stream: Stream[Any, Any]) -> None:
        request = await stream.recv_message()
        data = self.images.get(request.id)
        if data is None:
            raise GRPCError(Status.NOT_FOUND, f"no image {request.id}")
        box = {"boxType": 1, "name": "photo.jpg", "base64": base64.b64encode(data).decode()}
        await stream.send_message(pb.MessageImageResponse(filebox=json.dumps(box)))

    # -- helpers ------------------------------------------------------------------------------

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}-{self._counter}"

    async def _wait(self, done: Callable[[], bool], changed: asyncio.Event, timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while not done():
                changed.clear()
                await changed.wait()
