"""Weeks, jobs and posts as the scheduler sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

JobKind = Literal["week_start", "reading_post", "prompt", "poll", "recap", "purge"]
JobStatus = Literal["pending", "done", "missed", "cancelled", "parked"]
PostKind = Literal["reading", "prompt", "poll", "recap"]


@dataclass(frozen=True, slots=True)
class Week:
    id: int
    circle_id: int
    reading_id: int
    starts_at: datetime
    status: Literal["active", "ended"]
    channel_id: int
    post_message_id: int | None = None
    thread_id: int | None = None


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    circle_id: int | None  # None for the daily purge, which belongs to no circle
    week_id: int | None
    kind: JobKind
    due_at: datetime
    status: JobStatus = "pending"
    payload: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    last_error: str | None = None
    progress: dict[str, Any] = field(default_factory=dict)

    @property
    def nonce(self) -> str:
        """Derived from the job alone, so every try of it sends the same nonce and Discord keeps one message."""
        return f"rc-job-{self.id}"


@dataclass(frozen=True, slots=True)
class Post:
    week_id: int
    kind: PostKind
    channel_id: int
    message_id: int
    posted_at: datetime
    job_id: int | None = None
