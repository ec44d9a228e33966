"""EPUB ingestion with books built by zipfile at test time."""

from __future__ import annotations

import pytest

from bot.ingest import ReadingError, from_bytes
from tests.ingest.builders import make_epub

CHAPTER_ONE = (
    "<h1>Chapter One</h1><p>It was a <em>dark</em> and stormy night; the rain fell in torrents"
    '<a epub:type="noteref" href="#n1"><sup>1</sup></a> — except at occasional intervals.</p>'
    "<p>A second paragraph<br/>with a line break and the author’s “quotes”.</p>"
)
CHAPTER_TWO = (
    "<h2>Chapter Two</h2><div>Loose text <p>and a nested paragraph</p></div>"
    "<ul><li>first item</li><li>second item</li></ul><p>" + "More words to read here. " * 10 + "</p>"
    '<aside epub:type="footnote" id="n1">1. A footnote that should not appear.</aside>'
)


def test_epub_spine_order_blocks_and_metadata():
    """Chapters come in spine order as block paragraphs; dc:title/dc:creator; nav and notes left out."""
    reading = from_bytes(make_epub([("one.xhtml", CHAPTER_ONE), ("two.xhtml", CHAPTER_TWO)]), filename="b.epub")
    assert (reading.title, reading.author) == ("A Small Book", "Ada Writer")
    assert reading.paragraphs[:8] == [
        "Chapter One",
        "It was a dark and stormy night; the rain fell in torrents — except at occasional intervals.",
        "A second paragraph with a line break and the author’s “quotes”.",
        "Chapter Two",
        "Loose text",
        "and a nested paragraph",
        "first item",
        "second item",
    ]
    assert "Contents entry" not in reading.text
    assert "footnote" not in reading.text


def test_epub_with_drm_is_refused():
    """Encrypted chapters (encryption.xml naming a document) → the DRM message."""
    encryption = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/text/one.xhtml"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    book = make_epub([("one.xhtml", CHAPTER_ONE)], extra_files={"META-INF/encryption.xml": encryption.encode()})
    with pytest.raises(ReadingError, match="DRM-protected"):
        from_bytes(book)


def test_epub_with_only_font_obfuscation_is_read():
    """IDPF font obfuscation also uses encryption.xml but leaves the text readable."""
    encryption = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        '<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
        '<enc:CipherData><enc:CipherReference URI="OEBPS/fonts/a.otf"/></enc:CipherData>'
        "</enc:EncryptedData></encryption>"
    )
    book = make_epub(
        [("one.xhtml", CHAPTER_ONE), ("two.xhtml", CHAPTER_TWO)],
        extra_files={"META-INF/encryption.xml": encryption.encode()},
    )
    assert from_bytes(book).title == "A Small Book"


def test_epub_with_rights_file_is_refused():
    """Adobe's rights.xml marks a DRM book."""
    book = make_epub([("one.xhtml", CHAPTER_ONE)], extra_files={"META-INF/rights.xml": b"<rights/>"})
    with pytest.raises(ReadingError, match="DRM"):
        from_bytes(book)


def test_epub_without_container_is_damaged():
    """A book missing META-INF/container.xml is reported as damaged."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr("mimetype", "application/epub+zip")
    with pytest.raises(ReadingError, match="damaged"):
        from_bytes(buffer.getvalue())
