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
    if any(has_word(b) for b in boundaries):  # a cut at a word boundary keeps a word: it is made
        assert is_cut_at_word_boundary(short, text), (short, flat)
    # otherwise the first word (after any leading punctuation) is longer than the room: a hard cut


def has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


lead_ins = st.sampled_from(["", "— ", "“", "“ ", "... ", "...", "( ", "— — ", "-- ", "« "])
long_words = st.text(st.characters(categories=("L", "Nd")), min_size=1, max_size=60)


@settings(max_examples=1000, deadline=None)
@given(lead=lead_ins, first=long_words, rest=prose, limit=limits)
def test_shorten_keeps_whole_words_never_only_punctuation(lead: str, first: str, rest: str, limit: int) -> None:
    """Text opening with punctuation, then a word that may be longer than the room: the cut is within the
    limit, keeps a word (never "— …" or "...…"), and is the input's first words plus the ellipsis, except
    when that first word alone is longer than the room, the only case cut inside a word."""
    text = f"{lead}{first} {rest}"
    flat = SPACE.sub(" ", text).strip()
    short = shorten(text, limit)
    assert len(short) <= limit
    if len(flat) <= limit:
        assert short == flat
        return
    assert short.endswith(ELLIPSIS)
    body = short[: -len(ELLIPSIS)]
    room = limit - len(ELLIPSIS)
    if room == 0:
        return
    assert has_word(body), (short, flat)
    if ends_at_word_boundary(body, flat):
        return  # whole words
    from_first = flat[min(i for i, c in enumerate(flat) if c.isalnum()) :]
    if not flat.startswith(body):  # the punctuation before the first word is dropped only when the room
        assert not has_word(flat[:room]), (short, flat)  # does not reach past it
        assert from_first.startswith(body), (short, flat)
        if ends_at_word_boundary(body, from_first):
            return
    words = flat.split(" ")
    first_word = next(i for i, word in enumerate(words) if has_word(word))
    assert len(" ".join(words[: first_word + 1])) > room, (short, flat)  # a hard cut only when no word fits


def ends_at_word_boundary(body: str, source: str) -> bool:
    """``body`` is ``source``'s first words, less at most the separators that followed the last of them."""
    return source.startswith(body) and not source[len(body) :].split(" ", 1)[0].strip(_DANGLING)


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
