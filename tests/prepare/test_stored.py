"""A draft's stored text through the worker again: read as it is, so a rewrite sees what was previewed."""

from __future__ import annotations

from bot.prepare import Pasted, Stored, prepare
from tests.prepare.conftest import ESSAY, FAST, Recorder


async def test_stored_text_is_analysed_as_it_is(told: Recorder) -> None:
    """The text the first pass produced comes back unchanged (not normalised again), with the same analysis."""
    first = await prepare(Pasted(ESSAY), title="Libraries", author="A. Reader", limits=FAST)
    again = await prepare(Stored(first.reading.text), title="Libraries", author="A. Reader", limits=FAST, progress=told)
    assert told.said == ["Finding the arguments…"]
    assert again.reading == first.reading
    assert again.analysis == first.analysis


async def test_stored_text_keeps_what_a_fresh_read_would_change() -> None:
    """Markdown-looking text is stripped on a first read; stored text is never read as Markdown again, so
    its offsets stay those of the text the organiser saw."""
    text = "# Not a heading any more\n\n" + ESSAY
    assert (await prepare(Pasted(text), title="Libraries", limits=FAST)).reading.text != text
    again = await prepare(Stored(text), title="Libraries", limits=FAST)
    assert again.reading.text == text
