"""What the model is asked: one chat-completions request per reading.

The model never quotes the reading back to us: it chooses the thesis and the arguments by the number of
a candidate the embedded analysis found, so every passage stays verbatim at its offsets whatever it
writes. It sees an opening excerpt rather than the whole reading, so a long book chapter still fits the
few thousand tokens of context a small local model has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.analysis.limits import MAX_PROMPTS
from bot.analysis.model import Analysis, Argument, Span
from bot.config import ModelConfig

EXCERPT_CHARS = 4000  # about 1,000 tokens of the reading, cut at a paragraph break where there is one
PROMPT_CHARS = 300  # what the model is told; the checks allow a little more
MODEL_PROMPTS = MAX_PROMPTS - 2  # asked for at least this many; fewer good ones are topped up to it

INSTRUCTIONS = f"""\
You help the organiser of a reading circle prepare a week's discussion of one reading.
You get the reading's title, an excerpt of it, and numbered candidate passages an automatic analysis found \
in it, each quoted exactly.

1. "thesis": the number of the candidate that best states the author's central claim.
2. "arguments": the numbers of the 3 to 5 other candidates most worth discussing, best first: the \
author's own claims that carry the piece and that a member could disagree with. Leave out facts, \
statistics, anecdotes and views the author only reports in order to answer them.
3. "prompts": {MODEL_PROMPTS} to {MAX_PROMPTS} discussion questions. Each is one question ending in "?", \
under {PROMPT_CHARS} characters, specific to this reading, in a warm, plain voice a person would use, and \
different in kind (agree or not, evidence, own experience, the strongest other side, consequences, what \
is left out). Quote at most a few words, copied exactly from the reading inside “ ”. "about" is the \
number of the candidate the question is about, or null.
4. "polls": 1 or 2 polls offering real alternatives (the circle gets its own agree/disagree poll on the \
thesis, so not that). "question" under 300 characters; "answers" 2 to 10 short, distinct options of at \
most 55 characters each that a member recognises at a glance. "about" as for prompts.

Never address or mention anyone and never write "@". Answer with one JSON object only, in this shape:
{{"thesis": 0, "arguments": [2, 1, 4], "prompts": [{{"text": "…?", "about": 2}}], \
"polls": [{{"question": "…?", "answers": ["…", "…"], "about": null}}]}}"""

_NULLABLE_INDEX = {"type": ["integer", "null"]}
ANSWER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["thesis", "arguments", "prompts", "polls"],
    "properties": {
        "thesis": _NULLABLE_INDEX,
        "arguments": {"type": "array", "items": {"type": "integer"}},
        "prompts": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "about"],
                "properties": {"text": {"type": "string"}, "about": _NULLABLE_INDEX},
            },
        },
        "polls": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["question", "answers", "about"],
                "properties": {
                    "question": {"type": "string"},
                    "answers": {"type": "array", "items": {"type": "string"}},
                    "about": _NULLABLE_INDEX,
                },
            },
        },
    },
}


@dataclass(frozen=True, slots=True)
class Candidates:
    """The passages the model chooses among: the embedded thesis first (when there is one), then the
    embedded arguments in their ranked order. Only arguments can be chosen as arguments: the thesis has no
    ranking score or kind to carry over."""

    thesis: Span | None
    arguments: tuple[Argument, ...]

    @classmethod
    def of(cls, analysis: Analysis) -> Candidates:
        return cls(analysis.thesis, analysis.arguments)

    @property
    def first_argument(self) -> int:
        """The number of the first argument among the candidates."""
        return 1 if self.thesis is not None else 0

    def __len__(self) -> int:
        return self.first_argument + len(self.arguments)

    def span(self, number: int) -> Span:
        if number < self.first_argument and self.thesis is not None:
            return self.thesis
        arg = self.arguments[number - self.first_argument]
        return Span(arg.text, arg.start, arg.end)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The reading's opening, cut at the last paragraph break (else sentence end, else space) in reach."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in ("\n\n", ". ", " "):
        at = head.rfind(mark)
        if at > limit // 2:
            return head[: at + (1 if mark == ". " else 0)].rstrip() + "\n[…]"
    return head + "[…]"


def user_message(text: str, title: str | None, candidates: Candidates) -> str:
    lines = [f"Title: {title or '(none)'}", "", "Candidate passages (number, character offsets, kind):"]
    for number in range(len(candidates)):
        span = candidates.span(number)
        if number < candidates.first_argument:
            kind = "the analysis's guess at the thesis"
        else:
            kind = candidates.arguments[number - candidates.first_argument].kind
        lines.append(f"[{number}] ({span.start}–{span.end}, {kind}) {' '.join(span.text.split())}")
    lines += ["", "The reading" + (" (opening excerpt):" if len(text) > EXCERPT_CHARS else ":"), excerpt(text)]
    return "\n".join(lines)


def chat_request(text: str, title: str | None, candidates: Candidates, config: ModelConfig, *, schema: bool) -> dict:
    """The request body. ``schema`` asks for the answer's JSON schema to be enforced (``json_schema``),
    otherwise only for JSON (``json_object``) for servers that do not support schemas."""
    if schema:
        response_format: dict = {
            "type": "json_schema",
            "json_schema": {"name": "reading_circle_discussion", "strict": True, "schema": ANSWER_SCHEMA},
        }
    else:
        response_format = {"type": "json_object"}
    return {
        "model": config.model,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": user_message(text, title, candidates)},
        ],
        "max_tokens": config.max_tokens,
        "temperature": 0.4,
        "response_format": response_format,
        "stream": False,
    }


def answer_content(body: bytes) -> dict:
    """The JSON object the model wrote, from a chat-completions response body; ``ValueError`` (with a few
    words for the log) when there is none. A code fence or words around the object are tolerated."""
    try:
        completion = json.loads(body)
        choice = completion["choices"][0]
        content = choice["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise ValueError("not a chat completion") from err
    if not isinstance(content, str) or not content.strip():
        raise ValueError("an empty answer")
    start, end = content.find("{"), content.rfind("}")
    try:
        answer = json.loads(content[start : end + 1]) if 0 <= start < end else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        cut = choice.get("finish_reason") == "length"
        raise ValueError("an answer cut off at max_tokens" if cut else "an answer that is not a JSON object")
    return answer
