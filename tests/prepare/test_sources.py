"""Each kind of source through the real worker process, compared with the same work done in-process."""

from __future__ import annotations

import pytest

from bot.analysis import analyse
from bot.ingest import ReadingError, from_bytes, from_text
from bot.ingest.url import PRIVATE
from bot.prepare import Link, Pasted, Upload, WorkerLimits, prepare
from tests.ingest.builders import make_epub, make_pdf
from tests.prepare.conftest import ESSAY, FAST, Recorder

PDF_LINES = [
    "Reading slowly is not a failure of attention but a way of paying it, and a circle",
    "that reads together must therefore agree on a pace that suits its slowest reader.",
    "",
    "Discussion needs shared ground more than it needs speed, and shared ground takes time",
    "to build. We should choose short readings, because a long one leaves half the circle behind.",
    "",
    "Organisers must resist the urge to assign whole books in a single week of evenings.",
]


async def test_pasted_text(told: Recorder) -> None:
    """Pasted text is read and analysed in the worker exactly as it would be in-process, with the
    organiser's title."""
    prepared = await prepare(Pasted(ESSAY), title="  Libraries  ", author="A. Reader", limits=FAST, progress=told)
    assert told.said == ["Reading the text…", "Finding the arguments…"]
    assert (prepared.reading.title, prepared.reading.author) == ("Libraries", "A. Reader")
    in_process = from_text(ESSAY, title="Libraries")
    assert prepared.reading.text == in_process.text
    assert prepared.analysis == analyse(prepared.reading)
    assert prepared.analysis.title == "Libraries"
    assert prepared.analysis.thesis is not None and prepared.analysis.arguments


async def test_uploaded_pdf(told: Recorder) -> None:
    """An uploaded PDF keeps the title from its metadata and takes the organiser's author."""
    data = make_pdf([PDF_LINES], title="On Reading Slowly", author="Ada Writer")
    prepared = await prepare(
        Upload(data, filename="slow.pdf", content_type="application/pdf"), author="Someone Else",
        limits=FAST, progress=told,
    )
    assert told.said == ["Reading the file…", "Finding the arguments…"]
    assert prepared.reading.title == "On Reading Slowly"
    assert prepared.reading.author == "Someone Else"
    assert prepared.reading.source == "slow.pdf"
    assert "slowest reader" in prepared.reading.text
    assert prepared.analysis == analyse(prepared.reading)


async def test_uploaded_epub_with_a_title_override(told: Recorder) -> None:
    """An EPUB's own author stays when the organiser gives only a title."""
    body = "".join(f"<p>{p}</p>" for p in ESSAY.split("\n\n")[1:])
    data = make_epub([("one.xhtml", f"<h1>Chapter One</h1>{body}")], title="A Small Book", author="Ada Writer")
    prepared = await prepare(Upload(data, filename="book.epub"), title="Chapter one", limits=FAST, progress=told)
    assert told.said == ["Reading the file…", "Finding the arguments…"]
    assert (prepared.reading.title, prepared.reading.author) == ("Chapter one", "Ada Writer")
    assert prepared.analysis.title == "Chapter one"
    assert prepared.analysis == analyse(prepared.reading)


async def test_link(site: str, told: Recorder) -> None:
    """A link is fetched by the worker (loopback allowed by the limits) and its page read."""
    prepared = await prepare(Link(f"{site}/essay"), limits=FAST, progress=told)
    assert told.said == ["Fetching the link…", "Finding the arguments…"]
    assert prepared.reading.title == "Why Every Town Needs Its Library"
    assert prepared.reading.source == f"{site}/essay"
    assert "Cookie policy" not in prepared.reading.text
    assert prepared.analysis == analyse(prepared.reading)


@pytest.mark.parametrize(
    ("source", "allow_private", "sentence"),
    [
        (Pasted("Far too short to discuss."), False, "That text has only 5 words of readable text; a reading "
         "needs at least 50."),
        (Upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, filename="cat.png"), False, None),
        (Link("/missing"), True, "That link answered 404 Not Found — is it still online?"),
        (Link("/essay"), False, PRIVATE),
    ],
    ids=["short-text", "image-upload", "missing-page", "private-address"],
)
async def test_reading_errors_arrive_as_their_sentence(
    site: str, source: Pasted | Upload | Link, allow_private: bool, sentence: str | None
) -> None:
    """What ingestion refuses reaches the organiser as ingestion's own sentence, not as a worker failure."""
    if isinstance(source, Link):
        source = Link(site + source.url)
    limits = WorkerLimits(seconds=FAST.seconds, memory_mb=FAST.memory_mb, allow_private_urls=allow_private)
    with pytest.raises(ReadingError) as caught:
        await prepare(source, limits=limits)
    if isinstance(source, Upload):  # whatever ingestion says about an image, in-process
        with pytest.raises(ReadingError) as expected:
            from_bytes(source.data, filename=source.filename)
        sentence = str(expected.value)
    assert str(caught.value) == sentence
    assert "error id" not in str(caught.value)
