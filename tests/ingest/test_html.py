"""HTML files through trafilatura."""

from __future__ import annotations

import pytest

from bot.ingest import ReadingError, from_bytes

BODY = " ".join(["Civic life depends on people who read the same thing and argue about it in good faith."] * 3)
PAGE = f"""<!DOCTYPE html><html><head><meta charset="windows-1252">
<title>Why We Read Together – The Site</title><meta name="author" content="Jane Doe"></head>
<body><nav><a href="/">Home</a> <a href="/about">About us</a></nav><main><article>
<h1>Why We Read Together</h1><p>{BODY}</p>
<p>We must therefore protect the time it takes.<sup>3</sup> Shared reading shows that “slow” isn’t “lazy”.</p>
<ul><li>First, a list item that is long enough.</li><li>Second item.</li></ul><p>{BODY}</p></article></main>
<footer>© 2024 Site. All rights reserved. Cookie policy.</footer></body></html>"""


def test_html_article_text_title_and_author():
    """Main text only (no nav/footer), charset from <meta>, title/author from metadata, notes dropped."""
    reading = from_bytes(PAGE.encode("cp1252"), filename="page.html", source="page.html")
    assert (reading.title, reading.author) == ("Why We Read Together", "Jane Doe")
    assert reading.paragraphs[0] == BODY
    assert reading.paragraphs[1] == (
        "We must therefore protect the time it takes. Shared reading shows that “slow” isn’t “lazy”."
    )
    assert "First, a list item that is long enough." in reading.paragraphs
    assert "Cookie" not in reading.text and "About us" not in reading.text


def test_html_without_article_text_is_refused():
    """A page of navigation only → "couldn't find the article text"."""
    page = "<html><body><nav><a href='/'>Home</a></nav><footer>Contact</footer></body></html>"
    with pytest.raises(ReadingError, match="couldn't find the article text on that page"):
        from_bytes(page.encode(), filename="nav.html")
