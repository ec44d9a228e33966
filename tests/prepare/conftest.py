"""Shared by the worker tests: a reading long enough to analyse, a progress recorder, a local web site."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.prepare import WorkerLimits

#: Small enough that a hung worker fails a test in seconds, large enough for a loaded 2-core machine to
#: start an interpreter and analyse a short reading.
FAST = WorkerLimits(seconds=20, memory_mb=512, allow_private_urls=True)

ESSAY = "\n\n".join(
    [
        "Why Every Town Needs Its Library",
        "Public libraries are an essential service, and we should fund them as one. They lend books, but "
        "they also give people a quiet place to work, free internet access and help from trained staff.",
        "Critics say that the internet has made libraries obsolete. That view is mistaken, because millions "
        "of people still have no reliable connection at home and depend on the library to apply for jobs.",
        "Closing a branch therefore shifts costs onto the poorest residents. Councils must stop treating "
        "libraries as a luxury to be cut first whenever budgets are tight, since the savings are small.",
        "In the end, a town without a library is a poorer place to live. We need to defend them loudly.",
    ]
)


class Recorder:
    """A ``Progress`` callback that remembers what it was told, in order."""

    def __init__(self) -> None:
        self.said: list[str] = []

    async def __call__(self, sentence: str) -> None:
        self.said.append(sentence)


@pytest.fixture
def told() -> Recorder:
    return Recorder()


async def _essay_page(request: web.Request) -> web.Response:
    paragraphs = "".join(f"<p>{p}</p>" for p in ESSAY.split("\n\n")[1:])
    html = (
        "<!DOCTYPE html><html><head><title>Why Every Town Needs Its Library</title></head><body>"
        f"<nav>Home · About</nav><article><h1>Why Every Town Needs Its Library</h1>{paragraphs}</article>"
        "<footer>Cookie policy</footer></body></html>"
    )
    return web.Response(text=html, content_type="text/html")


async def _missing(request: web.Request) -> web.Response:
    return web.Response(status=404, text="nope")


@pytest.fixture
async def site() -> AsyncIterator[str]:
    """Base URL of a web site on 127.0.0.1 with an essay at /essay and nothing at /missing."""
    app = web.Application()
    app.router.add_get("/essay", _essay_page)
    app.router.add_get("/missing", _missing)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
