"""Stage 5: turn the thesis and claims into discussion prompts and polls that fit Discord.

A prompt names a claim by its core (``core``): the main clause in the author's words, at most CORE_WORDS
words, as reported speech ("the author says councils must…") or a short quotation; a claim with no such
core gets no prompt of its own rather than a long or cut quote. Poll questions quote a claim whole
(``quote``): leading connectives and stance frames are dropped, a common first word is lower-cased when the
quote continues a sentence, and the final full stop is removed. The wordings live in ``frames``.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from bot.analysis import frames, lexicon, questions
from bot.analysis.alternatives import Alternatives, Calls, courses
from bot.analysis.limits import (
    MIN_PROMPTS,
    POLL_ANSWER_LIMIT,
    POLL_MAX_ANSWERS,
    POLL_QUESTION_LIMIT,
    POSTED_TEXT_LIMIT,
)
from bot.analysis.model import Argument, Kind, Poll, Prompt, Span
from bot.analysis.naming import (
    AUXILIARY,
    CLAUSE_WORDS,
    COMMA,
    CONDITION,
    DANGLING_SUBJECT,
    EXTRAPOSED,
    FINITE,
    FIRST_PERSON_SINGULAR,
    FIRST_PERSON_VIEW,
    HANGS_ON,
    HOLDERS,
    LOWERABLE,
    MODAL_OR_TO,
    NEEDS_PARTICLE,
    NO_SUBJECT,
    NOT_A_STATEMENT,
    OPENER,
    PAST,
    PHRASE_BREAK,
    QUOTED,
    RELATIVE_ASIDE,
    SPEAKER,
    THOUGHT_END,
    TURN,
    VERB_LIKE,
    WEAK_END,
    WORD,
    acceptable,
    balanced,
    core,
    core_candidate,
    ends_a_thought,
    first_head,
    has_core_verb,
    main_clause,
    mid_phrase,
    narrates,
    open_contrast,
    opening_clause,
    phrase_head,
    quote,
    reads_whole,
    tidy_end,
    top_level,
    unframed,
    without_brackets,
    without_dashed_asides,
    without_quote_marks,
    word_count,
    word_set,
)
from bot.analysis.select import arguable, classify, stands_alone
from bot.text import as_sentence, shorten

PROMPT_LIMIT = 400  # a prompt stays comfortably readable (and far inside a message)
AGREEMENT_SCALE = ("Strongly agree", "Agree", "Not sure", "Disagree", "Strongly disagree")


@dataclass(frozen=True, slots=True)
class Material:
    """What composing needs: the reading's title, its thesis and its ranked claims."""

    title: str | None
    thesis: Span | None
    arguments: tuple[Argument, ...]
    # Words the reading itself writes in lower case: a quote's capitalised first word is lowered only
    # if it is one of these, so "Rather" becomes "rather" but "Argentina" stays.
    lowercase_words: frozenset[str] = frozenset()
    # A view the reading reports in order to answer it ("Critics say…"): the other side, in its own words.
    counter: str | None = None
    # A choice between courses of action the reading sets out ("either X or Y"): a poll of real alternatives.
    alternatives: Alternatives | None = None
    # The courses of action the reading calls for ("must purge the army, nationalise the mines and…").
    calls: Calls | None = None


@dataclass(frozen=True, slots=True)
class Composition:
    prompts: tuple[Prompt, ...]
    polls: tuple[Poll, ...]
    # For the organiser, when the reading gave less to work with than usual ("add your own prompts").
    note: str = ""


# A capitalised word after the first: the claim is about a named person, party or place, not about
# something members meet in their own lives.
_NAMED = re.compile(r"(?<=\s)(?!I\b)[A-Z][a-z’']+")
# What members live rather than watch: work, school, money, home, health, and the politics they act in.
_LIVED = re.compile(
    r"\b(?:work(?:s|ers?|ing|place)?|jobs?|wages?|pay|paid|salar(?:y|ies)|bosses|employ(?:ers?|ees?|ment)|unions?|"
    r"strikes?|schools?|teach(?:ers?|ing)?|students?|classrooms?|universit(?:y|ies)|college|rent|hous(?:e|es|ing)|"
    r"homes?|landlords?|money|debts?|tax(?:es)?|prices?|health|doctors?|hospitals?|nurses?|famil(?:y|ies)|"
    r"parents?|child(?:ren)?|kids|neighbou?rs?|neighbou?rhoods?|communit(?:y|ies)|vot(?:e|es|ers?|ing)|"
    r"elections?|organi[sz](?:e|ing|ers?)|protests?|movements?|members?|food|police|church(?:es)?|welfare)\b",
    re.IGNORECASE,
)


def _their_view(counter: str) -> str:
    """The view others hold, without the frame that attributes it: "Critics say that X" -> "X"."""
    rest = HOLDERS.sub("", counter)
    return rest if len(rest.split()) >= 4 and rest != counter else counter


def lived(claim: str, lowercase_words: frozenset[str] = frozenset()) -> bool:
    """A claim about something members meet in their own lives (work, school, money, the politics they take
    part in), not about a named politician or country: only such a claim is asked about from experience. A
    capitalised first word is a name unless the reading writes it in lower case elsewhere."""
    first = claim.split(" ", 1)[0].strip("\"“‘'").lower()
    named = _NAMED.search(claim) or (first not in LOWERABLE and first not in lowercase_words)
    return bool(_LIVED.search(claim)) and not named


MIN_WEEK_PROMPTS = 3  # below this a reading gets questions specific to it, then one generic question
PROMPTS_PER_WEEK = 4  # a week's thread takes three or four questions; fewer when the reading has fewer claims
FEW_CLAIMS = 3  # a reading with fewer arguable claims (thesis included) gets fewer prompts and a note


def _arguable_claims(material: Material) -> list[int]:
    """Indices of the arguments a circle can disagree with, best first; a claim that can only be quoted
    at length comes after the ones that can be quoted briefly (judged by the main-clause cut alone, so the
    polls that take the first claim do not move with the stricter test a prompt's core must pass)."""
    args = material.arguments
    found = [i for i, a in enumerate(args) if arguable(a.text, a.kind) and stands_alone(a.text)]
    return sorted(found, key=lambda i: core_candidate(args[i].text) is None)


@functools.lru_cache(maxsize=256)
def _thesis_arguable(thesis: str) -> bool:
    """The thesis was chosen as the author's stance, so only a report, a story or figures disqualify it (a
    hedged call such as "might want to consider…" carries no marker of its kind)."""
    kind = classify(thesis)
    return arguable(thesis, "evaluative" if kind == "factual" else kind)


def _as_clause(named: str, lowercase_words: frozenset[str]) -> str:
    """A core as reported speech after "that": its first word lowered when it is not a name ("the author
    says councils must…"); a core in the first person singular stays a quotation ("says “I will…”")."""
    if FIRST_PERSON_SINGULAR.search(named):
        return f"“{named}”"
    return _lowered(named, lowercase_words)


def _lowered(text: str, lowercase_words: frozenset[str]) -> str:
    """``text`` to follow "that": its first word lowered unless it is a name or a title."""
    first, _, rest = text.partition(" ")
    word = re.split(r"[’']", first.lower())[0]
    # "Senator Feinstein", "President Obama": a title before a name, not a common word.
    title = word not in LOWERABLE and rest[:1].isupper()
    if word in LOWERABLE | lowercase_words and (not first[1:] or first[1:].islower()) and not title:
        return first.lower() + text[len(first) :]
    return text


# The text turns from a concession to the author's point: within a claim ("X, but Y", "Although X, Y") or
# from one claim to the next sentence ("But Y").
_CONCESSION_OPENER = re.compile(r"^(?:although|though|even though|while|whilst|granted)\b,?\s*", re.IGNORECASE)
_TURN_OPENER = re.compile(r"^(?:but|yet|however|still|nevertheless|nonetheless)\b,?\s*", re.IGNORECASE)


