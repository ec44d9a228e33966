"""``load``: what the CLI calls with a path or a link."""

from __future__ import annotations

import pytest

from bot.ingest import ReadingError, load


async def test_load_reads_a_local_text_file(tmp_path, prose):
    """A .txt path is read, its first line becomes the title, the path is the source."""
    path = tmp_path / "notes.txt"
    path.write_text(f"Week One\n\n{prose}\n", encoding="utf-8")
    reading = await load(str(path))
    assert (reading.title, reading.text, reading.source) == ("Week One", prose, str(path))


async def test_load_reads_markdown_by_extension(tmp_path, prose):
    """A .md file is treated as Markdown even without strong Markdown signs."""
    path = tmp_path / "notes.md"
    path.write_text(f"Intro with *stress*.\n\n{prose}", encoding="utf-8")
    reading = await load(str(path))
    assert reading.paragraphs[0] == "Intro with stress."


async def test_load_names_a_missing_file(tmp_path):
    """A missing path is named in the message."""
    missing = tmp_path / "nope.txt"
    with pytest.raises(ReadingError, match=r"I can't find the file .*nope\.txt"):
        await load(str(missing))


async def test_load_refuses_other_schemes():
    """ftp:// and friends are refused rather than taken for file names."""
    with pytest.raises(ReadingError, match="only fetch http"):
        await load("ftp://example.com/x.txt")


async def test_load_refuses_an_empty_file(tmp_path):
    """An empty file → "That file has no readable text"."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadingError, match="That file has no readable text"):
        await load(str(path))
