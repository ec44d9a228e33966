"""The week's plan: which post goes out on which day after the reading post.

Each circle may change it (``/circle plan``); the default follows the rhythm most circles keep — a prompt the
day after the reading, the "which argument convinced you" poll mid-week while people are still reading, a
second prompt, the agreement poll once most have finished, and the recap on the last day.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from bot.errors import UserError

Step = Literal["prompt", "convinced_poll", "agreement_poll", "recap"]
LAST_DAY = 6  # the week ends before the next slot, seven days on
POLL_HOURS = {"convinced_poll": 48, "agreement_poll": 24}


@dataclass(frozen=True, slots=True)
class Plan:
    prompt_days: tuple[int, ...] = (1, 3)
    convinced_poll_day: int | None = 2
    agreement_poll_day: int | None = 4
    recap_day: int | None = 6

    def steps(self) -> list[tuple[int, Step]]:
        """The week's posts after the reading post, in the order they go out."""
        steps: list[tuple[int, Step]] = [(d, "prompt") for d in self.prompt_days]
        optional: list[tuple[int | None, Step]] = [
            (self.convinced_poll_day, "convinced_poll"),
            (self.agreement_poll_day, "agreement_poll"),
            (self.recap_day, "recap"),
        ]
        steps += [(day, step) for day, step in optional if day is not None]
        order = {"prompt": 0, "convinced_poll": 1, "agreement_poll": 2, "recap": 3}
        return sorted(steps, key=lambda s: (s[0], order[s[1]]))

    @property
    def last_day(self) -> int:
        return max([0, *(day for day, _ in self.steps())])

    def describe(self) -> str:
        names = {
            "prompt": "a prompt",
            "convinced_poll": "the mid-week poll (which argument convinced you, or how convinced you are)",
            "agreement_poll": "the agreement poll",
            "recap": "the recap",
        }
        parts = ["day 0: the reading and its thread"] + [f"day {day}: {names[step]}" for day, step in self.steps()]
        return "; ".join(parts)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | None) -> Plan:
        if not text:
            return cls()
        data = json.loads(text)
        data["prompt_days"] = tuple(data.get("prompt_days") or ())
        return cls(**data)


def parse_days(text: str) -> tuple[int, ...]:
    """ "1, 3" → (1, 3); "none" or "" → (); each day 1–6 (day 0 is the reading post itself)."""
    cleaned = text.strip().lower()
    if cleaned in ("", "none", "no", "-", "0"):
        return ()
    days: list[int] = []
    for part in cleaned.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= LAST_DAY:
            raise UserError(f"“{part[:20]}” is not a day of the week's plan: use numbers from 1 to {LAST_DAY}.")
        days.append(int(part))
    if len(set(days)) != len(days):
        raise UserError("Each prompt day can be given once.")
    return tuple(sorted(days))


def checked_day(day: int | None, what: str) -> int | None:
    """A poll or recap day: 1–6, or 0 to leave that post out."""
    if day is None or day == 0:
        return None
    if not 1 <= day <= LAST_DAY:
        raise UserError(f"The {what} day must be from 1 to {LAST_DAY}, or 0 to leave it out.")
    return day
