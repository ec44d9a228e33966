"""A circle's readings: the queue's rules and the organiser's edits to prompts and polls, Discord-free."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from bot.analysis.limits import (
    MESSAGE_LIMIT,
    POLL_ANSWER_LIMIT,
    POLL_MAX_ANSWERS,
    POLL_MIN_ANSWERS,
    POLL_QUESTION_LIMIT,
)
from bot.analysis.model import Analysis, Poll, Prompt
from bot.analysis.select import arguable
from bot.errors import UserError

Status = Literal["draft", "queued", "current", "done", "removed"]
AGREEMENT_ANSWERS = ("Strongly agree", "Agree", "Not sure", "Disagree", "Strongly disagree")
_MENTION = re.compile(r"<@[!&]?\d+>|@everyone|@here", re.I)


@dataclass(frozen=True, slots=True)
class CircleReading:
    circle_id: int
    status: Status
    title: str
    text: str
    words: int
    minutes: int
    analysis: Analysis
    added_by: int
    added_at: datetime
    position: int | None = None
    author: str | None = None
    url: str | None = None
    filename: str | None = None
    id: int | None = None

    @property
    def has_arguments(self) -> bool:
        """False for a text the analysis found no arguable claim in (a list, lorem ipsum)."""
        return has_arguable_claim(self.analysis)


@dataclass(frozen=True, slots=True)
class Listed:
    """A reading as lists show it (the queue, the archive, autocomplete): without its text or analysis,
    which would be read and parsed for every row on the event loop's thread."""

    id: int
    position: int | None
    title: str
    url: str | None


def has_arguable_claim(analysis: Analysis) -> bool:
    return any(arguable(a.text, a.kind) for a in analysis.arguments)


def for_the_week(analysis: Analysis) -> Analysis:
    """What a draft keeps: with no arguable claim, no generated prompts or polls at all, since they could
    only quote fragments; the organiser writes the prompts (Edit prompts) and polls (/poll add)."""
    if has_arguable_claim(analysis):
        return analysis
    return replace(analysis, prompts=(), polls=())


def clean_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UserError("A reading needs a title.")
    return cleaned[:200]


def moved(order: list[int], reading_id: int, position: int) -> list[int]:
    """The queue order with ``reading_id`` moved to ``position`` (1 is next; past the end means last)."""
    if reading_id not in order:
        raise UserError("That reading is not in the queue.")
    if position < 1:
        raise UserError("Positions start at 1 (the next reading).")
    rest = [r for r in order if r != reading_id]
    rest.insert(min(position, len(rest) + 1) - 1, reading_id)
    return rest


def agreement_poll(analysis: Analysis) -> Poll | None:
    return next((p for p in analysis.polls if tuple(p.answers) == AGREEMENT_ANSWERS), None)


def second_poll(analysis: Analysis) -> Poll | None:
    """The mid-week poll: "which argument convinced you most", or, when no two claims can be named in
    answers, "how convinced are you that …", or the alternatives the reading sets out."""
    return next((p for p in analysis.polls if tuple(p.answers) != AGREEMENT_ANSWERS), None)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def edited(analysis: Analysis, prompts_text: str, questions_text: str) -> Analysis:
    """The analysis with the organiser's prompts (one per line) and poll questions (one per line, in the
    order shown). Checked before anything is saved, so a bad edit changes nothing."""
    prompts = _lines(prompts_text)
    for prompt in prompts:
        check_text(prompt, MESSAGE_LIMIT, "A prompt")
    if len(set(prompts)) != len(prompts):
        raise UserError("Two of the prompts are the same; each prompt is posted once, so keep one of them.")
    questions = _lines(questions_text)
    if len(questions) != len(analysis.polls):
        raise UserError(
            f"Give one question per line for each of the {len(analysis.polls)} polls, in the order shown "
            f"(you gave {len(questions)}). Nothing was changed."
        )
    for question in questions:
        check_text(question, POLL_QUESTION_LIMIT, "A poll question")
    kept = {p.text: p.argument for p in analysis.prompts}
    return replace(
        analysis,
        prompts=tuple(Prompt(text, kept.get(text)) for text in prompts),
        polls=tuple(replace(poll, question=q) for poll, q in zip(analysis.polls, questions, strict=True)),
    )


def check_text(text: str, limit: int, what: str) -> str:
    """Organiser-written text: not empty, within Discord's limit, and pinging nobody."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError(f"{what} cannot be empty.")
    if len(cleaned) > limit:
        raise UserError(f"{what} can be at most {limit} characters; that one has {len(cleaned)}.")
    if _MENTION.search(cleaned):
        raise UserError(
            f"{what} cannot mention members or roles (@everyone, @here, <@…>): nobody is pinged by the bot."
        )
    return cleaned


def poll_answers(text: str) -> tuple[str, ...]:
    """An organiser's poll answers, separated by "|" or new lines: 2–10 distinct, each ≤ 55 characters."""
    answers = [" ".join(a.split()) for a in re.split(r"[|\n]", text) if a.strip()]
    if not POLL_MIN_ANSWERS <= len(answers) <= POLL_MAX_ANSWERS:
        raise UserError("A poll needs 2 to 10 answers, separated by “|”.")
    if len({a.lower() for a in answers}) != len(answers):
        raise UserError("Each poll answer must be different.")
    for answer in answers:
        check_text(answer, POLL_ANSWER_LIMIT, "A poll answer")
    return tuple(answers)
