"""Fetching a reading from a link, safely: public addresses only, bounded in time, size and redirects.

The address check lives in the DNS resolver the connector uses, so it judges the very addresses the socket
connects to: a host name cannot resolve to a public address for a check and to 127.0.0.1 for the connection
(DNS rebinding). Literal-IP hosts skip the resolver in aiohttp, so they are checked on every hop as well.
Redirects are followed by hand for the same reason. This module imports aiohttp at the top; the package
imports this module only inside ``fetch_url``.
"""

from __future__ import annotations

import asyncio
import socket
from http import HTTPStatus
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.ingest.addresses import is_public, parse_ip
from bot.ingest.errors import ReadingError
from bot.ingest.formats import reading_from_bytes
from bot.ingest.limits import CONNECT_TIMEOUT, FETCH_TIMEOUT, MAX_FETCH_BYTES, MAX_REDIRECTS, size_text
from bot.ingest.model import Reading
from bot.ingest.sniff import CAN_READ

_REDIRECTS = {301, 302, 303, 307, 308}
_ALLOWED_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "application/pdf",
    "application/x-pdf",
    "application/epub+zip",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    # servers that do not know better; the bytes are sniffed like an upload
    "application/octet-stream",
    "binary/octet-stream",
    "",
}
_HEADERS = {
    "User-Agent": "ReadingCircleBot/0.1 (Discord reading-circle bot; fetches one page per request)",
    "Accept": "text/html,application/xhtml+xml,application/pdf,application/epub+zip,text/plain;q=0.9,*/*;q=0.5",
}
PRIVATE = "That link points to a private network address; I only fetch public pages."


class PrivateAddressError(OSError):
    """A host resolved only to addresses we refuse; an OSError so aiohttp reports it as a DNS failure."""


class PublicOnlyResolver(AbstractResolver):
    """Wraps aiohttp's resolver and drops every non-public address from its answers."""

    def __init__(self, *, allow_private: bool = False) -> None:
        self._inner = aiohttp.DefaultResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if self._allow_private:
            return results
        public = [result for result in results if is_public(result["host"])]
        if not public:
            raise PrivateAddressError(f"{host} resolves only to non-public addresses")
        return public

    async def close(self) -> None:
        await self._inner.close()


def check_url(url: str | URL, *, allow_private: bool = False) -> URL:
    """Refuse a link we must not fetch before any connection: wrong scheme, no host, a private literal IP."""
    try:
        parsed = url if isinstance(url, URL) else URL(url.strip())
    except (ValueError, TypeError) as exc:
        raise ReadingError("That doesn't look like a valid link.") from exc
    if parsed.scheme.lower() not in ("http", "https"):
        raise ReadingError("I can only fetch http:// or https:// links.")
    if not parsed.host:
        raise ReadingError("That doesn't look like a valid link — it has no site name.")
    ip = parse_ip(parsed.host)
    if ip is not None and not allow_private and not is_public(ip):
        raise ReadingError(PRIVATE)
    return parsed.with_fragment(None)


