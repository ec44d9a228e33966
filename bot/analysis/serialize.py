"""Analyses and readings as plain JSON-ready dicts, and back, exactly.

Two readers depend on this: the reading worker sends its result to the bot as JSON, and the bot stores
the analysis an organiser previewed so that the week posts exactly what they saw. Stored rows outlive
the code that wrote them, so the format is written out field by field (renaming a Python attribute does not
silently change what is on disk) and carries a ``version`` to refuse what a later format would mean
differently.
"""

from __future__ import annotations

from typing import Any, cast, get_args

from bot.analysis.model import Analysis, Argument, Kind, Poll, Prompt, Span
from bot.ingest.model import Reading

VERSION = 1
_KINDS = frozenset(get_args(Kind))


class SerializedFormError(ValueError):
    """A dict that is not a version-1 analysis or reading; a programming or storage fault, not user input."""


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    return {
        "version": VERSION,
        "title": analysis.title,
        "words": analysis.words,
        "reading_minutes": analysis.reading_minutes,
        "thesis": _span_to_dict(analysis.thesis) if analysis.thesis else None,
        "arguments": [
            {
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "score": a.score,
                "kind": a.kind,
                "reasons": list(a.reasons),
                "reason_spans": [_span_to_dict(s) for s in a.reason_spans],
            }
            for a in analysis.arguments
        ],
        "prompts": [{"text": p.text, "argument": p.argument} for p in analysis.prompts],
        "polls": [
            {"question": p.question, "answers": list(p.answers), "argument": p.argument, "message": p.message}
            for p in analysis.polls
        ],
        "writer": analysis.writer,
    }


def analysis_from_dict(data: dict[str, Any]) -> Analysis:
    """The inverse of ``analysis_to_dict``; raises ``SerializedFormError`` naming what is wrong."""
    _check_version("analysis", data)
    try:
        return Analysis(
            title=_optional_str(data["title"]),
            words=_int(data["words"]),
            reading_minutes=_int(data["reading_minutes"]),
            thesis=_span_from_dict(data["thesis"]) if data["thesis"] is not None else None,
            arguments=tuple(
                Argument(
                    text=_str(a["text"]),
                    start=_int(a["start"]),
                    end=_int(a["end"]),
                    score=float(a["score"]),
                    kind=_kind(a["kind"]),
                    reasons=tuple(_str(r) for r in a["reasons"]),
                    reason_spans=tuple(_span_from_dict(s) for s in a["reason_spans"]),
                )
                for a in data["arguments"]
            ),
            prompts=tuple(Prompt(text=_str(p["text"]), argument=_optional_int(p["argument"])) for p in data["prompts"]),
            polls=tuple(
                Poll(
                    question=_str(p["question"]),
                    answers=tuple(_str(a) for a in p["answers"]),
                    argument=_optional_int(p["argument"]),
                    message=_str(p["message"]),
                )
                for p in data["polls"]
            ),
            writer=_str(data["writer"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _malformed("analysis", exc) from exc


def reading_to_dict(reading: Reading) -> dict[str, Any]:
    return {
        "version": VERSION,
        "text": reading.text,
        "title": reading.title,
        "author": reading.author,
        "source": reading.source,
    }


def reading_from_dict(data: dict[str, Any]) -> Reading:
    """The inverse of ``reading_to_dict``; raises ``SerializedFormError`` naming what is wrong."""
    _check_version("reading", data)
    try:
        return Reading(
            text=_str(data["text"]),
            title=_optional_str(data["title"]),
            author=_optional_str(data["author"]),
            source=_optional_str(data["source"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise _malformed("reading", exc) from exc


def _check_version(what: str, data: Any) -> None:
    if not isinstance(data, dict):
        raise SerializedFormError(f"a serialised {what} must be a dict, not {type(data).__name__}")
    if data.get("version") != VERSION:
        raise SerializedFormError(f"a serialised {what} of version {data.get('version')!r}; I read {VERSION}")


def _malformed(what: str, exc: Exception) -> SerializedFormError:
    return SerializedFormError(f"not a serialised {what}: {type(exc).__name__} {exc}")


def _span_to_dict(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def _span_from_dict(data: dict[str, Any]) -> Span:
    return Span(text=_str(data["text"]), start=_int(data["start"]), end=_int(data["end"]))


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _optional_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _optional_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _kind(value: Any) -> Kind:
    if value not in _KINDS:
        raise ValueError(f"unknown argument kind {value!r}")
    return cast(Kind, value)
