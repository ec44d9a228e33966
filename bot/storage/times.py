"""How instants are written to SQLite: UTC, fixed width, so text order is time order in SQL."""

from __future__ import annotations

from datetime import UTC, datetime


def to_db(when: datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("naive datetimes are not stored: every instant must be timezone-aware")
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
