"""The fake gateway keeps a bounded backlog for RESUME, as Discord does: what was missed is replayed while
it is still held, and a client that missed more is told its session cannot be resumed (op 9)."""

from __future__ import annotations

import json
from typing import Any

from tests.fakediscord import FakeDiscord
from tests.fakediscord.gateway import REPLAY_LIMIT, GatewaySession


class Socket:
    """Stands in for the aiohttp websocket: the frames the fake sent, in order."""

    closed = False

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    async def send_str(self, text: str) -> None:
        self.frames.append(json.loads(text))


async def resumed_after(seen: int, dispatches: int) -> list[dict[str, Any]]:
    fake = FakeDiscord(spec_path=None)
    old = GatewaySession(Socket(), compress=False)  # type: ignore[arg-type]
    fake.gateway.known[old.session_id] = old
    for n in range(dispatches):
        await old.dispatch("MESSAGE_CREATE", {"n": n})
    new = GatewaySession(Socket(), compress=False)  # type: ignore[arg-type]
    await fake.gateway._resume(new, {"session_id": old.session_id, "seq": seen})
    return new.ws.frames  # type: ignore[attr-defined, no-any-return]


async def test_what_was_missed_is_replayed_then_resumed() -> None:
    frames = await resumed_after(seen=7, dispatches=10)
    assert [f["s"] for f in frames] == [8, 9, 10, 11]
    assert frames[-1]["t"] == "RESUMED"


async def test_a_backlog_past_the_limit_is_not_resumable_and_stays_bounded() -> None:
    dispatches = REPLAY_LIMIT + 100
    frames = await resumed_after(seen=50, dispatches=dispatches)
    assert frames == [{"op": 9, "d": False}]
    frames = await resumed_after(seen=dispatches - 3, dispatches=dispatches)
    assert [f["s"] for f in frames] == [dispatches - 2, dispatches - 1, dispatches, dispatches + 1]
