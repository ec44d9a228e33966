"""The rules of participation logging, as pure functions so each is tested without a database or Discord."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class Author:
    """What the listener knows about who sent a message or a vote."""

    user_id: int
    bot: bool = False
    webhook: bool = False


def is_logged(author: Author, opted_out: Collection[int]) -> bool:
    """Only people are logged, and only those who did not opt out: a bot's or webhook's message is not
    participation, and an opted-out member asked not to be counted."""
    return not (author.bot or author.webhook) and author.user_id not in opted_out


def answered_prompt(message_id: int, reply_to: int | None, prompts: Collection[int]) -> int | None:
    """The prompt (its message id) a member's message in the week's thread answers, or None.

    A reply to a prompt answers that prompt, wherever it sits in the thread. Any other message answers the
    latest prompt posted before it (it was written after that prompt and before the next one). Discord
    message ids are snowflakes that grow with time, so "before" is a comparison of ids: no clocks involved.
    """
    if reply_to is not None and reply_to in prompts:
        return reply_to
    earlier = [prompt for prompt in prompts if prompt < message_id]
    return max(earlier) if earlier else None


def word_count(content: str | None, *, content_intent: bool) -> int | None:
    """Words in a message, or None when they cannot be known.

    Without the Message Content intent Discord sends an empty ``content`` for other people's messages, so
    counting it would store a wrong zero; "not counted" is the honest value.
    """
    if not content_intent or content is None:
        return None
    return len(_WORD.findall(content))


def epoch_ms(when: datetime) -> int:
    """An aware datetime as milliseconds since the Unix epoch, the unit participation times are stored in."""
    if when.tzinfo is None:
        raise ValueError("participation times must be timezone-aware")
    return int(when.timestamp() * 1000)
