"""A web page served on 127.0.0.1 for tests that queue a reading by link."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from aiohttp import web


def article(title: str, paragraphs: list[str]) -> str:
    """An HTML page whose article is these paragraphs, as a news site would serve it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


@contextlib.asynccontextmanager
async def serving(html: str, path: str = "/reading") -> AsyncIterator[tuple[str, list[str]]]:
    """The page's address, and a list that grows by the path at each fetch (to show what was fetched)."""
    fetched: list[str] = []

    async def serve(request: web.Request) -> web.Response:
        fetched.append(request.path)
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_get(path, serve)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}{path}", fetched
    finally:
        await runner.cleanup()
