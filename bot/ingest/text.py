"""Pasted text and .txt/.md files: plain text is un-wrapped, Markdown is stripped of its syntax."""

from __future__ import annotations

import re

from bot.ingest import markdown
from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.limits import MAX_TEXT_CHARS, too_many_characters
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, paragraphs_from_plain, split_blocks, strip_bullet

# Lines that only separate: "* * *", "----", "====", "~~~~", "#####".
_SEPARATOR = re.compile(r"^[ \t]*(?:[=\-*_~#•·][ \t]*){3,}$", re.M)
_BYLINE = re.compile(r"^(?:by|By|BY)[ :]+([^.!?]{2,80})$")


def reading_from_text(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    is_markdown: bool | None = None,
    noun: str = "That text",
) -> Reading:
    """Plain text or Markdown to a Reading; ``is_markdown=None`` lets the text itself decide.

    An explicit ``title`` wins over one found in the text, but a first-line heading is still taken out of
    the body so it is not analysed as a sentence.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise ReadingError(too_many_characters(len(text), text.count(" ") + text.count("\n"), noun))
    text = clean(text)
    if is_markdown is None:
        is_markdown = markdown.looks_like_markdown(text)
    author = None
    if is_markdown:
        doc = markdown.parse(text)
        paragraphs, found_title, author = doc.paragraphs, doc.title, doc.author
    else:
        paragraphs, found_title = _plain(text)
    if paragraphs and not author:
        byline = _BYLINE.match(paragraphs[0])
        if byline and len(byline.group(1).split()) <= 8 and len(paragraphs) > 1:
            author = byline.group(1)
            paragraphs = paragraphs[1:]
    return make_reading(paragraphs, title=title or found_title, author=author, source=source, noun=noun)


def _plain(text: str) -> tuple[list[str], str | None]:
    """Paragraphs of plain text and its title: a short first line standing alone before the body."""
    text = _SEPARATOR.sub("", text)
    blocks = split_blocks(text)
    title = None
    if len(blocks) > 1 and len(blocks[0]) == 1 and _title_like(blocks[0][0]):
        title = blocks[0][0].strip()
        text = text.split(blocks[0][0], 1)[1]
    return [strip_bullet(p) for p in paragraphs_from_plain(text)], title


def _title_like(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and len(line.split()) <= 20 and not line.endswith((".", ",", ";", ":"))
