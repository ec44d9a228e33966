"""Summaries and a member's own rows as CSV (stdlib ``csv``), the form moderators and members take away."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from bot.reports.summary import Summary

MEMBER_COLUMNS = (
    "member_id", "member", "thread_messages", "prompts_answered", "poll_votes", "weeks_active", "last_seen"
)  # fmt: skip


def display_name(user_id: int, names: Mapping[int, str]) -> str:
    """The name the Discord side resolved, or a neutral stand-in for someone who has left."""
    return names.get(user_id) or f"member {user_id}"


def summary_csv(summary: Summary, names: Mapping[int, str]) -> str:
    """One row per member, the same rows and order as the summary."""
    rows = (
        (m.user_id, display_name(m.user_id, names), m.thread_messages, m.prompts_answered, m.poll_votes,
         m.weeks_active, m.last_seen.isoformat())
        for m in summary.members
    )  # fmt: skip
    return _csv(MEMBER_COLUMNS, rows)


def rows_csv(rows: list[dict[str, Any]]) -> str:
    """A member's own exported rows."""
    if not rows:
        return ""
    columns = list(rows[0])
    return _csv(columns, ([row[c] for c in columns] for row in rows))


def _csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
