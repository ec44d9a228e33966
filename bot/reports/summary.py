"""Participation summaries, added up from one query's per-member-per-week rows.

Every figure a moderator or member sees (the command, the CSV, the chart, the offline report) comes from
:func:`build_summary` or :func:`member_stats`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.errors import UserError
from bot.reports.model import MemberWeek, Week
from bot.storage.participation import ParticipationStore, as_datetime

DEFAULT_WEEKS = 4
NO_CIRCLE = "This server has no reading circle yet, so there is no participation to show."


@dataclass(frozen=True, slots=True)
class MemberSummary:
    user_id: int
    thread_messages: int
    prompts_answered: int
    poll_votes: int
    weeks_active: int
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class WeekSummary:
    week: Week
    active: int  # members who did anything
    wrote: int  # members with a message in the thread
    answered: int  # members who answered a prompt
    voted: int  # members who voted in a poll
    thread_messages: int
    poll_votes: int


@dataclass(frozen=True, slots=True)
class ReadingEngagement:
    reading_id: int
    title: str
    weeks: int
    active_members: int
    thread_messages: int
    prompts_answered: int  # distinct (member, prompt) pairs
    poll_votes: int


@dataclass(frozen=True, slots=True)
class Summary:
    weeks: list[WeekSummary]  # oldest first
    members: list[MemberSummary]  # most active first
    readings: list[ReadingEngagement]
    role_size: int | None  # members holding the circle's member role, when the caller knows

    @property
    def member_ids(self) -> set[int]:
        return {member.user_id for member in self.members}


@dataclass(frozen=True, slots=True)
class MemberStats:
    user_id: int
    thread_messages: int
    prompts_answered: int
    poll_votes: int
    weeks_active: int
    weeks_total: int
    last_seen: datetime | None
    current_streak: int
    longest_streak: int


async def build_summary(
    store: ParticipationStore, guild_id: int, *, weeks: int | None = DEFAULT_WEEKS, role_size: int | None = None
) -> Summary:
    """The circle's participation over its last ``weeks`` weeks (all kept weeks when None)."""
    circle_id = await _circle(store, guild_id)
    all_weeks = await store.weeks(circle_id)
    chosen = all_weeks if weeks is None else all_weeks[-weeks:] if weeks > 0 else []
    if not chosen:
        return Summary([], [], [], role_size)
    rows = await store.member_weeks(circle_id, min(week.id for week in chosen))
    return summarise(chosen, rows, role_size)


def summarise(weeks: Sequence[Week], rows: Sequence[MemberWeek], role_size: int | None = None) -> Summary:
    """Add per-member-per-week rows up into a summary: per member, per week, per reading."""
    wanted = {week.id: week for week in weeks}
    members: dict[int, list] = {}
    per_week: dict[int, list[int]] = {week.id: [0, 0, 0, 0, 0, 0] for week in weeks}
    readers: dict[int, set[int]] = {}
    for row in rows:
        if row.week_id not in wanted:
            continue
        member = members.setdefault(row.user_id, [0, 0, 0, 0, row.last_at])
        member[0] += row.thread_messages
        member[1] += row.prompts_answered
        member[2] += row.poll_votes
        member[3] += 1
        member[4] = max(member[4], row.last_at)
        week = per_week[row.week_id]
        week[0] += 1
        week[1] += row.thread_messages > 0
        week[2] += row.prompts_answered > 0
        week[3] += row.poll_votes > 0
        week[4] += row.thread_messages
        week[5] += row.poll_votes
        readers.setdefault(wanted[row.week_id].reading_id, set()).add(row.user_id)
    member_list = sorted(
        (MemberSummary(user, *values[:4], as_datetime(values[4])) for user, values in members.items()),
        key=lambda m: (-(m.thread_messages + m.poll_votes), -m.weeks_active, m.user_id),
    )
    week_list = [WeekSummary(week, *per_week[week.id]) for week in weeks]
    return Summary(week_list, member_list, _readings(weeks, rows, readers), role_size)


def _readings(
    weeks: Sequence[Week], rows: Sequence[MemberWeek], readers: dict[int, set[int]]
) -> list[ReadingEngagement]:
    reading_of = {week.id: week.reading_id for week in weeks}
    totals: dict[int, list[int]] = {}
    titles: dict[int, str] = {}
    for week in weeks:
        totals.setdefault(week.reading_id, [0, 0, 0, 0])[0] += 1
        titles[week.reading_id] = week.reading_title
    for row in rows:
        if row.week_id in reading_of:
            total = totals[reading_of[row.week_id]]
            total[1] += row.thread_messages
            total[2] += row.prompts_answered
            total[3] += row.poll_votes
    return [
        ReadingEngagement(reading, titles[reading], count, len(readers.get(reading, ())), messages, answered, votes)
        for reading, (count, messages, answered, votes) in totals.items()
    ]


def inactive_members(summary: Summary, role_member_ids: Collection[int], opted_out: Collection[int] = ()) -> list[int]:
    """Holders of the member role with no activity in the summary's weeks, in id order.

    Opted-out members are left out: having no rows says nothing about whether they took part.
    """
    active = summary.member_ids
    return sorted(user for user in set(role_member_ids) if user not in active and user not in opted_out)


async def member_stats(store: ParticipationStore, guild_id: int, user_id: int) -> MemberStats:
    """One member's totals over every kept week, with their streak of weeks."""
    circle_id = await _circle(store, guild_id)
    weeks = await store.weeks(circle_id)
    rows = await store.user_weeks(circle_id, user_id)
    active = {row.week_id for row in rows}
    current, longest = streaks([week.id for week in weeks], active)
    return MemberStats(
        user_id=user_id,
        thread_messages=sum(row.thread_messages for row in rows),
        prompts_answered=sum(row.prompts_answered for row in rows),
        poll_votes=sum(row.poll_votes for row in rows),
        weeks_active=len(active),
        weeks_total=len(weeks),
        last_seen=as_datetime(max(row.last_at for row in rows)) if rows else None,
        current_streak=current,
        longest_streak=longest,
    )


def streaks(week_ids: Sequence[int], active: Collection[int]) -> tuple[int, int]:
    """(current, longest) runs of consecutive active weeks, ``week_ids`` oldest first.

    The current run ends at the latest week, or at the one before it when the member has not taken part
    in the latest week yet: a week still under way does not break a streak.
    """
    longest = run = 0
    for week in week_ids:
        run = run + 1 if week in active else 0
        longest = max(longest, run)
    current = 0
    tail = list(week_ids)
    if tail and tail[-1] not in active:
        tail.pop()
    for week in reversed(tail):
        if week not in active:
            break
        current += 1
    return current, longest


async def _circle(store: ParticipationStore, guild_id: int) -> int:
    circle_id = await store.circle_id(guild_id)
    if circle_id is None:
        raise UserError(NO_CIRCLE)
    return circle_id
