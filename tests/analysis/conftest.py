"""Shared fixtures: the shared data folder, skipped with a reason when it is not there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shared() -> Path:
    root = Path(os.environ.get("READING_CIRCLE_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
    if not (root / "datasets").is_dir():
        pytest.skip(f"shared data not found at {root} (set READING_CIRCLE_SHARED)")
    return root
