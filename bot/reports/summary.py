"""Participation summaries, read from the rollups the database keeps beside the events (migration 0005).

Every figure a moderator or member sees (the command, the CSV, the chart, the offline report) comes from
:func:`build_summary` or :func:`member_stats`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.errors import UserError
from bot.reports.model import MemberSummary, Week, WeekTotals
from bot.storage.participation import ParticipationStore, as_datetime

DEFAULT_WEEKS = 4
NO_CIRCLE = "This server has no reading circle yet, so there is no participation to show."


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
class RecentTotals:
    """One member's figures over the circle's last few weeks (``weeks`` of them, fewer in a young circle)."""

    weeks: int
    thread_messages: int
    prompts_answered: int
    poll_votes: int
    weeks_active: int  # 0: no activity in the window


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
    recent: RecentTotals


async def build_summary(
    store: ParticipationStore, guild_id: int, *, weeks: int | None = DEFAULT_WEEKS, role_size: int | None = None
) -> Summary:
    """The circle's participation over its last ``weeks`` weeks (all kept weeks when None).

    The database adds up: one row per member and one per week come back, whatever the window, so the time
    stays within the issue's 200 ms over a million events (``python -m benchmarks.participation``).
    """
    circle_id = await _circle(store, guild_id)
    all_weeks = await store.weeks(circle_id)
    chosen = all_weeks if weeks is None else all_weeks[-weeks:] if weeks > 0 else []
    if not chosen:
        return Summary([], [], [], role_size)
    week_ids = [week.id for week in chosen]
    members = sorted(
        await store.member_totals(circle_id, week_ids),
        key=lambda m: (-(m.thread_messages + m.poll_votes), -m.weeks_active, m.user_id),
    )
    totals = await store.week_totals(circle_id, week_ids)
    week_list = [WeekSummary(week, *_week_figures(totals.get(week.id))) for week in chosen]
    return Summary(week_list, members, await _readings(store, circle_id, chosen, totals), role_size)


def _week_figures(totals: WeekTotals | None) -> tuple[int, int, int, int, int, int]:
    if totals is None:
        return 0, 0, 0, 0, 0, 0
    return totals.active, totals.wrote, totals.answered, totals.voted, totals.thread_messages, totals.poll_votes


async def _readings(
    store: ParticipationStore, circle_id: int, weeks: Sequence[Week], totals: dict[int, WeekTotals]
) -> list[ReadingEngagement]:
    """Each reading's engagement over its weeks in the window, in the order the readings first ran.

    A reading's active members are its week's when it ran one week (the usual case); across several weeks a
    member counts once, which takes one query over just those weeks."""
    weeks_of: dict[int, list[Week]] = {}
    for week in weeks:
        weeks_of.setdefault(week.reading_id, []).append(week)
    readings = []
    for reading_id, its_weeks in weeks_of.items():
        found = [totals[week.id] for week in its_weeks if week.id in totals]
        if len(its_weeks) == 1:
            active = found[0].active if found else 0
        else:
            active = await store.readers(circle_id, [week.id for week in its_weeks])
        readings.append(
            ReadingEngagement(
                reading_id,
                its_weeks[0].reading_title,
                len(its_weeks),
                active,
                sum(t.thread_messages for t in found),
                sum(t.prompts_answered for t in found),
                sum(t.poll_votes for t in found),
            )
        )
    return readings


def inactive_members(summary: Summary, role_member_ids: Collection[int], opted_out: Collection[int] = ()) -> list[int]:
    """Holders of the member role with no activity in the summary's weeks, in id order.

    Opted-out members are left out: having no rows says nothing about whether they took part.
    """
    active = summary.member_ids
    return sorted(user for user in set(role_member_ids) if user not in active and user not in opted_out)


async def member_stats(
    store: ParticipationStore, guild_id: int, user_id: int, *, recent_weeks: int = DEFAULT_WEEKS
) -> MemberStats:
    """One member's totals over every kept week, with their streak of weeks and their figures over the last
    ``recent_weeks`` (added up from the same rows, so no whole-circle summary is built for one member)."""
    circle_id = await _circle(store, guild_id)
    weeks = await store.weeks(circle_id)
    rows = await store.user_weeks(circle_id, user_id)
    active = {row.week_id for row in rows}
    current, longest = streaks([week.id for week in weeks], active)
    window = {week.id for week in weeks[-recent_weeks:]} if recent_weeks > 0 else set()
    in_window = [row for row in rows if row.week_id in window]
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
        recent=RecentTotals(
            weeks=len(window),
            thread_messages=sum(row.thread_messages for row in in_window),
            prompts_answered=sum(row.prompts_answered for row in in_window),
            poll_votes=sum(row.poll_votes for row in in_window),
            weeks_active=len(in_window),
        ),
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
