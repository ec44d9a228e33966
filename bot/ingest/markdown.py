"""Markdown to plain paragraphs: the syntax goes, the words stay.

A line-based reader rather than a Markdown library: we need no HTML, only block boundaries (headings, list
items, paragraphs) and readable inline text, and no extra dependency.

Decisions: fenced code blocks are dropped, because prompts and polls are built from prose claims and code loses
its line structure under the one-line-per-paragraph contract anyway. Front matter is dropped but its
``title``/``author`` are used. Images are removed (their alt text is not part of the argument); links keep their
text; unordered bullets are removed while ordered numbers stay.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bot.ingest.normalise import LIST_ITEM, strip_bullet, unwrap, wrap_width

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_META_LINE = re.compile(r"^\s*(title|author|authors|creator)\s*[:=]\s*(.+?)\s*$", re.I | re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*\S+")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]]+\]:\s*")
_QUOTE = re.compile(r"^ {0,3}(?:>[ ]?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASK = re.compile(r"^\[[ xX]\]\s+")

_CODE_SPAN = re.compile(r"(`+)([^`]{1,1000}?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_IMAGE = re.compile(r"!\[[^\[\]]{0,500}\](?:\([^()]{0,2000}\)|\[[^\[\]]{0,500}\])")
_LINK = re.compile(
    r"\[([^\[\]]{0,500})\]\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}(?:\s+(?:\"[^\"]{0,500}\"|'[^']{0,500}'|"
    r"\([^()]{0,500}\)))?\s*\)"
)
_REF_LINK = re.compile(r"\[([^\[\]]{1,500})\]\[[^\[\]]{0,500}\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,100}\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# Spans exclude their own marker and are bounded, so a text full of lone "*" or "[" stays linear.
_EMPHASIS = (
    re.compile(r"(\*{1,3})(?=[^\s*])([^*]{1,1000}?)(?<=[^\s*])\1"),
    re.compile(r"(?<![\w_])(_{1,3})(?=[^\s_])([^_]{1,1000}?)(?<=[^\s_])\1(?![\w_])"),
    re.compile(r"(~~)(?=[^\s~])([^~]{1,1000}?)(?<=[^\s~])\1"),
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")

_STRONG_SIGNS = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M),
    re.compile(r"^ {0,3}(?:```|~~~)", re.M),
    re.compile(r"!?\[[^\[\]\n]{1,300}\]\([^()\s]{1,300}\)"),
    re.compile(r"\A(?:---|\+\+\+)[ \t]*\n"),
    re.compile(r"^\S.*\n=+[ \t]*$", re.M),
)
_WEAK_SIGNS = (
    re.compile(r"\*\*\S[^*\n]*\S\*\*|__\S[^_\n]*\S__"),
    re.compile(r"^ {0,3}[-*+][ \t]+\S", re.M),
    re.compile(r"^ {0,3}>[ \t]?\S", re.M),
    re.compile(r"`[^`\n]+`"),
    re.compile(r"^\s*\|.*\|\s*$", re.M),
)


def looks_like_markdown(text: str) -> bool:
    """Pasted text rarely says what it is: one unmistakable sign, or two weaker kinds, mean Markdown."""
    sample = text[:50_000]
    if any(sign.search(sample) for sign in _STRONG_SIGNS):
        return True
    return sum(1 for sign in _WEAK_SIGNS if sign.search(sample)) >= 2


@dataclass
class MarkdownDocument:
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None


@dataclass
class _Block:
    kind: str  # "p", "item", "h1".."h6", "row"
    lines: list[str]


def parse(text: str) -> MarkdownDocument:
    """Cleaned Markdown text to paragraphs, with the title (front matter, else first H1) and author."""
    doc = MarkdownDocument()
    match = _FRONT_MATTER.match(text)
    if match:
        for key, value in _META_LINE.findall(match.group(2)):
            value = value.strip().strip("\"'[]").strip()
            if key.lower() == "title" and not doc.title:
                doc.title = value or None
            elif key.lower() != "title" and not doc.author:
                doc.author = value or None
        text = text[match.end() :]
    blocks = _blocks(_HTML_COMMENT.sub("", text))

    title_index = None
    if not doc.title:
        for i, block in enumerate(blocks):
            if block.kind == "h1":
                title_index = i
                break
        if title_index is None and blocks and blocks[0].kind.startswith("h"):
            title_index = 0
        if title_index is not None:
            doc.title = inline(" ".join(blocks[title_index].lines)) or None
            if title_index != 0:
                title_index = None  # a later H1 names the piece but is also part of its text
    if title_index == 0:
        blocks = blocks[1:]

    width = wrap_width(b.lines for b in blocks if b.kind == "p")
    for block in blocks:
        raw = unwrap(block.lines, width) if block.kind == "p" else [" ".join(x.strip() for x in block.lines)]
        for paragraph in raw:
            paragraph = inline(paragraph)
            if block.kind == "item" or block.kind == "p":
                paragraph = strip_bullet(paragraph)
            if paragraph:
                doc.paragraphs.append(paragraph)
    return doc


def _blocks(text: str) -> list[_Block]:
    """Block structure: fences, headings, list items, table rows and paragraphs; quotes lose their ">"."""
    blocks: list[_Block] = []
    current: _Block | None = None
    fence: str | None = None

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            blocks.append(current)
        current = None

    for raw in text.split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        line = _QUOTE.sub("", raw, count=1)
        fence_match = _FENCE.match(line)
        if fence_match:
            close()
            fence = fence_match.group(1)
            continue
        if not line.strip():
            close()
            continue
        heading = _ATX.match(line)
        if heading:
            close()
            blocks.append(_Block(f"h{len(heading.group(1))}", [heading.group(2) or ""]))
            continue
        if _SETEXT.match(line) and current is not None and current.kind == "p":
            level = "h1" if line.strip().startswith("=") else "h2"
            current.kind = level
            close()
            continue
        if _THEMATIC.match(line) or _TABLE_RULE.match(line) or _REFERENCE_DEF.match(line):
            close()
            continue
        if line.lstrip().startswith("|"):
            close()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            blocks.append(_Block("row", ["; ".join(cell for cell in cells if cell)]))
            continue
        footnote = _FOOTNOTE_DEF.match(line)
        if footnote:
            close()
            current = _Block("p", [line[footnote.end() :]])
            continue
        if LIST_ITEM.match(line) and _is_list_marker(line):
            close()
            item = _TASK.sub("", strip_bullet(line.strip()))
            current = _Block("item", [item])
            continue
        if current is None:
            current = _Block("p", [line])
        else:
            current.lines.append(line)
    close()
    return blocks


def _is_list_marker(line: str) -> bool:
    # "a)" or "I." style markers are fine in plain text, but in Markdown only bullets and digits make a list.
    return bool(re.match(r"^\s*(?:[-*+•]\s|\d{1,9}[.)]\s)", line))


def inline(text: str) -> str:
    """Inline Markdown to its text: links keep their words, images and tags go, emphasis markers go."""
    kept: list[str] = []

    def keep(value: str) -> str:
        kept.append(value)
        return f"\ue000{len(kept) - 1}\ue001"

    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _CODE_SPAN.sub(lambda m: keep(m.group(2)), text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for pattern in _EMPHASIS:
        previous = None
        while previous != text:  # nested emphasis: ***a** b* and friends
            previous = text
            text = pattern.sub(r"\2", text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    for _ in range(3):  # a code span may hold an escape's placeholder
        text = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()
