"""What a crash loses: a child feeding a burst through the service is SIGKILLed, then the file is counted.

The writer promises (bot/participation/writer.py) that only uncommitted events are lost and that there are
never more than ``max_pending`` of them; committed batches survive a kill because SQLite commits are atomic.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.participation import crash_feeder
from tests.participation.world import add_circle, add_week, open_db

ROOT = Path(__file__).resolve().parents[2]
THREAD = 1000
KILL_AFTER = 5000


async def test_sigkill_mid_burst_loses_at_most_max_pending(tmp_path: Path) -> None:
    path = tmp_path / "rc.db"
    db = await open_db(path)
    circle = await add_circle(db)
    await add_week(circle, thread_id=THREAD, number=0)
    await db.close()

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.participation.crash_feeder", str(path), str(THREAD)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    accepted = 0
    assert child.stdout is not None
    while accepted < KILL_AFTER:
        line = child.stdout.readline()
        assert line, child.stderr.read().decode() if child.stderr else "the feeder stopped"
        accepted += 1
    os.kill(child.pid, signal.SIGKILL)
    accepted += len(child.stdout.read().splitlines())  # lines written before the kill, not yet read
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL

    db = await open_db(path)
    try:
        stored = [row[0] for row in await db.fetchall("SELECT message_id FROM participation_events ORDER BY id")]
    finally:
        await db.close()
    # the feeder may have queued one more message than it printed before the kill landed
    assert len(stored) <= accepted + 1
    assert accepted - len(stored) <= crash_feeder.MAX_PENDING, (accepted, len(stored))
    assert len(stored) >= accepted - crash_feeder.MAX_PENDING > 0  # batches were committed mid-burst
    first = crash_feeder.FIRST_MESSAGE
    assert stored == list(range(first, first + len(stored)))  # what survived is the oldest, without gaps
