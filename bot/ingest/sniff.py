"""What a file really is, from its first bytes: names and Content-Types lie more often than magic numbers.

Order: magic bytes (PDF, ZIP→EPUB or a named refusal, known binary formats), then text decoding (BOM, UTF-8,
then cp1252/Latin-1 only if the result reads as text), then HTML markers, then the file name or
Content-Type to tell Markdown and HTML from plain text.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePosixPath

from bot.ingest.archive import ENTRY_ERRORS
from bot.ingest.errors import ReadingError

PDF, EPUB, HTML, MARKDOWN, TEXT = "pdf", "epub", "html", "markdown", "text"
CAN_READ = "I can read PDF, EPUB, HTML, Markdown or plain text."

# (prefix, offset, what it is) — checked in order; the name completes "That looks like …".
_MAGIC: list[tuple[bytes, int, str]] = [
    (b"\x89PNG\r\n\x1a\n", 0, "an image (PNG)"),
    (b"\xff\xd8\xff", 0, "an image (JPEG)"),
    (b"GIF87a", 0, "an image (GIF)"),
    (b"GIF89a", 0, "an image (GIF)"),
    (b"WEBP", 8, "an image (WebP)"),
    (b"II*\x00", 0, "an image (TIFF)"),
    (b"MM\x00*", 0, "an image (TIFF)"),
    (b"\x00\x00\x01\x00", 0, "an icon image"),
    (b"ftypheic", 4, "an image (HEIC)"),
    (b"ftypavif", 4, "an image (AVIF)"),
    (b"ftyp", 4, "a video or audio file"),
    (b"WAVE", 8, "an audio file (WAV)"),
    (b"AVI ", 8, "a video (AVI)"),
    (b"ID3", 0, "an audio file (MP3)"),
    (b"\xff\xfb", 0, "an audio file (MP3)"),
    (b"\xff\xf3", 0, "an audio file (MP3)"),
    (b"OggS", 0, "an audio or video file (Ogg)"),
    (b"fLaC", 0, "an audio file (FLAC)"),
    (b"\x1aE\xdf\xa3", 0, "a video (WebM/Matroska)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"{\\rtf", 0, "an RTF document — save it as plain text or PDF"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"\x1f\x8b", 0, "a compressed file (gzip)"),
    (b"BZh", 0, "a compressed file (bzip2)"),
    (b"\xfd7zXZ\x00", 0, "a compressed file (xz)"),
    (b"\x28\xb5\x2f\xfd", 0, "a compressed file (zstd)"),
    (b"\x7fELF", 0, "a program"),
    (b"MZ", 0, "a Windows program"),
    (b"SQLite format 3\x00", 0, "a database file"),
    (b"wOFF", 0, "a font file"),
    (b"wOF2", 0, "a font file"),
    (b"%!PS", 0, "a PostScript file — convert it to PDF"),
]

# Printable signatures a text could start with; they count only if the rest of the head is binary.
_WEAK_MAGIC = {b"MZ", b"BZh", b"ID3", b"OggS", b"fLaC", b"WEBP", b"WAVE", b"AVI ", b"ftyp", b"wOFF", b"wOF2"}

_HTML_MARKERS = re.compile(
    rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>|<article[\s>]|"
    rb"<\?xml[^>]*>\s*(?:<!doctype\s+html|<html))",
    re.I,
)
_HTML_ANYWHERE = re.compile(rb"<html[\s>]|<body[\s>]|<!doctype\s+html", re.I)
# Python codecs that decode bytes but are no page's character set: "undefined" always raises, the others
# turn markup into garbage or raise on most input.
_NOT_CHARSETS = {"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape"}
_MAX_MIMETYPE = 256  # bytes; "application/epub+zip" is 20
_MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd", ".mkdn"}
_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_EXTENSIONS = {".txt", ".text", ".asc"}
_OFFICE = {
    "word/": "a Word document — save it as PDF or plain text",
    "xl/": "a spreadsheet",
    "ppt/": "a PowerPoint presentation — save it as PDF",
}
_ODF = {
    "application/vnd.oasis.opendocument.text": "an OpenDocument text — save it as PDF or plain text",
    "application/vnd.oasis.opendocument.spreadsheet": "a spreadsheet",
    "application/vnd.oasis.opendocument.presentation": "a presentation — save it as PDF",
}


def refuse(what: str) -> ReadingError:
    """The one wording for "wrong kind of file", so every path names the thing and what we can read."""
    return ReadingError(f"That looks like {what}; {CAN_READ}")


def sniff(data: bytes, *, filename: str | None = None, content_type: str | None = None) -> str:
    """The format to read ``data`` as (one of the constants above), or a ``ReadingError`` naming what it is."""
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    for magic, offset, what in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            if magic in _WEAK_MAGIC and _looks_textual(head):
                continue  # a text that happens to start with "MZ", "ID3"…
            raise refuse(what)
    suffix = PurePosixPath(filename or "").suffix.lower()
    mime = (content_type or "").split(";")[0].strip().lower()
    if suffix == ".pdf" or mime == "application/pdf":
        raise ReadingError("That file is named as a PDF but isn't one — is it complete? Try downloading it again.")
    if suffix == ".epub" or mime == "application/epub+zip":
        raise ReadingError("That file is named as an EPUB but isn't one — is it complete? Try downloading it again.")
    if _HTML_MARKERS.search(_without_bom(head)) or (
        (suffix in _HTML_EXTENSIONS or "html" in mime) and _HTML_ANYWHERE.search(data[:8192])
    ):
        return HTML
    if suffix in _HTML_EXTENSIONS or mime in ("text/html", "application/xhtml+xml"):
        return HTML
    if suffix in _MARKDOWN_EXTENSIONS or mime in ("text/markdown", "text/x-markdown"):
        return MARKDOWN
    return TEXT


def _zip_kind(data: bytes) -> str:
    """An EPUB is a ZIP whose first entry says so; Office files and plain archives are named and refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        mimetype = _mimetype(archive) if "mimetype" in names else ""
    except ENTRY_ERRORS as exc:
        raise ReadingError("That file looks like a damaged ZIP archive; I couldn't open it.") from exc
    if mimetype == "application/epub+zip" or (not mimetype and "META-INF/container.xml" in names):
        return EPUB
    if mimetype in _ODF:
        raise refuse(_ODF[mimetype])
    for prefix, what in _OFFICE.items():
        if any(name.startswith(prefix) for name in names):
            raise refuse(what)
    raise refuse("a ZIP archive")


