"""Text clean-up shared by every format, so analysis sees one shape of text whatever the source.

The output contract (see ``Reading``): paragraphs separated by exactly one blank line, no line break inside
a paragraph. Analysis reports character offsets into that string, so every format ends in ``join_paragraphs``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Characters that carry no text: soft hyphen, zero-width space, word joiner, BOM. ZWJ/ZWNJ stay: scripts such
# as Persian and emoji sequences need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"), None)
# Unicode spaces that should count as one ordinary space (no-break, thin, ideographic…).
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\v"),
    " ",
)
# Typographic ligatures that PDFs emit for "fi", "fl"…; NFC keeps them, but then "ﬁnd" would not match "find".
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
_LINE_BREAKS = {ord("\r"): "\n", ord("\f"): "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"}
_TABLE = {**_INVISIBLE, **_SPACES, **_LIGATURES, **_LINE_BREAKS}

# C0/C1 controls other than the line feed (tabs and CRs are translated before this runs).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_RUN_OF_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n[ ]*\n\s*")
# "isn' t", "here' s": contractions split by an earlier tokenizer (common in scraped corpora). Left alone, a
# quote-stripping step later reads the apostrophe as a closing quote and prints "isn t".
_SPLIT_CONTRACTION = re.compile(r"(?<=[A-Za-z])(['’]) (?=(?:s|t|re|ll|ve|d|m)\b)")

#: A line that starts a list item: bullets, "1." / "1)" / "a)" numbering.
LIST_ITEM = re.compile(r"^\s*(?:[-*+•◦▪‣·–]\s+|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,5})[.)]\s+)")
_BULLET = re.compile(r"^[-*+•◦▪‣·–]\s+")
_SENTENCE_END = tuple(".!?:;…\"'”’»)]")


def clean(text: str) -> str:
    """NFC, one kind of line break, ordinary spaces, no control characters; curly quotes untouched.

    Line breaks survive (as "\\n") because the un-wrapping that follows needs them.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    text = text.translate(_TABLE)
    text = _SPLIT_CONTRACTION.sub(r"\1", text)
    return _CONTROL.sub("", text)


def clean_inline(text: str | None) -> str | None:
    """A title or author: one line, single spaces, or ``None`` if nothing is left."""
    if text is None:
        return None
    text = _RUN_OF_SPACE.sub(" ", clean(text)).strip()
    return text or None


def split_blocks(text: str) -> list[list[str]]:
    """Blocks separated by blank lines, each a list of its lines (right-stripped, left indentation kept)."""
    blocks = []
    for block in _BLANK_LINES.split(text.strip("\n")):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def wrap_width(blocks: Iterable[Sequence[str]], *, limit: int = 120) -> int | None:
    """The column a text was hard-wrapped at, or ``None`` if its lines are whole paragraphs.

    Only lines followed by another line of the same block tell us the width (a paragraph's last line is
    short by nature). The 90th percentile ignores the odd over-long line such as a URL.
    """
    lengths = sorted(len(line.strip()) for lines in blocks for line in lines[:-1])
    if not lengths:
        return None
    width = lengths[round(0.9 * (len(lengths) - 1))]
    return width if width <= limit else None


def unwrap(lines: Sequence[str], width: int | None, *, slack: float = 1.0) -> list[str]:
    """Join the hard-wrapped lines of one block into paragraphs.

    A line break is a paragraph break when the next line is a list item, when it is indented more than the
    block (first-line indentation), or when the first word of the next line would have fitted on this line
    (a wrapping editor would have put it there, so the break was meant), the line ends a sentence or is
    much shorter than the width, and the next line does not start in lowercase. ``slack`` < 1 loosens the
    fit test for proportional fonts (PDF). With ``width=None`` the text was not hard-wrapped, so every line
    is a paragraph.
    """
    if width is None:
        return [line.strip() for line in lines]
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    paragraphs: list[list[str]] = []
    in_list = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i == 0:
            paragraphs.append([stripped])
            in_list = bool(LIST_ITEM.match(stripped))
            continue
        prev = lines[i - 1].strip()
        line_indent = len(line) - len(line.lstrip())
        next_word = stripped.split(" ", 1)[0]
        fits = len(prev) + 1 + len(next_word) <= width * slack
        # A paragraph rarely starts in lowercase, so such a line continues the previous one ("argu-" "ment").
        continues = next_word[:1].islower()
        deliberate = fits and not continues and (prev.endswith(_SENTENCE_END) or len(prev) < 0.6 * width)
        if LIST_ITEM.match(stripped):
            paragraphs.append([stripped])
            in_list = True
        elif (line_indent > indent and not in_list) or deliberate:
            paragraphs.append([stripped])
            in_list = False
        else:
            paragraphs[-1].append(stripped)
    return [join_lines(p) for p in paragraphs]


_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph as one line; "argu-" + "ment" becomes "argument" (a lowercase word follows)."""
    text = "\n".join(line.strip() for line in lines)
    text = _HYPHENATED.sub(_join_hyphen, text)
    return text.replace("\n", " ")


def _join_hyphen(match: re.Match[str]) -> str:
    # Only before a lowercase letter: "Anglo-\nSaxon" keeps its hyphen.
    return "" if match.string[match.end()].islower() else "-"


def paragraphs_from_plain(text: str, *, slack: float = 1.0) -> list[str]:
    """Plain (already cleaned) text to paragraphs: blank lines separate, wrapped lines are joined."""
    blocks = split_blocks(text)
    width = wrap_width(blocks)
    return [p for lines in blocks for p in unwrap(lines, width, slack=slack)]


def strip_bullet(paragraph: str) -> str:
    """Drop an unordered-list bullet; numbers stay because "3." can matter to the meaning."""
    return _BULLET.sub("", paragraph, count=1)


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """The final text: each paragraph on one line with single spaces, one blank line between paragraphs."""
    out = []
    for paragraph in paragraphs:
        paragraph = _RUN_OF_SPACE.sub(" ", paragraph).strip()
        if paragraph:
            out.append(paragraph)
    return "\n\n".join(out)
