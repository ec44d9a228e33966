"""Turn a reading — pasted text, an uploaded file or a link — into clean text plus metadata.

Everything here raises ``ReadingError`` with a sentence meant for the member. Importing this package is
cheap on purpose (standard library only): trafilatura, lxml, pypdf and aiohttp are imported by the code
paths that need them, so ``reading-circle analyze notes.txt`` never pays for them.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.ingest.errors import ReadingError
from bot.ingest.formats import reading_from_bytes
from bot.ingest.limits import FETCH_TIMEOUT, MAX_FETCH_BYTES, MAX_UPLOAD_BYTES, size_text
from bot.ingest.model import Reading
from bot.ingest.text import reading_from_text

__all__ = ["Reading", "ReadingError", "fetch_url", "from_bytes", "from_text", "is_link", "load", "load_file"]

_HTTP = re.compile(r"^https?://", re.I)
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def from_text(text: str, *, title: str | None = None, source: str | None = None) -> Reading:
    """Pasted text or a .txt file; Markdown is recognised and stripped, a first-line heading becomes the title."""
    return reading_from_text(text, title=title, source=source, noun="That text")


def from_bytes(
    data: bytes, *, filename: str | None = None, content_type: str | None = None, source: str | None = None
) -> Reading:
    """An uploaded file of any supported format; its first bytes decide the format, not its name."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ReadingError(
            f"That file is larger than {size_text(MAX_UPLOAD_BYTES)}, the most I read. "
            "Upload a single chapter or article instead."
        )
    return reading_from_bytes(data, filename=filename, content_type=content_type, source=source)


async def fetch_url(
    url: str, *, allow_private: bool = False, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_FETCH_BYTES
) -> Reading:
    """A reading behind a link; only public addresses unless ``allow_private`` (tests, self-hosted wikis)."""
    from bot.ingest import url as _url  # imports aiohttp, ~0.2 s

    return await _url.fetch_url(url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)


def is_link(source: str) -> bool:
    return bool(_HTTP.match(source))


def load_file(source: str) -> Reading:
    """A local file, read and parsed here and now (the CLI's path: no event loop needed)."""
    if _OTHER_SCHEME.match(source):
        raise ReadingError("I can only fetch http:// or https:// links.")
    path = Path(source).expanduser()
    if not path.exists():
        raise ReadingError(f"I can't find the file {source}.")
    if not path.is_file():
        raise ReadingError(f"{source} is not a file.")
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise ReadingError(
            f"{path.name} is larger than {size_text(MAX_UPLOAD_BYTES)}, the most I read. "
            "Use a single chapter or article instead."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadingError(f"I can't read the file {source} ({exc.strerror or exc}).") from exc
    return from_bytes(data, filename=path.name, source=str(path))


async def load(source: str, *, allow_private: bool = False) -> Reading:
    """An http(s) link is fetched, anything else is a path to a local file, parsed off the event loop."""
    if is_link(source):
        return await fetch_url(source, allow_private=allow_private)
    import asyncio

    return await asyncio.to_thread(load_file, source)
