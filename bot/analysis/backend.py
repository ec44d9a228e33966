"""The seam where an optional backend (say, an LLM) may replace ranking or composing.

The embedded heuristic is both the default and the fallback: whatever a backend returns is validated,
and on an exception, ``None`` or an invalid result the heuristic's answer is used instead, so a flaky
service never leaves a circle without prompts.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.analysis import rank
from bot.analysis.compose import Composition, Material, compose
from bot.analysis.features import Features
from bot.analysis.segment import Document

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Ranking:
    """Per-segment scores in [0, 1], one per ``Document.segments`` entry."""

    claim: tuple[float, ...]
    thesis: tuple[float, ...]


@runtime_checkable
class AnalysisBackend(Protocol):
    """Either method may return ``None`` to leave that stage to the embedded heuristic."""

    def rank(self, document: Document, features: Sequence[Features]) -> Ranking | None: ...

    def compose(self, material: Material) -> Composition | None: ...


class HeuristicBackend:
    """Marker-and-position ranking and template composing; no I/O, deterministic."""

    def rank(self, document: Document, features: Sequence[Features]) -> Ranking:
        return Ranking(tuple(rank.claim_scores(features)), tuple(rank.thesis_scores(features)))

    def compose(self, material: Material) -> Composition:
        return compose(material)


HEURISTIC = HeuristicBackend()


def _valid_ranking(ranking: Ranking, n: int) -> bool:
    scores = (*ranking.claim, *ranking.thesis)
    return len(ranking.claim) == n == len(ranking.thesis) and all(0.0 <= s <= 1.0 for s in scores)


def _valid_composition(composition: Composition) -> bool:
    from bot.analysis.limits import problems

    return not problems(composition.prompts, composition.polls)


def rank_with(backend: AnalysisBackend | None, document: Document, features: Sequence[Features]) -> Ranking:
    if backend is not None and backend is not HEURISTIC:
        try:
            ranking = backend.rank(document, features)
        except Exception:  # a backend is an external service: any failure means "use the heuristic"
            log.exception("analysis backend failed to rank; using the heuristic")
            ranking = None
        if ranking is not None and _valid_ranking(ranking, len(document.segments)):
            return ranking
        if ranking is not None:
            log.warning("analysis backend returned an invalid ranking; using the heuristic")
    return HEURISTIC.rank(document, features)


def compose_with(backend: AnalysisBackend | None, material: Material) -> Composition:
    if backend is not None and backend is not HEURISTIC:
        try:
            composition = backend.compose(material)
        except Exception:  # see rank_with
            log.exception("analysis backend failed to compose; using the heuristic")
            composition = None
        if composition is not None and _valid_composition(composition):
            return composition
        if composition is not None:
            log.warning("analysis backend composed prompts or polls outside the limits; using the heuristic")
    return HEURISTIC.compose(material)
