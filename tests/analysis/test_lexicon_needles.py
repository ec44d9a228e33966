"""The hand-kept needles of ``lexicon._Screened``: a screened regex must find exactly what the bare regex
finds, since the screen only skips a scan when no needle is in the lowercased sentence."""

from __future__ import annotations

import re

import pytest

from benchmarks.common import shared_root
from bot.analysis import lexicon

SCREENED = {name: value for name, value in vars(lexicon).items() if isinstance(value, lexicon._Screened)}
EDITORIALS = shared_root() / "datasets" / "editorials"


def needles(screened: lexicon._Screened) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", part) for part in screened._needles.pattern.split("|")]


def test_every_screened_regex_is_found() -> None:
    assert set(SCREENED) == {"COMPARATIVE", "METADISCOURSE", "OTHERS_VIEW", "METADATA"}


@pytest.mark.parametrize("name", SCREENED)
def test_needles_are_lowercase_distinct_and_not_empty(name: str) -> None:
    """They are searched case-sensitively in the lowercased sentence: an uppercase needle never matches."""
    found = needles(SCREENED[name])
    assert all(found) and all(n == n.lower() for n in found)
    assert len(found) == len(set(found))


def sentences() -> list[str]:
    if not EDITORIALS.is_dir():
        pytest.skip(f"the editorials are not at {EDITORIALS}")
    out = []
    for path in sorted(EDITORIALS.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    return out


# Each sentence as written, shouted, and behind a word (so no alternative can match at the very start).
VARIANTS = (lambda s: s, str.upper, lambda s: "And " + s, lambda s: "And " + s.title())


@pytest.mark.parametrize("name", SCREENED)
def test_screen_never_loses_a_match(name: str) -> None:
    """On every sentence of the editorials (and variants) the screened search equals the bare search."""
    screened = SCREENED[name]
    matched = 0
    for sentence in sentences():
        for variant in VARIANTS:
            text = variant(sentence)
            bare = screened.pattern.search(text)
            got = screened.search(text)
            assert (got and got.span()) == (bare and bare.span()), (name, text)
            matched += bare is not None
    assert matched > 0  # the corpus exercises the regex at all


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("COMPARATIVE", "Cities are better off with libraries than without them."),
        ("METADISCOURSE", "Today I would like to discuss the matter."),
        ("OTHERS_VIEW", "Yet critics of the plan say it costs too much."),
        ("OTHERS_VIEW", "Still, it has been long argued that the town cannot pay."),
        ("METADATA", "Mary Smith is a columnist for the Gazette."),
        ("METADATA", "Text © 2024 the Gazette."),
    ],
)
def test_screen_finds_matches_past_the_start(name: str, text: str) -> None:
    """Hand-picked matches that do not start the sentence, one per kind of needle the corpus rarely shows."""
    assert SCREENED[name].search(text) is not None
