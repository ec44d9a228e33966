"""Stage 1: split a reading into paragraphs and segments (sentences, headings, list items) with offsets.

Every segment is a pair of offsets into the original string, never rebuilt text, so a claim quoted to
members is exactly what the author wrote (contractions, curly quotes, odd spacing and all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import Literal

from syntok._segmentation_states import State as _SyntokState
from syntok.segmenter import segment as _syntok_segment
from syntok.tokenizer import Tokenizer

Role = Literal["sentence", "heading", "item"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_ITEM = re.compile(r"\s*(?:[-*•·–—▪◦]|\(?\d{1,3}[.)]|\(?[a-zA-Z][)]|\([ivxIVX]{1,4}\))\s+\S")
_TERMINAL = ".!?:;…"
_CLOSERS = "\"'”’»)]"
_WORD = re.compile(r"\w+")
# A sentence this long is almost certainly an unpunctuated run (a transcript, a bad scan); we still cut
# it at commas/semicolons so one "sentence" never swamps a poll or prompt.
_MAX_SENTENCE_CHARS = 1200
_QUOTE_MERGE_MAX_CHARS = 600

_tokenizer = Tokenizer(replace_not_contraction=False)
# syntok only ever considers ending a sentence at a terminal token or an opening bracket.
_SYNTOK_BREAK_CHARS = {c for t in _SyntokState.terminals for c in t} | _SyntokState.opening_brackets
_SYNTOK_BREAK = re.compile("[" + re.escape("".join(sorted(_SYNTOK_BREAK_CHARS))) + "]")
# A final run of terminals and at most one closing quote right after them, then line-end spaces.
_FINAL_TERMINAL = re.compile(r"[.!?]+[\"'’”]?[ \t\r]*\Z")
_HAS_WORD = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    index: int
    is_heading: bool


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence, heading or list item: ``document.text[start:end]``."""

    start: int
    end: int
    paragraph: int
    role: Role


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]

    def span(self, segment: Segment) -> str:
        return self.text[segment.start : segment.end]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets, split at blank lines; surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            out.append((start + lead, start + lead + len(stripped)))
    return out


def _ends_terminal(line: str) -> bool:
    line = line.rstrip().rstrip(_CLOSERS)
    return bool(line) and line[-1] in _TERMINAL


def _looks_like_heading(line: str, max_words: int) -> bool:
    words = _WORD.findall(line)
    return 0 < len(words) <= max_words and not _ends_terminal(line) and not line.rstrip().endswith(",")


