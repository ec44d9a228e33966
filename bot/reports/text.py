"""Summaries as plain text: a Discord message (2,000 characters at most) or the offline report.

A table that does not fit a message is not cut silently: the message keeps the rows that fit and says
that the whole table is in the attached CSV.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.analysis.limits import MESSAGE_LIMIT
from bot.reports.csvfile import display_name
from bot.reports.summary import MemberStats, Summary

NAME_WIDTH = 20


def summary_lines(summary: Summary, names: Mapping[int, str]) -> tuple[list[str], list[str]]:
    """(the circle's lines, one line per member) without any length limit."""
    if not summary.weeks:
        return ["No weeks to summarise yet."], []
    first, last = summary.weeks[0].week.label, summary.weeks[-1].week.label
    role = f" of {summary.role_size}" if summary.role_size is not None else ""
    head = [f"Participation, {len(summary.weeks)} week(s) from {first} to {last}", ""]
    head.append(f"{'week':<10} {'active':>9} {'wrote':>5} {'answered':>8} {'voted':>5}")
    for week in summary.weeks:
        active = f"{week.active}{role}"
        head.append(f"{week.week.label:<10} {active:>9} {week.wrote:>5} {week.answered:>8} {week.voted:>5}")
    head += ["", f"{'reading':<{NAME_WIDTH}} {'members':>7} {'messages':>8} {'answers':>7} {'votes':>5}"]
    for reading in summary.readings:
        head.append(
            f"{_cell(reading.title):<{NAME_WIDTH}} {reading.active_members:>7} {reading.thread_messages:>8} "
            f"{reading.prompts_answered:>7} {reading.poll_votes:>5}"
        )
    head += ["", f"{'member':<{NAME_WIDTH}} {'msgs':>5} {'prompts':>7} {'votes':>5} {'weeks':>5}  last seen"]
    rows = [
        f"{_cell(display_name(m.user_id, names)):<{NAME_WIDTH}} {m.thread_messages:>5} {m.prompts_answered:>7} "
        f"{m.poll_votes:>5} {m.weeks_active:>5}  {m.last_seen:%Y-%m-%d}"
        for m in summary.members
    ]
    if not rows:
        rows = ["(no activity in these weeks)"]
    return head, rows


def summary_message(summary: Summary, names: Mapping[int, str], *, limit: int = MESSAGE_LIMIT) -> str:
    """The summary as one Discord message in a code block; when the member table does not fit, the rows
    that fit and a sentence saying the whole table is in the CSV."""
    head, rows = summary_lines(summary, names)
    whole = _block(head + rows)
    if len(whole) <= limit:
        return whole
    note = (
        f"The table of {len(rows)} members does not fit in a message: {{shown}} shown, "
        "the whole table is in the attached CSV."
    )
    room = limit - len(_block(head)) - len("\n" + note.format(shown=len(rows)))
    shown = 0
    for row in rows:
        room -= len(row) + 1
        if room < 0:
            break
        shown += 1
    if len(_block(head)) + 1 + len(note.format(shown=0)) > limit:
        return f"The summary does not fit in a message; the whole table is in the attached CSV ({len(rows)} members)."
    return _block(head + rows[:shown]) + "\n" + note.format(shown=shown)


def member_message(stats: MemberStats, name: str) -> str:
    """A member's own stats, or a moderator's view of one member."""
    if stats.last_seen is None:
        return f"{name}: no activity logged in the {stats.weeks_total} week(s) kept."
    streak = f"{stats.current_streak} week(s) in a row (longest {stats.longest_streak})"
    return (
        f"{name}: {stats.thread_messages} thread message(s), {stats.prompts_answered} prompt(s) answered, "
        f"{stats.poll_votes} poll vote(s); active in {stats.weeks_active} of {stats.weeks_total} week(s); "
        f"streak {streak}; last seen {stats.last_seen:%Y-%m-%d %H:%M} UTC."
    )


def _cell(text: str) -> str:
    """A name or title cut to its column, without backticks that would close the code block."""
    text = " ".join(text.replace("`", "'").split())
    return text if len(text) <= NAME_WIDTH else text[: NAME_WIDTH - 1] + "…"


def _block(lines: list[str]) -> str:
    return "```\n" + "\n".join(lines) + "\n```"
