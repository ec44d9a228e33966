"""The gateway: a websocket speaking Discord's protocol closely enough that discord.py cannot tell.

HELLO, IDENTIFY → READY and one GUILD_CREATE per guild, heartbeats and their ACKs, RESUME (replaying what
the client missed), member chunk requests (op 8), and dispatches filtered by the intents the client asked
for, with message content blanked for a client without the message-content intent, as Discord does.
Frames are zlib-stream compressed when the client asks for it (discord.py does by default).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import zlib
from collections import Counter, deque
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .waiting import Signal

if TYPE_CHECKING:
    from .server import FakeDiscord

HEARTBEAT_INTERVAL_MS = 41250
# Dispatches kept for RESUME. Discord keeps a bounded backlog too, and a client that missed more is told
# its session cannot be resumed. Unbounded, a session kept every payload it was ever sent (20,000 in the
# load benchmark), all of them scanned by every full garbage collection of the fake's process.
REPLAY_LIMIT = 5000


class Intent:
    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MESSAGES = 1 << 9
    MESSAGE_CONTENT = 1 << 15
    GUILD_MESSAGE_POLLS = 1 << 24


EVENT_INTENTS = {
    "GUILD_CREATE": Intent.GUILDS,
    "GUILD_UPDATE": Intent.GUILDS,
    "GUILD_DELETE": Intent.GUILDS,
    "GUILD_ROLE_CREATE": Intent.GUILDS,
    "GUILD_ROLE_UPDATE": Intent.GUILDS,
    "CHANNEL_CREATE": Intent.GUILDS,
    "CHANNEL_UPDATE": Intent.GUILDS,
    "CHANNEL_DELETE": Intent.GUILDS,
    "THREAD_CREATE": Intent.GUILDS,
    "THREAD_UPDATE": Intent.GUILDS,
    "THREAD_DELETE": Intent.GUILDS,
    "GUILD_MEMBER_ADD": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_UPDATE": Intent.GUILD_MEMBERS,
    "GUILD_MEMBER_REMOVE": Intent.GUILD_MEMBERS,
    "MESSAGE_CREATE": Intent.GUILD_MESSAGES,
    "MESSAGE_UPDATE": Intent.GUILD_MESSAGES,
    "MESSAGE_DELETE": Intent.GUILD_MESSAGES,
    "MESSAGE_POLL_VOTE_ADD": Intent.GUILD_MESSAGE_POLLS,
    "MESSAGE_POLL_VOTE_REMOVE": Intent.GUILD_MESSAGE_POLLS,
}

CONTENT_FIELDS = ("content", "embeds", "attachments", "components", "poll")


class GatewaySession:
    """One identified client connection and what Discord tracks for it."""

    def __init__(self, ws: web.WebSocketResponse, *, compress: bool) -> None:
        self.ws = ws
        self.session_id = secrets.token_hex(16)
        self.seq = 0
        self.intents = 0
        self.ready = False
        self.acked_seq = -1
        self.heartbeats = 0
        self.history: deque[dict[str, Any]] = deque(maxlen=REPLAY_LIMIT)  # the latest dispatches, for RESUME
        self.dispatched: Counter[str] = Counter()  # every dispatch by event name, since IDENTIFY
        self.changed = Signal()
        self._compressor = zlib.compressobj() if compress else None
        self._send_lock = asyncio.Lock()

    @property
    def open(self) -> bool:
        return not self.ws.closed

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        async with self._send_lock:
            if self._compressor is None:
                await self.ws.send_str(text)
            else:
                data = self._compressor.compress(text.encode()) + self._compressor.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        self.seq += 1
        payload = {"op": 0, "t": event, "s": self.seq, "d": data}
        self.history.append(payload)
        self.dispatched[event] += 1
        await self.send(payload)

    def wants(self, event: str) -> bool:
        needed = EVENT_INTENTS.get(event)
        return needed is None or bool(self.intents & needed)

    def scrub(self, event: str, data: dict[str, Any], bot_user_id: int) -> dict[str, Any]:
        """Blank message content for a client without the privileged intent, as Discord does."""
        if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE") or self.intents & Intent.MESSAGE_CONTENT:
            return data
        author_id = (data.get("author") or {}).get("id")
        mentioned = any(u.get("id") == str(bot_user_id) for u in data.get("mentions") or [])
        if author_id == str(bot_user_id) or mentioned:
            return data
        scrubbed = dict(data)
        for key in CONTENT_FIELDS:
            if key in scrubbed:
                scrubbed[key] = "" if key == "content" else ([] if key != "poll" else None)
        if scrubbed.get("poll") is None:
            scrubbed.pop("poll", None)
        return scrubbed

    def heartbeat(self, seq: int | None) -> None:
        self.heartbeats += 1
        if seq is not None:
            self.acked_seq = max(self.acked_seq, seq)
        self.changed.notify()

    async def barrier(self, timeout: float) -> None:
        """Return once the client has processed every dispatch sent so far.

        Discord may ask a client for a heartbeat (op 1) at any time; the client answers with the last
        sequence number it handled, and discord.py handles frames in order, running each event's parser
        (which starts the bot's handler tasks) before reading the next frame.
        """
        target = self.seq
        if self.acked_seq >= target:
            return
        await self.send({"op": 1, "d": None})
        await self.changed.wait_until(
            lambda: self.acked_seq >= target or not self.open,
            timeout=timeout,
            what=f"the bot to acknowledge gateway sequence {target}",
        )


class Gateway:
    """Accepts websocket connections and routes dispatches to the live sessions."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: list[GatewaySession] = []
        self.known: dict[str, GatewaySession] = {}
        self.identifies: list[dict[str, Any]] = []
        self.connected = Signal()

    @property
    def live(self) -> list[GatewaySession]:
        return [s for s in self.sessions if s.ready and s.open]

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        session = GatewaySession(ws, compress=request.query.get("compress") == "zlib-stream")
        self.sessions.append(session)
        try:
            await session.send({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(session, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:
                    await self._on_frame(session, json.loads(zlib.decompress(msg.data)))
        finally:
            self.sessions.remove(session)
            session.changed.notify()
            self.connected.notify()
        return ws

    async def _on_frame(self, session: GatewaySession, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            session.heartbeat(data)
            await session.send({"op": 11})
        elif op == 2:
            await self._identify(session, data)
        elif op == 6:
            await self._resume(session, data)
        elif op == 8:
            await self._request_members(session, data)
        # op 3 (presence) and op 4 (voice) need no answer here

    async def _identify(self, session: GatewaySession, data: dict[str, Any]) -> None:
        self.identifies.append(data)
        expected = self.fake.token
        if expected is not None and data.get("token") != expected:
            await session.ws.close(code=4004, message=b"Authentication failed.")
            return
        session.intents = int(data.get("intents") or 0)
        state = self.fake.state
        await session.dispatch(
            "READY",
            {
                "v": 10,
                "user": state.bot_user.payload() | {"verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g), "unavailable": True} for g in state.guilds],
                "session_id": session.session_id,
                "session_type": "normal",
                "resume_gateway_url": self.fake.gateway_url,
                "shard": [0, 1],
                "application": {"id": str(state.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": [],
                "user_settings": {},
                "auth": {},
                "_trace": ["fake-discord"],
            },
        )
        if session.intents & Intent.GUILDS:
            for guild in state.guilds.values():
                await session.dispatch("GUILD_CREATE", state.guild_payload(guild, full=True))
        session.ready = True
        self.known[session.session_id] = session
        self.connected.notify()

    async def _resume(self, session: GatewaySession, data: dict[str, Any]) -> None:
        old = self.known.get(data.get("session_id", ""))
        seen = int(data.get("seq") or 0)
        if old is None or (old.history and old.history[0]["s"] > seen + 1):  # what it missed is gone
            await session.send({"op": 9, "d": False})
            return
        session.session_id, session.intents, session.seq = old.session_id, old.intents, old.seq
        session.history, session.dispatched = old.history, old.dispatched
        missed = [p for p in old.history if p["s"] > seen]
        for payload in missed:
            await session.send(payload)
        await session.dispatch("RESUMED", {"_trace": ["fake-discord"]})
        session.ready = True
        self.known[session.session_id] = session
        self.connected.notify()

    async def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.fake.state.guilds.get(int(data["guild_id"]))
        members = list(guild.members.values()) if guild else []
        if data.get("user_ids"):
            wanted = {int(u) for u in data["user_ids"]}
            members = [m for m in members if m.id in wanted]
        elif data.get("query"):
            members = [m for m in members if m.name.lower().startswith(str(data["query"]).lower())]
        chunk: dict[str, Any] = {
            "guild_id": str(data["guild_id"]),
            "members": [m.payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await session.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send an event to every live session that asked for it; returns how many received it."""
        sent = 0
        for session in self.live:
            if session.wants(event):
                await session.dispatch(event, session.scrub(event, data, self.fake.state.bot_user.id))
                sent += 1
        return sent

    async def barrier(self, timeout: float) -> None:
        for session in self.live:
            await session.barrier(timeout)

    async def drop(self, *, resumable: bool) -> None:
        """Close every live connection as Discord does when it restarts a gateway node (close code 4000).

        A resumable drop keeps the sessions, so the client's RESUME replays what it missed; otherwise they
        are forgotten first, RESUME is answered with INVALID_SESSION (op 9, not resumable) and the client
        must IDENTIFY afresh and receive READY again.
        """
        for session in self.live:
            if not resumable:
                self.known.pop(session.session_id, None)
            await session.ws.close(code=4000, message=b"fake discord dropped the connection")

    async def close_all(self) -> None:
        for session in list(self.sessions):
            await session.ws.close(code=1001, message=b"fake discord shutting down")