def _side(text: str) -> str | None:
    """One side of a turn, by its core, when it is a clause of its own (five words or more) and a claim of
    the author's someone could dispute: a tension between a plain background fact and a claim is none."""
    named = core(as_sentence(text)) if text else None
    if named is None or len(named.split()) < 5 or narrates(named) or _leans_or_reports(named):
        return None
    return named if arguable(named, classify(named)) else None


def _turn_within(text: str) -> tuple[str, str] | None:
    """The concession and the point of a claim that turns inside itself, each by its core."""
    text = " ".join(unframed(text).split())
    if opener := _CONCESSION_OPENER.match(text):
        comma = next(iter(top_level(text, COMMA)), None)
        if comma is not None:
            x, y = _side(text[opener.end() : comma.start()]), _side(text[comma.end() :])
            return (x, y) if x and y else None
    for turn in top_level(text, TURN):
        before, after = text[: turn.start()], text[turn.end() :]
        if open_contrast(before) or not after:
            continue
        x, y = _side(before), _side(after)
        if x and y and x != y:
            return x, y
    return None


@dataclass(frozen=True, slots=True)
class _Claim:
    """A claim to ask about: its argument index (None for the thesis), its core and what kind of claim it is,
    and the core as a direct question when English makes one. A claim named by a clause too long to quote
    (``direct_only``) is asked about only by its question."""

    index: int | None
    text: str
    core: str
    kind: Kind
    question: str | None = None
    direct_only: bool = False


LONG_CLAUSE_WORDS = CLAUSE_WORDS  # a main clause too long to quote may still be asked as a question up to this length


def _named_claim(index: int | None, text: str, kind: Kind, words: frozenset[str]) -> _Claim | None:
    """The claim as a prompt can name it: by its core, else, when its main clause makes a direct question of
    at most LONG_CLAUSE_WORDS words, by that question alone; None when neither."""
    named = _askable(text)
    if named is not None:
        return _Claim(index, text, named, kind, _question_of(named, text, words))
    clause = _main_clause_of(text)
    asked = _question_of(clause, text, words) if clause else None
    return _Claim(index, text, clause, kind, asked, direct_only=True) if clause and asked else None


