"""Analyses and readings survive JSON exactly: what the organiser previewed is what the week posts."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from benchmarks.corpus import load
from bot.analysis import analyse
from bot.analysis.model import Analysis, Argument, Poll, Prompt, Span
from bot.analysis.serialize import (
    SerializedFormError,
    analysis_from_dict,
    analysis_to_dict,
    reading_from_dict,
    reading_to_dict,
)
from bot.ingest import load_file
from bot.ingest.model import Reading

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "libraries.md"


def _through_json(data: dict) -> dict:
    return json.loads(json.dumps(data, ensure_ascii=False))


# A story with no claim to argue about: its analysis carries a note for the organiser.
STORY = (
    "My grandmother moved to the city in 1961. She worked in a shop on Mill Street for ten years and saved "
    "every penny. In 1971 she opened her own bakery on the corner. Her bread sold out by noon most days."
)


def _shared_readings(shared: Path) -> list[Reading]:
    readings = [load_file(str(path)) for path in sorted((shared / "readings").glob("*"))]
    editorials = sorted((shared / "datasets" / "editorials").glob("*/*.txt"))[::7]
    return readings + [load(path) for path in editorials] + [Reading(STORY)]


def test_real_analyses_round_trip_exactly(shared: Path) -> None:
    readings = _shared_readings(shared)
    analyses = [analyse(reading) for reading in readings]
    for reading, analysis in zip(readings, analyses, strict=True):
        assert analysis_from_dict(_through_json(analysis_to_dict(analysis))) == analysis, reading.title
        assert reading_from_dict(_through_json(reading_to_dict(reading))) == reading, reading.title
    # the sample exercises the fields that are easy to forget, so the equality above covers them
    arguments = [a for analysis in analyses for a in analysis.arguments]
    assert any(a.reason_spans for a in arguments)
    assert any(p.message for analysis in analyses for p in analysis.polls)
    assert any(p.argument is None for analysis in analyses for p in analysis.prompts)
    assert any(analysis.note for analysis in analyses)
    assert len({a.kind for a in arguments}) >= 3


def test_every_field_is_written() -> None:
    """A field added to a data class fails here until the format carries it."""
    span = Span("Libraries matter.", 0, 17)
    analysis = Analysis(
        title=None,
        words=3,
        reading_minutes=1,
        thesis=span,
        arguments=(Argument("Libraries matter.", 0, 17, 0.5, "evaluative", ("x",), (span,)),),
        prompts=(Prompt("Do they?", 0),),
        polls=(Poll("Agree?", ("Yes", "No"), None, "1. Libraries matter."),),
        writer="model",
        note="Few arguable claims: add your own prompts.",
    )
    data = analysis_to_dict(analysis)
    assert set(data) == {f.name for f in dataclasses.fields(Analysis)} | {"version"}
    assert set(data["arguments"][0]) == {f.name for f in dataclasses.fields(Argument)}
    assert set(data["prompts"][0]) == {f.name for f in dataclasses.fields(Prompt)}
    assert set(data["polls"][0]) == {f.name for f in dataclasses.fields(Poll)}
    assert set(data["thesis"]) == {f.name for f in dataclasses.fields(Span)}
    assert set(reading_to_dict(Reading("text"))) == {f.name for f in dataclasses.fields(Reading)} | {"version"}
    assert analysis_from_dict(_through_json(data)) == analysis
    assert data["version"] == 1


def test_an_analysis_without_thesis_or_arguments_round_trips() -> None:
    empty = Analysis(title="List", words=60, reading_minutes=1, thesis=None, arguments=(), prompts=())
    assert analysis_from_dict(_through_json(analysis_to_dict(empty))) == empty


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d.update(version=2), "version 2"),
        (lambda d: d.pop("writer"), "KeyError"),
        (lambda d: d.update(words="many"), "expected an integer"),
        (lambda d: d["arguments"][0].update(kind="poetic"), "unknown argument kind 'poetic'"),
        (lambda d: d.update(prompts=None), "TypeError"),
    ],
    ids=["future-version", "missing-key", "wrong-type", "unknown-kind", "not-a-list"],
)
def test_a_malformed_dict_is_refused_with_what_is_wrong(change, complaint: str) -> None:
    analysis = analyse(load_file(str(SAMPLE)))
    data = analysis_to_dict(analysis)
    change(data)
    with pytest.raises(SerializedFormError, match=complaint):
        analysis_from_dict(data)


def test_an_analysis_stored_before_notes_existed_reads_without_one() -> None:
    data = analysis_to_dict(analyse(load_file(str(SAMPLE))))
    del data["note"]
    assert analysis_from_dict(data).note == ""


def test_a_reading_of_another_version_is_refused() -> None:
    with pytest.raises(SerializedFormError, match="version None"):
        reading_from_dict({"text": "x", "title": None, "author": None, "source": None})
