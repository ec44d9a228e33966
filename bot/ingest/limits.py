"""Every size limit of ingestion in one place, with the reason for each number.

The numbers are sized for a weekly reading circle on a small host: a week's reading is an article, an essay or
a few chapters, never a whole book, and the bot must answer a Discord interaction while it works.
"""

from __future__ import annotations

from bot.ingest.errors import ReadingError

#: Bytes of an uploaded or local file. Discord lets a free account attach 10 MB and a boosted server up to
#: 100 MB; 20 MB covers a text PDF of the longest reading we accept with its images, while anything larger is
#: a scan or a book and only costs memory to hold.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024

#: Bytes downloaded from a link, counted while streaming (after decompression). An article page is 50 KB to
#: 3 MB of HTML; 10 MB leaves room for a linked PDF chapter and keeps a hostile server from filling memory.
MAX_FETCH_BYTES = 10 * 1024 * 1024

#: Words in a reading. 60,000 words is about four and a half hours at 230 words a minute, about a 200-page
#: book: far more than one week's reading, and still within what analysis handles in a few seconds.
MAX_WORDS = 60_000

#: Fewer words than this cannot carry an argument worth a discussion prompt; in practice it means an empty
#: file, a scanned PDF whose only text is page numbers, or a page whose article text was not found.
MIN_WORDS = 50

#: Pages of a PDF, checked from the page tree before any text is extracted so a 900-page book fails in
#: milliseconds instead of minutes. 150 pages of ordinary prose (~400 words a page) is the word limit again.
MAX_PDF_PAGES = 150

#: Decompressed bytes of one page's drawing instructions (its content streams and the forms it may draw),
#: checked before pypdf parses them. A page of text needs 5–50 KB; a detailed map or chart a few hundred.
MAX_PDF_PAGE_CONTENT_BYTES = 2 * 1024 * 1024

#: Operations pypdf interprets on one page and in a whole document, forms counted each time they are drawn.
#: A page of text is a few hundred to a few thousand; pypdf interprets about half a million a second, so
#: the document's budget is a few seconds of work.
MAX_PDF_PAGE_OPERATIONS = 200_000
MAX_PDF_OPERATIONS = 1_000_000

#: Uncompressed bytes read from an EPUB's documents: a guard against zip bombs. A 60,000-word book is about
#: 2–5 MB of XHTML, so 50 MB is generous for honest files.
MAX_EPUB_UNCOMPRESSED_BYTES = 50 * 1024 * 1024

#: Bytes an EPUB's bookkeeping files (``container.xml``, the OPF package, ``encryption.xml``) may inflate to.
#: They are a few kilobytes in real books and a few hundred for a book with thousands of files; anything
#: beyond this is a zip bomb aimed at the parts that are not chapters.
MAX_EPUB_METADATA_BYTES = 4 * 1024 * 1024

#: Tags (counted as ``<``) in all of an EPUB's chapters together, checked before the chapters are parsed. A
#: 60,000-word book has tens of thousands; each one becomes a parsed element, so a chapter of 49 MB of
#: ``<p>a</p>`` (six million elements, 2 GB parsed) is refused before parsing instead.
MAX_EPUB_TAGS = 500_000

#: Tags (counted as ``<``) in a web page, checked before it is parsed. A long article page with its menus,
#: links and footnotes has tens of thousands; 10 MB of tiny paragraphs has close to a million.
MAX_HTML_TAGS = 300_000

#: Block elements (paragraphs, list items, table cells, divisions) in a web page. A long article has hundreds
#: to a few thousand; trafilatura's work grows faster than linearly with them.
MAX_HTML_BLOCKS = 10_000

#: Above this many blocks trafilatura runs without its readability fallback, whose pairwise comparison of
#: blocks takes over a minute for a megabyte of tiny paragraphs. Pages that need the fallback are short.
MAX_HTML_BLOCKS_WITH_FALLBACK = 3_000

#: Nesting depth at which libxml2 stops building an HTML tree (it drops what lies deeper).
MAX_HTML_DEPTH = 255

#: Characters of pasted or decoded text accepted before normalising it; 60,000 words are ~400,000 characters,
#: so this only stops absurd inputs before we spend time on them.
MAX_TEXT_CHARS = 2_000_000

#: Non-space characters per "word" above which a text is taken to be written without spaces.
UNSPACED_CHARACTERS = 40

#: Redirect hops followed for one link, each checked like the first address.
MAX_REDIRECTS = 5

#: Seconds to wait for a link: connecting, and the whole download including redirects.
FETCH_TIMEOUT = 20.0
CONNECT_TIMEOUT = 10.0


def size_text(n: int) -> str:
    """Sizes in messages are whole megabytes (or kilobytes when small); members do not think in bytes."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    return f"{max(1, round(n / 1024))} KB"


def check_words(words: int, noun: str = "That file", *, characters: int = 0) -> None:
    """Refuse a reading too short to discuss or too long for a week, saying what to do instead.

    ``characters`` (non-space) tells a short text from one written without spaces between words (Chinese,
    Japanese, Thai), which would otherwise be refused as "1 word long"."""
    if words == 0:
        raise ReadingError(f"{noun} has no readable text.")
    if words < MIN_WORDS and characters >= UNSPACED_CHARACTERS * max(1, words):
        raise ReadingError(
            f"{noun} has hardly any spaces between words, as in Chinese or Japanese; I can only analyse "
            "readings in languages written with spaces, and my prompts are written for English."
        )
    if words < MIN_WORDS:
        unit = "word" if words == 1 else "words"
        raise ReadingError(f"{noun} has only {words} {unit} of readable text; a reading needs at least {MIN_WORDS}.")
    if words > MAX_WORDS:
        raise ReadingError(too_long_message(words))


def too_long_message(words: int | None = None, *, pages: int | None = None) -> str:
    """One wording for every "too long" refusal, whether counted in words or PDF pages."""
    if pages is not None:
        size = f"That PDF has {pages} pages; I can take at most {MAX_PDF_PAGES}"
    else:
        size = f"That reading is about {words:,} words; I can take at most {MAX_WORDS:,}"
    return f"{size} (a long reading is better split over several weeks). Queue a chapter or a section instead."


def too_many_characters(characters: int, spaces: int, noun: str = "That text") -> str:
    """The refusal for text over ``MAX_TEXT_CHARS``, naming what is really wrong: a text with hardly any
    spaces is not "too many words" but not prose at all (one 19 MB "word"), so it is told so."""
    if characters > UNSPACED_CHARACTERS * max(1, spaces):
        return (
            f"{noun} is {characters:,} characters with hardly any spaces between them, so it isn't prose I can "
            "read. Upload the reading itself as text, PDF, EPUB or a web page."
        )
    return too_long_message(spaces)
