"""EPUB with the standard library's zipfile and lxml: container → OPF → spine → each chapter's blocks.

Why not ebooklib: it is one more dependency to carry for ~80 lines of zip-and-XML reading, it loads every item
of the book (images and fonts too) into memory, and it would give us nothing for DRM detection or zip-bomb
limits, which we need to do ourselves anyway.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

from bot.ingest.archive import ENTRY_ERRORS, EntryTooLarge, read_capped
from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.html import blocks_from_element, too_deep, too_deep_message
from bot.ingest.limits import (
    MAX_EPUB_METADATA_BYTES,
    MAX_EPUB_TAGS,
    MAX_EPUB_UNCOMPRESSED_BYTES,
    MAX_TEXT_CHARS,
    MAX_WORDS,
    size_text,
    too_long_message,
    too_many_characters,
)
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, strip_bullet

_CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
_OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
_ENC_NS = {"enc": "http://www.w3.org/2001/04/xmlenc#"}
# Font obfuscation (IDPF, Adobe) uses encryption.xml too, but leaves the text readable.
_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_DOCUMENT_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}
_DAMAGED = "I couldn't read that EPUB — it seems damaged. Try exporting it again, or upload a PDF."
_DRM = "That EPUB is DRM-protected, so I can't read its text. Use a DRM-free copy, or paste the chapter's text."


def reading_from_epub(data: bytes, *, source: str | None = None) -> Reading:
    """The book's text in spine order, with ``dc:title`` and ``dc:creator`` as title and author.

    Every entry is read through ``read_capped``: the bookkeeping files against ``MAX_EPUB_METADATA_BYTES``
    each, the chapters against one running ``MAX_EPUB_UNCOMPRESSED_BYTES``, so no entry is inflated further
    than its cap. Markup is counted before it is parsed and text before it is split into words."""
    from lxml import etree  # lazy: only books need it

    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
        if "META-INF/rights.xml" in names:
            raise ReadingError(_DRM)
        container = _parse_xml(etree, read_capped(book, "META-INF/container.xml", MAX_EPUB_METADATA_BYTES))
        opf_path = container.xpath("string(//c:rootfile/@full-path)", namespaces=_CONTAINER_NS)
        opf = _parse_xml(etree, read_capped(book, opf_path, MAX_EPUB_METADATA_BYTES))
        base = posixpath.dirname(opf_path)
        manifest = {item.get("id"): item for item in opf.xpath("//opf:manifest/opf:item", namespaces=_OPF_NS)}
        spine = []
        for ref in opf.xpath("//opf:spine/opf:itemref", namespaces=_OPF_NS):
            item = manifest.get(ref.get("idref"))
            if item is None or item.get("media-type") not in _DOCUMENT_TYPES:
                continue
            if "nav" in (item.get("properties") or "").split():
                continue  # the table of contents is not reading text
            spine.append(posixpath.normpath(posixpath.join(base, unquote(item.get("href", "")))))
        _refuse_drm(etree, book, names, set(spine))
        paragraphs = _chapters(etree, book, [path for path in spine if path in names])
        title = opf.xpath("string(//dc:title[1])", namespaces=_OPF_NS)
        creators = [c.strip() for c in opf.xpath("//dc:creator/text()", namespaces=_OPF_NS) if c.strip()]
    except ReadingError:
        raise
    except EntryTooLarge as exc:
        raise ReadingError(
            f"That EPUB's {exc.name} unpacks to more than {size_text(exc.limit)}, where a real book's is a few "
            "kilobytes; it looks built to exhaust memory, so I stopped reading it."
        ) from exc
    except (*ENTRY_ERRORS, ValueError, etree.LxmlError) as exc:
        raise ReadingError(_DAMAGED) from exc
    return make_reading(
        paragraphs, title=title or None, author=", ".join(creators[:3]) or None, source=source, noun="That EPUB"
    )


def _chapters(etree, book: zipfile.ZipFile, spine: list[str]) -> list[str]:
    """Paragraphs of the spine's documents, refusing a book too large, too marked-up or too long early."""
    paragraphs: list[str] = []
    left = MAX_EPUB_UNCOMPRESSED_BYTES
    tags = characters = spaces = words = 0
    for path in spine:
        try:
            data = read_capped(book, path, left)
        except EntryTooLarge as exc:
            raise ReadingError(
                f"That EPUB's chapters unpack to more than {size_text(MAX_EPUB_UNCOMPRESSED_BYTES)}, where a "
                f"book of {MAX_WORDS:,} words is about 5 MB. Queue a chapter or a section instead."
            ) from exc
        left -= len(data)
        tags += data.count(b"<")
        if tags > MAX_EPUB_TAGS:
            raise ReadingError(
                f"That EPUB's chapters hold more than {MAX_EPUB_TAGS:,} tags, far more markup than a book of "
                f"{MAX_WORDS:,} words has, so I stopped before parsing them."
            )
        parser = etree.HTMLParser(no_network=True)  # the HTML parser forgives what real EPUBs contain
        tree = etree.fromstring(data, parser)
        if tree is None:
            continue
        if too_deep(parser):
            raise ReadingError(too_deep_message("That EPUB"))
        body = tree.find(".//body")
        for text in (tree if body is None else body).itertext():
            characters += len(text)
            spaces += text.count(" ") + text.count("\n")
        if characters > MAX_TEXT_CHARS:
            raise ReadingError(too_many_characters(characters, spaces, "That EPUB"))
        for block in blocks_from_element(tree if body is None else body):
            paragraphs.append(strip_bullet(clean(block)))
            words += len(block.split())
        if words > MAX_WORDS:
            raise ReadingError(too_long_message(words))
    return paragraphs


def _parse_xml(etree, data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("empty XML document")
    return root


def _refuse_drm(etree, book: zipfile.ZipFile, names: set[str], documents: set[str]) -> None:
    """DRM encrypts the chapters themselves; font obfuscation alone is harmless."""
    if "META-INF/encryption.xml" not in names:
        return
    root = _parse_xml(etree, read_capped(book, "META-INF/encryption.xml", MAX_EPUB_METADATA_BYTES))
    for data in root.xpath("//enc:EncryptedData", namespaces=_ENC_NS):
        algorithm = data.xpath("string(enc:EncryptionMethod/@Algorithm)", namespaces=_ENC_NS)
        uri = unquote(data.xpath("string(enc:CipherData/enc:CipherReference/@URI)", namespaces=_ENC_NS))
        if algorithm in _FONT_OBFUSCATION and posixpath.normpath(uri) not in documents:
            continue
        raise ReadingError(_DRM)
