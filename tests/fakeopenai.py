"""A fake OpenAI-compatible chat-completions server on 127.0.0.1, for the model writer's tests.

The writer is synchronous (it runs in the analysis worker process), so the server runs its own event loop
in a thread and a test calls the writer directly. Each request is answered by the next scripted behaviour
(the last one repeats), and every request body is kept so a test can read what the model was asked.
A behaviour that stalls (``hang``, ``drip``) ends as soon as the client hangs up or the server stops.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

Behaviour = Callable[[web.Request], Awaitable[web.StreamResponse]]


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._script: list[Behaviour] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-openai", daemon=True)
        self._stopping = threading.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def then(self, *behaviours: Behaviour) -> FakeOpenAI:
        """Answer the next requests with these behaviours, in order; the last one keeps answering."""
        self._script.extend(behaviours)
        return self

    def start(self) -> None:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)

    def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        self._runner = web.AppRunner(app, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        self.headers.append(dict(request.headers))
        try:
            self.requests.append(await request.json())
        except ValueError:
            self.requests.append({"unparsable": await request.text()})
        behaviour = self._script.pop(0) if len(self._script) > 1 else self._script[0]
        return await behaviour(request)

    async def linger(self, request: web.Request, seconds: float) -> None:
        """Wait up to ``seconds``, less if the client hangs up or the server stops."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and not self._stopping.is_set():
            transport = request.transport
            if transport is None or transport.is_closing():
                return
            await asyncio.sleep(0.02)


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": "fake",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def answer(content: dict[str, Any] | str, finish_reason: str = "stop") -> Behaviour:
    """A 200 chat completion whose message is ``content`` (a dict is sent as its JSON)."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)

    async def behaviour(_request: web.Request) -> web.StreamResponse:
        return web.json_response(completion(text, finish_reason))

    return behaviour


def status(code: int, body: dict[str, Any] | str = "", headers: dict[str, str] | None = None) -> Behaviour:
    """An HTTP error (or any status) with a JSON or text body."""

    async def behaviour(_request: web.Request) -> web.StreamResponse:
        if isinstance(body, dict):
            return web.json_response(body, status=code, headers=headers)
        return web.Response(text=body, status=code, headers=headers)

    return behaviour


def raw(body: bytes, content_type: str = "application/json") -> Behaviour:
    """A 200 whose body is exactly ``body``: garbage, truncated JSON, an HTML error page."""

    async def behaviour(_request: web.Request) -> web.StreamResponse:
        return web.Response(body=body, content_type=content_type)

    return behaviour


def hang(server: FakeOpenAI, seconds: float, then: Behaviour) -> Behaviour:
    """Say nothing for ``seconds`` (or until the client gives up), then behave as ``then``."""

    async def behaviour(request: web.Request) -> web.StreamResponse:
        await server.linger(request, seconds)
        return await then(request)

    return behaviour


def drip(server: FakeOpenAI, data: bytes, every: float) -> Behaviour:
    """Write a raw HTTP response a byte at a time, status line and headers included: each byte comes well
    inside any read timeout, the whole never in time."""

    async def behaviour(request: web.Request) -> web.StreamResponse:
        transport = request.transport
        for byte in data:
            if transport is None or transport.is_closing() or server.stopping:
                break
            transport.write(bytes([byte]))
            await server.linger(request, every)
        await server.linger(request, 3600)
        if transport is not None:
            transport.close()  # the response was written by hand: nothing more may follow it
        return web.Response()

    return behaviour


def drip_response(content: str) -> bytes:
    """A complete raw HTTP response carrying a chat completion, for ``drip``."""
    body = json.dumps(completion(content)).encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body
