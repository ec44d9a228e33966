"""Build a small sample database of one circle's participation, for the README's chart.

Twelve weeks of a circle of 24 readers, their thread messages, replies to prompts and poll votes fed
through ``ParticipationService`` (the path the Discord listeners use), from a fixed seed so the chart is
the same every time. Then draw it with the report command::

    python3 dev.py cli report --guild 1 --weeks 12 --chart docs/participation-sample.png

with ``DATABASE_PATH`` pointing at the file this script wrote (see the README).
"""

from __future__ import annotations

import argparse
import asyncio
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.participation.rules import Author
from bot.participation.service import ParticipationService
from bot.storage.database import Database
from bot.storage.participation import ParticipationStore

GUILD = 1
START = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
TITLES = (
    "Why libraries matter", "On Liberty, ch. 2", "The tragedy of the commons", "Letter from Birmingham Jail",
    "Politics and the English language", "A modest proposal", "The Federalist No. 10", "Civil disobedience",
    "The ones who walk away", "Of cannibals", "The gospel of wealth", "Self-reliance",
)  # fmt: skip
READERS = 24


async def build(path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = await Database.open(path)
    service = ParticipationService(ParticipationStore(db))
    await service.start()
    async with db.transaction() as tx:
        circle = await tx.insert(
            "INSERT INTO circles (guild_id, channel_id, timezone, weekday, post_time, created_by, created_at, "
            "updated_at) VALUES (?, 2, 'Europe/Berlin', 0, '18:00', 1, ?, ?)",
            (GUILD, START.isoformat(), START.isoformat()),
        )
    message = 10**15
    keen = {reader: rng.uniform(0.2, 0.95) for reader in range(1, READERS + 1)}
    for number, title in enumerate(TITLES):
        starts = START + timedelta(weeks=number)
        thread, prompts, polls = 10**9 + number, [], []
        async with db.transaction() as tx:
            reading = await tx.insert(
                "INSERT INTO readings (circle_id, status, title, text, words, minutes, analysis, added_by, added_at) "
                "VALUES (?, 'done', ?, '', 1, 1, '{}', 1, ?)",
                (circle, title, starts.isoformat()),
            )
            week = await tx.insert(
                "INSERT INTO weeks (circle_id, reading_id, starts_at, status, channel_id, thread_id) "
                "VALUES (?, ?, ?, 'ended', 2, ?)",
                (circle, reading, starts.strftime("%Y-%m-%dT%H:%M:%SZ"), thread),
            )
            for step, (kind, day) in enumerate((("prompt", 1), ("poll", 2), ("prompt", 3), ("poll", 5))):
                post = message + 10**5 * (step + 1)  # ids grow with time: room for talk before the prompts
                (prompts if kind == "prompt" else polls).append(post)
                await tx.execute(
                    "INSERT INTO posts (week_id, kind, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?)",
                    (week, kind, thread, post, (starts + timedelta(days=day)).isoformat()),
                )
        early, late = message, message + 10**6
        season = 0.75 + 0.25 * (number % 4 == 1) - 0.02 * number  # a dip and a lift over the term
        for reader, chance in keen.items():
            if rng.random() > chance * season:
                continue
            at = starts + timedelta(days=rng.uniform(1, 6))
            for _ in range(rng.randint(0, 4)):
                before_prompts = rng.random() < 0.3  # chat under the reading post, before the first prompt
                if before_prompts:
                    early += 1
                else:
                    late += 1
                reply = rng.choice(prompts) if not before_prompts and rng.random() < 0.4 else None
                await service.message_posted(
                    guild_id=GUILD, channel_id=thread, message_id=early if before_prompts else late,
                    author=Author(reader), created_at=at, reply_to=reply,
                )  # fmt: skip
            for poll in polls:
                if rng.random() < 0.7:
                    await service.vote_added(
                        guild_id=GUILD, poll_message_id=poll, answer_id=rng.randint(1, 3), voter=Author(reader), at=at
                    )
        message += 10**7
    await service.close()
    await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="a new SQLite file to write")
    args = parser.parse_args()
    if args.database.exists():
        parser.error(f"{args.database} exists; give a new file")
    asyncio.run(build(args.database))
    print(f"wrote {args.database}")


if __name__ == "__main__":
    main()
