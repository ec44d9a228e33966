"""The numbers a summary is made of, as the storage returns them and the renderers read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Week:
    """One week of the circle, with the reading it was about."""

    id: int
    starts_at: str  # as stored (UTC); its first ten characters are the date
    reading_id: int
    reading_title: str

    @property
    def label(self) -> str:
        return self.starts_at[:10]


@dataclass(frozen=True, slots=True)
class MemberWeek:
    """What one member did in one week: the unit every summary is added up from."""

    week_id: int
    user_id: int
    thread_messages: int  # every message in the thread, answers included
    answers: int  # of those, the ones that answered a prompt
    prompts_answered: int  # distinct prompts answered
    poll_votes: int
    last_at: int  # epoch milliseconds: made a datetime once per member, not once per row


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """One member's totals over a summary's weeks."""

    user_id: int
    thread_messages: int
    prompts_answered: int
    poll_votes: int
    weeks_active: int
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """One week's figures as the rollup keeps them (migration 0005)."""

    week_id: int
    active: int  # members who did anything
    wrote: int  # members with a message in the thread
    answered: int  # members who answered a prompt
    voted: int  # members who voted in a poll
    thread_messages: int
    prompts_answered: int  # distinct (member, prompt) pairs
    poll_votes: int