# A condition the claim opens on: "If success at the state level were enough, Pence would be…".
_OPENING_CONDITION = re.compile(r"^\W*(?:if|unless|were|had|should)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"^(?:Would|Could)\b")


def _question_of(named: str, claim: str, words: frozenset[str]) -> str | None:
    """``named`` (a clause of ``claim``) as a direct question; none when the claim hangs it on a condition
    the clause left out ("Would Pence be among the frontrunners?" asks something the author did not claim)."""
    asked = questions.question(named, functools.partial(_lowered, lowercase_words=words))
    if asked and _HYPOTHETICAL.match(asked) and _OPENING_CONDITION.match(unframed(claim)):
        return None
    return asked


def _main_clause_of(claim: str) -> str | None:
    """The claim's main clause without its opening and what hangs on it, when it is a whole clause of the
    author's own (not narration, a report or a pointer outside it) of at most LONG_CLAUSE_WORDS words. Held
    to more than a core is (no past or perfect verb, no figure): too long to quote, it is only ever asked as a
    question, and a question about a fact reads as a quiz."""
    text = tidy_end(without_brackets(" ".join(unframed(OPENER.sub("", claim)).split())))
    head = tidy_end(first_head(main_clause(text), HANGS_ON))
    if not head or word_count(head) > LONG_CLAUSE_WORDS or narrates(head) or _leans_or_reports(head):
        return None
    if classify(head) == "factual" and not _MODAL.search(head):
        return None  # "slightly more than half of the students are now getting a diploma": a fact once cut
    if PAST.search(head) or re.search(r"\d", head):
        return None  # "the councillor has offered to think again", "costs are 50 percent higher": a report or a figure
    if not (acceptable(head, claim, cut=head != text) and reads_whole(head, claim)):
        return None
    return as_sentence(head)


def _turns(material: Material, central: _Claim | None, further: Sequence[_Claim]) -> tuple[int | None, str, str] | None:
    """Where the author's text turns (the claim it turns in, the concession, the point): the central claim
    first, then a further claim, then a claim answered by the sentence right after it ("But…")."""
    for claim in ([central] if central else []) + list(further):
        found = _turn_within(claim.text)
        if found:
            return claim.index, *found
    spans: list[tuple[int | None, Span | Argument]] = [(None, material.thesis)] if material.thesis else []
    spans += [(i, a) for i, a in enumerate(material.arguments)]
    for index, later in spans:
        opener = _TURN_OPENER.match(later.text)
        if not opener:
            continue
        point = _side(later.text[opener.end() :])
        earlier = next((a for _, a in spans if 0 <= later.start - a.end <= 3), None)
        concession = _side(earlier.text) if earlier is not None else None
        if point and concession and arguable(later.text, classify(later.text)):
            return index, concession, point
    return None


# What a wording asks must be in the core's own words: a call ("should", "must", "it is time to"…) for the
# call wordings, a future for the forecast ones. A "should have" regrets the past and calls for nothing; a
# "should" inside "whether…" is reported, not urged.
_CALL = re.compile(
    r"\b(?:should|must|ought to|(?<![’']s\s)(?<!\bthe\s)(?<!\ba\s)needs?|let us|let[’']s|it is time|it[’']s time)\b"
    r"(?!\s+(?:not\s+)?have\b)",
    re.IGNORECASE,
)
_REPORTED_CALL = re.compile(r"\bwhether\b", re.IGNORECASE)
# A forecast: something that will (not) happen, said in the core's main clause. Not "would" (a condition or a
# judgement: "it would be a mistake"), not "likely" or "hard to predict" (an uncertainty), and not a report
# of what others insist or say will happen.
_FUTURE = re.compile(r"\b(?:will|won[’']t|(?:is|are|am)\s+(?:not\s+)?going\s+to|[’']ll)\s+(?:not\s+)?\w+", re.I)
_REPORTED = re.compile(
    r"\b(?:insists?|says?|said|claims?|argues?|believes?|hopes?|fears?|predicts?|expects?|warns?|thinks?)\b"
    r"|\b(?:hard|impossible|difficult|too early)\s+to\s+(?:predict|say|tell|know)\b",
    re.IGNORECASE,
)


def calls(named: str) -> bool:
    """The core itself urges a course of action: not a necessity it foresees ("the party will likely need to
    sacrifice many seats") and not an item of a list ("a second condition should be…")."""
    return (
        bool(_CALL.search(named))
        and not _REPORTED_CALL.search(named)
        and not _FORESEEN_NEED.search(named)
        and not _ORDINAL.search(named)
    )


_FORESEEN_NEED = re.compile(
    r"\b(?:will|would|may|might|could|likely|probably|soon)\s+(?:\w+ly\s+)?(?:need|have)\s+to\b"
    r"|\b(?:should|must)\s+(?:\w+ly\s+)?(?:expect|anticipate|see|be able)\b",  # "the West should expect…": a forecast
    re.IGNORECASE,
)
# An item of a list, which points at the items before it: "a second condition…", "the third…", "Another…".
_ORDINAL = re.compile(
    r"\b(?:a|the)\s+(?:second|third|fourth|fifth|sixth|final)\b|^(?:another|second|third|secondly|thirdly|"
    r"finally|next|lastly)\b",
    re.IGNORECASE,
)


def _core_kind(claim: _Claim) -> Kind:
    """The kind of question the claim's core calls for, read from the core itself: a call only when the core
    urges something, a forecast only when it looks ahead, a cause only when it says what brings what about;
    else it is asked about as a judgement."""
    kind = classify(claim.core)
    if kind == "factual" or (kind != claim.kind and claim.kind != "factual"):
        kind = "evaluative" if kind == "factual" else kind
    if (kind == "normative" and not calls(claim.core)) or (kind == "predictive" and not forecasts(claim.core)):
        return "evaluative"
    if kind == "causal" and not _CAUSES.search(claim.core):
        return "evaluative"  # "the impact of cost-cutting is graven on the statistics": no cause to explain away
    return kind


# A claim of cause in so many words: "what else could explain it?" fits only these, not any "impact" or "help".
_CAUSES = re.compile(
    r"\b(?:because|due to|owing to|as a result of|results? in|resulted in|leads? to|led to|leading to|causes?|caused|"
    r"causing|explains?|explained|is why|the reasons? (?:for|why)|drives?|driven by|fuels?|fuelled|fueled|to blame|"
    r"responsible for)\b",
    re.IGNORECASE,
)


def forecasts(named: str) -> bool:
    """The core's main clause says that something will (not) happen, in the author's own voice: not a report
    ("Morales's people insist he will return"), not an uncertainty ("It is hard to predict what…"), and a
    change rather than a state that goes on ("about 2,500 troops will remain", "prices will continue…")."""
    main = re.split(r"\b(?:that|whether|what|if)\b", named, maxsplit=1)[0]
    found = _FUTURE.search(main)
    if found is None or _REPORTED.search(main[: found.start()]):
        return False
    return not _CONTINUING.match(main, found.end() - len(found.group().split()[-1]))


# A future that only carries a state on: no change for a forecast question to ask about.
_CONTINUING = re.compile(r"(?:remain|continue|stay|persist|keep|last|still|always|be\s+there)\b", re.IGNORECASE)


# Who a call is addressed to, when it says: the words before its "should"/"must".
_CALL_SUBJECT = re.compile(r"^(.*?)\b(?:should|must|ought to|needs? to|has to|have to)\b", re.IGNORECASE)
# Subjects that name no one in particular: "we must…", "something has to give", "more needs to be done".
_NO_ACTOR = word_set(
    "we us you one it this that there something someone everyone everybody anyone nobody more less all each "
    "society people citizens americans the a an of in and action change"
)


def names_actor(named: str) -> bool:
    """The call already says who must act ("Congress must…", "Obama should…"), so asking who should is idle."""
    found = _CALL_SUBJECT.match(named)
    if found is None:
        return False
    words = {w.lower().strip(",") for w in found.group(1).split()}
    return bool(words - _NO_ACTOR)


def _kind_prompt(claim: _Claim, turn: int, words: frozenset[str], *, direct: bool = False) -> str:
    """A question that fits what the claim does; ``turn`` steps through the kinds of question its kind
    calls for, so a reading's second call to act is not asked the same thing as its first. Put as a direct
    question ("Should X Y? Who would pay?") in two cases of three when the claim makes one (always with
    ``direct`` or for a claim too long to quote), else named by its core ("The author says X. …")."""
    kind = _core_kind(claim)
    kinds = frames.BY_KIND[kind]
    step = zlib.crc32(claim.core.encode("utf-8")) + turn
    at = step % len(kinds)
    if kinds[at] is frames.WHO_ACTS and names_actor(claim.core):
        at = (at + 1) % len(kinds)
    asked = claim.question
    if asked is not None and (direct or claim.direct_only or zlib.crc32(("direct:" + claim.core).encode()) % 3):
        return frames.fill(frames.pick(frames.DIRECT_BY_KIND[kind][at], claim.core, asked), Q=asked)
    return frames.fill(frames.pick(kinds[at], claim.core), c=_as_clause(claim.core, words), q=f"“{claim.core}”")


def _tension(concession: str, point: str, words: frozenset[str]) -> str:
    return frames.fill(
        frames.pick(frames.TENSION, concession + point), x=_as_clause(concession, words), y=_as_clause(point, words)
    )


_EXISTENTIAL = re.compile(r"^There\s+(?:is|are|was|were)\b")
_MODAL = re.compile(
    r"\b(?:can|cannot|can[’']t|could|(?-i:may)|might|must|should|shall|will|won[’']t|would|ought)\b", re.I
)


# Someone's words or acts reported ("Morales's people insist…", "Klass was describing…"): a judgement wording
# would ask members to judge the report, not a claim of the author's.
_REPORTS = re.compile(
    r"^(?:(?!I\b|we\b|We\b)[\w’'.,-]+\s+){1,6}?(?<!\bto\s)(?:(?:insists?|insisted|says?|said|claims?|claimed|argues?|argued|"
    r"believes?|believed|thinks?|thought|warns?|warned|predicts?|predicted|admits?|admitted|denies|denied|told|"
    r"wants?|wanted|hopes?|fears?)\b|(?:is|are|was|were)\s+(?:\w+\s+)?(?:describing|arguing|saying|claiming|"
    r"suggesting|insisting)\b)"
)
# A "there" or "then" pointing at a place or time the core does not name ("…will remain there"), unlike an
# opening "There is…".
_DEICTIC = re.compile(r"(?<!^)\b(?:there|then)\b(?!\s+(?:is|are|was|were|will|would|has|have|had|seems?|remains?)\b)")


# Words that point back at something the core does not hold: "another problem", "this issue", "disabuse them".
_POINTS_BACK = re.compile(
    r"(?<!\bone\s)\banother\b|\bthem\b|\b(?:this|these|those|such)\s+(?:issues?|beliefs?|questions?|problems?|ideas?|"
    r"views?|cases?|matters?|points?|arguments?|approach(?:es)?|decisions?|debates?|things?|people|claims?)\b",
    re.IGNORECASE,
)


def _leans_or_reports(named: str) -> bool:
    """The core points outside itself (an ordinal, a bare "there"/"then", "another…", "this issue") or reports
    another's words or acts."""
    pointing = _ORDINAL.search(named) or _DEICTIC.search(named) or _POINTS_BACK.search(named)
    return bool(pointing or _REPORTS.match(named))


# What the author hears or sees someone say or do ("We hear Pope Francis telling us…"): a report, not a claim.
_WITNESSED = re.compile(r"^(?:we|i|you)\s+(?:hear|heard|see|saw|watch|watched)\s+\S+(?:\s+\S+){0,3}?\s+\w+ing\b", re.I)


def _askable(claim: str) -> str | None:
    """The claim's core when a prompt can ask about it: not a story or a report of what was done, and not a
    plain statement of fact left when the cut dropped what made the claim arguable ("Many businesses are not
    hiring" of "…because of ObamaCare's mandates"): a prompt about it would ask members to dispute a fact."""
    named = core(claim)
    if named is None or narrates(named) or _leans_or_reports(named) or _WITNESSED.match(named):
        return None
    cut = len(named.split()) < len(unframed(claim).split()) - 1
    if (cut or _EXISTENTIAL.match(named)) and classify(named) == "factual" and not _MODAL.search(named):
        return None  # "There is an employer looking to hire…": a statement of what exists, not a claim
    return named


def _prompts(material: Material, claims: list[int]) -> list[Prompt]:
    """First a question about the thesis itself, then one per further arguable claim fitting its kind, one
    where the text turns (only when it does), one from the other side when the reading reports it, and one
    from members' own experience when a claim is about something they live; three or four in all, fewer
    when the reading has fewer claims to ask about. Claims are named by their core, never by a long quote,
    and each claim once.
    A reading with too few claims gets questions specific to it (``_specific``) before a generic one, and a
    second generic question only when nothing at all can be named and MIN_PROMPTS must still be met."""
    args = material.arguments
    words = material.lowercase_words
    named = [c for i in claims if (c := _named_claim(i, args[i].text, args[i].kind, words)) is not None]
    central: _Claim | None = None
    central_text: str | None = None
    if material.thesis is not None and (_thesis_arguable(material.thesis.text) or not named):
        central_text = material.thesis.text
        central = _named_claim(None, central_text, classify(central_text), words)
    elif named:
        central = named.pop(0)
        central_text = central.text
    headline = _headline(material.title, words)
    if central_text is None:
        generic = [Prompt(text, None) for text in frames.GENERIC]
        return [Prompt(_kind_prompt(headline, 0, words, direct=True), None), *generic[1:]] if headline else generic
    seen = {central.core.lower()} if central else set()
    further = []
    for claim in named:  # each claim is asked about once: the same claim asked twice reads as padding
        if not _asked_before(claim.core, seen):
            seen.add(claim.core.lower())
            further.append(claim)
    out: list[Prompt] = []
    turn = _turns(material, central, further)
    central_index = central.index if central else None
    if (
        turn is not None
        and turn[0] != central_index
        and central is not None
        and _asked_before(turn[1], {central.core.lower()})
    ):
        turn = None  # a concession that is the central claim ("…But Y") would ask about the central claim again
    if turn is not None and turn[0] == central_index:
        _, x, y = turn
        out.append(Prompt(_tension(x, y, words), central_index))
        turn = None
    elif central is not None:
        out.append(Prompt(_kind_prompt(central, 0, words), central_index))
    elif headline is not None:
        seen.add(headline.core.lower())
        out.append(Prompt(_kind_prompt(headline, 0, words, direct=True), None))
    counter = _askable(_their_view(material.counter)) if material.counter else None
    if counter is not None:
        out.append(Prompt(frames.fill(frames.pick(frames.COUNTER, counter), v=_as_clause(counter, words)), None))
    if turn is not None:
        index, x, y = turn
        # The tension names both sides: neither is asked about again on its own.
        further = [c for c in further if c.index != index and not _asked_before(c.core, {x.lower()})]
        out.append(Prompt(_tension(x, y, words), index))
    experienced = central is not None and lived(central.text, words)
    asked: dict[Kind, int] = {}
    for claim in further:
        if len(out) >= PROMPTS_PER_WEEK:
            break
        if not experienced and not claim.direct_only and lived(claim.text, words) and not calls(claim.core):
            experienced = True
            text = frames.fill(frames.pick(frames.EXPERIENCE, claim.core), c=_as_clause(claim.core, words))
        else:
            asked[claim.kind] = asked.get(claim.kind, 0) + 1
            text = _kind_prompt(claim, asked[claim.kind], words)
        out.append(Prompt(text, claim.index))
    for prompt in _specific(material, central, headline, seen):
        if len(out) >= MIN_WEEK_PROMPTS:
            break
        out.append(prompt)
    # Nothing specific left: one question that names nothing (the central claim's other side, or, when it
    # could not be named, the reader's own summary of it first); a second only to reach MIN_PROMPTS.
    if len(out) < MIN_WEEK_PROMPTS and central is None and headline is None:
        out.insert(0, Prompt(frames.pick(frames.UNNAMED_THESIS, central_text), None))
    elif len(out) < MIN_WEEK_PROMPTS:
        out.append(Prompt(frames.pick(frames.ABOUT_THESIS, central_text), central_index))
    if len(out) < MIN_PROMPTS:
        out.append(Prompt(frames.pick(frames.ABOUT_THESIS, central_text), central_index))
    unique: list[Prompt] = []
    for prompt in out:
        if prompt.text not in {p.text for p in unique} and prompt.text.endswith("?"):
            unique.append(Prompt(shorten(prompt.text, PROMPT_LIMIT), prompt.argument))
    return unique


# A thesis of two claims joined at the top level: "X, and Y", "X; Y".
_COMPOUND = re.compile(r",\s+and\s+|\s*;\s+(?:and\s+)?")


def _specific(material: Material, central: _Claim | None, headline: _Claim | None, seen: set[str]) -> Iterator[Prompt]:
    """Questions that name something of this reading without asking again about a claim already asked about,
    for one with too few further claims: a claim of a compound thesis that stands alone, the headline when it
    states a claim, or the actor a central call names (what it would take, not whether it should)."""
    words = material.lowercase_words
    thesis = material.thesis
    if thesis is not None and (central is None or central.index is None) and _thesis_arguable(thesis.text):
        text = " ".join(unframed(thesis.text).split())
        breaks = [m for m in top_level(text, _COMPOUND) if m.start() > 0]
        parts = [text[: breaks[0].start()], text[breaks[0].end() :]] if breaks else []
        for part in parts:
            claim = _named_claim(None, as_sentence(part), classify(part), words)
            if claim is not None and not _asked_before(claim.core, seen) and arguable(part, classify(part)):
                seen.add(claim.core.lower())
                yield Prompt(_kind_prompt(claim, 1, words), None)
    if headline is not None and not _asked_before(headline.core, seen):
        seen.add(headline.core.lower())
        yield Prompt(_kind_prompt(headline, 0, words, direct=True), None)
    # No claim is asked about a second time, from the other side or as the ground of another: members read
    # the same claim three times in a week as padding (round 8).
    acting = _actor_prompt(central, words) if central is not None else None
    yield from [acting] if acting is not None else []


def _actor_prompt(central: _Claim, words: frozenset[str]) -> Prompt | None:
    """For a call that names who must act, a question about that actor ("If Congress will not act, who
    should?") that does not restate the call the first prompt asked about; None for a passive call ("the
    Greens should be invited"), where the one named is not the one who would act."""
    actor = _CALL_SUBJECT.match(central.core)
    if actor is None or not (calls(central.core) and names_actor(central.core) and _actor_ok(actor.group(1))):
        return None
    action = central.core[actor.end() :].strip().removeprefix("to ")  # "ought to", "has to"
    if not action or action.split()[0].lower() in {"be", "not", "have", "never"}:
        return None
    named = _lowered(actor.group(1).strip(), words)
    return Prompt(frames.fill(frames.pick(frames.ACTOR, central.core), a=named), central.index)


def _content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if len(w) > 3}


