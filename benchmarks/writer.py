"""The model writer without a model: what it would send, whether its checks are fair, how it gives up.

    python -m benchmarks.writer [--shared PATH] [--timeout SECONDS]

Over every editorial and shared reading: the size of the one request (characters, and tokens at about four
characters each), and how many of the embedded writer's own prompts and polls the checks would refuse if a
model had written them (they should refuse none: the checks must not be stricter than our own templates).
Then how long the call takes to fall back against an endpoint that accepts the connection and never
answers, and against a refused one.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import time
from pathlib import Path

from benchmarks.common import shared_root, shared_texts
from benchmarks.corpus import load
from bot.analysis import analyse
from bot.analysis.model import Analysis
from bot.config import ModelConfig
from bot.ingest.model import Reading
from bot.writer import write_with_model
from bot.writer.ask import Candidates, chat_request
from bot.writer.checks import Checker


def readings(root: Path) -> list[Reading]:
    paths = shared_texts(root)
    return [load(path) for path in paths]


def echo(analysis: Analysis) -> dict:
    """The embedded prompts and polls as if a model had written them about the embedded choice."""
    first = 1 if analysis.thesis else 0

    def about(index: int | None) -> int | None:
        return None if index is None else index + first

    return {
        "thesis": 0 if analysis.thesis else None,
        "arguments": list(range(first, first + len(analysis.arguments))),
        "prompts": [{"text": p.text, "about": about(p.argument)} for p in analysis.prompts],
        "polls": [
            {"question": p.question, "answers": list(p.answers), "about": about(p.argument)} for p in analysis.polls
        ],
    }


def fallback_seconds(config: ModelConfig, analysis: Analysis, reading: Reading) -> float:
    started = time.monotonic()
    result = write_with_model(reading.text, reading.title, analysis, config)
    assert result is analysis
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", help="the shared data folder (default ../shared)")
    parser.add_argument("--timeout", type=float, default=2.0, help="LLM_TIMEOUT for the fallback timings")
    args = parser.parse_args()
    sample = readings(shared_root(args.shared))
    analysed = [(reading, analyse(reading)) for reading in sample]
    sizes, tokens, offered, refused = [], [], 0, []
    config = ModelConfig("http://127.0.0.1:9/v1", "any", max_tokens=1500)
    for reading, analysis in analysed:
        candidates = Candidates.of(analysis)
        request = json.dumps(chat_request(reading.text, reading.title, candidates, config, schema=True))
        sizes.append(len(request))
        tokens.append(len(request) / 4 + config.max_tokens)
        checked = Checker(reading.text, candidates).check(echo(analysis))
        offered += checked.offered_prompts + checked.offered_polls
        if checked.dropped:
            refused.append(f"{reading.title}: {checked.summary()}")
    cuts = statistics.quantiles(sizes, n=10)
    print(f"{len(sample)} readings")
    print(f"request body, characters: median {statistics.median(sizes):,.0f}, p90 {cuts[-1]:,.0f}, max {max(sizes):,}")
    print(f"context needed at ~4 chars/token plus max_tokens 1500: max {max(tokens):,.0f} tokens")
    print(
        f"embedded prompts and polls refused by the checks: {len(refused)} readings of {len(sample)}, "
        f"out of {offered:,} items"
    )
    for line in refused[:10]:
        print(f"  {line}")

    reading, analysis = analysed[0]
    with socket.socket() as silent:  # accepts connections into its backlog and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        took = fallback_seconds(
            ModelConfig(f"http://127.0.0.1:{port}/v1", "any", timeout=args.timeout), analysis, reading
        )
    print(f"fallback from a silent endpoint, LLM_TIMEOUT={args.timeout:g}: {took:.3f} s")
    took = fallback_seconds(ModelConfig(f"http://127.0.0.1:{port}/v1", "any", timeout=args.timeout), analysis, reading)
    print(f"fallback from a refused connection: {took:.3f} s")


if __name__ == "__main__":
    main()
