"""Format sniffing and text decoding in ``from_bytes``."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.ingest import ReadingError, from_bytes
from bot.ingest.limits import MAX_UPLOAD_BYTES
from bot.ingest.sniff import EPUB, HTML, MARKDOWN, PDF, TEXT, decode, sniff


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_png_is_refused_by_its_magic_even_when_named_txt():
    """Magic bytes beat the file name; the message names the format and what we read."""
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(ReadingError) as err:
        from_bytes(data, filename="notes.txt")
    assert str(err.value) == "That looks like an image (PNG); I can read PDF, EPUB, HTML, Markdown or plain text."


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image (JPEG)"),
        (b"GIF89a\x01\x00", "image (GIF)"),
        (b"ID3\x03\x00\x00\x00\x00\x0f\x76", "audio file (MP3)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Microsoft Office document"),
        (b"\x1f\x8b\x08\x00\x00\x00", "compressed file (gzip)"),
    ],
)
def test_binary_formats_are_named(data, what):
    """Common non-text uploads get a message naming what they are."""
    with pytest.raises(ReadingError, match=f"That looks like an? {what.replace('(', '.').replace(')', '.')}"):
        from_bytes(data + b"\x00\x01\x02" * 20)


def test_zip_kinds():
    """A ZIP is an EPUB only with its mimetype; Word documents and plain archives are refused by name."""
    assert sniff(_zip({"mimetype": "application/epub+zip"})) == EPUB
    with pytest.raises(ReadingError, match="Word document"):
        sniff(_zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<x/>"}))
    with pytest.raises(ReadingError, match="ZIP archive"):
        sniff(_zip({"a.txt": "hello"}))


def test_pdf_html_markdown_and_text_are_recognised():
    """Magic bytes first, HTML markers next, then name or Content-Type."""
    assert sniff(b"%PDF-1.7\n...", filename="x.txt") == PDF
    assert sniff(b"\xef\xbb\xbf  <!DOCTYPE html><html>") == HTML
    assert sniff(b"<p>hello</p>", filename="page.htm") == HTML
    assert sniff(b"# Title", filename="notes.md") == MARKDOWN
    assert sniff(b"# Title", content_type="text/markdown; charset=utf-8") == MARKDOWN
    assert sniff(b"Plain words.", filename="notes.txt") == TEXT


def test_misnamed_pdf_says_it_is_not_one():
    """A file called .pdf without PDF bytes is probably incomplete."""
    with pytest.raises(ReadingError, match="named as a PDF but isn't one"):
        from_bytes(b"garbage that is not a pdf", filename="essay.pdf")


def test_decoding_boms_utf8_and_legacy_fallback():
    """BOMs decide; UTF-8 next; cp1252 only when the result reads as text."""
    assert decode("é “q”".encode("utf-16")) == "é “q”"
    assert decode("\ufeffé".encode()) == "é"
    assert decode("café “quoted”".encode()) == "café “quoted”"
    assert decode("café “quoted”".encode("cp1252")) == "café “quoted”"
    assert decode("plain".encode("utf-16-le")) == "plain"
    with pytest.raises(ReadingError, match="binary file"):
        decode(bytes(range(1, 32)) * 50)


def test_utf16_text_file_is_read(prose):
    """A UTF-16 file with BOM (as Windows Notepad writes) reads like any text."""
    assert from_bytes(prose.encode("utf-16"), filename="notes.txt").text == prose


def test_empty_file_has_no_readable_text():
    """An empty upload is refused with the "no readable text" message."""
    with pytest.raises(ReadingError, match="That file has no readable text"):
        from_bytes(b"", filename="empty.txt")


def test_oversized_upload_is_refused_before_parsing():
    """More than the upload cap is refused by size, naming the cap."""
    with pytest.raises(ReadingError, match="larger than 20 MB"):
        from_bytes(b" " * (MAX_UPLOAD_BYTES + 1), filename="big.txt")
