"""Stage 2: what each segment looks like — claim markers, position, and signs it is not a claim.

Features are plain numbers so ranking is a weighted sum anyone can read and a backend can reuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis import lexicon
from bot.analysis.segment import Document

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
_NUMBER = re.compile(r"\d")
# "Having said that" reports nobody's words.
_SAID_IDIOM = re.compile(r"\b(?:having said that|that said|needless to say|so to speak)\b", re.IGNORECASE)
# A sentence that ends on a colon introduces what follows (a list, a quotation): it says nothing by itself.
_LEAD_IN = re.compile(r":[\s.]*$")
_QUOTED = re.compile(r"“[^”]{12,}”|\"[^\"]{12,}\"|‘[^’]{25,}’(?!\w)")


@dataclass(frozen=True, slots=True)
class Features:
    words: int
    eligible: bool  # a sentence or list item of the reading itself: not a heading, credit or list lead-in
    normative: bool
    stance: bool
    conclusive: bool
    evaluative: int
    comparative: bool
    causal: bool
    predictive: bool
    question: bool
    example: bool  # opens with an example or anecdote: a reason, not a claim
    quoted: float  # share of the sentence inside quotation marks
    reported: bool  # reports what someone else said
    numeric: float  # share of words carrying digits
    narrative: int  # past-tense narration markers
    first_person: bool
    leans: bool  # leans on the sentence before it
    metadiscourse: bool  # signposting ("In this essay I will…")
    others_view: bool  # a position attributed to others ("Some people argue…")
    enumerative: bool  # opens a new point ("Firstly,", "Another…")
    para_first: bool
    para_last: bool
    para_single: bool
    intro: bool
    conclusion: bool
    # Added for argumentation structure (see rank.py for how each is weighted).
    unmarked: bool  # no claim marker at all: only position could make it look like a claim
    premise_start: bool  # opens like support: an example, a reason, evidence, a condition
    supported: float  # share of the next two sentences of its paragraph that open like support for it
    concession: bool  # opens by conceding ("Although…", "Admittedly…")
    contrast: bool  # opens by turning against what came before ("However…", "Yet…")
    modal: bool  # a hedging modal (can, could, may, might)
    title_overlap: float  # share of its content words that are in the title
    centrality: float  # share of its content words that recur in other paragraphs
    para_middle: bool  # neither first nor last sentence of a paragraph of three or more
    # Relative to the rest of its paragraph: which of its sentences is the paragraph's own claim.
    paragraph: int = -1  # index of its paragraph in ``Document.paragraphs``
    rival_conclusion: bool = False  # a later sentence of its paragraph opens by drawing a conclusion
    weak_opening: bool = False  # its paragraph opens with support, a concession or others' view, not a claim
    draws_conclusion: bool = False  # opens by drawing a conclusion ("Therefore, …")
    echo: float = 0.0  # share of its content words found at the other end of the reading (intro ↔ conclusion)


_CONTENT = re.compile(r"[a-z][a-z0-9]+")


def _content(text: str) -> set[str]:
    return {w[:6] for w in _CONTENT.findall(text.lower()) if w not in lexicon.STOPWORDS}


def _title_of(document: Document) -> str:
    """The document's own title line when it starts with one: a heading, or a short first paragraph that
    does not end like a statement (an essay's prompt, a headline with a question mark)."""
    if len(document.paragraphs) < 2 or not document.segments:
        return ""
    first = document.paragraphs[0]
    line = document.text[first.start : first.end].rstrip()
    one_segment = len(document.segments) < 2 or document.segments[1].paragraph != first.index
    if one_segment and len(line.split()) <= 25 and (first.is_heading or not line.endswith(".")):
        return line
    return ""


def _body_paragraph_order(document: Document) -> dict[int, int]:
    body = [p.index for p in document.paragraphs if not p.is_heading]
    return {index: order for order, index in enumerate(body)}


def _end_words(document: Document, words_of: list[set[str]], order: dict[int, int]) -> tuple[set[str], set[str]]:
    """Content words of the first and of the last body paragraph: a reading states its thesis at one end and
    restates it at the other, so a sentence echoed across the two is likely the thesis."""
    first: set[str] = set()
    last: set[str] = set()
    n_body = len(order)
    for seg, ws in zip(document.segments, words_of, strict=True):
        body_order = order.get(seg.paragraph, -1)
        if body_order == 0:
            first |= ws
        elif n_body > 1 and body_order == n_body - 1:
            last |= ws
    return first, last


def _echo(content: set[str], body_order: int, n_body: int, ends: tuple[set[str], set[str]]) -> float:
    if not content or n_body < 2 or body_order not in (0, n_body - 1):
        return 0.0
    other = ends[1] if body_order == 0 else ends[0]
    return len(content & other) / len(content)


def _opens_as_support(sentence: str) -> bool:
    return bool(
        lexicon.PREMISE_START.match(sentence)
        or lexicon.EXAMPLE_START.match(sentence)
        or lexicon.LEANS_ON_PREVIOUS.match(sentence)
        or _NUMBER.search(sentence)
    )


def _weak_opening(sentence: str) -> bool:
    return bool(
        lexicon.PREMISE_START.match(sentence)
        or lexicon.EXAMPLE_START.match(sentence)
        or lexicon.CONCESSION_START.match(sentence)
        or lexicon.OTHERS_VIEW.search(sentence)
        or sentence.rstrip().rstrip("\"'”’»)]").endswith("?")
    )


def extract(document: Document, title: str | None = None) -> list[Features]:
    """One ``Features`` per segment of ``document``, in the same order.

    ``title`` is the reading's title when it was taken out of the text; otherwise a title line at the top of
    the text is used."""
    text = document.text
    own_title = _title_of(document)
    title_words = _content(title or own_title)
    words_of = [_content(text[s.start : s.end]) for s in document.segments]
    # In how many paragraphs each content word occurs: a word seen elsewhere ties a sentence to the whole.
    paragraph_words: dict[int, set[str]] = {}
    for seg, ws in zip(document.segments, words_of, strict=True):
        paragraph_words.setdefault(seg.paragraph, set()).update(ws)
    spread: dict[str, int] = {}
    for ws in paragraph_words.values():
        for w in ws:
            spread[w] = spread.get(w, 0) + 1
    recurring = max(2, len(paragraph_words) // 10)
    order = _body_paragraph_order(document)
    n_body = len(order)
    length = max(1, len(text))
    per_paragraph: dict[int, list[int]] = {}
    for i, seg in enumerate(document.segments):
        if seg.role != "heading":
            per_paragraph.setdefault(seg.paragraph, []).append(i)
    place = {i: k for members in per_paragraph.values() for k, i in enumerate(members)}
    opens_as_support = [_opens_as_support(text[s.start : s.end]) for s in document.segments]
    draws = [bool(lexicon.CONCLUSION_START.match(text[s.start : s.end])) for s in document.segments]
    weak_paragraphs = {
        p
        for p, members in per_paragraph.items()
        if _weak_opening(text[document.segments[members[0]].start : document.segments[members[0]].end])
    }
    ends = _end_words(document, words_of, order)
    out: list[Features] = []
    for i, seg in enumerate(document.segments):
        sentence = text[seg.start : seg.end]
        words = _WORD.findall(sentence)
        n_words = len(words)
        members = per_paragraph.get(seg.paragraph, [])
        body_order = order.get(seg.paragraph, -1)
        position = seg.start / length
        unquoted = _QUOTED.sub("", sentence)  # the writer's own words, without what they quote
        stripped = sentence.rstrip().rstrip("\"'”’»)]")
        content = words_of[i]
        position_in_paragraph = place.get(i, -1)
        after = members[position_in_paragraph + 1 : position_in_paragraph + 3] if position_in_paragraph >= 0 else []
        support = sum(1 for j in after if opens_as_support[j])
        normative = lexicon.NORMATIVE.search(sentence)
        stance = lexicon.STANCE.search(sentence) or bool(lexicon.STANCE_VERB.search(sentence))
        conclusive = lexicon.CONCLUSIVE.search(sentence)
        evaluative = len(lexicon.EVALUATIVE.findall(sentence))
        comparative = bool(lexicon.COMPARATIVE.search(sentence))
        causal = lexicon.CAUSAL.search(sentence)
        predictive = lexicon.PREDICTIVE.search(sentence)
        metadata = bool(lexicon.METADATA.search(sentence))  # a byline, credit or bio: not part of the reading
        out.append(
            Features(
                words=n_words,
                eligible=seg.role != "heading"
                and n_words > 0
                and not (own_title and seg.paragraph == 0)
                and not _LEAD_IN.search(sentence)
                and not metadata,
                normative=normative,
                stance=stance,
                conclusive=conclusive,
                evaluative=evaluative,
                comparative=comparative,
                causal=causal,
                predictive=predictive,
                question=stripped.endswith("?"),
                example=bool(lexicon.EXAMPLE_START.match(sentence)),
                quoted=min(1.0, (len(sentence) - len(unquoted)) / max(1, len(sentence))),
                reported=bool(lexicon.REPORTING.search(_SAID_IDIOM.sub("", sentence))),
                numeric=sum(1 for w in words if _NUMBER.search(w)) / max(1, n_words),
                narrative=len(lexicon.NARRATIVE.findall(sentence)),
                first_person=bool(lexicon.FIRST_PERSON.search(unquoted)),
                leans=bool(lexicon.LEANS_ON_PREVIOUS.match(sentence)) and i > 0,
                metadiscourse=bool(lexicon.METADISCOURSE.search(sentence)),
                others_view=bool(lexicon.OTHERS_VIEW.search(sentence)),
                enumerative=bool(lexicon.ENUMERATIVE_START.match(sentence)),
                para_first=bool(members) and members[0] == i,
                para_last=bool(members) and members[-1] == i,
                para_single=len(members) == 1,
                intro=body_order == 0 or (body_order >= 0 and position < 0.1),
                conclusion=n_body > 1 and (body_order == n_body - 1 or position > 0.92),
                unmarked=not (normative or stance or conclusive or evaluative or comparative or causal or predictive),
                premise_start=bool(lexicon.PREMISE_START.match(sentence)),
                supported=support / 2,
                concession=bool(lexicon.CONCESSION_START.match(sentence)),
                contrast=bool(lexicon.CONTRAST_START.match(sentence)),
                modal=lexicon.HEDGE_MODAL.search(sentence),
                title_overlap=len(content & title_words) / len(content) if content and title_words else 0.0,
                centrality=sum(1 for w in content if spread.get(w, 0) >= recurring) / len(content) if content else 0.0,
                para_middle=len(members) >= 3 and 0 < position_in_paragraph < len(members) - 1,
                paragraph=seg.paragraph,
                rival_conclusion=position_in_paragraph >= 0
                and any(draws[j] for j in members[position_in_paragraph + 1 :]),
                weak_opening=seg.paragraph in weak_paragraphs,
                draws_conclusion=draws[i],
                echo=_echo(content, order.get(seg.paragraph, -1), n_body, ends),
            )
        )
    return out
