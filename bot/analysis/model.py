"""The small data classes that pass between the analysis stages and out to the cogs and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["normative", "causal", "evaluative", "predictive", "factual"]


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim passage: ``text == source[start:end]`` for the reading's text it came from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Argument:
    """A claim the reading makes, with the reasons the text itself gives for it (each verbatim)."""

    text: str
    start: int
    end: int
    score: float
    kind: Kind
    reasons: tuple[str, ...] = ()
    # The same reasons with their offsets into the reading's text (verbatim, like the claim).
    reason_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Prompt:
    """A discussion question; ``argument`` is the index into ``Analysis.arguments`` it is about (or None
    when it is about the thesis)."""

    text: str
    argument: int | None


@dataclass(frozen=True, slots=True)
class Poll:
    """A Discord poll: question <= 300 chars, 2-10 answers of <= 55 chars each.

    ``message`` is the text posted beside the poll (claims listed in full) when answers carry short
    labels; empty when the answers say it all.
    """

    question: str
    answers: tuple[str, ...]
    argument: int | None
    message: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    title: str | None
    words: int
    reading_minutes: int
    thesis: Span | None
    arguments: tuple[Argument, ...]
    prompts: tuple[Prompt, ...]
    polls: tuple[Poll, ...] = field(default=())
    # Who wrote the prompts and polls: "embedded" (this package's templates) or "model" (an optional LLM
    # writer, see bot/writer/); the organiser's preview shows it.
    writer: str = "embedded"
    # Said to the organiser when the reading gave less than usual to ask about ("add your own prompts").
    note: str = ""
