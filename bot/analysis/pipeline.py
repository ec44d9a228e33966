"""The stages wired together: segment → features → rank → select → compose."""

from __future__ import annotations

import re

from bot.analysis.alternatives import find_calls, find_choice
from bot.analysis.backend import AnalysisBackend, compose_with, rank_with
from bot.analysis.compose import Material
from bot.analysis.features import Features, extract
from bot.analysis.model import Analysis, Argument, Span
from bot.analysis.segment import Document, segment
from bot.analysis.select import Choice, select
from bot.ingest.model import Reading

_LOWER_WORD = re.compile(r"(?<![\w’'])[a-z]+(?![\w’'])")


def _span(text: str, choice: Choice) -> Span:
    p = choice.passage
    return Span(text[p.start : p.end], p.start, p.end)


def _reported_counter(document: Document, features: list[Features]) -> str | None:
    """The first view the reading attributes to others in order to answer it ("Critics say…"), if any:
    material for the steelman prompt, never one of the reading's own arguments."""
    for seg, f in zip(document.segments, features, strict=True):
        if f.eligible and f.others_view and f.quoted < 0.5 and not f.question and 6 <= f.words <= 60:
            return document.text[seg.start : seg.end]
    return None


def lowercase_words(text: str) -> frozenset[str]:
    """The words the reading itself writes in lower case (see ``Material.lowercase_words``)."""
    return frozenset(_LOWER_WORD.findall(text))


def analyse(reading: Reading, *, backend: AnalysisBackend | None = None) -> Analysis:
    """Find the reading's thesis and key arguments and compose prompts and polls about them.

    Deterministic: the same text always gives the same analysis. ``backend`` may replace ranking and/or
    composing; the embedded heuristic is used for whatever it declines or gets wrong.
    """
    text = reading.text
    document = segment(text)
    features = extract(document, reading.title)
    ranking = rank_with(backend, document, features)
    selection = select(document, features, ranking.claim, ranking.thesis, reading.words)
    thesis = _span(text, selection.thesis) if selection.thesis else None
    arguments = tuple(
        Argument(
            text=text[c.passage.start : c.passage.end],
            start=c.passage.start,
            end=c.passage.end,
            score=round(c.passage.score, 4),
            kind=c.kind,
            reasons=tuple(r.text for r in c.reasons),
            reason_spans=c.reasons,
        )
        for c in selection.arguments
    )
    counter = _reported_counter(document, features)
    material = Material(
        reading.title,
        thesis,
        arguments,
        lowercase_words(text),
        counter,
        find_choice(document, features),
        calls=find_calls(document, features),
    )
    composition = compose_with(backend, material)
    return Analysis(
        title=reading.title,
        words=reading.words,
        reading_minutes=reading.reading_minutes,
        thesis=thesis,
        arguments=arguments,
        prompts=composition.prompts,
        polls=composition.polls,
        note=composition.note,
    )
