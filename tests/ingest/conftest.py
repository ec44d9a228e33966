"""Shared prose for ingestion tests: enough words to pass the minimum, with quotes and apostrophes."""

from __future__ import annotations

import pytest

SENTENCES = [
    "A reading circle works best when every member has read the same text before the meeting.",
    "The organiser’s job is to pick a piece short enough to finish in a week, and “long” is relative.",
    "Therefore we should split longer works into chapters and discuss one chapter at a time.",
    "Discussion needs shared ground more than it needs speed, so the pace must suit the slowest reader.",
]


@pytest.fixture
def prose() -> str:
    """Four sentences (about 65 words) of plain prose."""
    return " ".join(SENTENCES)
