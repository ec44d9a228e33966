"""Whole-process speed and memory of ``reading-circle analyze``: 2,000 and 20,000 words.

Targets (issue #3): 20,000 words in <= 1.5 s wall time with peak RSS <= 150 MB, interpreter start
included, and 20,000 words taking at most 12x as long as 2,000. Each size runs several times; the median
wall time and the highest peak RSS are reported. The texts are built at run time from the editorials in
``../shared`` (never copied into the project), joined as sections of one long reading.

    .venv/bin/python -m benchmarks.speed [--runs 5] [--shared PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import shared_root

TARGET_SECONDS = 1.5
TARGET_MB = 150
TARGET_RATIO = 12


def build_reading(editorials: list[Path], words: int) -> str:
    """Editorials as titled sections until the word count is reached, cut at a paragraph end."""
    sections, total = [], 0
    for path in editorials:
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        kept = []
        for paragraph in body.split("\n\n"):
            if total >= words:
                break
            kept.append(paragraph.strip())
            total += len(paragraph.split())
        sections.append(f"{title.strip()}\n\n" + "\n\n".join(kept))
        if total >= words:
            break
    return "\n\n".join(sections)


def measure(path: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``python -m bot analyze --json`` process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "analyze", "--json", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"analyze failed on {path}: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shared", default=None)
    args = parser.parse_args(argv)
    editorials = sorted((shared_root(args.shared) / "datasets" / "editorials").glob("*/*.txt"))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for words in (2_000, 20_000):
            path = Path(tmp) / f"reading-{words}.txt"
            text = build_reading(editorials, words)
            path.write_text(text, encoding="utf-8")
            measure(path)  # warm the file cache and .pyc files
            runs = [measure(path) for _ in range(args.runs)]
            results[words] = (len(text.split()), statistics.median(t for t, _ in runs), max(m for _, m in runs))
    print(f"{'words':>8} {'median s':>9} {'peak MB':>8}   (whole process, {args.runs} runs each)")
    for actual, seconds, mb in results.values():
        print(f"{actual:>8,} {seconds:>9.3f} {mb:>8.1f}")
    _, small, _ = results[2_000]
    _, large, peak = results[20_000]
    ratio = large / small
    checks = {
        f"20,000 words <= {TARGET_SECONDS} s": large <= TARGET_SECONDS,
        f"peak memory <= {TARGET_MB} MB": peak <= TARGET_MB,
        f"20,000 / 2,000 time ratio {ratio:.2f} <= {TARGET_RATIO}": ratio <= TARGET_RATIO,
    }
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
