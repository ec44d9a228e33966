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

from bot.ingest.assemble import make_reading
from bot.ingest.errors import ReadingError
from bot.ingest.html import blocks_from_element
from bot.ingest.limits import MAX_EPUB_UNCOMPRESSED_BYTES, MAX_WORDS, too_long_message
from bot.ingest.model import Reading
from bot.ingest.normalise import clean, strip_bullet

_CONTAINER_NS = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
_OPF_NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
_ENC_NS = {"enc": "http://www.w3.org/2001/04/xmlenc#"}
# Font obfuscation (IDPF, Adobe) uses encryption.xml too, but leaves the text readable.
_FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
_DOCUMENT_TYPES = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}
_DAMAGED = "I couldn't read that EPUB — it seems damaged. Try exporting it again, or upload a PDF."
_DRM = (
    "That EPUB is DRM-protected, so I can't read its text. Use a DRM-free copy, or paste the chapter's text."
)


def reading_from_epub(data: bytes, *, source: str | None = None) -> Reading:
    """The book's text in spine order, with ``dc:title`` and ``dc:creator`` as title and author."""
    from lxml import etree, html  # lazy: only books need them

    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
        if "META-INF/rights.xml" in names:
            raise ReadingError(_DRM)
        container = _parse_xml(etree, book.read("META-INF/container.xml"))
        opf_path = container.xpath("string(//c:rootfile/@full-path)", namespaces=_CONTAINER_NS)
        opf = _parse_xml(etree, book.read(opf_path))
        base = posixpath.dirname(opf_path)
        manifest = {
            item.get("id"): item
            for item in opf.xpath("//opf:manifest/opf:item", namespaces=_OPF_NS)
        }
        spine = []
        for ref in opf.xpath("//opf:spine/opf:itemref", namespaces=_OPF_NS):
            item = manifest.get(ref.get("idref"))
            if item is None or item.get("media-type") not in _DOCUMENT_TYPES:
                continue
            if "nav" in (item.get("properties") or "").split():
                continue  # the table of contents is not reading text
            spine.append(posixpath.normpath(posixpath.join(base, unquote(item.get("href", "")))))
        _refuse_drm(etree, book, names, set(spine))

        total = sum(book.getinfo(path).file_size for path in spine if path in names)
        if total > MAX_EPUB_UNCOMPRESSED_BYTES:
            raise ReadingError(too_long_message())
        paragraphs: list[str] = []
        words = 0
        for path in spine:
            if path not in names:
                continue
            tree = html.fromstring(book.read(path))  # the HTML parser forgives what real EPUBs contain
            body = tree.find(".//body")
            if body is None:
                body = tree
            for block in blocks_from_element(body):
                paragraphs.append(strip_bullet(clean(block)))
                words += len(block.split())
            if words > MAX_WORDS:
                raise ReadingError(too_long_message(words))
        title = opf.xpath("string(//dc:title[1])", namespaces=_OPF_NS)
        creators = [c.strip() for c in opf.xpath("//dc:creator/text()", namespaces=_OPF_NS) if c.strip()]
    except ReadingError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.LxmlError, RuntimeError) as exc:
        raise ReadingError(_DAMAGED) from exc
    return make_reading(
        paragraphs, title=title or None, author=", ".join(creators[:3]) or None, source=source, noun="That EPUB"
    )


def _parse_xml(etree, data: bytes):  # type: ignore[no-untyped-def]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("empty XML document")
    return root


def _refuse_drm(etree, book: zipfile.ZipFile, names: set[str], documents: set[str]) -> None:  # type: ignore[no-untyped-def]
    """DRM encrypts the chapters themselves; font obfuscation alone is harmless."""
    if "META-INF/encryption.xml" not in names:
        return
    root = _parse_xml(etree, book.read("META-INF/encryption.xml"))
    for data in root.xpath("//enc:EncryptedData", namespaces=_ENC_NS):
        algorithm = data.xpath("string(enc:EncryptionMethod/@Algorithm)", namespaces=_ENC_NS)
        uri = unquote(data.xpath("string(enc:CipherData/enc:CipherReference/@URI)", namespaces=_ENC_NS))
        if algorithm in _FONT_OBFUSCATION and posixpath.normpath(uri) not in documents:
            continue
        raise ReadingError(_DRM)