def _asked_before(named: str, seen: set[str]) -> bool:
    """``named`` is a claim already asked about, in the same words or most of them."""
    return named.lower() in seen or any(_overlaps(named, other) for other in seen)


def _overlaps(one: str, other: str) -> bool:
    """Two claims share most of their content words: asking both would ask the same thing twice. Most of
    each, not only of the shorter: "the council must build homes again" and "private landlords build homes
    far more cheaply than the council" share a topic, not a claim."""
    a, b = _content_words(one), _content_words(other)
    shared = len(a & b)
    return bool(a and b) and shared >= 0.6 * min(len(a), len(b)) and shared > 0.5 * max(len(a), len(b))


def _actor_ok(subject: str) -> bool:
    """A named actor to ask about: a short noun phrase with no clause or aside in it."""
    found = subject.split()
    return 1 <= len(found) <= 5 and not re.search(r"[,;:()“”\"]|\b(?:who|which|that|if|when)\b", subject, re.I)


# A headline in Title Case: most of its longer words capitalised.
_TITLE_WORD = re.compile(r"\b[A-Za-z][a-z’']{3,}\b")


_HEADLINE_AUXILIARY = word_set("is are was were will would should can could do does did has have must")


def _headline(title: str | None, words: frozenset[str]) -> _Claim | None:
    """The reading's title when it states a claim of the author's that makes a direct question ("Our
    universities must adapt" → "Should our universities adapt?"), taken after a colon when a kicker
    follows one; None for a headline that reports, tells or states a fact."""
    if not title:
        return None
    text = " ".join(title.split())
    kicker = text.rsplit(": ", 1)[-1]
    text = kicker if len(kicker.split()) >= 3 else text
    longer = _TITLE_WORD.findall(text)
    if longer and sum(w[0].isupper() for w in longer[1:]) > len(longer[1:]) / 2:
        first, *rest = text.split()
        lowered = [w.lower() if w.lower() in words and w[1:].islower() else w for w in rest]
        text = " ".join([first, *lowered])
    if text.endswith("?"):
        # A headline that asks a yes/no question ("Do we really need to cancel Christmas?") is asked as it is.
        first, second = [*text.split(), ""][:2]
        asks = first.lower() in _HEADLINE_AUXILIARY and 4 <= word_count(text) <= LONG_CLAUSE_WORDS
        asks = asks and second.lower() != "you"  # "Are you drinking because…?": asked of the reader, not the circle
        return _Claim(None, text, text[:-1], "evaluative", text, direct_only=True) if asks else None
    sentence = as_sentence(text)
    kind = classify(sentence)
    if not arguable(sentence, kind):
        return None
    claim = _named_claim(None, sentence, kind, words)
    return claim if claim is not None and claim.question is not None else None