def _mimetype(archive: zipfile.ZipFile) -> str:
    """The ``mimetype`` entry, inflated no further than a media type can be long (a zip bomb hides here)."""
    with archive.open("mimetype") as entry:
        return entry.read(_MAX_MIMETYPE).decode("ascii", "replace").strip()


def _without_bom(head: bytes) -> bytes:
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    # UTF-16 HTML: drop the zero bytes so the ASCII markers still match.
    return head.replace(b"\x00", b"") if head[:200].count(b"\x00") > 20 else head


def decode(data: bytes, *, charset: str | None = None) -> str:
    """Bytes to text: a BOM decides, then a declared charset, then UTF-8, then cp1252/Latin-1 if plausible.

    The legacy fallback is accepted only if the result reads as text, so binary files that slipped past the
    magic-number check are refused instead of analysed as noise.
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if charset:
        try:
            if codecs.lookup(charset).name not in _NOT_CHARSETS:
                return data.decode(charset)
        except (LookupError, UnicodeError):
            pass  # an unknown or lying declaration: sniff as if there were none
    sample = data[:4096]
    if sample.count(b"\x00") > len(sample) // 4 and len(sample) >= 2:
        # UTF-16 without a BOM: zeros sit in every other byte of ASCII text.
        codec = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        text = data.decode(codec, errors="replace")
        if _reads_as_text(text):
            return text
        raise refuse("a binary file")
    for codec in ("utf-8", "cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text
    raise refuse("a binary file")


def _looks_textual(head: bytes) -> bool:
    return b"\x00" not in head and _reads_as_text(head.decode("latin-1"))


def _reads_as_text(text: str) -> bool:
    """At most 1% control characters (other than tab, CR, LF, FF): text, not a binary format."""
    sample = text[:20_000]
    if not sample:
        return True
    control = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0x7F <= ord(ch) < 0xA0)
    return control <= len(sample) // 100