def _starts_new_unit(line: str) -> bool:
    first = line.lstrip()[:1]
    return first.isupper() or first.isdigit() or first in "\"“‘'(["


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int, Role]]:
    """Split one paragraph into prose runs, headings and list items.

    Single newlines inside prose are hard wraps and are left inside the block (the sentence splitter
    treats them as spaces); a short unpunctuated line followed by a capitalised line is a heading and
    never glued to the sentence after it; a bullet or number starts a list item.
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text, start, end)]
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    if len(lines) == 1:
        s, e = lines[0]
        line = text[s:e]
        if _ITEM.match(line):
            return [(s, e, "item")]
        return [(s, e, "heading" if _looks_like_heading(line, 20) else "sentence")]
    blocks: list[list] = []
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        nxt = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else None
        prev_open = (
            bool(blocks) and blocks[-1][2] != "heading" and not _ends_terminal(text[blocks[-1][0] : blocks[-1][1]])
        )
        if _ITEM.match(line):
            blocks.append([s, e, "item"])
        elif (
            not prev_open
            and _looks_like_heading(line, 12)
            and len(line.strip()) <= 80
            and ((nxt is None and i == 0) or (nxt is not None and (_starts_new_unit(nxt) or bool(_ITEM.match(nxt)))))
        ):
            blocks.append([s, e, "heading"])
        elif blocks and blocks[-1][2] != "heading" and (blocks[-1][2] != "item" or not _starts_new_unit(line)):
            blocks[-1][1] = e  # a hard-wrapped continuation of prose or of a list item
        else:
            blocks.append([s, e, "sentence"])
    return [(s, e, role) for s, e, role in blocks]


def _quote_balance(chunk: str) -> int:
    """Positive when a double quotation is left open in ``chunk``."""
    return (chunk.count("“") - chunk.count("”")) + (chunk.count('"') % 2)


def _is_one_sentence(chunk: str) -> bool:
    """True when syntok would certainly find a single sentence in ``chunk``, so it need not run.

    That holds when no terminal or opening bracket occurs before a final run of terminals: syntok never
    looks for a boundary elsewhere, and at that final run it takes in the other terminals and a closing
    quote that follow without a space, leaving nothing to start a second sentence. A third of the blocks
    of a long reading (one-sentence paragraphs, list items) skip tokenising and the state machine this way.
    """
    final = _FINAL_TERMINAL.search(chunk)
    body = chunk[: final.start()] if final else chunk
    return not _SYNTOK_BREAK.search(body) and bool(_HAS_WORD.search(body))


def _sentence_starts(text: str, start: int, end: int) -> list[int]:
    """Where syntok starts each sentence of ``text[start:end]`` (its first token with a value)."""
    if _is_one_sentence(text[start:end]):
        return [start]
    starts = []
    # (syntok's own base_offset pads the string with spaces, which is quadratic over a long reading.)
    for sentence in _syntok_segment(_tokenizer.tokenize(text[start:end])):
        first = next((t for t in sentence if t.value), None)
        if first is not None:
            starts.append(start + first.offset)
    return starts


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence offsets inside ``text[start:end]`` using syntok's boundaries, sliced from the original."""
    starts = _sentence_starts(text, start, end)
    if not starts:
        return []
    starts[0] = start
    bounds = [*starts, end]
    spans = []
    for a, b in pairwise(bounds):
        chunk = text[a:b].rstrip()
        if chunk.strip():
            spans.append((a, a + len(chunk)))
    # syntok ends a sentence at "no.' Then" inside a quotation; a quoted passage belongs to the sentence
    # that opens it, as long as that keeps the sentence a readable size.
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            merged
            and _quote_balance(text[merged[-1][0] : merged[-1][1]]) > 0
            and e - merged[-1][0] <= _QUOTE_MERGE_MAX_CHARS
        ):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return [piece for s, e in merged for piece in _cap_length(text, s, e)]


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= _MAX_SENTENCE_CHARS:
        return [(start, end)]
    pieces = []
    while end - start > _MAX_SENTENCE_CHARS:
        window = text[start : start + _MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        if cut <= 0:
            cut = _MAX_SENTENCE_CHARS - 1
        pieces.append((start, start + cut + 1))
        start += cut + 1
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return [(s, s + len(text[s:e].rstrip())) for s, e in pieces if text[s:e].strip()]


_LIST_RUN = 3


def _in_runs(flags: list[bool], length: int) -> list[bool]:
    """For each flag: it is set and belongs to a run of at least ``length`` set flags. One pass over the
    runs, so 59,000 one-word paragraphs (a single run) cost no more than any other text of that size."""
    out: list[bool] = []
    for value, run in groupby(flags):
        size = len(list(run))
        out += [value and size >= length] * size
    return out


def segment(text: str) -> Document:
    """Split ``text`` into paragraphs and segments; offsets always index into ``text`` itself."""
    paragraphs: list[Paragraph] = []
    segments: list[Segment] = []
    spans = split_paragraphs(text)
    all_blocks = [_blocks(text, p_start, p_end) for p_start, p_end in spans]
    in_list = _in_runs([len(b) == 1 and b[0][2] == "heading" for b in all_blocks], _LIST_RUN)
    for index, (p_start, p_end) in enumerate(spans):
        blocks = all_blocks[index]
        if index and in_list[index]:
            # Three or more short unpunctuated lines in a row are a list whose bullets were dropped, not
            # headings: a heading stands alone above prose.
            blocks = [(b_start, b_end, "item") for b_start, b_end, _ in blocks]
        is_heading = all(role == "heading" for _, _, role in blocks)
        paragraphs.append(Paragraph(p_start, p_end, index, is_heading))
        for b_start, b_end, role in blocks:
            if role == "heading":
                segments.append(Segment(b_start, b_end, index, "heading"))
                continue
            for s, e in _split_sentences(text, b_start, b_end):
                segments.append(Segment(s, e, index, role))
    return Document(text, tuple(paragraphs), tuple(segments))
