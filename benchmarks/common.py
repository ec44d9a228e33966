"""Shared by the benchmarks: where the shared data lives, AAEC loading and the "covers" relation."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

_WORD = re.compile(r"[a-z0-9]+")


def shared_root(cli_value: str | None = None) -> Path:
    """The shared data folder: --shared, else $READING_CIRCLE_SHARED, else ../shared beside the project."""
    if cli_value:
        return Path(cli_value)
    if os.environ.get("READING_CIRCLE_SHARED"):
        return Path(os.environ["READING_CIRCLE_SHARED"])
    return Path(__file__).resolve().parents[1].parent / "shared"


def shared_texts(root: Path) -> list[Path]:
    """Every shared editorial, then every shared reading: the corpus the quality and limit checks run over."""
    return sorted((root / "datasets" / "editorials").glob("*/*.txt")) + sorted((root / "readings").glob("*.txt"))


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


@cache
def sample_reading() -> tuple[Any, Any]:
    """The bundled sample reading and its analysis, computed once per run."""
    from bot.analysis import analyse
    from bot.ingest import from_text

    reading = from_text((Path(__file__).resolve().parents[1] / "data" / "samples" / "libraries.md").read_text())
    return reading, analyse(reading)


async def circle_with_sample_reading(services: Any, guild_id: int, owner_id: int, channel_id: int) -> None:
    """A circle (Mondays 18:00 UTC) with the sample reading queued, through the bot's own services: what a
    server looks like after its owner ran /circle setup and /reading add, without a thousand slash commands."""
    from bot.circles import Actor

    reading, analysis = sample_reading()
    owner = Actor(user_id=owner_id, role_ids=frozenset(), manage_guild=True)
    await services.circles.setup(
        owner, guild_id=guild_id, channel_id=channel_id, timezone="UTC", weekday=0, post_time="18:00"
    )
    draft = await services.readings.add_draft(
        owner,
        guild_id,
        title="Why libraries matter",
        author=None,
        text=reading.text,
        words=reading.words,
        minutes=reading.reading_minutes,
        analysis=analysis,
    )
    assert draft.id is not None
    await services.readings.queue_draft(owner, draft.id)
