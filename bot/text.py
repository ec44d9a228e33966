"""Text helpers shared by everything that must fit generated text into Discord's limits."""

from __future__ import annotations

import re

ELLIPSIS = "…"

_SPACE = re.compile(r"\s+")
# What may dangle before an ellipsis and reads badly there: separators, dashes, opening quotes/brackets.
_DANGLING = " \t\n,;:-–—/([{“‘\"'«"
# Words that only lead into what follows: a cut right after one reads as a stumble ("depend on the…").
_WEAK_ENDINGS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "and",
        "or",
        "but",
        "nor",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "than",
        "as",
        "if",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "so",
        "very",
        "this",
        "these",
        "those",
        "such",
        "into",
        "onto",
        "upon",
        "about",
    ]
)


def shorten(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """Return ``text`` (whitespace runs collapsed) cut to at most ``limit`` characters at a word boundary.

    Cutting is only ever done at whitespace so a reader never sees half a word; trailing separators are
    dropped before the ellipsis so the cut reads as deliberate. A cut must keep a word: leading
    punctuation alone ("— …", "...…") says nothing. When no whole word fits (the first word with a letter
    or digit is longer than the room), that word is cut hard, the only case that can split a word, and
    the punctuation before it is kept if the room reaches past it, dropped otherwise.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    if limit <= len(ellipsis):
        return ellipsis[:limit]
    room = limit - len(ellipsis)
    head = _whole_words(flat, room)
    if not _has_word(head):
        start = flat if _has_word(flat[:room]) else _from_first_letter(flat)
        head = start[:room].rstrip(_DANGLING) or start[:room]
    return head + ellipsis


def _whole_words(flat: str, room: int) -> str:
    """The longest run of ``flat``'s first words within ``room``, without separators or lead-in words
    left dangling before the ellipsis (keeping at least half of the room and at least one word)."""
    # A boundary exists at `room` if the next character is a space (we keep the whole last word).
    head = flat[:room] if flat[room] == " " else flat[:room].rsplit(" ", 1)[0] if " " in flat[:room] else ""
    head = head.rstrip(_DANGLING)
    while " " in head:
        trimmed, last = head.rsplit(" ", 1)
        trimmed = trimmed.rstrip(_DANGLING)
        if last.lower() not in _WEAK_ENDINGS or len(trimmed) < room // 2 or not _has_word(trimmed):
            break
        head = trimmed
    return head


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _from_first_letter(flat: str) -> str:
    """``flat`` from its first letter or digit; all of it when it has none."""
    return flat[next((i for i, c in enumerate(flat) if c.isalnum()), 0) :]


def is_cut_at_word_boundary(short: str, full: str, ellipsis: str = ELLIPSIS) -> bool:
    """True when ``short`` is ``full`` unchanged or a whole-word prefix of it followed by the ellipsis.

    Used by tests and corpus checks to prove no generated label ends in half a word.
    """
    flat = _SPACE.sub(" ", full).strip()
    if short == flat:
        return True
    if not short.endswith(ellipsis):
        return False
    head = short[: -len(ellipsis)]
    if not flat.startswith(head):
        return False
    rest = flat[len(head) :]
    return not rest or not rest[0].isalnum() or not head or not head[-1].isalnum()


def fit(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """Like ``shorten`` but keeps line breaks, for multi-line messages (a recap, a numbered list): text
    that fits is returned as it is; longer text is cut at the last space or line break that fits."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    head = text[:room]
    if not text[room].isspace():
        cut = max(head.rfind(" "), head.rfind("\n"))
        head = head[:cut] if cut > 0 else head
    return head.rstrip(_DANGLING) + ellipsis


# Characters that start or end Discord Markdown anywhere in a line (bold, italics, strike-through, code,
# spoilers, masked links, mentions and timestamps in <…>), and what starts a heading, quote or list at the
# start of a line.
_MARKDOWN_INLINE = re.compile(r"([\\*_~`|\[\]()<>])")
_MARKDOWN_LINE_START = re.compile(r"^([ \t]*)([#\-+]|\d+(?=\.))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """``text`` shown as typed when set inside a message: a title such as ``**x** ||y|| [z](…)`` or an
    answer that starts with ``# `` cannot restyle the message around it or hide a link. Escaping is
    reversible (every backslash added precedes the character it protects), so nothing is lost."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)

    def line_start(match: re.Match[str]) -> str:
        indent, marker = match.groups()
        return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"

    return _MARKDOWN_LINE_START.sub(line_start, escaped)


def literal(text: str, limit: int) -> str:
    """Organiser text (a title, an author) cut to ``limit`` and shown as typed inside a message of ours:
    cut first, so the escaping backslashes cannot be split from what they protect."""
    return escape_markdown(shorten(text, limit))


def as_sentence(text: str) -> str:
    """``text`` with its first letter upper-cased, to be shown on its own: a key argument is a verbatim span that
    may start mid-sentence once its opening "But"/"And" is left out ("the problem runs deeper")."""
    return text[:1].upper() + text[1:]
