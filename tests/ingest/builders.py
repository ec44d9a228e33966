"""Tiny fixture files built at test time: a hand-written PDF with a text layer, an EPUB made with zipfile."""

from __future__ import annotations

import io
import zipfile


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(
    pages: list[list[str]] | int,
    *,
    title: str | None = None,
    author: str | None = None,
    text_layer: bool = True,
) -> bytes:
    """A minimal valid PDF: each page's lines drawn with Helvetica (BT/Tj), or only a filled box if no text.

    A line starting with a tab is drawn indented; an empty line is a vertical gap."""
    if isinstance(pages, int):
        pages = [[f"Line on page {n}."] for n in range(pages)]
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below, once the page tree's number is known
    pages_id = add("")
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        if text_layer:
            ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
            for line in lines:
                if line.startswith("\t"):  # a first-line indent of 18 points
                    ops.append(f"18 0 Td {_pdf_string(line[1:])} Tj -18 0 Td T*")
                else:  # an empty line leaves a gap
                    ops.append(f"{_pdf_string(line)} Tj T*" if line else "T*")
            ops.append("ET")
        else:
            ops = ["0.5 g", "72 72 450 650 re f"]
        stream = "\n".join(ops).encode("cp1252")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    info = None
    if title or author:
        fields = "".join(f"/{k} {_pdf_string(v)} " for k, v in (("Title", title), ("Author", author)) if v)
        info = add(f"<< {fields}>>")

    return pdf_file(objects, catalog, info=info)


def pdf_file(objects: list[bytes], root: int, *, info: int | None = None) -> bytes:
    """Numbered objects (1-based, in order) written out with a cross-reference table and trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root {root} 0 R " + (f"/Info {info} 0 R " if info else "") + ">>"
    out.write(b"trailer\n" + trailer.encode() + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def make_epub(
    chapters: list[tuple[str, str]],
    *,
    title: str = "A Small Book",
    author: str = "Ada Writer",
    extra_files: dict[str, bytes] | None = None,
    with_nav: bool = True,
) -> bytes:
    """An EPUB 3 whose spine lists ``chapters`` (file name, XHTML body) in order, plus a nav document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first, as the spec asks
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>']
        spine = ['<itemref idref="nav"/>'] if with_nav else []
        for n, (name, _) in enumerate(chapters):
            manifest.append(f'<item id="c{n}" href="text/{name}" media-type="application/xhtml+xml"/>')
            spine.append(f'<itemref idref="c{n}"/>')
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="id">urn:test</dc:identifier><dc:title>{title}</dc:title>'
            f"<dc:creator>{author}</dc:creator><dc:language>en</dc:language></metadata>"
            f"<manifest>{''.join(manifest)}</manifest><spine>{''.join(spine)}</spine></package>",
        )
        book.writestr(
            "OEBPS/nav.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
            '<nav epub:type="toc"><ol><li>Contents entry that must not appear</li></ol></nav></body></html>',
        )
        for name, body in chapters:
            book.writestr(
                f"OEBPS/text/{name}",
                '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{name}</title></head>'
                f"<body>{body}</body></html>",
            )
        for path, data in (extra_files or {}).items():
            book.writestr(path, data)
    return buffer.getvalue()


def make_fallback_page() -> str:
    """A page whose text sits in bare ``<div>``s: trafilatura's own extractor finds nothing there, its
    fallback (readability, jusText, which needs ``lxml.html.clean``) finds every sentence."""
    sentences = "".join(
        f"<div>Sentence number {n} of a text that argues libraries should stay open in the evening for working "
        "people.</div>"
        for n in range(12)
    )
    return f"<html><body><div class='x'>{sentences}</div></body></html>"
