"""Normalisation shared by every format."""

from __future__ import annotations

from bot.ingest.normalise import clean, join_lines, join_paragraphs, paragraphs_from_plain, unwrap, wrap_width


def test_clean_applies_nfc_and_keeps_curly_quotes():
    """Decomposed accents are composed; curly quotes and apostrophes survive untouched."""
    assert clean("Cafe\u0301 “quoted” it’s") == "Café “quoted” it’s"


def test_clean_strips_control_and_invisible_characters():
    """Control characters, soft hyphens, zero-width spaces and BOMs vanish; CRLF becomes LF."""
    assert clean("a\x00b\x07c\u00add\u200be\ufefff\r\ng") == "abcdef\ng"


def test_clean_turns_unicode_spaces_and_tabs_into_spaces():
    """No-break, thin and ideographic spaces and tabs become plain spaces."""
    assert clean("a\u00a0b\u2009c\u3000d\te") == "a b c d e"


def test_clean_expands_pdf_ligatures():
    """ "ﬁnd" must match "find" for analysis, which NFC alone would not give."""
    assert clean("\ufb01nd \ufb02ow") == "find flow"


def test_join_lines_mends_hyphenated_words_only_before_lowercase():
    """ "argu-/ment" joins; "Anglo-/Saxon" keeps its hyphen."""
    assert join_lines(["an argu-", "ment here"]) == "an argument here"
    assert join_lines(["the Anglo-", "Saxon kings"]) == "the Anglo-Saxon kings"


def test_join_paragraphs_gives_one_blank_line_and_no_inner_breaks():
    """The Reading contract: paragraphs joined by exactly "\\n\\n", single spaces inside."""
    assert join_paragraphs(["a  b\nc", "", "  ", "d"]) == "a b c\n\nd"


def test_wrap_width_is_none_for_unwrapped_text():
    """Lines of whole paragraphs (long lines) are not hard-wrapped."""
    long_line = "word " * 60
    assert wrap_width([[long_line, long_line, long_line]]) is None
    assert wrap_width([["x" * 70, "y" * 72, "z" * 20]]) == 72


def test_unwrap_breaks_where_the_next_word_would_have_fitted():
    """A short line ending a sentence followed by a capital starts a new paragraph."""
    lines = [
        "This is a line of wrapped text that runs to the margin of the",
        "page and then ends here.",
        "Next paragraph starts without any blank line before it at all",
        "and goes on.",
    ]
    assert unwrap(lines, 62) == [
        "This is a line of wrapped text that runs to the margin of the page and then ends here.",
        "Next paragraph starts without any blank line before it at all and goes on.",
    ]


def test_unwrap_keeps_list_items_apart():
    """Each list item is its own paragraph, even inside one block."""
    lines = ["Reasons:", "- the first reason", "- the second reason"]
    assert unwrap(lines, 60) == ["Reasons:", "- the first reason", "- the second reason"]


def test_paragraphs_from_plain_keeps_each_line_of_unwrapped_text():
    """Pasted text with one paragraph per line (no blank lines) keeps each line as a paragraph."""
    first, second = "First paragraph. " * 12, "Second paragraph. " * 12
    assert paragraphs_from_plain(f"{first}\n{second}") == [first.strip(), second.strip()]


def test_split_contractions_are_rejoined() -> None:
    """Contractions split by an earlier tokenizer are joined again; plural possessives are left alone."""
    assert clean("It isn' t xenophobic, and here’ s why: the workers' rights matter.") == (
        "It isn't xenophobic, and here’s why: the workers' rights matter."
    )
