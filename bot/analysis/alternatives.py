"""A choice the reading itself sets out ("either reopen the investigations or explain why they were closed"),
for a poll whose answers are real alternatives rather than degrees of agreement.

Only a choice between courses of action is taken: the sentence says what should be done (or asks
"whether to…"), or sets the author's course against the one it would replace ("instead of X, we should Y",
"should Y rather than X"), and each option is a phrase of its own that a member could pick; "whether they like it or
not", "black or white" and "either through X or by Y" are not choices to vote on.

The courses of action the reading calls for (``courses``, ``find_calls``) give a poll of another kind: which
should come first. Each is named by the verb phrase of the call ("must purge the army, nationalise the mines
and prosecute the coup leaders" gives three), whole and within a poll answer, or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis import lexicon
from bot.analysis.features import Features
from bot.analysis.limits import POLL_ANSWER_LIMIT
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


# A call to act in the author's voice, and the course it calls for: "X must purge the army, nationalise the
# mines and prosecute the coup leaders" calls for three things; "Let us…", "It is time to…" and "We need to…"
# call too. Not "should have" (a regret), "should be", "should come as no surprise", "should expect" (a
# forecast), nor a call after "not" or inside "whether…".
_CALL = re.compile(
    r"(?:(?<!\bnot\s)(?<!n[’']t\s)(?<!\bthe\s)(?<!\ba\s)\b(?:must|should|ought to|needs? to|has to|have to)|"
    r"^(?:let us|let[’']s)|"
    r"\bit is time to|\bit[’']s time to)\s+(?:also\s+|now\s+|urgently\s+|immediately\s+|first\s+|finally\s+)?"
    r"(?!(?:have|be|not|never|come|expect|seem|happen|remain|agree|look|consider|remember|imagine|think|recall|hear|"
    r"see|say)\b|get\s+\w+ed\b)(?P<course>[a-z][^;:.?!()\"“”]{6,240})",
    re.IGNORECASE,
)
# Who is called on: not the author alone ("I have to pick the right moment"), the reader in a description
# ("To see a movie you must leave your house"), or a pointer ("This must happen…", "it must first…").
_NOT_CALLED = frozenset(["i", "you", "it", "this", "that", "which", "who", "what", "one", "nobody"])
# The word before a call that makes it no call of the author's: "should have to", "I don't see why we should".
_NOT_A_CALL_BEFORE = re.compile(
    r"\b(?:whether|why)\b|\b(?:should|must|would|will|could|may|might)(?:\s+\S+)?\s*$", re.I
)
# Where a course ends and the sentence goes on to something else: a reason, a condition, a contrast, a purpose.
_COURSE_END = re.compile(
    r",?\s+(?:because|since|but|yet|if|unless|while|whereas|although|though|so that|in order to|rather than|"
    r"instead of|before|after|until|when|which|who|whose|as well as|not least|even if|lest)\b"
    r"|\s+[-—–]+\s|,\s+(?=[a-z]+ing\b)|,\s+(?:just\s+|even\s+)?(?:like|especially|particularly|including|such as)\b",
    re.IGNORECASE,
)
# Verbs a call lists after its first ("…, nationalise the mines and prosecute the coup leaders"): a list of
# objects ("protect wages, pensions and jobs") or of adjectives ("comfortable and knowledgeable") is one course.
_COURSE_VERBS = frozenset(
    """act adopt allow apologise apologize appoint ask back ban bring build call cancel cap challenge champion
    change close commit confront cut deal declare defend demand deport dismantle do drop educate elect end
    enforce ensure expand face fight fire fix focus force free freeze fund get give go grant help hire hold
    impose improve increase invest investigate join keep launch lead leave let lift limit listen lower make
    meet move name nationalise nationalize negotiate offer open pass pay phrase pick preserve press prevent
    prioritise prioritize privatise prohibit promote prosecute protect provide publish pull punish purge push
    put queue raise reach reassert rebuild recognise recognize reduce reform reinstate reject release remove
    renew reopen repeal replace resign respect restore rethink return reverse review revoke scrap seek send
    set share show sign sit speak spend stand start stay stop strengthen support suspend take talk teach tell
    tackle tax train treat try turn unite use vote welcome withdraw work write""".split()  # noqa: SIM905
)
_NEEDS_MORE = frozenset(
    """a an the its their our his her my your this that these those to of in on at by for with from into over
    under about than as and or but so then out""".split()  # noqa: SIM905
)
_POINTING = frozenset(["this", "that", "it", "these", "those", "them"])
COURSE_LIMIT = POLL_ANSWER_LIMIT  # a course is posted whole as a poll answer


@dataclass(frozen=True, slots=True)
class Calls:
    """Courses of action the reading calls for, each named by its verb phrase ("Purge the army"), and the
    sentences that call for them."""

    sentences: tuple[str, ...]
    options: tuple[str, ...]


def _course(text: str) -> str | None:
    """A course named whole in at most COURSE_LIMIT characters, from a capital: a verb and what it acts on,
    not stopping on a word that needs what follows; None when it does not fit (never cut with "…")."""
    words = text.strip(" ,").split()
    if len(words) < 2 or words[-1].lower() in _NEEDS_MORE:
        return None
    # "Build on this over the next years": what it acts on is named elsewhere.
    if {w.lower() for w in [*words[1:3], words[-1]]} & _POINTING:
        return None
    named = as_sentence(" ".join(words))
    return named if len(named) <= COURSE_LIMIT else None


def _listed_verb(part: str) -> bool:
    words = part.split()
    verb = words[0].lower() in _COURSE_VERBS or bool(re.fullmatch(r"[a-z]+(?:ise|ize|ify)", words[0]))
    return len(words) >= 2 and verb


def courses(sentence: str) -> tuple[str, ...]:
    """The courses of action ``sentence`` calls for, in its order: one per verb phrase of a call, so a call
    listing several ("purge the army, nationalise the mines and prosecute the coup leaders") gives several;
    empty when it calls for none or a course cannot be named whole within a poll answer."""
    flat = " ".join(sentence.split())
    found: list[str] = []
    for call in _CALL.finditer(flat):
        before = flat[: call.start()].split()
        called = before[-1].lower().strip(",") if before else ""
        # "they'd have to…": a course in a story or a supposition, not a call.
        if _NOT_A_CALL_BEFORE.search(flat[: call.start()]) or called in _NOT_CALLED or re.search(r"[’']d$", called):
            continue
        course = _COURSE_END.split(call.group("course"), maxsplit=1)[0]
        parts = [p for p in re.split(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+", course) if p]
        # A list of courses only when every further part opens on a verb and none opens on "then" ("declare
        # peace first and then spend eternity…" is a sequence, not courses to rank); a list whose first part
        # cannot be named ("make it clear that he lacks the authority to lift the embargo, allow trade…") is
        # of something else than the call.
        sequence = any(re.match(r"then\b", p, re.IGNORECASE) for p in parts[1:])
        if len(parts) > 1 and not sequence and all(_listed_verb(p) for p in parts[1:]):
            named = [_course(p) for p in parts]
            named = named if None not in named else []
        else:
            named = [_course(course)]
        found += [n for n in named if n is not None and n.casefold() not in {f.casefold() for f in found}]
    return tuple(found)


def find_calls(document: Document, features: Sequence[Features]) -> Calls | None:
    """The courses of action the reading calls for in its own voice, when it names two or more: the first
    sentence that lists several, else two or more calls in sentences that follow one another."""
    run: list[tuple[str, tuple[str, ...]]] = []

    def options() -> tuple[str, ...]:
        distinct: dict[str, str] = {}
        for _, named in run:
            for option in named:
                distinct.setdefault(option.casefold(), option)
        return tuple(distinct.values())

    for seg, f in zip(document.segments, features, strict=True):
        sentence = " ".join(document.text[seg.start : seg.end].split())
        own = f.eligible and not (f.question or f.others_view or f.reported or f.quoted >= 0.5)
        named = courses(sentence) if own else ()
        if len(named) >= 2:
            return Calls((sentence,), named)
        if named:
            run.append((sentence, named))
        elif len(options()) >= 2:
            break
        else:
            run = []  # one call, or the same call twice: no choice yet; a later run may give one
    if len(options()) < 2:
        return None
    return Calls(tuple(s for s, _ in run), options())
