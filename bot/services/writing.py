"""Which writer a circle's readings get, and the reading worker's limits that leave the model room.

The model writer runs only when the operator configured one (``Settings.model``) and the circle has not
turned it off (``Circle.model_writer``, ``/circle model``): the reading's text leaves the server only then.
Nothing here imports ``bot.writer``; the worker process does, and only when it is handed a model.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.circles import Circle
from bot.config import Settings
from bot.prepare import WorkerLimits


def model_for(settings: Settings, circle: Circle | None) -> dict[str, Any] | None:
    """The model writer's settings as the worker takes them, or None: the embedded writer only."""
    model = settings.model
    if model is None or circle is None or not circle.model_writer:
        return None
    return dataclasses.asdict(model)


def worker_limits(settings: Settings, model: dict[str, Any] | None) -> WorkerLimits:
    """The worker's limits. With a model its wall clock also covers the model's whole timeout, so a slow
    model ends in the embedded prompts (the writer gives up first) rather than a failed reading."""
    seconds = settings.worker_timeout_seconds + (settings.llm_timeout if model is not None else 0)
    return WorkerLimits(
        seconds=seconds, memory_mb=settings.worker_memory_mb, allow_private_urls=settings.allow_private_urls
    )


def model_host(settings: Settings) -> str | None:
    """Where the model writer sends readings (``ModelConfig.host``), or None without a model."""
    model = settings.model
    return None if model is None else model.host
