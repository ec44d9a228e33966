"""Prompts to read as a member would: a fixed random sample from the shared texts outside the judged set.

    python -m benchmarks.prompt_sample [--shared PATH] [--size 60] [--seed 5]

The same seed gives the same sample for the same output, so a before/after read compares like with like
only when the prompts themselves are unchanged; the count of broken or unfitting prompts is the reader's.
The judged readings (``benchmarks.judged``) are never printed.
"""

from __future__ import annotations

import argparse
import random
import sys

from benchmarks.common import shared_root, shared_texts
from benchmarks.corpus import load
from benchmarks.judged.selection import judged_paths
from bot.analysis import analyse


def main() -> int:
    parser = argparse.ArgumentParser(description="A fixed random sample of prompts from non-judged shared texts.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--size", type=int, default=60)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--polls", type=int, default=0, help="also print the polls of N sampled readings")
    args = parser.parse_args()
    root = shared_root(args.shared)
    judged = {p.resolve() for p in judged_paths(root)}
    readings = [p for p in shared_texts(root) if p.resolve() not in judged]
    analyses = {path: analyse(load(path)) for path in readings}
    prompts = [prompt.text for analysis in analyses.values() for prompt in analysis.prompts]
    if not prompts:
        print(f"no prompts from {root}", file=sys.stderr)
        return 2
    sample = random.Random(args.seed).sample(prompts, min(args.size, len(prompts)))
    print(f"{len(sample)} of {len(prompts)} prompts (seed {args.seed})")
    for n, text in enumerate(sample, 1):
        print(f"{n:>2}. {text}")
    if args.polls:
        for path in random.Random(args.seed).sample(readings, min(args.polls, len(readings))):
            print(f"\n{path.name}")
            for poll in analyses[path].polls:
                print(f"  Q: {poll.question}\n     " + " | ".join(poll.answers))
                print("".join(f"     > {line}\n" for line in poll.message.splitlines()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
