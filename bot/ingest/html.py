"""HTML to paragraphs: trafilatura finds a web page's article, a small lxml walker turns markup into blocks.

Web pages carry menus, cookie banners and comments, so their main text comes from trafilatura (precision
favoured, comments excluded). EPUB chapters are already only text, and trafilatura can throw away a short
chapter as boilerplate, so EPUB uses ``blocks_from_element`` directly. lxml and trafilatura are imported
inside the functions: they cost ~0.4 s to import and a .txt reading never needs them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.limits import (
    MAX_HTML_BLOCKS,
    MAX_HTML_BLOCKS_WITH_FALLBACK,
    MAX_HTML_DEPTH,
    MAX_HTML_TAGS,
    MIN_WORDS,
)
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, strip_bullet

if TYPE_CHECKING:
    from lxml.etree import _Element

#: Elements that end one paragraph and start another, in XHTML and in trafilatura's XML.
HTML_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_TRAFILATURA_BLOCKS = HTML_BLOCKS | {"head", "p", "item", "list", "quote", "row", "code", "table"}
#: Elements whose content is never reading text.
SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "button",
        "select",
        "input",
        "textarea",
        "canvas",
        "audio",
        "video",
        "map",
        "title",
        "head",
    }
)
_TRAFILATURA_SKIPPED = SKIPPED - {"head"}  # trafilatura's <head> is a heading, not the HTML head
_BREAKS = frozenset({"br", "lb"})
_NOTE_MARK = re.compile(r"^[\s\d*†‡§,\[\]()]{1,8}$")
# Footnote markers: trafilatura would glue "takes.<sup>3</sup>" into "takes.3".
_SUP_NOTE = re.compile(r"<sup\b[^>]*>\s*(?:<a\b[^>]*>)?[\s\d*†‡§,\[\]()]{1,8}(?:</a>)?\s*</sup>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_NO_ARTICLE = (
    "I couldn't find the article text on that page — if it needs a login or builds itself with JavaScript, "
    "paste the text or upload the page as a PDF instead."
)


def blocks_from_element(
    root: _Element, *, blocks: frozenset[str] = HTML_BLOCKS, skipped: frozenset[str] = SKIPPED
) -> list[str]:
    """Text of an element tree as one string per block element; inline markup and line breaks become spaces.

    Footnote markers (``<sup>12</sup>``, ``epub:type="noteref"``) and footnote bodies are left out: they
    interrupt the sentences that analysis quotes.
    """
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = " ".join("".join(buffer).split())
        if text.endswith(";") and "; " in buffer:  # the separator after a table row's last cell
            text = text[:-1]
        if text:
            out.append(text)
        buffer.clear()

    def walk(element: Any) -> None:
        if not isinstance(element.tag, str):  # comments, processing instructions
            if element.tail:
                buffer.append(element.tail)
            return
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in skipped or _is_note(element, tag):
            if element.tail:
                buffer.append(element.tail)
            return
        is_block = tag in blocks
        if is_block:
            flush()
        if tag in _BREAKS:
            buffer.append(" ")
        if element.text:
            buffer.append(element.text)
        for child in element:
            walk(child)
        if is_block:
            flush()
        elif tag == "cell":
            buffer.append("; ")
        if element.tail:
            buffer.append(element.tail)

    walk(root)
    flush()
    return out


def _is_note(element: Any, tag: str) -> bool:
    kind = " ".join(v for k, v in element.attrib.items() if k.endswith("type") or k == "role").lower()
    if "noteref" in kind or "footnote" in kind or "endnote" in kind or "rearnote" in kind:
        return True
    return tag == "sup" and bool(_NOTE_MARK.match("".join(element.itertext())))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag, which beats guessing."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def too_deep(parser: Any) -> bool:
    """libxml2 stops building the tree 256 elements down and says so only in the parser's error log."""
    return any("Excessive depth" in entry.message for entry in parser.error_log)


def too_deep_message(noun: str) -> str:
    return (
        f"{noun} nests its markup more than {MAX_HTML_DEPTH} levels deep, and I can't read text that deep "
        "without losing some of it. Save it as PDF or paste the text instead."
    )


def _check_shape(html: str, noun: str) -> int:
    """Refuse a page too deep or with too many blocks before trafilatura works on it; the number of blocks.

    One parse of our own (a few milliseconds per 100 KB) is the only way to see both: trafilatura neither
    reports the parser's depth limit nor bounds its work by the number of blocks."""
    from lxml import etree

    if html.count("<") > MAX_HTML_TAGS:
        raise ReadingError(
            f"{noun} has more than {MAX_HTML_TAGS:,} tags, far more markup than an article has. "
            "Link the article itself, or paste its text."
        )
    parser = etree.HTMLParser(no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(html, parser)
    except ValueError:  # a str that declares an encoding: parse its bytes instead
        root = etree.fromstring(html.encode("utf-8"), parser)
    if too_deep(parser):
        raise ReadingError(too_deep_message(noun))
    blocks = 0 if root is None else sum(1 for _ in root.iter(*HTML_BLOCKS))
    if blocks > MAX_HTML_BLOCKS:
        raise ReadingError(
            f"{noun} has {blocks:,} paragraphs and other blocks; an article has hundreds, and I read at most "
            f"{MAX_HTML_BLOCKS:,}. Link the article itself, or paste its text."
        )
    return blocks


def reading_from_html(
    html: str, *, url: str | None = None, source: str | None = None, noun: str = "That page"
) -> Reading:
    """A web page's article text, title and author, by trafilatura; a page without one is refused."""
    import trafilatura  # ~0.4 s; only pages need it

    html = _SUP_NOTE.sub("", html)
    blocks = _check_shape(html, noun)
    document = None
    for precise in (True, False):  # precision first; a second, looser pass rescues short, plain pages
        document = trafilatura.bare_extraction(
            html,
            url=url,
            # The readability fallback compares blocks pairwise: seconds for a long page, minutes for a flood
            fast=blocks > MAX_HTML_BLOCKS_WITH_FALLBACK,
            include_comments=False,
            favor_precision=precise,
            include_tables=True,
            with_metadata=True,
        )
        if isinstance(document, dict):  # only with output_format="python", which we never ask for
            raise TypeError("trafilatura returned a dict")
        if document is not None and document.body is not None and len((document.text or "").split()) >= MIN_WORDS:
            break
    if document is None or isinstance(document, dict) or document.body is None:
        raise ReadingError(_NO_ARTICLE)
    paragraphs = [
        strip_bullet(clean(p))
        for p in blocks_from_element(document.body, blocks=_TRAFILATURA_BLOCKS, skipped=_TRAFILATURA_SKIPPED)
    ]
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise ReadingError(_NO_ARTICLE)
    author = document.author.replace("; ", ", ") if document.author else None
    return make_reading(paragraphs, title=document.title, author=author, source=source or url, noun=noun)
