"""PDF text with pypdf, re-flowed into paragraphs.

A PDF stores positioned lines, not paragraphs: a line indented or set off by a wider gap starts a paragraph,
the others are re-joined with the shared un-wrapping rule (loosened for proportional fonts), words hyphenated
across lines are mended, and lines repeated at the top or bottom of most pages (running heads, footers) and
bare page numbers are dropped. The page count is read from the page tree before any text is extracted, so an
oversized PDF is refused at once.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections import Counter
from itertools import pairwise
from typing import Any, NamedTuple

from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.limits import (
    MAX_PDF_OPERATIONS,
    MAX_PDF_PAGE_CONTENT_BYTES,
    MAX_PDF_PAGE_OPERATIONS,
    MAX_PDF_PAGES,
    MAX_WORDS,
    MIN_WORDS,
    size_text,
    too_long_message,
)
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
_INDENT, _MAX_INDENT = 6.0, 60.0  # points: a first-line indent, not a centred line
_GAP = 1.4  # a gap this many times the usual line spacing separates paragraphs
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
        page_lines: list[list[Line]] = []
        words = 0
        budget = _Budget()
        for number, page in enumerate(reader.pages, start=1):
            _check_content_size(page, number)
            lines = _page_lines(page, budget)
            page_lines.append(lines)
            words += sum(len(line.text.split()) for line in lines)
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
    # A line that starts a paragraph by its position gets a blank line before it, so a paragraph whose last
    # line is full is not run into the next one by the un-wrapping.
    text = "\n".join(
        ("\n" if start else "") + line.text
        for page in _drop_running_lines(page_lines)
        for line, start in zip(page, _paragraph_starts(page), strict=True)
    )
    paragraphs = paragraphs_from_plain(text, slack=0.85)
    title = meta_title if meta_title and not _JUNK_TITLE.match(meta_title) else None
    if title is None and len(paragraphs) > 1 and _title_like(paragraphs[0]):
        title = paragraphs[0]
    return make_reading(paragraphs, title=title, author=meta_author, source=source, noun="That PDF")


class Line(NamedTuple):
    text: str
    x: float  # left edge of the line's first piece of text, in points
    y: float  # its baseline


class _OverBudget(Exception):
    """Raised from inside pypdf's extraction; pypdf swallows it inside a form XObject, so ``_Budget``
    raises again at the next operation and is checked once more after the page."""


class _Budget:
    """Operations pypdf has interpreted, on this page and in the whole document, forms included: a form
    drawn 5,000 times is 5,000 times its operations, though it is stored once."""

    def __init__(self) -> None:
        self.document = 0
        self.page = 0

    def start_page(self) -> None:
        self.document += self.page
        self.page = 0

    @property
    def exceeded(self) -> bool:
        return self.page > MAX_PDF_PAGE_OPERATIONS or self.document + self.page > MAX_PDF_OPERATIONS

    def count(self, *_args: object) -> None:
        self.page += 1
        if self.exceeded:
            raise _OverBudget


def _check_content_size(page: Any, number: int) -> None:
    """Refuse a page whose drawing instructions (its content and the forms it can draw) are larger than any
    page of text needs, before pypdf parses them: parsing is the costly part, and it is repeated for each
    use of a form."""
    total = 0
    seen: set[int] = set()
    pending: list[Any] = [page]
    while pending:
        node = pending.pop()
        contents = node.get("/Contents") if node is page else node
        contents = contents.get_object() if contents is not None else None
        for stream in contents if isinstance(contents, list) else [contents]:
            stream = stream.get_object() if stream is not None else None
            if stream is not None and id(stream) not in seen and hasattr(stream, "get_data"):
                seen.add(id(stream))
                total += len(stream.get_data())
        resources = node.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in xobjects.get_object().values() if xobjects is not None else ():
            form = ref.get_object()
            if form.get("/Subtype") == "/Form" and id(form) not in seen:
                pending.append(form)
        if total > MAX_PDF_PAGE_CONTENT_BYTES:
            raise ReadingError(
                f"Page {number} of that PDF holds more than {size_text(MAX_PDF_PAGE_CONTENT_BYTES)} of drawing "
                "instructions, where a page of text needs a few kilobytes; I stopped before reading it."
            )


def _page_lines(page: object, budget: _Budget) -> list[Line]:
    """The page's text lines with where each is drawn: pypdf reports the position of every piece of text,
    and the first piece of a line gives the line's left edge and baseline. ``budget`` stops pypdf mid-page."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: object) -> None:
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((text, x, y))

    budget.start_page()
    with contextlib.suppress(_OverBudget):  # checked just below, as pypdf may have swallowed it
        page.extract_text(visitor_text=visit, visitor_operand_before=budget.count)  # type: ignore[attr-defined]
    if budget.exceeded:
        raise ReadingError(
            "That PDF draws far more than its text needs (over "
            f"{MAX_PDF_PAGE_OPERATIONS if budget.page > MAX_PDF_PAGE_OPERATIONS else MAX_PDF_OPERATIONS:,} "
            "drawing operations), so I stopped reading it. Export the reading again as a plain text PDF."
        )
    lines: list[Line] = []
    current: list[str] = []
    at: tuple[float, float] | None = None
    for text, x, y in pieces:
        for k, part in enumerate(text.split("\n")):
            if k:  # a line ended inside this piece
                lines.append(Line("".join(current), *(at or (x, y))))
                current, at = [], None
            if part and at is None:
                at = (x, y)
            current.append(part)
    lines.append(Line("".join(current), *(at or (0.0, 0.0))))
    cleaned = (Line(clean(line.text).strip(), line.x, line.y) for line in lines)
    return [line for line in cleaned if line.text]


def _paragraph_starts(lines: list[Line]) -> list[bool]:
    """Which lines of a page start a paragraph by their position: a first-line indent (``_INDENT`` to
    ``_MAX_INDENT`` points right of the page's usual left edge, after a line at that edge) or a gap over
    ``_GAP`` times the usual line spacing. Lines drawn upwards (a new column) say nothing."""
    if len(lines) < 3:
        return [False] * len(lines)
    edge = Counter(round(line.x) for line in lines).most_common(1)[0][0]
    gaps = sorted(a.y - b.y for a, b in pairwise(lines) if a.y - b.y > 0.5)
    spacing = gaps[len(gaps) // 2] if gaps else 0.0
    starts = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else None
        after_edge = before is None or abs(before.x - edge) < 2
        indented = after_edge and _INDENT <= line.x - edge <= _MAX_INDENT
        gapped = before is not None and spacing > 0 and before.y - line.y > _GAP * spacing
        starts.append(indented or gapped)
    return starts


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


def _drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop bare page numbers, and lines at a page's edge that recur on at least half of the pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        counts.update({_edge_key(line.text) for line in edges})
    threshold = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, n in counts.items() if n >= threshold} if len(pages) >= 3 else set()
    cleaned = []
    for lines in pages:
        keep = []
        for i, line in enumerate(lines):
            at_edge = i < _EDGE_LINES or i >= len(lines) - _EDGE_LINES
            if at_edge and (_PAGE_NUMBER.match(line.text) or _edge_key(line.text) in repeated):
                continue
            keep.append(line)
        cleaned.append(keep)
    return cleaned