_AGREEMENT = "How far do you agree that “{}”?"


def _trimmed(claim: str) -> str:
    """The claim in the author's words without its lead-in ("As 2014 ends, …", "Make no mistake: …") and
    asides (in brackets, between dashes, ", which …,"): what a member agrees or disagrees with. The claim
    itself when nothing is left out or what is left would not be a whole clause."""
    text = claim
    for _ in range(3):
        stripped = OPENER.sub("", text)
        stripped = stripped if CONDITION.match(stripped) else main_clause(stripped)
        if stripped == text or len(stripped.split()) < 5:
            break
        text = stripped
    text = without_dashed_asides(without_brackets(text))
    text = tidy_end(" ".join(RELATIVE_ASIDE.sub(" ", text).split()))
    whole_clause = len(text.split()) >= 5 and has_core_verb(text) and balanced(text)
    if (
        not whole_clause
        or mid_phrase(text, claim)
        or text.split()[0].lower() in DANGLING_SUBJECT | PHRASE_BREAK | NO_SUBJECT
    ):
        return claim
    return text


def agreement_claim(thesis: str, lowercase_words: frozenset[str] = frozenset()) -> str:
    """The thesis as the agreement poll states it: whole whenever the question fits; else its main clause
    without dashed asides, or its first whole clause (each with its subject and verb); cut at a word
    boundary only when nothing shorter stands alone."""
    room = POLL_QUESTION_LIMIT - len(_AGREEMENT.format(""))
    whole = quote(thesis, mid_sentence=True, limit=10_000, lowercase_words=lowercase_words)
    trimmed = _lowered(_trimmed(whole), lowercase_words)
    if trimmed != whole and len(trimmed) <= room:
        return trimmed
    if len(whole) <= room:
        return whole
    shorter = without_dashed_asides(main_clause(whole))
    if len(shorter) <= room:
        return shorter
    return opening_clause(shorter, room, THOUGHT_END) or shorten(shorter, room)


_POINTING_SUBJECT = re.compile(
    r"^[^,;:]{1,25},\s+(?:they|he|she|it|this|these|those|that)\b|^(?:\S+\s+){0,4}(?:these|those|such)\b"
    r"|^(?:\S+\s+){1,2}(?:they|he|she)\b",
    re.IGNORECASE,
)
# "This time Europe must…": a time, not a pointer to what came before.
_THIS_TIME = re.compile(r"^this\s+(?:time|year|week|month|autumn|spring|summer|winter)\b", re.IGNORECASE)
# "Our capital, they say, can't cope": a view reported in an aside, not the author's.
_SAID_ASIDE = re.compile(
    r",\s+(?:they|some|many|critics|people|we are told)(?:\s+(?:say|said|argue|claim|think))?,", re.IGNORECASE
)
# A sentence break inside a claim: "Come Friday, many teenagers will be heaving a sigh of relief. They deserve…"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘']?[A-Z])")


def _statement(stated: str, claim: str) -> bool:
    """``stated`` (what an agreement poll would ask about ``claim``) is one whole statement in the author's
    own voice: not a question, an exclamation, an exhortation or an imperative, the author's own story, an
    address to the reader, someone else's view or words, a sentence leaning on the one before ("That just ought
    not to happen"), two sentences (a lead-in and the point) or a passage cut with "…"."""
    words = stated.split()
    if len(words) < 2 or "…" in stated or stated.rstrip("”\"’'").endswith(("?", "!")) or _SENTENCE_BREAK.search(stated):
        return False
    first = re.split(r"[’']", words[0].lower().strip("“\"‘'"))[0]
    pointing = first in DANGLING_SUBJECT and not EXTRAPOSED.match(stated) and not _THIS_TIME.match(stated)
    if pointing or first in NO_SUBJECT - {"however"}:
        return False
    # "Right now, they are…", "the answers to these questions…": a subject that points outside the claim; and
    # "impotent and we still feel inadequate": a start inside a phrase of the claim.
    if _POINTING_SUBJECT.match(stated) or _SAID_ASIDE.search(stated) or _starts_inside(stated, claim):
        return False
    # "When X, Y" states Y on a condition; the other wh-openings ask or point ("What is good for them…").
    if first == "you" or (NOT_A_STATEMENT.match(stated) and first != "when") or SPEAKER.match(claim):
        return False
    if FIRST_PERSON_SINGULAR.search(stated) and not FIRST_PERSON_VIEW.match(stated):
        return False
    if any(stated.lower().strip('“”"') in q.lower() for q in QUOTED.findall(claim)):
        return False
    return not (HOLDERS.match(stated) or _REPORTED_ARGUING.search(stated)) and bool(FINITE.search(stated))


def _starts_inside(stated: str, claim: str) -> bool:
    """``stated`` starts right after a word of ``claim`` rather than at its start or after a break: "impotent
    and we still feel inadequate" of "…we still feel impotent and…" ("However, looking at…" may drop its
    "However,")."""
    flat = " ".join(claim.split())
    at = flat.lower().find(stated[:30].lower())
    return at > 0 and flat[:at].rstrip()[-1:].isalnum()


def _agreeable(stated: str, claim: str) -> bool:
    """``stated`` is a statement (``_statement``) that is also a claim: not a narration, a report, figures or
    a bare "There is…". A plain statement the lexicon finds no judgement in is kept, as the thesis is ("Libraries
    are worth every penny"): half the theses readers label carry no marker the lexicon knows."""
    if not _statement(stated, claim) or narrates(stated):
        return False
    kind = classify(stated)
    if kind == "factual" and (_EXISTENTIAL.match(as_sentence(stated)) or _FIGURE.search(stated)):
        return False
    return arguable(stated, "evaluative" if kind == "factual" else kind)


def _agreement_statement(
    claim: str, lowercase_words: frozenset[str], test: Callable[[str, str], bool] = _agreeable
) -> str | None:
    """What an agreement poll can state of ``claim``: the claim as ``agreement_claim`` states it or, when it runs
    to two sentences (a lead-in and the point), the one sentence that passes ``test`` alone, the later first;
    None when none does."""
    stated = agreement_claim(claim, lowercase_words)
    if test(stated, claim):
        return stated
    # One sentence of several stands alone only as a call or a judgement: the other sentence of "A good man
    # was fired because his boss objected. That just ought not to happen." is the story it leans on.
    sentences = _SENTENCE_BREAK.split(" ".join(claim.split()))
    for sentence in reversed(sentences if len(sentences) > 1 else []):
        stated = agreement_claim(sentence, lowercase_words)
        if classify(stated) in _STAND_IN_KINDS and not narrates(stated) and test(stated, sentence):
            return stated
    return None


