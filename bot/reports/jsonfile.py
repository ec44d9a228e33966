"""A summary as JSON, for moderators who feed it to a spreadsheet or a script rather than read it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict

from bot.reports.csvfile import display_name
from bot.reports.summary import Summary


def summary_json(summary: Summary, names: Mapping[int, str]) -> str:
    """The CSV's member rows (same names, same order), plus the weeks and the readings."""
    members = [
        asdict(m) | {"member": display_name(m.user_id, names), "last_seen": m.last_seen.isoformat()}
        for m in summary.members
    ]
    weeks = [asdict(w) | {"week": w.week.label, "reading": w.week.reading_title} for w in summary.weeks]
    readings = [asdict(r) for r in summary.readings]
    return json.dumps({"weeks": weeks, "readings": readings, "members": members}, indent=1)
