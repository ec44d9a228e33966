"""PDF ingestion with hand-written PDFs that carry a real text layer."""

from __future__ import annotations

import pytest

from bot.ingest import ReadingError, from_bytes
from bot.ingest.limits import MAX_PDF_PAGES
from tests.ingest.builders import make_pdf

PAGE_ONE = [
    "The Case for Slow Reading",
    "Reading slowly is not a failure of attention but a way of",
    "paying it. When we read quickly we skim the surface of an",
    "argu-",
    "ment and mistake recognition for understanding.",
    "A second paragraph begins here and continues for a while so",
    "that the line is long enough to look like a wrapped line of",
    "text in a justified column of an essay.",
    "1",
]
ORDINALS = ["second", "third", "fourth", "fifth"]


def _body(n: int) -> list[str]:
    return [
        f"On the {ORDINALS[n - 2]} page, every circle should agree on a pace",
        "that lets the slowest reader finish, because a discussion",
        f"needs shared ground ({ORDINALS[n - 2]}).",
    ]


def _essay(pages: int = 4, **kwargs) -> bytes:
    rest = [["Slow Reading — Essays", *_body(n), f"Page {n} of {pages}"] for n in range(2, pages + 1)]
    return make_pdf([PAGE_ONE, *rest], **kwargs)


def test_pdf_text_is_unwrapped_and_dehyphenated():
    """Lines join into paragraphs; "argu-"/"ment" is mended; headers and page numbers go."""
    reading = from_bytes(_essay(), filename="essay.pdf", source="essay.pdf")
    assert reading.title == "The Case for Slow Reading"
    assert reading.paragraphs[0] == (
        "Reading slowly is not a failure of attention but a way of paying it. When we read quickly we skim the "
        "surface of an argument and mistake recognition for understanding."
    )
    assert reading.paragraphs[1].startswith("A second paragraph begins here")
    assert reading.paragraphs[2] == " ".join(_body(2))
    assert reading.paragraphs[4] == " ".join(_body(4))
    assert "Slow Reading — Essays" not in reading.text
    assert "Page 2" not in reading.text
    assert "\n\n\n" not in reading.text and "\n" not in reading.paragraphs[0]


def test_pdf_metadata_gives_title_and_author_unless_junk():
    """Info /Title and /Author are used; "Microsoft Word - x.docx" is not a title."""
    reading = from_bytes(_essay(title="Slow Reading, Revisited", author="Ann Author"))
    assert (reading.title, reading.author) == ("Slow Reading, Revisited", "Ann Author")
    reading = from_bytes(_essay(title="Microsoft Word - essay.docx"))
    assert reading.title == "The Case for Slow Reading"


def test_pdf_without_text_layer_is_called_a_scan():
    """A PDF of images only gets the "is it a scan?" message."""
    with pytest.raises(ReadingError) as err:
        from_bytes(make_pdf([[], []], text_layer=False), filename="scan.pdf")
    assert str(err.value) == "That PDF has no text layer — is it a scan? Try a PDF with selectable text."


def test_pdf_over_the_page_limit_fails_fast_with_advice():
    """A 300-page PDF is refused from its page count, before any text is extracted."""
    with pytest.raises(ReadingError, match=rf"300 pages; I can take at most {MAX_PDF_PAGES}.*Queue a chapter"):
        from_bytes(make_pdf(300))


def test_damaged_pdf_is_reported():
    """A truncated PDF gets a clear "damaged" message rather than a traceback."""
    with pytest.raises(ReadingError, match="PDF"):
        from_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", filename="broken.pdf")


def test_encrypted_pdf_with_password_is_refused():
    """A PDF that needs a user password is refused with a clear message."""
    pypdf = pytest.importorskip("pypdf")
    import io

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_essay())))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ReadingError, match="password-protected"):
        from_bytes(out.getvalue())


FULL = "line that runs right up to the margin as justified"


def test_pdf_paragraphs_found_by_indent_and_gap_even_after_a_full_line():
    """A paragraph whose last line is full still ends there when the next line is indented or set off by a
    gap, and an indented or gapped line is not taken for a wrapped one."""
    lines = [
        "The Case for Paragraphs",
        "",
        f"\tThe first paragraph opens with an indented {FULL}",
        f"prose does, and it closes with a last {FULL} prose does.",
        f"\tThe second paragraph is indented in its turn, a {FULL}",
        f"text does, and it closes with a {FULL} text does too.",
        "",
        f"The third paragraph follows a gap instead, a {FULL} text",
        "does, and it ends here.",
    ]
    reading = from_bytes(make_pdf([lines]), filename="paragraphs.pdf")
    assert reading.title == "The Case for Paragraphs"
    assert [p.split()[:2] for p in reading.paragraphs] == [["The", "first"], ["The", "second"], ["The", "third"]]
    assert reading.paragraphs[0].endswith("prose does.")