# A figure ("about 50 percent higher", "2056", "4.4"), not a name's number ("Town 3").
_FIGURE = re.compile(r"\d\s*(?:%|percent|per cent|million|billion|trillion)|\b\d{4}\b|\d[.,]\d", re.IGNORECASE)
# The claims an agreement poll may take instead of a thesis that asks nothing: the first few, and only a call
# or a judgement (a forecast or a cause in the lexicon's sense is too often a schedule or a report).
_STAND_IN_CLAIMS = 3
_STAND_IN_KINDS = frozenset({"normative", "evaluative"})


def _stands_in(stated: str, claim: str) -> bool:
    """A claim the agreement poll may ask about instead of the thesis: agreeable, a call or a judgement, one
    a member can be convinced of, and not a bare condition ("If success were enough, Pence would be…")."""
    kinds = classify(stated) in _STAND_IN_KINDS and not CONDITION.match(stated) and _agreeable(stated, claim)
    return kinds and _askable(claim) is not None and not _LEANING_OPENER.match(stated)


AGREE_WITH_READING = "How far do you agree with the reading?"


def _agreement_poll(material: Material, claims: list[int], prompts: Sequence[Prompt]) -> Poll:
    """Agreement with the thesis when it is an arguable claim a member can agree or disagree with; else with
    the first of the reading's top calls or judgements that is (a thesis that opens on a news lead, states a
    background fact, tells a story or exhorts asks nothing a member can take a side on); else with the thesis
    when it is at least a statement that tells no story, or when it is no report, story or figures (as before)
    and not cut with "…"; else with the headline when it takes a stand; only then with the reading as a whole,
    which states nothing."""
    thesis = material.thesis
    words = material.lowercase_words
    if thesis is not None and (stated := _agreement_statement(thesis.text, words)) is not None:
        return Poll(_AGREEMENT.format(stated), AGREEMENT_SCALE, None)
    for index in claims[:_STAND_IN_CLAIMS]:
        if (stated := _agreement_statement(material.arguments[index].text, words, _stands_in)) is not None:
            return Poll(_AGREEMENT.format(stated), AGREEMENT_SCALE, index)
    if thesis is not None:
        stated = agreement_claim(thesis.text, words)
        # As before, a thesis the lexicon finds no judgement in, but not a story, a cut, a wh-fragment ("what's
        # wrong with me, I think") or an address to the reader ("you just can't argue with that, folks").
        told = lexicon.NARRATIVE.search(stated) or "…" in stated or NOT_A_STATEMENT.match(stated)
        unmarked = _thesis_arguable(thesis.text) and not told and stated.split()[0].lower() != "you"
        if _untold(stated, thesis.text) or unmarked:
            return Poll(_AGREEMENT.format(stated), AGREEMENT_SCALE, None)
    # A top call or judgement put as a direct question was tried here too, but every claim that makes one is
    # already a prompt's: the poll would ask it a second time.
    return _headline_poll(material.title, prompts) or Poll(AGREE_WITH_READING, AGREEMENT_SCALE, None)


HEADLINE_AGREEMENT = "How far do you agree with the headline “{}”?"
# A headline that is a list of tips ("Fifteen ways to improve your life") promises advice, not a stand.
_LISTICLE = re.compile(r"\b(?:ways|things|tips|steps|rules)\s+to\b", re.IGNORECASE)
_STRAIGHT_QUOTED = re.compile(r"\"([^\"]*)\"|“([^”]*)”")


def _headline_poll(title: str | None, prompts: Sequence[Prompt]) -> Poll | None:
    """Agreement with the reading's headline, whole, when it takes a stand of the author's ("Foie gras is
    exactly as delicious as you've heard. It should nonetheless be banned"): not a question, a report of what
    happened, the author's own story ("My brain tumour will be removed…", "Why I made a movie…") or a list of
    tips; and not a headline a prompt already asks about."""
    if not title:
        return None
    text = " ".join(title.split())
    sentence = as_sentence(text)
    if text.endswith("?") or FIRST_PERSON_SINGULAR.search(text) or _LISTICLE.search(text):
        return None
    if not arguable(sentence, classify(sentence)) or any(_overlaps(text, p.text) for p in prompts):
        return None
    # Quotation marks inside the headline become single ones, inside the question's double ones.
    question = HEADLINE_AGREEMENT.format(_STRAIGHT_QUOTED.sub(lambda m: f"‘{m.group(1) or m.group(2)}’", text))
    return Poll(question, AGREEMENT_SCALE, None) if len(question) <= POLL_QUESTION_LIMIT else None


def _asked_by(index: int, claim: str, prompts: Sequence[Prompt]) -> bool:
    """A prompt of the week already asks about ``claim`` (argument ``index``): by its index, or by half or
    more of the words that name it (the same claim made in two places, or a prompt on part of it)."""
    named = _content_words(_askable(claim) or _main_clause_of(claim) or claim)
    return any(p.argument == index or len(named & _content_words(p.text)) >= len(named) / 2 for p in prompts)


def _untold(stated: str, claim: str) -> bool:
    """A statement (``_statement``) that tells no story ("an Army chaplain was punished…")."""
    return _statement(stated, claim) and not narrates(stated)


def _convinced_poll(material: Material, claims: list[int]) -> Poll | None:
    """Which of the reading's arguable claims convinced members most, in score order; None with fewer than
    two that fit a poll answer or can be named by a label, since a poll of one argument asks nothing."""
    chosen = sorted(claims)[:POLL_MAX_ANSWERS]
    if len(chosen) < 2:
        return None
    texts = [material.arguments[i].text for i in chosen]
    question = frames.pick(frames.CONVINCED, "".join(texts))
    plain = [without_quote_marks(quote(t, limit=10_000)) for t in texts]
    pairs = zip(plain, texts, strict=True)
    fits = all(len(p) <= POLL_ANSWER_LIMIT and reads_whole(p, t) and _arguable_label(p, t) for p, t in pairs)
    if fits and len(set(plain)) == len(plain):
        return Poll(question, tuple(plain), None)
    # An answer that names only a subject or stops before the claim ("The ousting of Morales was backed")
    # names nothing a member can pick: the poll offers only the claims a whole short clause can name, and is
    # left out when fewer than two can be.
    for numbered in (True, False):
        # Numbered answers leave 51 characters; when fewer than two claims fit that, each answer is its whole
        # clause alone (up to 55), still listed in full beside the poll in the same order (round 8).
        room = POLL_ANSWER_LIMIT - 4 if numbered else POLL_ANSWER_LIMIT
        named = [(t, found.removesuffix(".") if (found := _label_clause(t, room)) else None) for t in texts]
        kept = [(t, n) for t, n in named if n is not None]
        if len(kept) >= 2 and len({n.casefold() for _, n in kept}) == len(kept):
            answers = [f"{number} · {n}" if numbered else n for number, (_, n) in enumerate(kept, 1)]
            return Poll(question, tuple(answers), None, _numbered_message([t for t, _ in kept]))
    return None


# "The newly elected government of Luis Arce must…": the subject's head noun and the name hanging after it,
# up to the verb; dropping the name leaves "The newly elected government must…". Only a name (capitalised
# words) is dropped: "The need for articulable suspicion has…" without its modifier says nothing.
_SUBJECT_MODIFIER = re.compile(
    r"^((?:the|a|an|this|its|their|our)\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+(?:of|under|in|from)\s+"
    r"(?:(?-i:[A-Z])[\w’'.-]*\s+){1,4}(?=(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
    r"might|needs?|cannot|can[’']t|won[’']t|does|do|did)\b)",
    re.IGNORECASE,
)


