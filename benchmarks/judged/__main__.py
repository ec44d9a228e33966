"""Print what the bot would post for the judged set, for a blind reader to score.

    python -m benchmarks.judged [--shared PATH] [--list] [--writer llm]

The judged set is fixed by a rule, not by hand: the editorials in neither thesis label set (check or
tune), the ``SIZE`` whose file names have the smallest SHA-256, plus the shared Bolivia reading. The rule
keeps the set apart from everything the analysis is designed on (the tune labels) or measured on (the
check labels), and nobody picks pieces the system happens to do well on. ``benchmarks.prompts --show``
never prints these pieces, so designing does not look at them.

``--writer llm`` prints what the optional model writer would post instead (LLM_BASE_URL and LLM_MODEL as for
``reading-circle analyze --writer llm``), so the same blind read can judge it wherever a model is reachable.

The reader is briefed with ``benchmarks/judged/BRIEFING.md`` only; scores go to
``benchmarks/judged/scores.jsonl`` in the format described there.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.common import shared_root
from benchmarks.corpus import load
from benchmarks.judged.selection import judged_paths
from bot.analysis import analyse
from bot.analysis.export import as_preview
from bot.config import ConfigError, Settings


def main() -> int:
    parser = argparse.ArgumentParser(description="Print the bot's output for the judged readings.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--list", action="store_true", help="only list the judged files")
    parser.add_argument("--writer", choices=("embedded", "llm"), default="embedded", help="who writes the prompts")
    args = parser.parse_args()
    try:
        model = Settings.from_env().require_model() if args.writer == "llm" else None
    except ConfigError as err:
        print(err, file=sys.stderr)
        return 2
    root = shared_root(args.shared)
    paths = judged_paths(root)
    for path in paths:
        name = path.relative_to(root).as_posix()
        if args.list:
            print(name)
            continue
        reading = load(path)
        result = analyse(reading)
        if model is not None:
            from bot.writer import write_with_model

            result = write_with_model(reading.text, reading.title, result, model)
        print(as_preview(name, result))
        print("-" * 100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
