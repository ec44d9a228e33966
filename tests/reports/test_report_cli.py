"""`reading-circle report` prints the summary from the database file, without Discord, next to a writer."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from bot.reports.summary import build_summary
from bot.reports.text import summary_lines
from bot.storage.participation import ParticipationStore
from tests.participation.world import GUILD
from tests.reports import scenario
from tests.reports.test_summary import member_counts

ROOT = Path(__file__).resolve().parents[2]


def report(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "report", "--guild", str(GUILD), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"DATABASE_PATH": str(path), "PATH": "/usr/bin:/bin", "MPLCONFIGDIR": str(path.parent / "mpl")},
    )  # fmt: skip


async def test_report_prints_the_same_numbers_while_the_bot_writes(tmp_path: Path) -> None:
    path = tmp_path / "rc.db"
    circle = await scenario.build(path)
    try:
        summary = await build_summary(ParticipationStore(circle.db), GUILD, weeks=None)
        csv_path, chart_path = tmp_path / "out.csv", tmp_path / "out.png"
        # the bot is still running: its writer holds the write lock with a batch not yet committed
        async with circle.db.transaction() as tx:
            await tx.execute(
                "INSERT INTO participation_events (circle_id, week_id, user_id, kind, message_id, at) "
                "VALUES (?, 1, 9, 'message', 1180, 0)",
                (circle.id,),
            )
            result = report(path, "--weeks", "0", "--csv", str(csv_path), "--chart", str(chart_path))
    finally:
        await circle.db.close()
    assert result.returncode == 0, result.stderr
    head, rows = summary_lines(summary, {})
    assert result.stdout.splitlines()[: len(head) + len(rows)] == head + rows
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text())))
    assert {int(r["member_id"]): (int(r["thread_messages"]), int(r["prompts_answered"]), int(r["poll_votes"]),
            int(r["weeks_active"])) for r in rows} == member_counts(summary)  # fmt: skip
    assert chart_path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_without_a_database_says_so(tmp_path: Path) -> None:
    result = report(tmp_path / "missing.db")
    assert result.returncode == 1
    assert result.stderr.strip() == f"reading-circle: no database at {tmp_path / 'missing.db'}"
