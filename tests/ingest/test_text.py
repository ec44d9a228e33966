"""Pasted text and Markdown through ``from_text``."""

from __future__ import annotations

import pytest

from bot.ingest import ReadingError, from_text
from bot.ingest.limits import MAX_WORDS, MIN_WORDS
from bot.ingest.markdown import inline, looks_like_markdown

WRAPPED = """On Reading Circles

A reading circle works best when every member has read the same text
before the meeting, and when the organiser has picked a piece that is
short enough to finish in a week. Longer works should be split into
chapters, and the organiser’s “slow” pace is a feature.
This line starts a new paragraph without a blank line because the one
before ended a sentence well short of the margin.

    An indented paragraph starts here and it wraps onto the next line
and continues flush left like many old books and e-texts do with their
paragraphs.

* * *

- a list item that wraps across
  two lines of text
- another item
"""


def _contract_holds(text: str) -> None:
    assert "\n\n\n" not in text
    assert all("\n" not in p and p == p.strip() and p for p in text.split("\n\n"))


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    """Wrapped lines join; sentence-ending short lines, indents and list items start paragraphs."""
    reading = from_text(WRAPPED)
    assert reading.title == "On Reading Circles"
    assert reading.paragraphs == [
        "A reading circle works best when every member has read the same text before the meeting, and when the "
        "organiser has picked a piece that is short enough to finish in a week. Longer works should be split into "
        "chapters, and the organiser’s “slow” pace is a feature.",
        "This line starts a new paragraph without a blank line because the one before ended a sentence well short "
        "of the margin.",
        "An indented paragraph starts here and it wraps onto the next line and continues flush left like many old "
        "books and e-texts do with their paragraphs.",
        "a list item that wraps across two lines of text",
        "another item",
    ]
    _contract_holds(reading.text)


def test_explicit_title_wins_and_byline_becomes_author(prose):
    """A given title overrides the first line; a "By …" line becomes the author and leaves the text."""
    reading = from_text(f"Some Heading\n\nBy Jane Doe\n\n{prose}", title="Week 3", source="pasted")
    assert (reading.title, reading.author, reading.source) == ("Week 3", "Jane Doe", "pasted")
    assert reading.text == prose


def test_untitled_text_keeps_its_first_paragraph(prose):
    """A first line that is a sentence is text, not a title."""
    reading = from_text(prose)
    assert reading.title is None
    assert reading.text == prose


MARKDOWN = """---
title: "Front Matter Title"
author: Jane Doe
tags: [reading]
---

# The Heading

Some *emphasis*, __strong__ and ***both*** with a [link](https://example.com/a_(b) "t") and
![an image](img.png)an inline `code_span` and an escaped \\*star\\* and snake_case_name.

## Reasons

- item one with a reference [link][ref]
* item two[^1]
1. numbered item

```python
print("this code is dropped")
```

> A quoted paragraph that is long enough
> to wrap across lines.

Setext Heading
--------------

Final paragraph with 5 * 3 * 2 arithmetic, an <span class="x">inline tag</span> and &amp; entity.

[ref]: https://example.com
"""


def test_markdown_syntax_is_stripped_and_front_matter_gives_metadata(prose):
    """Front matter gives title/author; headings, emphasis, links, images, code fences lose their syntax."""
    reading = from_text(MARKDOWN + "\n" + prose)
    assert reading.title == "Front Matter Title"
    assert reading.author == "Jane Doe"
    assert reading.paragraphs[:9] == [
        "The Heading",
        "Some emphasis, strong and both with a link and an inline code_span and an escaped *star* and snake_case_name.",
        "Reasons",
        "item one with a reference link",
        "item two",
        "1. numbered item",
        "A quoted paragraph that is long enough to wrap across lines.",
        "Setext Heading",
        "Final paragraph with 5 * 3 * 2 arithmetic, an inline tag and & entity.",
    ]
    assert "print" not in reading.text
    assert "tags" not in reading.text
    _contract_holds(reading.text)


def test_markdown_first_h1_becomes_title_and_leaves_the_text(prose):
    """Without front matter, a leading "# Title" is the title and not a paragraph."""
    reading = from_text(f"# Why Read Slowly\n\n{prose}")
    assert reading.title == "Why Read Slowly"
    assert reading.text == prose


def test_markdown_detection():
    """One strong sign or two weak kinds mean Markdown; plain prose is not Markdown."""
    assert looks_like_markdown("# Title\n\ntext")
    assert looks_like_markdown("see [this](http://x.y)")
    assert looks_like_markdown("**bold** text\n\n- a list")
    assert not looks_like_markdown("Plain prose, 5 * 3 = 15, and a - dash.")


def test_inline_keeps_intraword_underscores_and_lone_asterisks():
    """Markers that are not emphasis in CommonMark stay as written."""
    assert inline("snake_case and 2 * 3 * 4 and _real_") == "snake_case and 2 * 3 * 4 and real"


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\x00\x01"])
def test_empty_text_is_refused(text):
    """Nothing readable → the member is told so."""
    with pytest.raises(ReadingError, match="has no readable text"):
        from_text(text)


def test_too_short_text_names_the_minimum():
    """A dozen words cannot carry a discussion; the message states the minimum."""
    with pytest.raises(ReadingError, match=f"only 4 words.*at least {MIN_WORDS}"):
        from_text("Far too short text.")


def test_too_long_text_names_the_limit_and_what_to_do():
    """Over the word limit → the limit and "queue a chapter" advice."""
    with pytest.raises(ReadingError, match=rf"at most {MAX_WORDS:,}.*Queue a chapter"):
        from_text("word " * (MAX_WORDS + 1))


def test_short_and_unspaced_texts_are_refused_with_a_reason_that_fits():
    """A one-word text is "1 word", not "1 words"; a text written without spaces (Chinese, Japanese) is told
    why it cannot be read, rather than that it is one word long."""
    with pytest.raises(ReadingError, match=r"only 1 word of readable text"):
        from_text("Hello")
    unspaced = "。".join("这是一个很长的中文句子我们应该讨论它" for _ in range(60))
    with pytest.raises(ReadingError, match="hardly any spaces between words"):
        from_text(unspaced)