# What may follow a label cut short of its claim: the claim's end or a break between clauses, not the rest
# of a phrase ("Perhaps we should all rifle" + "through our wardrobes").
_CLAUSE_BREAK_AFTER = re.compile(
    r"[\W]*$|\s*[,;:—–]|\s+[-—–]+\s|\s+(?:because|since|which|who|while|whereas|although|though|but|and|so|"
    r"when|if|unless|until|before|after)\b",
    re.IGNORECASE,
)


# Before a phrase that only adds where or how ("Historians play a vital role" + "in measuring…") a label may
# stop after a noun; not after a verb, an adjective after a copula or a word a modal governs ("we should all
# rifle" + "through", "aren't keen" + "on").
_PREPOSITION_AFTER = re.compile(r"\s+(?:in|at|for|with|against|over|under|across|during)\b", re.I)


# "the newly elected government": a participle that describes a noun is no verb of the label's own.
_ATTRIBUTIVE_PARTICIPLE = re.compile(r"\b(?:the|a|an|its|their|our|his|her|\w+ly)\s+\w+ed\b", re.IGNORECASE)
_OPENING_PARTICIPLE = re.compile(r"^(?-i:[A-Z]?)[a-z]+(?:ed|ing)\b")


def _clause_breaks_after(head: str, claim: str) -> bool:
    """``head`` stops where ``claim`` breaks between clauses, or after a noun phrase before a preposition, and
    not on a word that leans on what follows."""
    at = claim.lower().find(head.lower())
    words = [w.lower().strip(",;:") for w in head.split()]
    if at < 0 or VERB_LIKE.match(words[-1]) or words[-1] in WEAK_END | NEEDS_PARTICLE:
        return False
    after = at + len(head)
    previous = words[-2] if len(words) > 1 else ""
    governed = AUXILIARY.fullmatch(previous) or previous in MODAL_OR_TO | DANGLING_SUBJECT | {"not", "all", "we"}
    if governed and words[-1].endswith("ly"):
        return False  # "The broadcasters may, possibly": the verb is still to come
    if _CLAUSE_BREAK_AFTER.match(claim, after):
        return True
    return bool(_PREPOSITION_AFTER.match(claim, after)) and len(words) >= 4 and not governed


def _label_clause(claim: str, room: int) -> str | None:
    """A poll answer that names ``claim`` as a whole short clause (subject, finite verb and what is claimed,
    at most ``room`` characters, never cut with "…"): the claim itself, its core, its main clause, the first
    whole clause of that, or a clause's head up to a phrase break; each also without a name hanging on its
    subject. None when no such clause fits: the claim is left out of the poll rather than named by a
    fragment."""
    plain = without_quote_marks(quote(claim, limit=10_000))
    named = core(claim)
    main = without_dashed_asides(without_brackets(main_clause(plain)))
    shorter = [main, opening_clause(main, room) or ""]
    # The shortest kind, a clause's subject and verb up to a phrase break ("Perhaps we should all rifle"), is
    # kept like the others only where the claim itself breaks.
    shorter += [h for c in [without_quote_marks(named or ""), main] if c and (h := phrase_head(c, room))]
    # The core is a whole clause by construction, with asides left out, so only where it stops is checked;
    # anything else shorter than the claim must stop where the claim breaks and open on its subject, not on a
    # participle ("Based on its official statement").
    clauses = [plain]
    if named is not None and ends_a_thought(named, claim):
        clauses.append(without_quote_marks(named))
    clauses += [c for c in shorter if c and not _OPENING_PARTICIPLE.match(c) and _clause_breaks_after(c, plain)]
    for clause in clauses:
        for candidate in (clause, _SUBJECT_MODIFIER.sub(r"\1 ", clause)):
            candidate = " ".join(candidate.split())
            if not candidate:
                continue
            candidate = as_sentence(candidate)
            if (
                len(candidate) <= room
                and "…" not in candidate
                # "It is not normally a lethal one": a pronoun subject names nothing in a poll standing alone
                and candidate.split()[0].lower() not in DANGLING_SUBJECT | {"you", "you're", "you’re"}
                and not _LEANING_OPENER.match(candidate)
                and has_core_verb(_ATTRIBUTIVE_PARTICIPLE.sub(" ", candidate))
                and reads_whole(candidate, claim)
                and _arguable_label(candidate, claim)
            ):
                return candidate
    return None


# A list's own scaffolding ("3 \. Give a gift", "A second condition is…", "Another reason…") or an imperative
# ("Do yoga"): no claim a member could be convinced of.
_LIST_REFERENCE = re.compile(
    r"^(?:\d|(?:a|the)\s+(?:first|second|third|fourth|fifth|final|last|next|further)\s|another\b|one more\b|"
    r"(?:do|be|make|give|take)\s+(?!not\b|(?:we|you|they|i|it)\b))",
    re.IGNORECASE,
)


def _arguable_label(label: str, claim: str) -> bool:
    """A label names an arguable claim: not a narration, a figure or a list's scaffolding; and a label cut
    short of its claim keeps a call, a judgement, a cause, a forecast or a modal ("Elections alone cannot…"),
    since a cut that leaves only the fact the claim judges ("Moms and dads everywhere are using Christmas" of
    "…as an opportunity to…") names nothing to weigh."""
    if _LIST_REFERENCE.match(label) or "\\" in label or _FIGURE.search(label) or narrates(label):
        return False
    whole = _words_of(label) == _words_of(claim)
    return whole or classify(label) != "factual" or bool(_MODAL.search(label))


def _words_of(text: str) -> list[str]:
    return WORD.findall(without_quote_marks(text).lower())


_CONVICTION = "How convinced are you that “{}”?"
CONVICTION_SCALE = ("Convinced", "Partly convinced", "Not convinced", "Not sure")
# The answers when the claim is asked as a direct question ("Should councils fund libraries?").
QUESTION_SCALE = ("Yes", "Yes, with reservations", "No", "Not sure")


# Openings that lean on what came before or set a scene: "Make no mistake:", "At the same time,", "In 2014,",
# "Instead,".
_LEANING_OPENER = re.compile(
    r"^(?:make no mistake|at the same time|instead|in (?:a|one) (?:week|month|year)[’']s time|in (?:the )?\d{4}s?|"
    r"(?:in|on|by|since) (?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b)",
    re.IGNORECASE,
)
# Someone's arguing reported ("In other words, he is arguing…"), not a claim of the author's own.
_REPORTED_ARGUING = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:arguing|saying|claiming|suggesting)\b", re.I)


def _convincing(claim: str) -> bool:
    """A claim someone can be convinced of: its core is a whole clause a prompt could ask about (not the
    author's story about themself, nor a narration or bare fact), it does not open on a connective or a date
    that leans on what came before ("all the same, …", "In 2014, …"), and it does not report someone's
    arguing."""
    flat = " ".join(claim.split())
    return (
        _askable(claim) is not None
        and unframed(flat) == flat
        and not _LEANING_OPENER.match(flat)
        and not _REPORTED_ARGUING.search(claim)
    )


def _claim_question(claim: str, words: frozenset[str]) -> str | None:
    """``claim`` as the direct question its main clause makes when it is short enough ("…by the age of ten"),
    else the one its core makes; None when neither makes one that fits a poll."""
    clauses = [c for c in (_main_clause_of(claim), _askable(claim)) if c]
    asked = next(filter(None, (_question_of(c, claim, words) for c in clauses)), None)
    return asked if asked is not None and len(asked) <= POLL_QUESTION_LIMIT else None


