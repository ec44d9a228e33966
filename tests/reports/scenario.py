"""Three weeks of a small circle, recorded through the real service: the counts every report test checks."""

from __future__ import annotations

from datetime import timedelta

from bot.participation.rules import Author
from tests.participation.world import GUILD, START, Circle, add_circle, add_post, add_week, open_db, service

# week number -> (thread, prompts, poll)
WEEKS = {0: (1000, (1100,), 1200), 1: (2000, (2100, 2300), 2200), 2: (3000, (3100,), None)}
# (week, message id, user)
MESSAGES = [(0, 1050, 1), (0, 1150, 1), (0, 1160, 1), (0, 1170, 2), (1, 2150, 1), (1, 2350, 1), (2, 3150, 1)]
# (week, user, answer)
VOTES = [(0, 1, 1), (0, 2, 2), (1, 3, 1)]
NAMES = {1: "Ada", 2: "Bartholomew the Exceedingly Long-Named", 3: "Cy"}


async def build(path) -> Circle:
    db = await open_db(path)
    circle = await add_circle(db)
    for number, (thread, prompts, poll) in WEEKS.items():
        week = await add_week(circle, thread_id=thread, number=number, title=f"Reading {number}")
        for prompt in prompts:
            await add_post(circle, week, "prompt", prompt, thread)
        if poll:
            await add_post(circle, week, "poll", poll, thread)
    svc = service(db)
    for number, message, user in MESSAGES:
        await svc.message_posted(
            guild_id=GUILD, channel_id=WEEKS[number][0], message_id=message, author=Author(user),
            created_at=START + timedelta(weeks=number, hours=message % 100),
        )  # fmt: skip
    for number, user, answer in VOTES:
        await svc.vote_added(
            guild_id=GUILD, poll_message_id=WEEKS[number][2], answer_id=answer, voter=Author(user),
            at=START + timedelta(weeks=number, hours=1),
        )  # fmt: skip
    await svc.close()
    return circle
