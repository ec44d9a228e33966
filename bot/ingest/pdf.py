"""PDF text with pypdf, re-flowed into paragraphs.

A PDF stores positioned lines, not paragraphs: lines are re-joined with the shared un-wrapping rule (loosened
for proportional fonts), words hyphenated across lines are mended, and lines repeated at the top or bottom of
most pages (running heads, footers) and bare page numbers are dropped. The page count is read from the page
tree before any text is extracted, so an oversized PDF is refused at once.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.limits import MAX_PDF_PAGES, MAX_WORDS, MIN_WORDS, too_long_message
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, paragraphs_from_plain

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?(?:\s*(?:/|of)\s*\d{1,4})?$", re.I
)
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft (?:word|powerpoint)\b.*|document\d*|slide \d+|title|.*\.(?:docx?|pdf|indd|tex|dvi|"
    r"odt|rtf|pages|qxd|p65|eps))$",
    re.I,
)
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running heads or footers
_NO_TEXT_LAYER = "That PDF has no text layer — is it a scan? Try a PDF with selectable text."
_DAMAGED = "I couldn't read that PDF — it seems damaged. Try saving or exporting it again."


def reading_from_pdf(data: bytes, *, source: str | None = None) -> Reading:
    """A text PDF's paragraphs; title and author from its metadata, else the title from its first line."""
    from pypdf import PdfReader  # lazy: ~0.15 s to import
    from pypdf.errors import DependencyError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable PDFs warn on every page
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with an empty user password
            except (DependencyError, NotImplementedError) as exc:
                raise ReadingError(
                    "That PDF is encrypted in a way I can't open. Print it to a new PDF without protection."
                ) from exc
            if not opened:
                raise ReadingError("That PDF is password-protected. Upload a copy without a password.")
        pages = _declared_pages(reader)
        if pages is None or pages <= MAX_PDF_PAGES:
            pages = len(reader.pages)  # walks the whole page tree, so only once the declared count is fine
        if pages > MAX_PDF_PAGES:
            raise ReadingError(too_long_message(pages=pages))
        page_lines: list[list[str]] = []
        words = 0
        for page in reader.pages:
            text = clean(page.extract_text() or "")
            page_lines.append([line.strip() for line in text.split("\n") if line.strip()])
            words += len(text.split())
            if words > MAX_WORDS * 1.1:  # running heads included, hence the margin
                raise ReadingError(too_long_message(words))
        metadata = reader.metadata
        meta_title = _text(metadata.title) if metadata else None
        meta_author = _text(metadata.author) if metadata else None
    except ReadingError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise ReadingError(_DAMAGED) from exc

    if words < MIN_WORDS and words <= 5 * max(1, pages):
        raise ReadingError(_NO_TEXT_LAYER)
    lines = [line for page in _drop_running_lines(page_lines) for line in page]
    paragraphs = paragraphs_from_plain("\n".join(lines), slack=0.85)
    title = meta_title if meta_title and not _JUNK_TITLE.match(meta_title) else None
    if title is None and len(paragraphs) > 1 and _title_like(paragraphs[0]):
        title = paragraphs[0]
    return make_reading(paragraphs, title=title, author=meta_author, source=source, noun="That PDF")


def _declared_pages(reader: object) -> int | None:
    """The page tree's /Count: read in milliseconds, where counting the pages walks every node."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]  # type: ignore[attr-defined]
        return int(count)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text if 0 < len(text) <= 300 else None


def _title_like(paragraph: str) -> bool:
    return len(paragraph) <= 150 and len(paragraph.split()) <= 20 and not paragraph.endswith((".", ",", ";"))


def _edge_key(line: str) -> str:
    # "Page 3 of 10" and "Page 4 of 10" are the same running line.
    return re.sub(r"\d+", "#", line.casefold())


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop bare page numbers, and lines at a page's edge that recur on at least half of the pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        counts.update({_edge_key(line) for line in edges})
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if len(pages) >= 3 else set()
    cleaned = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < _EDGE_LINES or i >= len(lines) - _EDGE_LINES
            if at_edge and (_PAGE_NUMBER.match(line) or _edge_key(line) in repeated):
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned
