"""Bytes of any supported format to a Reading: sniff the format, then hand over to that format's reader."""

from __future__ import annotations

from bot.ingest import sniff
from bot.ingest.epub import reading_from_epub
from bot.ingest.html import declared_charset, reading_from_html
from bot.ingest.model import Reading
from bot.ingest.pdf import reading_from_pdf
from bot.ingest.text import reading_from_text


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def reading_from_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    source: str | None = None,
    url: str | None = None,
    noun: str = "That file",
) -> Reading:
    """Dispatch on the sniffed format; the format modules import their heavy libraries only when called."""
    kind = sniff.sniff(data, filename=filename, content_type=content_type)
    if kind == sniff.PDF:
        return reading_from_pdf(data, source=source)
    if kind == sniff.EPUB:
        return reading_from_epub(data, source=source)
    charset = charset_of(content_type)
    if kind == sniff.HTML:
        text = sniff.decode(data, charset=charset or declared_charset(data))
        return reading_from_html(text, url=url, source=source, noun="That page" if url else noun)
    text = sniff.decode(data, charset=charset)
    return reading_from_text(text, source=source, is_markdown=True if kind == sniff.MARKDOWN else None, noun=noun)
