"""Hostile readings through the real command line: time, peak memory and what the user is told.

Each case of issue 11's "Hostile files" is built here (small on disk, generated, never stored), written to a
temporary file and read by ``python -m bot analyze FILE`` in its own process, so the figures are the whole
process's wall time and peak RSS (its own address space's high-water mark), and the answer is exactly what
a user would see. The tests in ``tests/ingest/test_hostile.py`` run the same cases at a smaller scale.

    .venv/bin/python -m benchmarks.hostile [--scale 1.0] [--timeout 120] [CASE …]

``--scale 1`` builds the inputs at the sizes the issue reports (a 2 GB ``mimetype``, a 49 MB chapter…).
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.ingest.builders import pdf_file

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
_PROSE = (
    "Public libraries should stay open in the evenings, because that is when working people can use them. "
    "A town that closes its library at five tells half its citizens that reading is not for them. "
)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    what: str
    suffix: str
    build: Callable[[float], bytes]


@dataclass(frozen=True, slots=True)
class Outcome:
    exit_code: int | None  # None: killed at the timeout
    message: str  # the first line on stderr, what the user reads
    seconds: float
    peak_mb: float
    traceback: bool


# --- EPUB ---------------------------------------------------------------------------------------------------

_CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)
_OPF = (
    '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Libraries</dc:title></metadata>'
    '<manifest><item id="c0" href="c0.xhtml" media-type="application/xhtml+xml"/></manifest>'
    '<spine><itemref idref="c0"/></spine></package>'
)
_CHAPTER = '<html xmlns="http://www.w3.org/1999/xhtml"><body>{}</body></html>'


def _epub(entries: dict[str, bytes | Callable[[io.BufferedIOBase], None]]) -> bytes:
    """A deflated EPUB; an entry given as a function writes its content in pieces (a bomb never sits in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, content in entries.items():
            if callable(content):
                with book.open(name, "w", force_zip64=True) as handle:
                    content(handle)
            else:
                book.writestr(name, content)
    return buffer.getvalue()


def _padded(head: bytes, size: int, tail: bytes = b"") -> Callable[[io.BufferedIOBase], None]:
    """``head``, then spaces up to ``size`` bytes, then ``tail``: valid XML that inflates to ``size``."""

    def write(handle: io.BufferedIOBase) -> None:
        handle.write(head)
        chunk = b" " * MB
        left = size - len(head) - len(tail)
        while left > 0:
            handle.write(chunk[: min(left, MB)])
            left -= MB
        handle.write(tail)

    return write


def _book(overrides: dict[str, bytes | Callable[[io.BufferedIOBase], None]] | None = None) -> bytes:
    entries: dict[str, bytes | Callable[[io.BufferedIOBase], None]] = {
        "mimetype": b"application/epub+zip",
        "META-INF/container.xml": _CONTAINER.encode(),
        "OEBPS/content.opf": _OPF.encode(),
        "OEBPS/c0.xhtml": _CHAPTER.format(f"<p>{_PROSE * 3}</p>" * 4).encode(),
    }
    entries.update(overrides or {})
    return _epub(entries)


def epub_mimetype_bomb(scale: float) -> bytes:
    return _book({"mimetype": _padded(b"application/epub+zip", int(2048 * MB * scale))})


def epub_container_bomb(scale: float) -> bytes:
    head, _, tail = _CONTAINER.partition("<rootfiles>")
    padded = _padded(head.encode(), int(1100 * MB * scale), b"<rootfiles>" + tail.encode())
    return _book({"META-INF/container.xml": padded})


def epub_opf_bomb(scale: float) -> bytes:
    head, _, tail = _OPF.partition("<manifest>")
    return _book({"OEBPS/content.opf": _padded(head.encode(), int(1100 * MB * scale), b"<manifest>" + tail.encode())})


def epub_markup_flood(scale: float) -> bytes:
    """A chapter of 49 MB of ``<p>a</p>``: 6 million elements of one word each."""
    count = int(49 * MB * scale) // 8

    def write(handle: io.BufferedIOBase) -> None:
        handle.write(b'<html xmlns="http://www.w3.org/1999/xhtml"><body>')
        for _ in range(count // 100_000):
            handle.write(b"<p>a</p>" * 100_000)
        handle.write(b"</body></html>")

    return _book({"OEBPS/c0.xhtml": write})


def epub_corrupt_deflate(_scale: float) -> bytes:
    """An honest book whose chapter's deflate data starts with an invalid block type."""
    data = bytearray(_book())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("OEBPS/c0.xhtml")
    header = data[info.header_offset : info.header_offset + 30]
    start = info.header_offset + 30 + int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
    data[start] = 0xFF  # BFINAL=1, BTYPE=11: "invalid block type"
    return bytes(data)


# --- PDF ----------------------------------------------------------------------------------------------------


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_form_flood(scale: float) -> bytes:
    """One page drawing a form of 100,000 text operations 5,000 times."""
    form = b"BT /F1 1 Tf " + b"(a) Tj " * int(100_000 * scale) + b"ET"
    page = b"/X1 Do\n" * 5000
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        _stream(page),
        _FONT,
        _stream(form, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "),
    ]
    return pdf_file(objects, 1)


def pdf_text_operations(scale: float) -> bytes:
    """150 pages sharing one content stream of 990,000 text operations."""
    content = b"BT /F1 1 Tf " + b"(a) Tj " * int(990_000 * scale) + b"ET"
    pages = 150
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(content),
        _FONT,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
    page += b" /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * pages
    return pdf_file(objects, 1)


# --- HTML and text ------------------------------------------------------------------------------------------


def html_tiny_paragraphs(scale: float) -> bytes:
    """1 MB of one-word paragraphs: trafilatura's readability fallback compares them pairwise."""
    body = "".join(f"<p>w{n}</p>" for n in range(int(MB * scale) // 12))
    return f"<!doctype html><html><head><title>Tiny</title></head><body>{body}</body></html>".encode()


def _page(meta: str, body: str) -> bytes:
    head = f"<!doctype html><html><head>{meta}<title>Libraries</title></head>"
    return f"{head}<body><article>{body}</article></body></html>".encode()


def html_charset_undefined(_scale: float) -> bytes:
    return _page('<meta charset="undefined">', f"<p>{_PROSE * 3}</p>")


def html_charset_punycode(_scale: float) -> bytes:
    return _page('<meta charset="punycode">', f"<p>{_PROSE * 3}</p>")


def html_deep(_scale: float) -> bytes:
    """Prose at the top and 300 levels down, where the HTML parser stops building the tree."""
    depth = 300
    deep = "<div>" * depth + f"<p>{_PROSE * 3}</p>" + "</div>" * depth
    return _page("", f"<p>{_PROSE * 3}</p>" + deep)


def text_one_word_paragraphs(scale: float) -> bytes:
    """59,000 one-word paragraphs (177 KB): a single run of "headings" for segmentation."""
    return "\n\n".join("word" for _ in range(int(59_000 * scale))).encode()


def text_one_long_word(scale: float) -> bytes:
    return b"a" * int(19 * MB * scale)


CASES = [
    Case("epub-mimetype-bomb", "`mimetype` inflating to 2 GB", ".epub", epub_mimetype_bomb),
    Case("epub-container-bomb", "`container.xml` inflating to 1.1 GB", ".epub", epub_container_bomb),
    Case("epub-opf-bomb", "OPF inflating to 1.1 GB", ".epub", epub_opf_bomb),
    Case("epub-markup-flood", "a 49 MB chapter of `<p>a</p>`", ".epub", epub_markup_flood),
    Case("epub-corrupt-deflate", "a chapter with corrupt deflate data", ".epub", epub_corrupt_deflate),
    Case("pdf-form-flood", "a page drawing a 100k-operation form 5,000 times", ".pdf", pdf_form_flood),
    Case("pdf-text-operations", "150 pages of 990k text operations each", ".pdf", pdf_text_operations),
    Case("html-tiny-paragraphs", "1 MB of one-word paragraphs", ".html", html_tiny_paragraphs),
    Case("html-charset-undefined", '`<meta charset="undefined">`', ".html", html_charset_undefined),
    Case("html-charset-punycode", '`<meta charset="punycode">`', ".html", html_charset_punycode),
    Case("html-deep", "text 300 elements deep", ".html", html_deep),
    Case("text-one-word-paragraphs", "59,000 one-word paragraphs", ".txt", text_one_word_paragraphs),
    Case("text-one-long-word", "one 19 MB word on one line", ".txt", text_one_long_word),
]
BY_NAME = {case.name: case for case in CASES}


def run_case(case: Case, *, scale: float = 1.0, timeout: float = 120.0, directory: Path | None = None) -> Outcome:
    """Build the case's file and read it with ``python -m bot analyze``; figures are the child's own."""
    with tempfile.TemporaryDirectory(dir=directory) as tmp:
        path = Path(tmp) / f"{case.name}{case.suffix}"
        path.write_bytes(case.build(scale))
        return analyze_file(path, timeout=timeout)


# ``python -m bot`` that writes its own peak RSS (VmHWM, in kB) to the file named by $PEAK_FILE on the way
# out. wait4's ru_maxrss is no measure here: Linux keeps the larger of the old and new address spaces' peaks
# across exec, so a child of a 300 MB test process "peaks" at 300 MB whatever it does.
_WITH_PEAK = """
import atexit, os, runpy, sys

def _peak():
    with open("/proc/self/status") as status:
        kb = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(kb)

atexit.register(_peak)
sys.argv[0] = "bot"
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


def analyze_file(path: Path, *, timeout: float) -> Outcome:
    peak_file = path.with_name(path.name + ".peak")
    peak_file.unlink(missing_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "PEAK_FILE": str(peak_file)}
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _WITH_PEAK, "analyze", str(path), "--json"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=env,
            cwd=path.parent,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.kill(process.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        seconds = time.perf_counter() - started
        stderr.seek(0)
        err = stderr.read().decode("utf-8", "replace")
    lines = [line for line in err.splitlines() if line.strip()]
    own_peak = int(peak_file.read_text()) if peak_file.exists() else None
    peak_file.unlink(missing_ok=True)
    return Outcome(
        exit_code=None if killed else process.returncode,
        message=lines[0] if lines else "",
        seconds=seconds,
        # Killed or crashed before its exit hook: the kernel's figure, an upper bound.
        peak_mb=own_peak / 1024 if own_peak is not None else usage.ru_maxrss / 1024,
        traceback="Traceback" in err,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE", help=f"default: every case ({', '.join(BY_NAME)})")
    parser.add_argument("--scale", type=float, default=1.0, help="input size relative to the issue's (default 1)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a case is killed")
    args = parser.parse_args(argv)
    unknown = set(args.cases) - set(BY_NAME)
    if unknown:
        parser.error(f"unknown case {', '.join(sorted(unknown))}")
    print(f"{'case':26} {'exit':>4} {'seconds':>8} {'peak MB':>8}  what the user reads")
    for name in args.cases or BY_NAME:
        outcome = run_case(BY_NAME[name], scale=args.scale, timeout=args.timeout)
        code = "kill" if outcome.exit_code is None else str(outcome.exit_code)
        shown = ("TRACEBACK " if outcome.traceback else "") + outcome.message.split(": ", 1)[-1]
        print(f"{name:26} {code:>4} {outcome.seconds:8.2f} {outcome.peak_mb:8.0f}  {shown[:150]}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
