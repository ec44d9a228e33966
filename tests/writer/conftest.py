"""Fixtures for the model writer: a fake OpenAI-compatible server and the sample reading analysed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import analyse
from bot.analysis.model import Analysis
from bot.ingest import load_file
from bot.ingest.model import Reading

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "libraries.md"


@pytest.fixture(scope="session")
def reading() -> Reading:
    return load_file(str(SAMPLE))


@pytest.fixture(scope="session")
def embedded(reading: Reading) -> Analysis:
    return analyse(reading)
