"""The last step of every format: paragraphs and metadata become a checked ``Reading``."""

from __future__ import annotations

from collections.abc import Iterable

from bot.ingest.limits import check_words
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, clean_inline, join_paragraphs


def make_reading(
    paragraphs: Iterable[str],
    *,
    title: str | None = None,
    author: str | None = None,
    source: str | None = None,
    noun: str = "That file",
) -> Reading:
    """Normalise, drop a first paragraph that only repeats the title, and enforce the word limits.

    ``noun`` names the input in refusals ("That file", "That page", "That text") so the member knows which
    of the things they gave us is meant.
    """
    title = clean_inline(title)
    author = clean_inline(author)
    text = join_paragraphs(clean(p) for p in paragraphs)
    if title:
        first, _, rest = text.partition("\n\n")
        if _same(first, title):
            text = rest
    pieces = text.split()
    check_words(len(pieces), noun, characters=sum(map(len, pieces)))
    return Reading(text=text, title=title, author=author, source=source)


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .:") == b.casefold().strip(" .:")
