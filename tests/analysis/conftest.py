"""Shared fixtures: the shared data folder, skipped with a reason when it is not there."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.common import shared_root


@pytest.fixture(scope="session")
def shared() -> Path:
    root = shared_root()
    if not (root / "datasets").is_dir():
        pytest.skip(f"shared data not found at {root} (set READING_CIRCLE_SHARED)")
    return root
