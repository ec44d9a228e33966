"""A week's discussion prompts: which of the reading's claims are worth asking about, and the question each gets.

The question fits what the claim does (a call, a forecast, a cause, a turn, the other side, lived experience);
the polls reuse this module's tests of what can be asked, so that a week asks about each claim once.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.analysis import frames, questions
from bot.analysis.limits import (
    MIN_PROMPTS,
)
from bot.analysis.model import Argument, Kind, Prompt, Span
from bot.analysis.naming import (
    CLAUSE_WORDS,
    COMMA,
    FIRST_PERSON_SINGULAR,
    HANGS_ON,
    HOLDERS,
    LOWERABLE,
    OPENER,
    PAST,
    TURN,
    WORD,
    acceptable,
    core,
    core_candidate,
    first_head,
    main_clause,
    narrates,
    open_contrast,
    reads_whole,
    tidy_end,
    top_level,
    unframed,
    without_brackets,
    word_count,
    word_set,
)
from bot.analysis.select import arguable, classify, stands_alone
from bot.text import as_sentence, shorten

if TYPE_CHECKING:  # compose imports this module; Material is only named in annotations here
    from bot.analysis.compose import Material


PROMPT_LIMIT = 400  # a prompt stays comfortably readable (and far inside a message)


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


def arguable_claims(material: Material) -> list[int]:
    """Indices of the arguments a circle can disagree with, best first; a claim that can only be quoted
    at length comes after the ones that can be quoted briefly (judged by the main-clause cut alone, so the
    polls that take the first claim do not move with the stricter test a prompt's core must pass)."""
    args = material.arguments
    found = [i for i, a in enumerate(args) if arguable(a.text, a.kind) and stands_alone(a.text)]
    return sorted(found, key=lambda i: core_candidate(args[i].text) is None)


@functools.lru_cache(maxsize=256)
def thesis_arguable(thesis: str) -> bool:
    """The thesis was chosen as the author's stance, so only a report, a story or figures disqualify it (a
    hedged call such as "might want to consider…" carries no marker of its kind)."""
    kind = classify(thesis)
    return arguable(thesis, "evaluative" if kind == "factual" else kind)


def _as_clause(named: str, lowercase_words: frozenset[str]) -> str:
    """A core as reported speech after "that": its first word lowered when it is not a name ("the author
    says councils must…"); a core in the first person singular stays a quotation ("says “I will…”")."""
    if FIRST_PERSON_SINGULAR.search(named):
        return f"“{named}”"
    return lowered_first(named, lowercase_words)


def lowered_first(text: str, lowercase_words: frozenset[str]) -> str:
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
    named = askable(text)
    if named is not None:
        return _Claim(index, text, named, kind, question_of(named, text, words))
    clause = main_clause_of(text)
    asked = question_of(clause, text, words) if clause else None
    return _Claim(index, text, clause, kind, asked, direct_only=True) if clause and asked else None


# A condition the claim opens on: "If success at the state level were enough, Pence would be…".
_OPENING_CONDITION = re.compile(r"^\W*(?:if|unless|were|had|should)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(r"^(?:Would|Could)\b")


def question_of(named: str, claim: str, words: frozenset[str]) -> str | None:
    """``named`` (a clause of ``claim``) as a direct question; none when the claim hangs it on a condition
    the clause left out ("Would Pence be among the frontrunners?" asks something the author did not claim)."""
    asked = questions.question(named, functools.partial(lowered_first, lowercase_words=words))
    if asked and _HYPOTHETICAL.match(asked) and _OPENING_CONDITION.match(unframed(claim)):
        return None
    return asked


def main_clause_of(claim: str) -> str | None:
    """The claim's main clause without its opening and what hangs on it, when it is a whole clause of the
    author's own (not narration, a report or a pointer outside it) of at most LONG_CLAUSE_WORDS words. Held
    to more than a core is (no past or perfect verb, no figure): too long to quote, it is only ever asked as a
    question, and a question about a fact reads as a quiz."""
    text = tidy_end(without_brackets(" ".join(unframed(OPENER.sub("", claim)).split())))
    head = tidy_end(first_head(main_clause(text), HANGS_ON))
    if not head or word_count(head) > LONG_CLAUSE_WORDS or narrates(head) or _leans_or_reports(head):
        return None
    if classify(head) == "factual" and not MODAL.search(head):
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


EXISTENTIAL = re.compile(r"^There\s+(?:is|are|was|were)\b")
MODAL = re.compile(
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


def askable(claim: str) -> str | None:
    """The claim's core when a prompt can ask about it: not a story or a report of what was done, and not a
    plain statement of fact left when the cut dropped what made the claim arguable ("Many businesses are not
    hiring" of "…because of ObamaCare's mandates"): a prompt about it would ask members to dispute a fact."""
    named = core(claim)
    if named is None or narrates(named) or _leans_or_reports(named) or _WITNESSED.match(named):
        return None
    cut = len(named.split()) < len(unframed(claim).split()) - 1
    if (cut or EXISTENTIAL.match(named)) and classify(named) == "factual" and not MODAL.search(named):
        return None  # "There is an employer looking to hire…": a statement of what exists, not a claim
    return named


def week_prompts(material: Material, claims: list[int]) -> list[Prompt]:
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
    if material.thesis is not None and (thesis_arguable(material.thesis.text) or not named):
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
    counter = askable(_their_view(material.counter)) if material.counter else None
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
    if thesis is not None and (central is None or central.index is None) and thesis_arguable(thesis.text):
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
    named = lowered_first(actor.group(1).strip(), words)
    return Prompt(frames.fill(frames.pick(frames.ACTOR, central.core), a=named), central.index)


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if len(w) > 3}


def _asked_before(named: str, seen: set[str]) -> bool:
    """``named`` is a claim already asked about, in the same words or most of them."""
    return named.lower() in seen or any(overlaps(named, other) for other in seen)


def overlaps(one: str, other: str) -> bool:
    """Two claims share most of their content words: asking both would ask the same thing twice. Most of
    each, not only of the shorter: "the council must build homes again" and "private landlords build homes
    far more cheaply than the council" share a topic, not a claim."""
    a, b = content_words(one), content_words(other)
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
