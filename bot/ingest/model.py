"""What ingestion hands to analysis: clean text plus the metadata a post shows."""

from __future__ import annotations

from dataclasses import dataclass

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class Reading:
    """A reading's clean text.

    ``text`` keeps paragraphs separated by one blank line ("\\n\\n") and no other line breaks inside a
    paragraph, so analysis can find paragraphs and report character offsets into exactly this string.
    """

    text: str
    title: str | None = None
    author: str | None = None
    source: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))
