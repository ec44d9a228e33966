"""Run as a child process by test_crash: feeds messages through the real service as fast as it can and
writes each accepted message's number to stdout, unbuffered, until it is killed."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.participation.rules import Author
from tests.participation.world import GUILD, START, service

FLUSH_AT, MAX_DELAY, MAX_PENDING = 200, 0.2, 1000
FIRST_MESSAGE = 10_000


async def feed(path: Path, thread: int) -> None:
    from bot.storage.database import Database

    db = await Database.open(path)
    svc = service(db, flush_at=FLUSH_AT, max_delay=MAX_DELAY, max_pending=MAX_PENDING)
    await svc.start()
    number = 0
    while True:
        await svc.message_posted(
            guild_id=GUILD,
            channel_id=thread,
            message_id=FIRST_MESSAGE + number,
            author=Author(number % 50 + 1),
            created_at=START,
        )
        os.write(1, b"%d\n" % number)
        number += 1
        if number % 100 == 0:
            await asyncio.sleep(0)  # a listener yields between gateway events


if __name__ == "__main__":
    asyncio.run(feed(Path(sys.argv[1]), int(sys.argv[2])))
