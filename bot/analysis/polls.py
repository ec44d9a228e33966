"""A week's polls: agreement with the thesis, a choice or the calls the reading sets out, and which claim convinced.

A poll cannot be edited and its answers hold 55 characters, so what a poll quotes and where a label is cut are
rules of their own, kept here beside the prompts whose claims the polls must not ask about again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.analysis import frames, lexicon
from bot.analysis.alternatives import Alternatives, courses
from bot.analysis.limits import (
    POLL_ANSWER_LIMIT,
    POLL_MAX_ANSWERS,
    POLL_QUESTION_LIMIT,
    POSTED_TEXT_LIMIT,
)
from bot.analysis.model import Poll, Prompt
from bot.analysis.naming import (
    AUXILIARY,
    CONDITION,
    DANGLING_SUBJECT,
    EXTRAPOSED,
    FINITE,
    FIRST_PERSON_SINGULAR,
    FIRST_PERSON_VIEW,
    HOLDERS,
    MODAL_OR_TO,
    NEEDS_PARTICLE,
    NO_SUBJECT,
    NOT_A_STATEMENT,
    OPENER,
    PHRASE_BREAK,
    QUOTED,
    RELATIVE_ASIDE,
    SPEAKER,
    THOUGHT_END,
    VERB_LIKE,
    WEAK_END,
    WORD,
    balanced,
    core,
    ends_a_thought,
    has_core_verb,
    main_clause,
    mid_phrase,
    narrates,
    opening_clause,
    phrase_head,
    quote,
    reads_whole,
    tidy_end,
    unframed,
    without_brackets,
    without_dashed_asides,
    without_quote_marks,
)
from bot.analysis.prompts import (
    EXISTENTIAL,
    MIN_WEEK_PROMPTS,
    MODAL,
    askable,
    content_words,
    lowered_first,
    main_clause_of,
    overlaps,
    question_of,
    thesis_arguable,
)
from bot.analysis.select import arguable, classify
from bot.text import as_sentence, shorten

if TYPE_CHECKING:  # compose imports this module; Material is only named in annotations here
    from bot.analysis.compose import Material


AGREEMENT_SCALE = ("Strongly agree", "Agree", "Not sure", "Disagree", "Strongly disagree")


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
    trimmed = lowered_first(_trimmed(whole), lowercase_words)
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
    if kind == "factual" and (EXISTENTIAL.match(as_sentence(stated)) or _FIGURE.search(stated)):
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
    return kinds and askable(claim) is not None and not _LEANING_OPENER.match(stated)


AGREE_WITH_READING = "How far do you agree with the reading?"


def agreement_poll(material: Material, claims: list[int], prompts: Sequence[Prompt]) -> Poll:
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
        unmarked = thesis_arguable(thesis.text) and not told and stated.split()[0].lower() != "you"
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
    if not arguable(sentence, classify(sentence)) or any(overlaps(text, p.text) for p in prompts):
        return None
    # Quotation marks inside the headline become single ones, inside the question's double ones.
    question = HEADLINE_AGREEMENT.format(_STRAIGHT_QUOTED.sub(lambda m: f"‘{m.group(1) or m.group(2)}’", text))
    return Poll(question, AGREEMENT_SCALE, None) if len(question) <= POLL_QUESTION_LIMIT else None


def _asked_by(index: int, claim: str, prompts: Sequence[Prompt]) -> bool:
    """A prompt of the week already asks about ``claim`` (argument ``index``): by its index, or by half or
    more of the words that name it (the same claim made in two places, or a prompt on part of it)."""
    named = content_words(askable(claim) or main_clause_of(claim) or claim)
    return any(p.argument == index or len(named & content_words(p.text)) >= len(named) / 2 for p in prompts)


def _untold(stated: str, claim: str) -> bool:
    """A statement (``_statement``) that tells no story ("an Army chaplain was punished…")."""
    return _statement(stated, claim) and not narrates(stated)


def convinced_poll(material: Material, claims: list[int]) -> Poll | None:
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
    return whole or classify(label) != "factual" or bool(MODAL.search(label))


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
        askable(claim) is not None
        and unframed(flat) == flat
        and not _LEANING_OPENER.match(flat)
        and not _REPORTED_ARGUING.search(claim)
    )


def _claim_question(claim: str, words: frozenset[str]) -> str | None:
    """``claim`` as the direct question its main clause makes when it is short enough ("…by the age of ten"),
    else the one its core makes; None when neither makes one that fits a poll."""
    clauses = [c for c in (main_clause_of(claim), askable(claim)) if c]
    asked = next(filter(None, (question_of(c, claim, words) for c in clauses)), None)
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


def second_claim_poll(material: Material, claims: list[int], prompts: list[Prompt]) -> tuple[Poll | None, list[Prompt]]:
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


def alternatives_poll(alternatives: Alternatives, lowercase_words: frozenset[str]) -> Poll:
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


def proposals_poll(material: Material, claims: list[int]) -> Poll | None:
    """When the reading calls for two or more things, which members would put first: courses of action to
    choose between, each named by its verb phrase ("Purge the army", "Nationalise the mines"). The thesis and
    the reading's claims are read first, each call giving one course or, when it lists several, each of them;
    with fewer than two there, the courses the reading calls for elsewhere (one sentence that lists several,
    or calls in sentences that follow one another)."""
    thesis = material.thesis
    texts = [thesis.text] if thesis is not None and thesis_arguable(thesis.text) else []
    texts += [material.arguments[i].text for i in claims]
    options: list[str] = []
    sources: list[str] = []
    for text in texts:
        new = [c for c in courses(text) if c.casefold() not in {o.casefold() for o in options}]
        sources += [text] if new else []
        options += new
    if len(options) < 2 and material.calls is not None:
        options = list(material.calls.options)
        sources = list(material.calls.sentences)
    if len(options) < 2:
        return None
    answers = (*options[: POLL_MAX_ANSWERS - len(PROPOSAL_FALLBACKS)], *PROPOSAL_FALLBACKS)
    return Poll(PROPOSALS_QUESTION, answers, None, _calls_message(sources))


def _calls_message(sentences: Sequence[str]) -> str:
    """The sentences the courses come from, posted beside the poll: a course named by its verb phrase leaves
    out who is called on ("Reassert its authority" of "Congress must reassert its authority")."""
    header = "What the reading calls for:"
    full = [as_sentence(" ".join(s.split())) for s in sentences[: POLL_MAX_ANSWERS - len(PROPOSAL_FALLBACKS)]]
    per = max(60, (POSTED_TEXT_LIMIT - len(header)) // len(full) - 3)
    return header + "".join(f"\n• {shorten(s, per)}" for s in full)
