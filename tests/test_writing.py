"""Which writer a circle gets, the worker's limit that leaves the model room, and where readings go."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from bot.circles import Circle
from bot.config import Settings
from bot.services.writing import model_for, model_host, worker_limits

NOW = datetime(2026, 11, 30, tzinfo=UTC)
CIRCLE = Circle(
    guild_id=1, channel_id=2, timezone="UTC", weekday=0, post_time="18:00", created_by=3, created_at=NOW, updated_at=NOW
)
PLAIN = Settings(worker_timeout_seconds=90, llm_timeout=30)
MODEL = dataclasses.replace(PLAIN, llm_base_url="https://user:secret@llm.example.org:8443/v1", llm_model="m")


def test_the_model_needs_both_the_operator_and_the_circle() -> None:
    assert model_for(PLAIN, CIRCLE) is None
    assert model_for(MODEL, dataclasses.replace(CIRCLE, model_writer=False)) is None
    assert model_for(MODEL, None) is None
    model = model_for(MODEL, CIRCLE)
    assert model is not None and model["model"] == "m" and model["timeout"] == 30


def test_the_worker_waits_for_the_model_only_when_it_is_asked() -> None:
    """90 s for reading, plus the model's 30 s when there is a model: it gives up before the worker is killed."""
    assert worker_limits(MODEL, None).seconds == 90
    assert worker_limits(MODEL, model_for(MODEL, CIRCLE)).seconds == 120


def test_the_host_named_to_the_circle_carries_no_credentials() -> None:
    assert model_host(MODEL) == "llm.example.org:8443"
    assert model_host(dataclasses.replace(MODEL, llm_base_url="http://localhost/v1")) == "localhost"
    assert model_host(PLAIN) is None
