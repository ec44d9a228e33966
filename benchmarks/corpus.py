"""Run the analysis over the editorials and readings and check what members would see.

    python -m benchmarks.corpus [--shared PATH] [--show N] [--quiet]

Checks per document: thesis, every argument and every reason verbatim from the text at its offsets;
at least one argument; the prompts and polls within ``bot.analysis.limits`` (count, length, distinct, "?");
no label or quote cut mid-word. Prints timing per document and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from benchmarks.common import shared_root, shared_texts
from bot.analysis import analyse
from bot.analysis.limits import problems
from bot.analysis.model import Analysis
from bot.ingest.model import Reading

_CUT = re.compile(r"(\w+)…")


def load(path: Path) -> Reading:
    """Editorial files hold a title line, a blank line, then paragraphs; the title stays in the text (as
    ingestion would keep a heading), and is passed as the title too."""
    text = path.read_text(encoding="utf-8").strip()
    title = text.split("\n", 1)[0].strip()
    return Reading(text=text, title=title or None)


def check(reading: Reading, analysis: Analysis) -> list[str]:
    text = reading.text
    out = []
    spans = [("thesis", analysis.thesis)] if analysis.thesis else [("thesis", None)]
    for name, span in spans:
        if span is None:
            out.append("no thesis")
        elif text[span.start : span.end] != span.text:
            out.append(f"{name} not verbatim at its offsets")
    for i, arg in enumerate(analysis.arguments):
        if text[arg.start : arg.end] != arg.text:
            out.append(f"argument {i} not verbatim at its offsets")
        if not 0.0 <= arg.score <= 1.0:
            out.append(f"argument {i} score {arg.score} outside [0, 1]")
        for reason in arg.reason_spans:
            if text[reason.start : reason.end] != reason.text:
                out.append(f"reason of argument {i} not verbatim at its offsets")
        if tuple(r.text for r in arg.reason_spans) != arg.reasons:
            out.append(f"reasons of argument {i} differ from their spans")
    if not analysis.arguments:  # one is allowed: a reading with few claims of its own gets fewer, not padding
        out.append("no arguments")
    out.extend(problems(analysis.prompts, analysis.polls))
    # Anything we cut ends in "word…"; the word must be whole in the source.
    pieces = [p.text for p in analysis.prompts]
    pieces += [p.question for p in analysis.polls] + [a for p in analysis.polls for a in p.answers]
    pieces += [p.message for p in analysis.polls]
    source_words = set(re.findall(r"\w+", text))
    for piece in pieces:
        for match in _CUT.finditer(piece):
            if match.group(1) not in source_words:
                out.append(f"cut mid-word: {match.group(0)!r}")
    return out


def show(name: str, analysis: Analysis) -> None:
    print(f"\n=== {name}: {analysis.words} words")
    print(f"THESIS: {analysis.thesis.text if analysis.thesis else None}")
    for arg in analysis.arguments:
        print(f"  [{arg.score:.2f} {arg.kind}] {arg.text}")
        for reason in arg.reasons:
            print(f"      because: {reason}")
    for prompt in analysis.prompts:
        print(f"  ? {prompt.text}")
    for poll in analysis.polls:
        print(f"  POLL {poll.question}")
        for answer in poll.answers:
            print(f"     - {answer}")
        if poll.message:
            print("     " + poll.message.replace("\n", "\n     "))


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the analysis over the shared corpus.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--show", type=int, default=0, help="print the full analysis of the first N documents")
    parser.add_argument("--quiet", action="store_true", help="no per-document timing lines")
    args = parser.parse_args()
    root = shared_root(args.shared)
    paths = shared_texts(root)
    if not paths:
        print(f"no documents under {root}", file=sys.stderr)
        return 2
    failures = 0
    totals = {"arguments": 0, "reasons": 0, "prompts": 0, "polls": 0, "labelled polls": 0}
    total_secs = 0.0
    for n, path in enumerate(paths):
        reading = load(path)
        t0 = time.perf_counter()
        analysis = analyse(reading)
        secs = time.perf_counter() - t0
        total_secs += secs
        if n < args.show:
            show(path.name, analysis)
        found = check(reading, analysis)
        totals["arguments"] += len(analysis.arguments)
        totals["reasons"] += sum(len(a.reasons) for a in analysis.arguments)
        totals["prompts"] += len(analysis.prompts)
        totals["polls"] += len(analysis.polls)
        totals["labelled polls"] += sum(1 for p in analysis.polls if p.message)
        if not args.quiet:
            print(f"{secs * 1000:7.1f} ms  {analysis.words:6d} words  {path.parent.name}/{path.name}")
        if found:
            failures += 1
            for problem in found:
                print(f"FAIL {path.parent.name}/{path.name}: {problem}")
    print(
        f"\n{len(paths)} documents, {failures} failing; "
        + ", ".join(f"{v} {k}" for k, v in totals.items())
        + f"; {total_secs:.2f} s analysing ({total_secs / len(paths) * 1000:.1f} ms/doc)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
