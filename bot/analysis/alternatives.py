"""A choice the reading itself sets out ("either reopen the investigations or explain why they were closed"),
for a poll whose answers are real alternatives rather than degrees of agreement.

Only a choice between courses of action is taken: the sentence says what should be done (or asks
"whether to…"), or sets the author's course against the one it would replace ("instead of X, we should Y",
"should Y rather than X"), and each option is a phrase of its own that a member could pick; "whether they like it or
not", "black or white" and "either through X or by Y" are not choices to vote on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis import lexicon
from bot.analysis.features import Features
from bot.analysis.segment import Document
from bot.text import as_sentence

MIN_OPTION_WORDS = 2
OPTION_LIMIT = 50  # an option is posted whole as a poll answer (at most 55 characters)

_CHOICE = re.compile(
    r"\b(?P<lead>either|whether to)\s+(?P<a>[^,.;:?!()\"“”]{4,80}?)\s+or\s+(?:to\s+)?"
    r"(?P<b>[^,.;:?!()\"“”]{4,80}?)(?=\s*[,.;:?!)]|\s+(?:and|but|because|which|while|so|before|after|if|unless)\b)",
    re.IGNORECASE,
)
# An option that opens like this is a means, a reason or a description, not a course to choose.
_NOT_A_COURSE = re.compile(
    r"^(?:a|an|the|by|through|in|on|at|from|with|because|as|not|that|this|it|they|he|she|we|you|i)\b",
    re.IGNORECASE,
)

_DUTY = r"(?:should|must|need to|needs to|ought to|has to|have to|had better)"
# "Instead of X, we should Y" and "we should Y rather than X": the author's course set against the one it
# replaces, both of them courses a member could back.
_INSTEAD = (
    re.compile(
        rf"\binstead of\s+(?P<b>[a-z][^,;:.?!()\"“”]{{4,70}}?),\s+[^,;:.?!]{{0,40}}?\b{_DUTY}\s+"
        r"(?P<a>[a-z][^,;:.?!()\"“”]{4,70}?)\s*(?=[,.;:?!]|$)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_DUTY}\s+(?P<a>[a-z][^,;:.?!()\"“”]{{4,70}}?),?\s+(?:rather than|instead of)\s+"
        r"(?P<b>[a-z][^,;:.?!()\"“”]{4,70}?)\s*(?=[,.;:?!]|$)",
        re.IGNORECASE,
    ),
)

# A verb in the third person with its object: the sentence's own predicate, not part of an option.
_PREDICATE = re.compile(r"\b[a-z]+[^s\W]s (?:the|a|an|that|this|it)\b")


@dataclass(frozen=True, slots=True)
class Alternatives:
    """A sentence of the reading that sets out alternatives, and the alternatives in its words."""

    sentence: str
    options: tuple[str, ...]


def _option(text: str) -> str | None:
    words = text.split()
    if len(words) < MIN_OPTION_WORDS or len(text) > OPTION_LIMIT or _NOT_A_COURSE.match(text):
        return None
    return as_sentence(text)


def find_choice(document: Document, features: Sequence[Features]) -> Alternatives | None:
    """The first choice between courses of action the reading sets out in its own voice, if any."""
    for seg, f in zip(document.segments, features, strict=True):
        if not f.eligible or f.question or f.others_view or f.quoted >= 0.5:
            continue
        sentence = document.text[seg.start : seg.end]
        for match in _CHOICE.finditer(sentence):
            infinitive = match.group("lead").lower() == "whether to"
            # An imperative "Either do X or do Y." (or "There are two ways: either…") sets out a choice by
            # itself.
            before = sentence[: match.start()].strip(" \"“‘'")
            imperative = not before or before.endswith(":")
            infinitive = infinitive or before.lower().endswith(" to")  # "refuses to either X or Y"
            if not (infinitive or imperative or lexicon.NORMATIVE.search(sentence)):
                continue
            a, b = _option(match.group("a")), _option(match.group("b"))
            # The second option runs to the end of the clause: it may have taken in what the sentence says
            # about the choice ("…or Happy Holidays misses the point").
            if a and b and not _PREDICATE.search(b) and a.casefold() != b.casefold():
                return Alternatives(" ".join(sentence.split()), (a, b))
        for pattern in _INSTEAD:
            found = pattern.search(sentence)
            a, b = (_option(found.group("a")), _option(found.group("b"))) if found else (None, None)
            if a and b and a.casefold() != b.casefold():
                return Alternatives(" ".join(sentence.split()), (a, b))
    return None
