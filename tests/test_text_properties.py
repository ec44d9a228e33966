"""Property-based tests of cutting text to Discord's limits (bot/text.py): never over the limit, whole
words, an ellipsis exactly when something was cut, and Markdown escaping that loses nothing."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import _DANGLING, ELLIPSIS, escape_markdown, fit, is_cut_at_word_boundary, shorten

words = st.one_of(
    st.sampled_from(["a", "the", "of", "word", "Discord", "-", "(", "—", "“quoted”", "x" * 30, "@everyone"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=12),
)
separators = st.sampled_from([" ", "  ", "\n", ", ", " — ", "\t", ". ", " (", "\n\n"])
prose = st.lists(st.tuples(words, separators), max_size=40).map(lambda parts: "".join(w + s for w, s in parts))
limits = st.integers(1, 120)
SPACE = re.compile(r"\s+")


@settings(max_examples=500, deadline=None)
@given(text=prose, limit=limits)
def test_shorten_fits_cuts_whole_words_and_marks_the_cut(text: str, limit: int) -> None:
    flat = SPACE.sub(" ", text).strip()
    short = shorten(text, limit)
    assert len(short) <= limit
    if len(flat) <= limit:
        assert short == flat
        return
    assert short.endswith(ELLIPSIS)
    room = limit - len(ELLIPSIS)
    boundaries = [flat[:i] for i in range(1, room + 1) if flat[i] == " "]
    if any(b.rstrip(_DANGLING) for b in boundaries):  # a cut at a word boundary says something: it is made
        assert is_cut_at_word_boundary(short, text), (short, flat)
    # otherwise the first word (after any leading punctuation) is longer than the room: a hard cut


@settings(max_examples=500, deadline=None)
@given(text=prose, limit=st.integers(2, 120))
def test_fit_keeps_lines_and_never_exceeds(text: str, limit: int) -> None:
    fitted = fit(text, limit)
    assert len(fitted) <= limit
    if len(text.strip()) <= limit:
        assert fitted == text.strip()
    else:
        assert fitted.endswith(ELLIPSIS)
        assert text.strip().startswith(fitted[: -len(ELLIPSIS)])


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_escaped_markdown_reads_back_as_typed(text: str) -> None:
    escaped = escape_markdown(text)
    assert re.sub(r"\\(.)", r"\1", escaped, flags=re.DOTALL) == text
    unescaped_special = re.compile(r"(?<!\\)(?:\\\\)*[*_~`|\[\]()<>]")
    assert not unescaped_special.search(escaped)
