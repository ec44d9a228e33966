"""Fetching links, against an aiohttp server on 127.0.0.1 (``allow_private=True`` lets loopback through)."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from bot.ingest import ReadingError, fetch_url
from tests.ingest.builders import make_pdf

PARAGRAPH = "Civic life depends on people who read the same thing and argue about it in good faith. " * 3
PAGE = f"""<!DOCTYPE html><html><head><title>Reading Together</title>
<meta name="author" content="Jane Doe"></head><body><nav>Home · About</nav><article><h1>Reading Together</h1>
<p>{PARAGRAPH}</p><p>Therefore {PARAGRAPH}</p></article><footer>Cookie policy</footer></body></html>"""
PDF_LINES = [
    "A Linked Essay",
    "Reading slowly is not a failure of attention but a way of",
    "paying it, and a circle that reads together must therefore",
    "agree on a pace that suits its slowest reader, because",
    "discussion needs shared ground more than it needs speed,",
    "and shared ground takes time to build among many readers.",
]


async def _page(request: web.Request) -> web.Response:
    return web.Response(text=PAGE, content_type="text/html")


async def _pdf(request: web.Request) -> web.Response:
    return web.Response(body=make_pdf([PDF_LINES]), content_type="application/pdf")


async def _missing(request: web.Request) -> web.Response:
    return web.Response(status=404, text="nope")


async def _redirect(request: web.Request) -> web.Response:
    n = int(request.match_info["n"])
    target = "/page" if n == 0 else f"/hop/{n - 1}"
    raise web.HTTPFound(target)


async def _to_private(request: web.Request) -> web.Response:
    raise web.HTTPFound(f"http://127.0.0.2:{request.query['port']}/page")


async def _stream(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    response.enable_chunked_encoding()  # no Content-Length: the cap must hold while streaming
    await response.prepare(request)
    try:
        for _ in range(64):
            await response.write(b"word " * 4096)  # 20 KB a chunk, 1.3 MB in all
    except (ConnectionResetError, RuntimeError):
        pass
    return response


async def _image(request: web.Request) -> web.Response:
    return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, content_type="image/png")


async def _slow(request: web.Request) -> web.Response:
    await asyncio.sleep(5)
    return web.Response(text=PAGE, content_type="text/html")


@pytest.fixture
async def server():
    """Base URL of a local test site."""
    app = web.Application()
    app.router.add_get("/page", _page)
    app.router.add_get("/essay.pdf", _pdf)
    app.router.add_get("/missing", _missing)
    app.router.add_get("/hop/{n}", _redirect)
    app.router.add_get("/stream", _stream)
    app.router.add_get("/to-private", _to_private)
    app.router.add_get("/image", _image)
    app.router.add_get("/slow", _slow)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_html_page_by_url(server):
    """An HTML page gives its article text, title, author and the final URL as source."""
    reading = await fetch_url(f"{server}/page", allow_private=True)
    assert (reading.title, reading.author) == ("Reading Together", "Jane Doe")
    assert reading.paragraphs == [PARAGRAPH.strip(), "Therefore " + PARAGRAPH.strip()]
    assert reading.source == f"{server}/page"


async def test_pdf_by_url(server):
    """A linked PDF is read like an uploaded one."""
    reading = await fetch_url(f"{server}/essay.pdf", allow_private=True)
    assert reading.title == "A Linked Essay"
    assert reading.text.startswith("Reading slowly is not a failure of attention but a way of paying it")


async def test_404_is_explained(server):
    """A dead link says its status and asks whether it is still online."""
    with pytest.raises(ReadingError) as err:
        await fetch_url(f"{server}/missing", allow_private=True)
    assert str(err.value) == "That link answered 404 Not Found — is it still online?"


async def test_redirects_are_followed_up_to_five(server):
    """Five hops are fine; six are refused."""
    reading = await fetch_url(f"{server}/hop/4", allow_private=True)
    assert reading.source == f"{server}/page"
    with pytest.raises(ReadingError, match="redirects more than 5 times"):
        await fetch_url(f"{server}/hop/5", allow_private=True)


async def test_size_cap_holds_while_streaming(server):
    """A body without Content-Length is cut off at the cap."""
    with pytest.raises(ReadingError, match="larger than 256 KB"):
        await fetch_url(f"{server}/stream", allow_private=True, max_bytes=256 * 1024)


async def test_wrong_content_type_is_refused(server):
    """An image link is refused from its Content-Type."""
    with pytest.raises(ReadingError, match=r"That link is an image \(image/png\)"):
        await fetch_url(f"{server}/image", allow_private=True)


async def test_slow_server_times_out(server):
    """A server that does not answer in time gives the timeout message."""
    with pytest.raises(ReadingError, match="took too long to answer"):
        await fetch_url(f"{server}/slow", allow_private=True, timeout=0.5)


async def test_loopback_is_refused_without_allow_private(server):
    """Without ``allow_private`` a literal loopback IP is refused before connecting."""
    with pytest.raises(ReadingError) as err:
        await fetch_url(f"{server}/page")
    assert str(err.value) == "That link points to a private network address; I only fetch public pages."


async def test_host_name_resolving_to_loopback_is_refused_by_the_resolver(server):
    """ "localhost" passes the URL check but the resolver drops its loopback addresses."""
    port = server.rsplit(":", 1)[1]
    with pytest.raises(ReadingError, match="private network address"):
        await fetch_url(f"http://localhost:{port}/page")


async def test_redirect_to_a_private_address_is_refused(server, monkeypatch):
    """Each hop is checked: a public start cannot bounce the bot to a private address."""
    import bot.ingest.url as url_module

    # Pretend 127.0.0.1 is public so the first hop connects; the redirect target 127.0.0.2 stays private.
    monkeypatch.setattr(url_module, "is_public", lambda address: str(address) == "127.0.0.1")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(ReadingError, match="private network address"):
        await fetch_url(f"{server}/to-private?port={port}")


def test_literal_private_hosts_are_refused_before_connecting():
    """IPv4 and bracketed IPv6 literals are checked without any DNS or connection."""
    from bot.ingest.url import check_url

    with pytest.raises(ReadingError, match="private network address"):
        check_url("http://127.0.0.1/admin")
    with pytest.raises(ReadingError, match="private network address"):
        check_url("http://[::1]:8080/")
    assert str(check_url("https://93.184.216.34/a#frag")) == "https://93.184.216.34/a"


@pytest.mark.parametrize("url", ["ftp://example.com/essay.pdf", "file:///etc/passwd", "javascript:alert(1)"])
async def test_non_http_schemes_are_refused(url):
    """Only http and https links are fetched."""
    with pytest.raises(ReadingError, match=r"only fetch http:// or https:// links"):
        await fetch_url(url)


async def test_dns_failure_is_explained(monkeypatch):
    """A host that does not resolve gets "couldn't find the site" (resolver stubbed: no real DNS here)."""
    import socket

    import bot.ingest.url as url_module

    class FailingResolver:
        async def resolve(self, host, port=0, family=socket.AF_INET):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

        async def close(self):
            pass

    monkeypatch.setattr(url_module.aiohttp, "DefaultResolver", FailingResolver)
    with pytest.raises(ReadingError, match=r"couldn.t find the site no-such-host\.example"):
        await fetch_url("http://no-such-host.example/essay")
