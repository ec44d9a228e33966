"""Shared by the benchmarks: where the shared data lives, AAEC loading and the "covers" relation."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[a-z0-9]+")


def shared_root(cli_value: str | None = None) -> Path:
    """The shared data folder: --shared, else $READING_CIRCLE_SHARED, else ../shared beside the project."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get("READING_CIRCLE_SHARED"):
        return Path(os.environ["READING_CIRCLE_SHARED"])
    return Path(__file__).resolve().parents[1].parent / "shared"


def load_aaec(root: Path, split: str) -> list[dict]:
    path = root / "datasets" / "aaec" / f"{split}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def words(text: str) -> list[str]:
    """Normalised words: lowercase runs of ASCII letters and digits ("one ’ s" and "one's" both give
    "one", "s"), so the CoNLL re-spacing of the annotations does not matter."""
    return _WORD.findall(text.lower())


def covers(passage: str, component: str) -> bool:
    """The passage contains at least half of the component's words (as a multiset)."""
    need = Counter(words(component))
    total = sum(need.values())
    if not total:
        return False
    have = Counter(words(passage))
    return 2 * sum(min(c, have[w]) for w, c in need.items()) >= total
