"""What the reading worker costs: start-up overhead against analysing in-process, and the child's memory.

Decides whether the bot needs a pool of warm workers: if starting a fresh interpreter per reading adds a
small fraction of a second to a job an organiser waits on anyway, it does not. For each input it also
finds, by bisection, the smallest address-space cap (``WorkerLimits.memory_mb``) under which the worker
still succeeds, which is what the default cap must stay well above. Texts are built at run time from the
editorials in ``../shared``; the PDF with ``tests/ingest/builders.py``.

    .venv/bin/python -m benchmarks.prepare [--runs 5] [--shared PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import html
import logging
import os
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

from aiohttp import web

from benchmarks.common import shared_root
from benchmarks.speed import build_reading
from bot.analysis import analyse
from bot.ingest import ReadingError, from_text
from bot.prepare import Link, Pasted, Source, Upload, WorkerLimits, prepare
from bot.prepare.protocol import Request, encode_request
from tests.ingest.builders import make_pdf

#: Readings of these sizes in words are measured for memory; 58,000 is near the most ingestion accepts.
LONGER = (20_000, 58_000)
GENEROUS = WorkerLimits(seconds=120, memory_mb=4096, allow_private_urls=True)  # links are served on 127.0.0.1


def as_html(text: str) -> bytes:
    title, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    page = f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body><article>{paragraphs}"
    return (page + "</article></body></html>").encode()


def as_pdf(text: str) -> bytes:
    lines = [line for paragraph in text.split("\n\n") for line in [*textwrap.wrap(paragraph, 90), ""]]
    return make_pdf([lines[i : i + 50] for i in range(0, len(lines), 50)])


@asynccontextmanager
async def serving(pages: dict[str, bytes]) -> AsyncIterator[str]:
    """A base URL on 127.0.0.1 serving each page as HTML at /<name>, for as long as the block runs."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=pages[request.match_info["name"]], content_type="text/html")

    app = web.Application()
    app.router.add_get("/{name}", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    finally:
        await runner.cleanup()


#: Run by a fresh, small interpreter: ru_maxrss of a child also counts the memory of the process that
#: spawned it (the child shares its pages until exec), so the spawning process must be smaller than the
#: worker for the figure to be the worker's own.
_MEASURE = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
proc.stdin.write(sys.stdin.buffer.read())
proc.stdin.close()
answer = proc.stdout.read()
_, status, usage = os.wait4(proc.pid, 0)
proc.returncode = os.waitstatus_to_exitcode(status)
print(usage.ru_maxrss, proc.returncode == 0 and b'"result"' in answer)
"""


def child_peak_rss_mb(source: Source) -> float:
    """Peak resident memory (MB) of one worker process answering ``source``."""
    worker = [
        sys.executable,
        "-m",
        "bot.prepare.worker",
        "--memory-mb",
        str(GENEROUS.memory_mb),
        "--cpu-seconds",
        "120",
    ]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *worker],
        input=encode_request(Request(source, allow_private_urls=True)),
        capture_output=True,
        env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        check=True,
    )
    kib, ok = measured.stdout.split()
    if ok != b"True":
        raise SystemExit(f"the worker failed: {measured.stderr[-500:]!r}")
    return int(kib) / 1024  # ru_maxrss is in KiB on Linux


async def smallest_cap_mb(source: Source, low: int = 32, high: int = 1024, step: int = 8) -> int:
    """The smallest memory_mb (to ``step`` MB) at which prepare succeeds; bisection, since it is monotone."""
    while high - low > step:
        middle = (low + high) // 2
        try:
            await prepare(source, limits=dataclasses.replace(GENEROUS, memory_mb=middle))
        except ReadingError:
            low = middle
        else:
            high = middle
    return high


async def median_seconds(runs: int, job) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await job()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def main_async(runs: int, shared: Path) -> None:
    editorials = sorted((shared / "datasets" / "editorials").glob("*/*.txt"))
    short = build_reading(editorials, 2_000)

    async def in_process() -> None:
        analyse(from_text(short))

    async def in_worker() -> None:
        await prepare(Pasted(short), limits=GENEROUS)

    async def refused() -> None:
        with suppress(ReadingError):
            await prepare(Pasted("Too short."), limits=GENEROUS)

    await in_process()  # warm imports, .pyc files and the file cache
    await in_worker()
    inline, worker, floor = [await median_seconds(runs, job) for job in (in_process, in_worker, refused)]
    words = len(short.split())
    print(f"{words:,} words pasted, median of {runs} runs:")
    print(f"  analysed in-process (modules already imported) {inline:7.3f} s")
    print(f"  prepare() in a fresh worker, spawn to result   {worker:7.3f} s")
    print(f"  overhead of the worker process                 {worker - inline:7.3f} s")
    print(f"  a refused 2-word paste (start-up floor)        {floor:7.3f} s")
    print()
    longer = {size: build_reading(editorials, size) for size in LONGER}
    print(f"{'input':<28} {'seconds':>8} {'peak RSS MB':>12} {'smallest cap MB':>16}")
    async with serving({str(size): as_html(text) for size, text in longer.items()}) as site:
        cases: dict[str, Source] = {f"pasted text, {words:,} words": Pasted(short)}
        for size, text in longer.items():
            count = f"{len(text.split()):,} words"
            cases[f"pasted text, {count}"] = Pasted(text)
            cases[f"HTML upload, {count}"] = Upload(as_html(text), filename="page.html")
            cases[f"HTML link, {count}"] = Link(f"{site}/{size}")
            cases[f"PDF upload, {count}"] = Upload(as_pdf(text), filename="essay.pdf")
        for name, source in cases.items():
            seconds = await median_seconds(1, lambda source=source: prepare(source, limits=GENEROUS))
            peak = await asyncio.to_thread(child_peak_rss_mb, source)  # the loop keeps serving the links
            print(f"{name:<28} {seconds:>8.2f} {peak:>12.1f} {await smallest_cap_mb(source):>16}")
    print(f"\ndefault cap: {WorkerLimits().memory_mb} MB, default time limit: {WorkerLimits().seconds:g} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shared", default=None)
    args = parser.parse_args(argv)
    logging.getLogger("bot.prepare").setLevel(logging.CRITICAL)  # bisection makes workers fail on purpose
    asyncio.run(main_async(args.runs, shared_root(args.shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