def _conviction_poll(material: Material, claims: list[int], prompts: Sequence[Prompt]) -> Poll | None:
    """How convinced members are by one further claim: the second poll when its claims are too long to name in
    poll answers and it sets out no choice. Asked as the direct question the claim's core makes ("Should X
    Y?" — Yes / Yes, with reservations / No / Not sure) when it makes one, else stated whole. The claim is one
    no prompt asked about when there is one; else (nothing else can be polled) a claim a prompt asked about,
    stated ("How convinced are you that…?") when the prompt already put it as the same direct question: the
    same question twice in a week is padding."""
    words = material.lowercase_words
    asked_again: list[Poll] = []
    for index in claims:
        claim = material.arguments[index].text
        if not _convincing(claim):
            continue
        poll = _claim_poll(index, claim, words)
        if poll is None:
            continue
        if not _asked_by(index, claim, prompts):
            return poll
        if any(poll.question.removesuffix("?") in p.text for p in prompts):
            poll = _claim_poll(index, claim, words, direct=False)
        asked_again += [poll] if poll is not None else []
    return asked_again[0] if asked_again else None


def _second_claim_poll(
    material: Material, claims: list[int], prompts: list[Prompt]
) -> tuple[Poll | None, list[Prompt]]:
    """The "how convinced" poll and the week's prompts: when every claim it could ask about was asked by a
    prompt and the week has more prompts than it needs, its last prompt's claim goes to the poll instead, so
    the week asks about that claim once."""
    poll = _conviction_poll(material, claims, prompts)
    if poll is None or poll.argument is None or len(prompts) <= MIN_WEEK_PROMPTS:
        return poll, prompts
    if not _asked_by(poll.argument, material.arguments[poll.argument].text, prompts):
        return poll, prompts
    last = prompts[-1].argument
    rest = prompts[:-1]
    if last is not None and last in claims and not _asked_by(last, material.arguments[last].text, rest):
        moved = _conviction_poll(material, [last], rest)
        if moved is not None:
            return moved, rest
    return poll, prompts


def _claim_poll(index: int, claim: str, words: frozenset[str], *, direct: bool = True) -> Poll | None:
    """The claim as a direct question when it makes one (and ``direct``), else stated whole: "How convinced
    are you that “…”?"."""
    asked = _claim_question(claim, words) if direct else None
    if asked is not None:
        return Poll(asked, QUESTION_SCALE, index)
    question = _CONVICTION.format(quote(claim, mid_sentence=True, limit=10_000, lowercase_words=words))
    return Poll(question, CONVICTION_SCALE, index) if len(question) <= POLL_QUESTION_LIMIT else None


_CHOICE_QUESTION = "The reading sets out a choice: “{}”. Which would you pick?"
CHOICE_FALLBACKS = ("Something else", "Not sure")


def _alternatives_poll(alternatives: Alternatives, lowercase_words: frozenset[str]) -> Poll:
    """A poll whose answers are the alternatives the reading names, each whole, then "Something else" and
    "Not sure"; the question quotes the sentence that sets them out when it fits, else it goes beside."""
    sentence = quote(alternatives.sentence, limit=10_000, lowercase_words=lowercase_words)
    answers = (*alternatives.options, *CHOICE_FALLBACKS)
    question = _CHOICE_QUESTION.format(sentence)
    if len(question) <= POLL_QUESTION_LIMIT:
        return Poll(question, answers, None)
    return Poll("The reading sets out a choice. Which would you pick?", answers, None, f"The choice: {sentence}.")


def _numbered_message(claims: Sequence[str]) -> str:
    """The claims in full, numbered like the answers; each cut evenly only if they overflow a message."""
    header = "The arguments in the poll:"
    full = [" ".join(c.split()) for c in claims]
    budget = POSTED_TEXT_LIMIT - len(header) - sum(len(f"\n{n}. ") for n in range(1, len(full) + 1))
    if sum(len(c) for c in full) > budget:
        per = max(40, budget // len(full))
        full = [shorten(c, per) for c in full]
    return header + "".join(f"\n{n}. {c}" for n, c in enumerate(full, 1))


PROPOSALS_QUESTION = "The author calls for several things. Which should come first?"
PROPOSAL_FALLBACKS = ("None of these", "Not sure")


def _proposals_poll(material: Material, claims: list[int]) -> tuple[Poll, list[int]] | None:
    """When the reading calls for two or more things, which members would put first: courses of action to
    choose between, each named by its verb phrase ("Purge the army", "Nationalise the mines"). The thesis and
    the reading's claims are read first, each call giving one course or, when it lists several, each of them;
    with fewer than two there, the courses the reading calls for elsewhere (one sentence that lists several,
    or calls in sentences that follow one another). With the claims it offers, so the "convinced" poll does
    not list them again."""
    calls: list[tuple[int | None, str]] = []
    thesis = material.thesis
    if thesis is not None and _thesis_arguable(thesis.text):
        calls.append((None, thesis.text))
    calls += [(i, material.arguments[i].text) for i in claims]
    options: dict[str, int | None] = {}
    sources: list[str] = []
    for index, text in calls:
        new = [c for c in courses(text) if c.casefold() not in {o.casefold() for o in options}]
        sources += [text] if new else []
        options.update(dict.fromkeys(new, index))
    if len(options) < 2 and material.calls is not None:
        options = dict.fromkeys(material.calls.options)
        sources = list(material.calls.sentences)
    if len(options) < 2:
        return None
    answers = (*list(options)[: POLL_MAX_ANSWERS - len(PROPOSAL_FALLBACKS)], *PROPOSAL_FALLBACKS)
    used = [i for i in options.values() if i is not None]
    return Poll(PROPOSALS_QUESTION, answers, None, _calls_message(sources)), used


def _calls_message(sentences: Sequence[str]) -> str:
    """The sentences the courses come from, posted beside the poll: a course named by its verb phrase leaves
    out who is called on ("Reassert its authority" of "Congress must reassert its authority")."""
    header = "What the reading calls for:"
    full = [as_sentence(" ".join(s.split())) for s in sentences[: POLL_MAX_ANSWERS - len(PROPOSAL_FALLBACKS)]]
    per = max(60, (POSTED_TEXT_LIMIT - len(header)) // len(full) - 3)
    return header + "".join(f"\n• {shorten(s, per)}" for s in full)


def compose(material: Material) -> Composition:
    """Prompts about the reading's arguable claims (fewer when it has few, with a note saying so), an
    agreement poll on the thesis, a poll of the alternatives the reading sets out when it names a choice
    (else of the things it calls for, when it calls for two or more), or else, with two or more arguable
    claims a label can name, a poll on which convinced most, or else how convinced members are by one further
    claim, preferably one no prompt asked about: one or two polls, and each claim asked about once a week."""
    claims = _arguable_claims(material)
    prompts = _prompts(material, claims)
    polls = [_agreement_poll(material, claims, prompts)]
    proposals = _proposals_poll(material, claims)
    if material.alternatives is not None:
        polls.append(_alternatives_poll(material.alternatives, material.lowercase_words))
    elif proposals is not None:
        polls.append(proposals[0])
    offered = [i for i in claims if proposals is None or i not in proposals[1]]
    convinced = _convinced_poll(material, offered) if len(polls) == 1 else None  # a week takes one or two polls
    if convinced is not None:
        polls.append(convinced)
    elif len(polls) == 1:
        conviction, prompts = _second_claim_poll(material, [i for i in offered if i != polls[0].argument], prompts)
        polls.extend([conviction] if conviction is not None else [])
    arguable_count = len(claims) + (material.thesis is not None and _thesis_arguable(material.thesis.text))
    note = ""
    if arguable_count < FEW_CLAIMS or len(prompts) < FEW_CLAIMS:
        # Said of what the analysis found, not of the reading: a piece full of contestable claims the
        # analysis could not quote briefly would make "the reading makes few claims" false.
        note = (
            f"Only {len(prompts)} prompts: the analysis found few of the author's own claims it could quote "
            "briefly and ask about: add your own questions."
        )
    return Composition(tuple(prompts), tuple(polls), note)