async def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = FETCH_TIMEOUT,
    max_bytes: int = MAX_FETCH_BYTES,
) -> Reading:
    """Download a link (HTML, PDF, EPUB, text, Markdown) and read it like an upload of the same bytes."""
    current = check_url(url, allow_private=allow_private)
    connector = aiohttp.TCPConnector(resolver=PublicOnlyResolver(allow_private=allow_private), limit=2)
    client_timeout = aiohttp.ClientTimeout(total=timeout, connect=min(CONNECT_TIMEOUT, timeout), sock_read=timeout)
    try:
        async with (
            asyncio.timeout(timeout),  # the whole fetch, all redirect hops together
            aiohttp.ClientSession(
                connector=connector, timeout=client_timeout, headers=_HEADERS, trust_env=False
            ) as session,
        ):
            for _ in range(MAX_REDIRECTS + 1):
                async with session.get(current, allow_redirects=False) as response:
                    if response.status in _REDIRECTS:
                        current = _next_hop(current, response, allow_private)
                        continue
                    _check_status(response)
                    content_type = response.headers.get("Content-Type", "")
                    _check_content_type(content_type)
                    data = await _read_capped(response, max_bytes)
                    final = str(response.url)
                    break
            else:
                raise ReadingError(
                    f"That link redirects more than {MAX_REDIRECTS} times; send the final address instead."
                )
    except ReadingError:
        raise
    except TimeoutError as exc:
        raise ReadingError(
            f"That link took too long to answer (more than {timeout:g} s). Try again later, or upload the file."
        ) from exc
    except aiohttp.ClientConnectorDNSError as exc:
        if isinstance(exc.os_error, PrivateAddressError) or isinstance(exc.__cause__, PrivateAddressError):
            raise ReadingError(PRIVATE) from exc
        raise ReadingError(f"I couldn't find the site {current.host} — check the link for typos.") from exc
    except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError) as exc:
        raise ReadingError(f"{current.host} has a broken security certificate, so I won't fetch from it.") from exc
    except aiohttp.ClientConnectorError as exc:
        raise ReadingError(f"I couldn't connect to {current.host} — is the site down?") from exc
    except aiohttp.InvalidURL as exc:
        raise ReadingError("That doesn't look like a valid link.") from exc
    except (aiohttp.ClientPayloadError, aiohttp.ServerDisconnectedError) as exc:
        raise ReadingError("The download from that link broke off. Try again in a moment.") from exc
    except aiohttp.ClientError as exc:
        raise ReadingError(f"I couldn't fetch that link ({type(exc).__name__}).") from exc

    filename = URL(final).name or None
    # Parsing a large page or PDF takes a while: keep it off the event loop so the bot stays responsive.
    return await asyncio.to_thread(
        reading_from_bytes,
        data,
        filename=filename,
        content_type=content_type,
        source=final,
        url=final,
        noun="That page",
    )


def _next_hop(current: URL, response: Any, allow_private: bool) -> URL:
    location = response.headers.get("Location")
    if not location:
        raise ReadingError("That link redirects without saying where to; send the final address instead.")
    try:
        target = current.join(URL(location))
    except ValueError as exc:
        raise ReadingError("That link redirects to an address that isn't valid.") from exc
    return check_url(target, allow_private=allow_private)


def _check_status(response: Any) -> None:
    status = response.status
    if 200 <= status < 300 and status != 204:
        return
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = response.reason or "an error"
    answered = f"That link answered {status} {reason}"
    if status in (404, 410):
        raise ReadingError(f"{answered} — is it still online?")
    if status in (401, 403):
        raise ReadingError(
            f"{answered} — the page may need a login or refuse bots. Upload the page or paste its text instead."
        )
    if status == 429:
        raise ReadingError(f"{answered} — the site is limiting requests. Try again later.")
    if status >= 500:
        raise ReadingError(f"{answered} — the site seems to be having trouble. Try again later.")
    raise ReadingError(f"{answered}, so I couldn't read it.")


def _check_content_type(content_type: str) -> None:
    mime = content_type.split(";")[0].strip().lower()
    if mime in _ALLOWED_TYPES:
        return
    kind = mime.split("/")[0]
    if kind in ("image", "audio", "video"):
        article = "an" if kind[0] in "aeiou" else "a"
        raise ReadingError(f"That link is {article} {kind} ({mime}); {CAN_READ}")
    raise ReadingError(f"That link serves {mime}, which I can't read; {CAN_READ}")


async def _read_capped(response: Any, max_bytes: int) -> bytes:
    """Stream the body and stop at the cap: Content-Length can be absent or lie (and gzip can expand)."""
    too_large = ReadingError(
        f"That link's content is larger than {size_text(max_bytes)}, the most I download. "
        "Link a single chapter or article, or upload the file."
    )
    if response.content_length is not None and response.content_length > max_bytes:
        raise too_large
    chunks: list[bytes] = []
    total = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        total += len(chunk)
        if total > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
