"""Stage 4: choose the thesis and the key arguments from scored segments.

Selection is where readability is won: a sentence that leans on its predecessor is quoted together with
it, claims are spread over the reading's paragraphs and sections (a chapter's argument is not all in its
opening), and near-duplicates (the conclusion restating the introduction) are dropped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.analysis import lexicon
from bot.analysis.features import Features
from bot.analysis.model import Kind, Span
from bot.analysis.segment import Document

MIN_ARGUMENTS = 5
MAX_ARGUMENTS = 10  # a Discord poll holds at most ten answers
WORDS_PER_SECTION = 1500  # without headings, a long reading is cut into sections of about this size
MAX_MERGED_CHARS = 600
MAX_REASONS = 2
DUPLICATE_JACCARD = 0.6
RESTATEMENT_MIN = 0.3
STANCE_MARGIN = 0.5  # a stance-bearing thesis candidate may score this share of the best one
MAX_THESIS_QUOTED = 0.4  # share of a thesis inside quotation marks
# A statement the lexicon cannot call a judgement ranks at this share of its score behind the author's arguable
# claims, and is taken only from MIN_UNMARKED_SCORE (both chosen on the editorial train labels' A@5 with AAEC
# watched: 0-1.0 and 0-0.8 tried).
UNMARKED_FACTOR = 0.5
MIN_UNMARKED_SCORE = 0.6
# The author's short, plain judgements ("The real curse is…", "It is time to…", "…basic common sense") are what a
# reader lists first, and the ranking's features undervalue them: their score counts this much more (1.5 and 2
# both took 118 of 350 train labels, 117 without; AAEC unchanged; 3 took 119 but led with vaguer claims).
PLAIN_JUDGEMENT_FACTOR = 1.5
# Below this a passage is not a claim of the reading's, however it is worded ("All I thought about growing up
# was…" at 0.05): fewer arguments, not the dregs (train A@5 -2 of 350, AAEC P@5 +0.006).
MIN_CLAIM_SCORE = 0.1
MAX_QUOTED = 0.5  # an argument mostly inside quotation marks is someone else's claim
EXAMPLE_OPENING = 40  # characters: an example marker this early makes the whole sentence an illustration
MIN_THESIS_WORDS = 5  # "Ho, ho, ho, America!" and "I feel sick." say too little to argue about

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


# A paragraph that opens with a bare pronoun ("It is also a question of…") or "And…" starts a new point;
# only a demonstrative or a contrast ("This is why…", "Yet…") carries a short sentence across a break.
_CARRIES_ACROSS = re.compile(r"\s*[\"“‘']?(?:this|that|these|those|such|but|yet|still)\b", re.IGNORECASE)
# A news dateline ("INDIANAPOLIS - ", "BUFFALO, N.Y - ") says where the story was filed, not what it claims.
_DATELINE = re.compile(r"[A-Z][A-Z.'’]{3,}(?: [A-Z][A-Z.'’]+)*(?:, [A-Z][A-Za-z.]+)? ?[-–—]{1,2} (?=[A-Z])")
# A sentence that opens on a date ("On 20 September 1943, my great uncle…") tells a story.
_DATED = re.compile(
    r"\W*(?:on|in|by|during)\s+(?:\d{1,2}\s+)?(?:(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)\b[\s\d,]*|\d{4}\b)",
    re.IGNORECASE,
)
# A thesis is neither an illustration nor a sentence that ends by pointing back ("…better than that.").
_EXAMPLE = re.compile(r"\b(?:for (?:example|instance)|e\.g\.)", re.IGNORECASE)
# A bare noun phrase ("The colour of Coca-Cola.", "A question of trust.") names a topic; it claims nothing.
_NOUN_PHRASE = re.compile(
    r"\W*(?:the|a|an)\s+[\w'’-]+\s+of\s+(?:(?:the|a|an|our|their|his|her|its|my|your)\s+)?[\w'’-]+(?:\s+[\w'’-]+)?"
    r"[.!]?[\"'”’)]*\s*$",
    re.IGNORECASE,
)
# A saying quoted for colour ("As they say back home in Tennessee…", "As the saying goes…") is not the author's
# own claim, however well it matches the title.
_SAYING = re.compile(r"\W*as (?:(?:we|they|people|folks|the \w+) (?:say|put it)|the saying goes)\b", re.IGNORECASE)
_ENDS_ON_REFERENCE = re.compile(
    r"\b(?:than|like|of|to|with|from|about|on|by|for)\s+(?:that|this|these|those)[.!]?[\"'”’)]*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Passage:
    """A contiguous run of segments chosen as the thesis or a claim."""

    first: int  # index of the first segment
    last: int  # index of the last segment (== first unless merged with a predecessor)
    start: int
    end: int
    score: float
    paragraph: int


@dataclass(frozen=True, slots=True)
class Choice:
    """A selected claim with what selection learnt about it."""

    passage: Passage
    kind: Kind
    reasons: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Selection:
    thesis: Choice | None
    arguments: tuple[Choice, ...]


def argument_count(words: int) -> int:
    """More claims for longer readings, never more than a poll can hold."""
    return max(MIN_ARGUMENTS, min(MAX_ARGUMENTS, 3 + words // 500))


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in lexicon.STOPWORDS)


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= DUPLICATE_JACCARD or shared / min(len(a), len(b)) >= 0.85


def _start(document: Document, index: int) -> int:
    """Where a passage opening on segment ``index`` starts: after a dateline, if it has one."""
    seg = document.segments[index]
    dateline = _DATELINE.match(document.text, seg.start, seg.end)
    return dateline.end() if dateline else seg.start


def _passages(
    document: Document, features: Sequence[Features], scores: Sequence[float], *, claims: bool = False
) -> list[Passage]:
    """One candidate per eligible segment, widened to its predecessor when it leans on it (for ``claims``,
    only when it cannot be read alone once its opening conjunction is dropped)."""
    out = []
    segs = document.segments
    for i, (seg, f) in enumerate(zip(segs, features, strict=True)):
        if not f.eligible:
            continue
        first = i
        # A paragraph may open by leaning on the last one ("Yet the problem is a deep one."): the
        # passage then spans the paragraph break, still verbatim.
        # Across a paragraph break only a short sentence is merged: a long one stands on its own.
        # As an argument, a sentence that reads alone once its opening "But"/"So" is dropped is not merged
        # at all: two sentences run together read as one long claim where the second was the point. (The
        # thesis keeps the wider passage: on the editorial labels, splitting cost train T@1 0.397 -> 0.370.)
        same_paragraph = segs[i - 1].paragraph == seg.paragraph if i > 0 else False
        sentence = document.span(seg)
        if (
            f.leans
            and not (claims and (_reads_alone(sentence) or _TURNS_TO_NEW_POINT.match(sentence)))
            and features[i - 1].eligible
            and not features[i - 1].others_view
            and not (claims and features[i - 1].question)
            and (same_paragraph or (f.words <= 20 and _CARRIES_ACROSS.match(sentence)))
            and seg.end - segs[i - 1].start <= MAX_MERGED_CHARS
        ):
            first = i - 1
        if claims and first < i and f.words <= MAX_FILLER_WORDS and _FILLER.match(sentence):
            # "…strip citizenship from terrorist traitors. This is not an imaginary threat.": the short second
            # sentence only vouches for the first, which is the claim a reader would list, with its weight.
            prior = segs[first]
            out.append(Passage(first, first, _start(document, first), prior.end, scores[i], prior.paragraph))
            continue
        out.append(Passage(first, i, _start(document, first), seg.end, scores[i], seg.paragraph))
    return out


# A short sentence that only vouches for the one before ("This is not an imaginary threat.", "It is better than
# anything they could have hoped for."): the claim is the sentence before, alone.
MAX_FILLER_WORDS = 10
_FILLER = re.compile(
    r"\s*[\"“‘']?(?:this|that|it|these|those)(?:['’]s|\s+(?:is|was|are|were|will|would|seems|sounds))\b"
    r"(?!\s+(?:why|how|because)\b)",
    re.IGNORECASE,
)
# "That said, there is also a wider side to this.": a turn to another point, never glued to the sentence before.
_TURNS_TO_NEW_POINT = re.compile(
    r"\s*(?:that said|having said (?:all )?that|all the same|that being said|even so)\b", re.IGNORECASE
)


_PREDICTIVE_KIND = re.compile(
    r"(?<![\w’'])(?:will|won't|going to|(?<!less )(?<!more )likely to|bound to|in the future|"
    r"in years to come)(?![\w’'])",
    re.IGNORECASE,
)
# Causes as verbs and connectives: "probable cause" or "the causes of" name a cause without claiming one.
_CAUSAL_KIND = re.compile(
    r"(?<![\w’'])(?:because|due to|owing to|lead(?:s|ing)? to|led to|result(?:s|ed|ing)? in|as a result|"
    r"caus(?:es|ed|ing)(?! of)|thanks to|contribut(?:es|ed|ing) to|responsible for|effects? (?:of|on)|"
    r"impacts? (?:of|on)|help(?:s|ed|ing)?|enabl(?:e|es|ed|ing)|allow(?:s|ed|ing)?|prevent(?:s|ed|ing)?|"
    r"(?:the|a|one|main|first|second|third|other|another) reasons?(?: why| for| is)?)(?![\w’'])",
    re.IGNORECASE,
)
_NORMATIVE_KIND = re.compile(
    r"(?<![\w’'])(?:(?:no|the|every) (?:moral )?right to|ought|(?:might|may) (?:want|wish) to|would be wise to)"
    r"(?![\w’'])",
    re.IGNORECASE,
)
# "It must be infuriating", "they must have known": an inference about what is, not what ought to be.
_EPISTEMIC_MUST = re.compile(
    r"\bmust (?:have \w+|be \w+ing\b|be (?:so |very |quite )?(?:true|right|wrong|obvious|clear|hard|difficult|"
    r"easy|galling|tempting|strange|odd|nice|awful|terrible|tough)\b)",
    re.IGNORECASE,
)
# "A great deal of…" is an amount, "just hours before" a time, "right now" a moment, "more than six million"
# and "five times as much" are figures: not judgements.
_NOT_JUDGEMENT = re.compile(
    r"\ba (?:great|good) (?:deal|number|amount|many|majority|part)\b|\bjust\b|\bright(?! to\b)\b|"
    r"\b(?:more|less|fewer) than (?:\$?\d|a (?:third|quarter|half|dozen|hundred|thousand|million|billion)\b|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twice|half|double)\b)|\b\w+ times as (?:much|many)\b",
    re.IGNORECASE,
)
# "…is crystal clear", "it is obvious": the author vouching for a judgement.
_PLAINLY = re.compile(
    r"\b(?:crystal clear|(?:is|are|seems|was) (?:\w+ )?(?:clear|obvious|evident|plain|undeniable))\b", re.IGNORECASE
)
# Words of someone else's statement that the reporting list leaves out ("The mayor also alleged…").
_REPORTED = re.compile(
    r"\b(?:alleged|alleges|accused|accuses|admitted|acknowledged|warned|predicted|promised|vowed|testified|"
    r"proclaimed|conceded|denied|denies|responded|countered|maintained|urged|recalled|confirmed|threatened|"
    r"denounced|denounces|condemned|condemns|acknowledges|proposes|expects|proposed (?:to|that|\w+ing)|"
    r"arguing that|telling (?:the|him|her|them|us|me|reporters)|points? out|pointed out|contends|contended|"
    r"agreed that|went on to (?:argue|say|claim|write)|(?:expressed|voiced) (?:\w+ )?(?:opposition|support|concern|"
    r"doubts?))\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
# "I am shocked…", "I feel sick": the author's feeling, which nobody can dispute; "I am convinced that…" is a
# stance.
_FEELING = re.compile(
    r"^\W*(?:i|we)(?:['’]m| am| was| were| feel| felt| have been)\b(?!\s+(?:not\s+)?(?:sure|certain|convinced|"
    r"confident|persuaded|clear|right|wrong|against|for|opposed|in favou?r))",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"[$£€%]|\d[\d,.]*")
_I_SAY = re.compile(r"\b(?:i|we)(?:['’]d| would) say\b", re.IGNORECASE)
_OWN = re.compile(r"\b(?:i|we|my|our|me)\b", re.IGNORECASE)  # "personally" alone is anyone's
# Someone else's position in words the reporting lists leave out: a spokesman's or an office's view ("X's people
# insist…", "Downing Street's view is that…", "the report concludes that…"), an argument reported as it goes on
# ("he is arguing: …"), a poll's share of people ("35 percent of voters think…").
_OTHERS_POSITION = re.compile(
    r"\b[\w.]+['’]s (?:people|camp|team|aides|allies|advisers|officials|view|position|line|argument|case|thinking)"
    r" (?:is|are|insist|say|believe|think|maintain|argue|claim|hold|contend)\b|"
    r"\b(?:officials|spokes(?:man|woman|person|people)|aides|advisers|ministers|sources|the (?:report|study|"
    r"committee|inquiry|review|campaign|administration|white house|kremlin))\b[^.;:!?]{0,30}?\b(?:thinks?|"
    r"believes?|insists?|contends?|maintains?|conclude[sd]?|argues?|suggests?|hopes?|wants?)\b|"
    r"\b(?:is|are|was|were) (?:arguing|saying|claiming|suggesting|insisting|telling us|describing)\b|"
    r"\b(?:some|others|many|critics) (?:have|had) (?:also |long |even )?(?:suggested|argued|claimed|said|insisted|"
    r"contended)\b|\b(?:ruled|determined) that\b|"
    # "Some foie gras lovers argue…", "Economists think…": a group's view that the others'-view list does not name.
    r"\b(?:some|many|most) (?:[\w-]+ ){1,3}(?:argue|claim|insist|contend|maintain)\b|"
    r"^\W*(?:economists|experts|scientists|analysts|historians|researchers|officials|campaigners|activists|"
    r"doctors|lawyers|investors|markets|pollsters) (?:\w+ )?(?:think|believe|argue|say|claim|warn|insist|agree|"
    r"predict|expect|fear|reckon)\b|"
    r"\b(?:\d[\d.,]*\s*(?:%|percent|per cent)|(?:a|the) (?:majority|minority|third|quarter|half) of)\b[^.;]{0,60}?"
    r"\b(?:thinks?|believes?|says?|supports?|opposes?|wants?|favou?rs?)\b",
    re.IGNORECASE,
)
# "Kim didn't even have to come to…": what was not needed in the past is a fact, not a norm; "Labor needs a swing of
# 12.5% to…", "has to win 20 seats": a requirement measured in figures is arithmetic.
_NOT_NORM = re.compile(
    r"\b(?:didn['’]t|did not|never)(?: even)? (?:have|need) to\b|"
    r"\b(?:needs?|has to|have to)\b(?=[^.;]{0,40}?\d)",
    re.IGNORECASE,
)
# An imperative the lexicon cannot see: "Please concentrate on…", "Don't stand for it", "My advice is this: Keep up
# the pressure."
_IMPERATIVE = re.compile(
    r"^\W*(?:please\b|(?:do not|don['’]t) (?!know\b|think\b)\w+)|"
    r"\bis this:\s*(?:keep|stop|start|do|don['’]t|let|make|give|take|get|be|vote|ask|look)\b",
    re.IGNORECASE,
)
# "The real curse is…", "this is basic common sense", "make no mistake": the author's judgement in plain words.
_PLAIN_JUDGEMENT = re.compile(
    r"\bthe (?:real|true) (?!estate\b)[\w-]+(?: [\w-]+)? (?:is|are|lies|was)\b|\bcommon sense\b|"
    r"\bmake no mistake\b|\bno (?:excuse|justification)\b|\bit(?:['’]s| is) (?:high |about |past )?time\b",
    re.IGNORECASE,
)


def classify(text: str) -> Kind:
    """The kind of claim, by its strongest marker: what should be, what will be, what causes what,
    what is good or bad; anything else is a claim of fact."""
    if (
        lexicon.NORMATIVE.search(_NOT_NORM.sub("", _EPISTEMIC_MUST.sub("", text)))
        or _NORMATIVE_KIND.search(text)
        or _IMPERATIVE.search(text)
    ):
        return "normative"
    if _PREDICTIVE_KIND.search(text):
        return "predictive"
    if _CAUSAL_KIND.search(text):
        return "causal"
    judged = _NOT_JUDGEMENT.sub("", text)
    if (
        lexicon.EVALUATIVE.search(judged)
        or lexicon.JUDGEMENT.search(judged)
        or lexicon.COMPARATIVE.search(judged)
        or lexicon.STANCE.search(judged)
        or _PLAINLY.search(judged)
        or _PLAIN_JUDGEMENT.search(judged)
    ):
        return "evaluative"
    return "factual"


def _report_at(text: str) -> int | None:
    """Where ``text`` first reports someone else's words, acts or position, if it does."""
    lowered = text.lower()
    # As whole words: "told" inside "Untold", "says" inside "essays" would place the report too early.
    whole = (
        re.search(rf"(?<![\w’']){re.escape(w.lower())}(?![\w’'])", lowered) for w in lexicon.REPORTING.findall(text)
    )
    found = [m.start() for m in whole if m is not None]
    found += [
        m.start()
        for m in (_REPORTED.search(text), lexicon.OTHERS_VIEW.search(text), _OTHERS_POSITION.search(text))
        if m is not None
    ]
    found = [at for at in found if at >= 0]
    return min(found) if found else None


def arguable(text: str, kind: Kind) -> bool:
    """Whether a circle could disagree with ``text`` as the author's own claim: a judgement, a norm, a cause
    or a forecast in the author's voice. A fact, a figure, a past event told, or someone else's statement
    may support a claim but is not one to argue about, even when a causal or predictive word occurs in it
    ("The mayor alleged…", "In 2002 he was reinstated after…")."""
    if kind == "factual":
        return False
    own = _QUOTATION.sub("", text)  # the writer's own words
    judged = _NOT_JUDGEMENT.sub("", own)
    in_own_voice = bool(
        lexicon.STANCE_VERB.search(own) or _I_SAY.search(own) or (lexicon.STANCE.search(own) and _OWN.search(own))
    )
    takes_side = bool(
        in_own_voice
        or lexicon.NORMATIVE.search(_NOT_NORM.sub("", _EPISTEMIC_MUST.sub("", own)))
        or _PLAINLY.search(judged)
        or _PLAIN_JUDGEMENT.search(judged)
    )
    judges = takes_side or bool(
        lexicon.EVALUATIVE.search(judged) or lexicon.JUDGEMENT.search(judged) or lexicon.COMPARATIVE.search(judged)
    )
    # A report stays a report when the "we should" is inside it ("Os Guinness argued that we should embrace…" is
    # his claim); the author's "I think…" or "I'd say…", or a side taken in the first person before the report ("We
    # have to be wary of claims that…"), makes it the author's.
    report = _report_at(own)
    first_person = _OWN.search(own)
    if report is not None and not (in_own_voice or (takes_side and first_person and first_person.start() < report)):
        return False
    if _FEELING.match(own):
        return False
    if lexicon.NARRATIVE.search(own) and not judges:
        return False  # a past event told, however causal its wording
    figures = len(_FIGURE.findall(own))
    return not (figures >= 2 and not takes_side)


# A "since" of time rather than of reason: "since 2013", "ever since", "has grown since the war".
_TEMPORAL_SINCE = re.compile(
    r"\bever since\b|\bsince (?:the )?(?:(?:early|late|mid-?)\s*)?(?:\d|then\b|last\b|january|february|march|april|"
    r"may\b|june|july|august|september|october|november|december|the (?:start|end|beginning|days?|time|war)\b|"
    r"world war|childhood|birth)",
    re.IGNORECASE,
)
_PERFECT = re.compile(r"\b(?:has|have|had)(?: not| never)? (?:been|\w+ed|grown|become|seen|done|known|risen|fallen)\b")
# The connectives that say "what follows supports what precedes": in the claim itself ("X because Y",
# "Because Y, X") or opening the next sentence ("After all, …", "That is because…", "For example, …").
_SUPPORT_CLAUSE = re.compile(r"(?<![\w’'])(?:because|since|given that)(?![\w’'])", re.IGNORECASE)
_SUPPORT_NEXT = re.compile(
    r"\s*[\"“‘']?(?:because|since|after all|(?:this|that)(?: is|['’]s) because|the reason (?:is|being)|"
    r"for (?:example|instance))\b",
    re.IGNORECASE,
)
# A claim drawn from the sentence before it ("Therefore, …"): that sentence is its reason.
_DRAWN = re.compile(r"\s*(?:therefore|thus|hence|consequently|accordingly|as a result)\b", re.IGNORECASE)
MIN_REASON_WORDS = 4


def _temporal(sentence: str, at: int) -> bool:
    """``sentence`` has a "since" of time at ``at`` (or a perfect tense before it: "has grown since…")."""
    if not sentence[at:].lower().startswith("since"):
        return False
    window = sentence[max(0, at - 5) :]
    return bool(_TEMPORAL_SINCE.match(window) or _TEMPORAL_SINCE.match(sentence[at:])) or bool(
        _PERFECT.search(sentence[:at])
    )


def _reasons(document: Document, features: Sequence[Features], passage: Passage) -> tuple[Span, ...]:
    """Verbatim support the text itself marks as support, on the side it supports: the claim's own
    "because…" clause, the next sentence when it opens with "After all"/"That is because"/"For example",
    or the sentence before a claim that opens with "Therefore". Never a "since" of time, never a reason
    of fewer than MIN_REASON_WORDS words."""
    text = document.text
    segs = document.segments
    found: list[Span] = []
    claim = text[passage.start : passage.end]
    for clause in _SUPPORT_CLAUSE.finditer(claim):
        if _temporal(claim, clause.start()):
            continue
        span = _own_reason(claim, clause.start())
        if span is not None:
            start, end = passage.start + span[0], passage.start + span[1]
            found.append(Span(text[start:end], start, end))
        break
    after = passage.last + 1
    if after < len(segs) and segs[after].paragraph == passage.paragraph and features[after].eligible:
        sentence = text[segs[after].start : segs[after].end]
        opening = _SUPPORT_NEXT.match(sentence)
        if opening and not _temporal(sentence, opening.end() - len("since")):
            found.append(Span(sentence, segs[after].start, segs[after].end))
    before = passage.first - 1
    if (
        before >= 0
        and _DRAWN.match(text, segs[passage.first].start)
        and segs[before].paragraph == segs[passage.first].paragraph
        and features[before].eligible
        and not features[before].question
    ):
        found.append(Span(text[segs[before].start : segs[before].end], segs[before].start, segs[before].end))
    kept = [r for r in found if len(r.text.split()) >= MIN_REASON_WORDS]
    return tuple(kept[:MAX_REASONS])


def _own_reason(claim: str, at: int) -> tuple[int, int] | None:
    """Offsets in ``claim`` of the "because…" clause it gives for itself, if that is a proper part of it.

    "X, because Y." gives "because Y"; "Because Y, X." gives "Because Y" (the clause ends at the comma);
    when no main claim would be left outside the clause, there is no separate reason to show."""
    body_end = len(claim.rstrip().rstrip(".!?;:\"'”’"))
    lead = len(claim) - len(claim.lstrip(" \"“‘'"))
    if at <= lead:  # "Because Y, X": the reason is the opening clause, up to its comma
        comma = claim.find(",", at)
        if comma < 0 or len(claim[comma + 1 : body_end].split()) < 4:
            return None
        start, end = at, comma
    else:
        start, end = at, body_end
        if len(claim[:at].split()) < 4:
            return None
    if len(claim[start:end].split()) < 4:
        return None
    return start, end


def _sections(document: Document, n: int) -> dict[int, int]:
    """Paragraph index -> section number. Headings start sections; without them a long reading is cut
    into runs of paragraphs of about WORDS_PER_SECTION words, so claims can be spread over all of it."""
    words = [len(document.text[p.start : p.end].split()) for p in document.paragraphs]
    total = sum(words)
    k = min(n, max(1, math.ceil(total / WORDS_PER_SECTION)))
    if k == 1:
        return {p.index: 0 for p in document.paragraphs}
    headed = sum(1 for p in document.paragraphs[1:] if p.is_heading)
    section, seen, out = 0, 0, {}
    for p, w in zip(document.paragraphs, words, strict=True):
        if headed >= 2:
            if p.is_heading and p.index > 0:
                section += 1
        elif seen >= (section + 1) * total / k:
            section += 1
        out[p.index] = section
        seen += w
    return out


def _within_paragraph(document: Document, p: Passage) -> Passage:
    """``p`` without a predecessor it borrowed from the paragraph before: a thesis never spans a break."""
    if document.segments[p.first].paragraph == p.paragraph:
        return p
    return Passage(p.last, p.last, _start(document, p.last), document.segments[p.last].end, p.score, p.paragraph)


def _can_be_thesis(document: Document, features: Sequence[Features], p: Passage) -> bool:
    """A thesis is the reading's own statement and stands on its own: never a question, never mostly
    someone else's words nor a report of what someone said ("Guinness argued that…"), never an example
    ("David Cameron, for example…"), never a fragment of a few words, a bare noun phrase or a saying quoted
    for colour ("As they say back home…"), never opening or ending on a reference to a sentence it does
    not include ("Which is why…", "…better than that."); a contrast ("But I believe…") stands on its own."""
    opening = features[p.first]
    text = document.text[p.start : p.end]
    if _EXAMPLE.search(text) or _ENDS_ON_REFERENCE.search(text) or len(_WORD.findall(text.lower())) < MIN_THESIS_WORDS:
        return False
    if not stands_alone(text) or _DATED.match(text) or _NOUN_PHRASE.match(text) or _SAYING.match(text):
        return False
    return not (opening.leans and not opening.contrast) and not any(
        features[i].question
        or features[i].quoted >= MAX_THESIS_QUOTED
        or (features[i].others_view and not features[i].stance)
        or (features[i].reported and not features[i].first_person)
        for i in range(p.first, p.last + 1)
    )


# A conjunction a sentence may open on and still stand alone once it is dropped ("So Hollywood loves…").
# "Or"/"Nor" is left on: "Or there could be two-year courses" offers an alternative to what came before.
_OPENING_CONJUNCTION = re.compile(r"\s*[\"“‘']?(?:and|but|so|yet|still)\b[\s,]*(?:of course,?\s*)?", re.IGNORECASE)
# Openings that point at something the passage does not hold: a bare pronoun, a demonstrative, a
# comparison with what came before ("The opposite is true of Cameron.", "that number", "the latter").
_POINTS_BACK = re.compile(
    r"[\"“‘']?(?:(?:he|she|they|them|his|her|their|its|or|nor)\b|(?:this|that|these|those|such)\b(?!\s+(?:is|are)\s+"
    r"(?:not\s+)?(?:because|why|how)\b)|(?:that|this)['’]s\b|the (?:opposite|same|reverse|latter|former|"
    r"other)\b|it\b(?!\s*(?:is|was|would be|will be|seems|seemed|appears|may be|might be|could be|has been|"
    r"should be|must be|would have|will have|remains|becomes|makes|takes|['’]s)\s))",
    re.IGNORECASE,
)
# What is not the author's claim however it reads: an editor's note, an exclamation ("Oh, the brilliance
# of…!", "What a triumph!"; a call to action with "!" is a claim), a blessing, the author's own
# advertising, and a description the author reports in order to reject it ("…has been described as…").
_NOT_A_CLAIM = re.compile(
    r"^\W*(?:editor['’]?s?['’]? note|oh\b|ah\b|wow\b|ho\b|ha\b|hey\b|alas\b|hurrah\b|may god\b|god bless\b)|"
    r"\brest in peace\b|"
    r"^\W*(?:what an?|how)\b[^.?]*!\W*$|"
    r"\b(?:my|our) (?:(?:new|latest|forthcoming|recent|bestselling|best-selling|award-winning)\s+)+"
    r"(?:book|novel|film|documentary|podcast|show|memoir)\b|"
    r"\b(?:been|being|is|are|was|were) (?:described|characteri[sz]ed|portrayed|labell?ed|branded|dubbed) as\b|"
    # A topic announced, not a claim made: "X has significant implications for Y", "There are other examples".
    r"\b(?:has|have|had|carries|carry) (?:\w+ ){0,2}(?:implications|ramifications) (?:for|on)\b[^,;]*[.!]?\W*$|"
    r"^\W*(?:it|this|that) is (?:also |partly |really )?(?:a|an) (?:question|matter) of (?:what|who|how|whether)\b|"
    r"^\W*there (?:are|is|were) (?:(?:many|several|other|more|further|plenty of)\s+)+(?:examples?|cases|instances)"
    r"(?: too| as well)?\W*$|"
    # An aside on the author's delight ("I adore the way that…") and a set-up for what follows ("Europe exemplifies
    # the problem, but it runs deeper.", "A second condition should be…", one item of a list said before).
    r"^\W*i (?:(?:just|really|simply|do) )?(?:adore|love|enjoy|relish|admire) (?:the way|how|it when)\b|"
    r"\b(?:exemplif(?:y|ies)|illustrates?|typif(?:y|ies)|sums? up) (?:the|this|that|our) (?:problem|point|issue|"
    r"dilemma|trend|danger)\b|\bbut (?:it|this|that|the (?:problem|issue|rot)) (?:runs|goes|is) (?:much |far )?"
    r"(?:deeper|further|wider)\W*$|"
    r"^\W*(?:a|the|my) (?:second|third|fourth|fifth|further|final|next|last) (?:condition|step|reform|measure|"
    r"lesson|point|reason|priority|requirement|principle|change|proposal|way)s? (?:should|must|would|will)\b|"
    r"^\W*the (?:first|second|third|other|last|final)(?: one)? (?:is|was)\b|^\W*not to mention\b|"
    r"^\W*(?:first|second|third|fourth|fifth|finally|lastly),? that\b|"
    # The author's own plans ("And I won't check the bill.", "I plan to drop by…"): a flourish, not a claim.
    r"(?:^\W*(?:and |so |but )?|^\W*(?:the )?next time\b[^,]*,\s*)"
    r"i(?:['’]ll| will| won['’]t| will not| plan to| intend to)\s+"
    r"(?!(?:not |never |always )?(?:argue|accept|support|oppose|vote|defend|fight|stand)\b)|"
    r"\b(?:next|new|latest|forthcoming) (?:book|novel|film|album|series)\b[^.]*\b(?:is|are) (?:out|published|"
    r"available)\b",
    re.IGNORECASE,
)
# A subordinate clause with no main clause after it ("Because the administration has already gone down a dangerous
# path…"): the sentence it introduces is missing.
_CLAUSE_ALONE = re.compile(r"^\W*(?:because|although|though|whereas|unless|since)\b[^,;:—–]*$", re.IGNORECASE)
MIN_CLAIM_WORDS = 4
# "also"/"too" in the first words after an opening conjunction adds to something said before.
_ADDS_TO = re.compile(r"\W*(?:\S+\s+){0,3}?(?:also|too|as well)\b", re.IGNORECASE)


def stands_alone(text: str) -> bool:
    """Whether a passage reads as a claim of the author's without the sentences around it: it is more than a
    few words, it does not open by pointing back at something it does not hold, and it is not an editor's
    note, an exclamation, a blessing, an advertisement or a description reported in order to be rejected."""
    conjunction = _OPENING_CONJUNCTION.match(text)
    rest = text[conjunction.end() :] if conjunction else text
    if len(lexicon.SCAFFOLD_PREFIX.sub("", rest).split()) < MIN_CLAIM_WORDS:
        return False  # "Ho, ho, ho, America!", "The first reason is access."
    if conjunction and conjunction.group().strip() and _ADDS_TO.match(rest):
        return False  # "But there can also be pitfalls.": one more of something said before
    return not (_POINTS_BACK.match(rest.lstrip()) or _NOT_A_CLAIM.search(text) or _CLAUSE_ALONE.match(rest))


def _reads_alone(sentence: str) -> bool:
    """A sentence that opens on a conjunction ("But the problem runs deeper…") but says all it needs once that
    is dropped, rather than pointing back ("It is an empire in terminal decline.")."""
    conjunction = _OPENING_CONJUNCTION.match(sentence)
    if not conjunction or not conjunction.group().strip():
        return False
    rest = sentence[conjunction.end() :]
    return stands_alone(sentence) and not lexicon.LEANS_ON_PREVIOUS.match(rest)


def _reports_another(text: str, own: bool) -> bool:
    """The passage reports what someone else said or did ("The mayor also alleged…") rather than
    claiming anything in the author's own voice (``own``: ``arguable`` said it does)."""
    return not own and _report_at(text) is not None


_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# A sentence that opens on when something happened ("Last week, …", "On Friday, …", "Since 2012, …", "In
# 1961, …", "Two years ago, …") tells a news event or a story.
_WHEN = re.compile(
    rf"\W*(?:(?:late |early )?(?:last|this|earlier this|later this|until last)\s+(?:week|weekend|month|year|"
    rf"spring|summer|autumn|fall|winter|{_DAY})\b|(?:on|by|since|in|during|until|as of)\s+(?:(?:early|late|mid-?)"
    rf"\s*)?(?:the\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}|{_DAY}|\d{{4}}s?\b)|yesterday\b|"
    rf"(?:over|for|in) the (?:past|last) (?:\w+ )?(?:years|months|weeks|days|decades)\b|"
    rf"(?:\w+ )?(?:years|months|weeks|days) ago\b|"
    # An opening phrase that dates what follows ("During the oil price decline of the 1980s, …", "In a moment of
    # pique during last week's address, …", "In a recent speech, …").
    rf"(?:during|in|after|before|since|by|throughout|following|until|at)\b[^,.;:]{{0,60}}?"
    rf"(?:\b\d{{4}}s?|['’]?\b\d0['’]?s|\b(?:last|this|earlier this) (?:week|month|year|{_DAY})(?:['’]s)?|"
    rf"\brecent(?:ly)?)\b[^,.;:]{{0,40}},|"
    rf"recently,)",
    re.IGNORECASE,
)
# A verb of the past, rough but enough after a date: "…was exposed", "…broke a major story".
_PAST = re.compile(r"\b(?:\w{3,}ed|broke|found|told|began|won|lost|saw|met|left|fell|rose|said)\b", re.IGNORECASE)
# A news event placed in time anywhere in the sentence ("…created a firestorm earlier this week").
_NEWS_TIME = re.compile(
    rf"\b(?:(?:earlier|late|later) this (?:week|month)|last (?:week|month|{_DAY})(?:['’]s)?|yesterday|"
    rf"on {_DAY}|{_DAY} (?:night|morning|afternoon|evening)|tonight)\b",
    re.IGNORECASE,
)

# A finding reported ("The Pew survey found that 57 percent…", "Census data show…").
_RESEARCH = re.compile(
    r"\b(?:survey|study|poll|report|research|data|figures|statistics|census|analysis)\b[^.;]{0,60}?"
    r"\b(?:found|finds|show|shows|showed|revealed|reveals|estimated|estimates|concludes|concluded|identified|"
    r"identifies|indicates|indicated)\b",
    re.IGNORECASE,
)


def _concedes(document: Document, features: Sequence[Features], p: Passage) -> bool:
    """The passage grants a point the author is about to turn against: it opens by granting ("It is
    certainly true that…", "Admittedly, …") or grants one ("…certainly…") and the next sentence of its
    paragraph turns ("But…", "However…")."""
    text = document.text[p.start : p.end]
    if lexicon.GRANTS.search(text) or lexicon.GRANTS.search(_after_connective(text)):
        return True  # "So I can see how some Christians might find…" grants as much as "I can see how…"
    after = p.last + 1
    segs = document.segments
    return (
        after < len(segs)
        and segs[after].paragraph == segs[p.last].paragraph
        and bool(lexicon.GRANTING.search(text))
        and bool(lexicon.CONTRAST_START.match(document.span(segs[after])))
    )


def _background(text: str, kind: Kind, own: bool) -> bool:
    """A fact, a figure or an event told that the author does not judge in the same breath: context for a
    claim, not one of the claims ("In 1961, the Commerce Department valued…", "Since 2012, the party has lost
    two seats…", a death count). ``kind`` and ``own`` are what ``classify`` and ``arguable`` said of it."""
    when = _WHEN.match(text)
    if when:
        # Judged by what follows the date ("the oil price decline of the 1980s" judges nothing): an event told,
        # even with its cause ("…the president reminded Republicans he cannot run again because…"), is background.
        rest = text[when.end() :]
        rest_kind = classify(rest)
        if rest_kind != "normative" and (lexicon.NARRATIVE.search(rest) or _PAST.search(rest)):
            return True  # an event told, however it is judged ("In 2014, illustrating the farce…, X was exposed")
        return rest_kind in ("factual", "causal") or not arguable(rest, rest_kind)
    if _RESEARCH.search(text):
        return not own
    if _NEWS_TIME.search(text) and kind in ("factual", "causal"):
        return True
    # One past-tense word ("…someone who thinks Hitler had a point") does not make a story: two do.
    return kind == "factual" and (
        len(_FIGURE.findall(_QUOTATION.sub("", text))) >= 2 or len(lexicon.NARRATIVE.findall(text)) >= 2
    )


def _in_quotation(document: Document, index: int) -> bool:
    """Segment ``index`` is part of a quotation that runs over more than one sentence or paragraph: its
    paragraph has opened a quotation mark before it that is not yet closed, or it opens one it does not close
    ("“The President does not have power under the Constitution to…"), or closes one it did not open.
    Someone else's words, however they read: the per-sentence share of quoted words cannot see them."""
    seg = document.segments[index]
    before = document.text[document.paragraphs[seg.paragraph].start : seg.start]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return True
    own = document.text[seg.start : seg.end].strip()
    opens = (own.startswith("“") and "”" not in own) or (own.startswith('"') and own.count('"') == 1)
    closes = own.count("”") > own.count("“")  # the end of a quotation opened in an earlier paragraph
    return opens or closes


def _standing(document: Document, features: Sequence[Features], p: Passage) -> int:
    """How a passage serves as one of the key arguments. 0: the author's own arguable claim. 1: a statement
    the lexicon cannot call a judgement that may still be one ("Fossil fuels are no catastrophe."). 2: not a
    claim a reader would list, never taken: a question, a view of others, a report of someone's words, a
    passage that cannot be read on its own, mostly someone else's words in quotation marks, a point granted
    before a turn, a view set up to be rejected, or background (``_background``). A reading with few arguable
    claims gets fewer arguments, not padding."""
    text = document.text[p.start : p.end]
    if (
        features[p.last].others_view
        or features[p.last].question
        or any(features[i].quoted >= MAX_QUOTED or _in_quotation(document, i) for i in range(p.first, p.last + 1))
        or not stands_alone(text)
        or _ENDS_ON_REFERENCE.search(text)  # "Tony Judt is great to read on this."
        or _EXAMPLE.search(_after_connective(text)[:EXAMPLE_OPENING])  # "For example, …", "Harris, for instance, …"
        or _NOUN_PHRASE.match(text)  # "The colour of Coca-Cola."
        or _SAYING.match(text)  # "As they say back home in Tennessee…"
        or lexicon.SET_UP_VIEW.search(_after_connective(text))
        or _concedes(document, features, p)
    ):
        return 2
    kind = classify(text)
    own = arguable(text, kind)
    if _reports_another(text, own) or _background(text, kind, own):
        return 2
    return 0 if own else 1


# A connective that ties a sentence to the one before ("Furthermore, ", "And, of course, ", "But ", "Having said
# that, "): dropped from the start of an argument's span so the argument reads alone. "So long", "Still more",
# "Now is" are words of the claim, not connectives: the adverbs go only before a comma.
_LEADING_CONNECTIVE = re.compile(
    r"(?:(?:and|but|yet|so(?!\s+(?:long|far|much|many|that|too)\b)|furthermore|moreover|besides|additionally|"
    r"in addition|however|nevertheless|nonetheless|therefore|thus|hence|consequently|accordingly)\b\s*,?\s*|"
    r"(?:still|now|then|also|indeed|in fact|of course|after all|again|plus|having said (?:all )?that)\s*,\s*)+",
    re.IGNORECASE,
)

# What is left still needs the connective: "And then there's…", "But also…", "So too…".
_STILL_LEANS = re.compile(r"(?:then|also|too|again|even|not|only|if|because)\b", re.IGNORECASE)


def _after_connective(text: str) -> str:
    """``text`` without an opening connective ("So ", "But, of course, "), for the tests anchored at its start."""
    found = _LEADING_CONNECTIVE.match(text)
    return text[found.end() :] if found else text


def _without_connective(document: Document, p: Passage) -> Passage:
    """``p`` starting after an opening connective, when what is left is still a claim that stands alone."""
    found = _LEADING_CONNECTIVE.match(document.text, p.start, p.end)
    if not found:
        return p
    rest = document.text[found.end() : p.end]
    # What is shown starts with a capital (``bot.text.as_sentence``); an aside in brackets is left as it was.
    if not (rest[:1].isalnum() or rest[:1] in "\"“‘'") or len(rest.split()) < MIN_CLAIM_WORDS:
        return p
    if not stands_alone(rest) or _STILL_LEANS.match(rest):
        return p
    return replace(p, start=found.end())


def _takes_a_stance(f: Features) -> bool:
    return bool(f.normative or f.stance or f.evaluative or f.comparative or f.conclusive) and not f.narrative


def _restatement(
    features: Sequence[Features], claims: Sequence[Passage], thesis_candidates: Sequence[Passage], thesis: Passage
) -> Passage | None:
    """The best thesis candidate in the introduction or conclusion outside the thesis's own paragraph, if it
    scores as a thesis at least RESTATEMENT_MIN (as the claim passage, with its claim score)."""
    best, best_score = None, RESTATEMENT_MIN
    thesis_side = features[thesis.last].intro
    for claim, candidate in zip(claims, thesis_candidates, strict=True):
        f = features[candidate.last]
        if candidate.paragraph == thesis.paragraph or not (f.intro or f.conclusion):
            continue
        if f.intro == thesis_side or f.others_view or f.question:
            continue
        if candidate.score > best_score:
            best, best_score = claim, candidate.score
    return best


def select(
    document: Document,
    features: Sequence[Features],
    claim_scores: Sequence[float],
    thesis_scores: Sequence[float],
    words: int,
) -> Selection:
    """Pick the thesis (best thesis score) and up to ``argument_count(words)`` claims."""
    claims = _passages(document, features, claim_scores, claims=True)
    if not claims:
        return Selection(None, ())
    thesis_candidates = [_within_paragraph(document, p) for p in _passages(document, features, thesis_scores)]
    # Ties go to the earlier passage: max() keeps the first maximum.
    fit = [p for p in thesis_candidates if _can_be_thesis(document, features, p)]
    thesis = max(fit or thesis_candidates, key=lambda p: p.score)
    if not _takes_a_stance(features[thesis.last]):
        # A thesis takes a position: a stance-bearing sentence that scores nearly as well is preferred to
        # a bare statement of fact or a piece of narration.
        stances = [p for p in fit if _takes_a_stance(features[p.last]) and p.score >= STANCE_MARGIN * thesis.score]
        if stances:
            thesis = max(stances, key=lambda p: p.score)
    thesis_words = _content_words(document.text[thesis.start : thesis.end])
    n = argument_count(words)
    sections = _sections(document, n)

    # A view the reading reports in order to answer it ("Critics say…") is not one of its own claims (it
    # feeds the steelman prompt instead), nor is a question, a concession or background (``_standing``).
    # Only a passage that could be taken is judged (the judging is the costliest part of selection).
    standing = {p: _standing(document, features, p) for p in claims if p.score >= MIN_CLAIM_SCORE}

    def weight(p: Passage) -> float:
        if standing[p] == 1:
            return p.score * UNMARKED_FACTOR
        return p.score * (PLAIN_JUDGEMENT_FACTOR if _PLAIN_JUDGEMENT.search(document.text[p.start : p.end]) else 1.0)

    ranked = sorted(
        (p for p, tier in standing.items() if tier < 2 and p.score >= (MIN_CLAIM_SCORE, MIN_UNMARKED_SCORE)[tier]),
        key=lambda p: (-weight(p), p.start),
    )
    chosen: list[Passage] = []
    chosen_words: list[frozenset[str]] = [thesis_words]
    taken_paragraphs: set[int] = {thesis.paragraph}
    taken_sections: set[int] = set()

    def admissible(p: Passage) -> frozenset[str] | None:
        if p.start < thesis.end and thesis.start < p.end:
            return None
        if any(p.start < c.end and c.start < p.end for c in chosen):
            return None
        cw = _content_words(document.text[p.start : p.end])
        if any(_near_duplicate(cw, other) for other in chosen_words):
            return None
        return cw

    def take(p: Passage, cw: frozenset[str]) -> None:
        chosen.append(p)
        chosen_words.append(cw)
        taken_paragraphs.add(p.paragraph)
        taken_sections.add(sections[p.paragraph])

    # The thesis stated again at the other end of the reading (the conclusion's restatement of the
    # introduction's stance, or the reverse) is its strongest claim after the thesis when it is not a
    # near-verbatim copy: it leads the arguments.
    restatement = _restatement(features, claims, thesis_candidates, thesis)
    if restatement is not None and standing.get(restatement, 2) == 2:
        restatement = None
    if restatement is not None:
        cw = admissible(restatement)
        if cw is not None:
            take(restatement, cw)
        else:
            restatement = None
    n_sections = len(set(sections.values()))
    if n_sections > 1:
        # First the best claim of each section, so a long reading is represented end to end.
        taken_sections.add(sections[thesis.paragraph])
        for p in ranked:
            if len(chosen) >= n or sections[p.paragraph] in taken_sections:
                continue
            cw = admissible(p)
            if cw is not None:
                take(p, cw)
    for one_per_paragraph in (True, False):
        for p in ranked:
            if len(chosen) >= n:
                break
            if one_per_paragraph and p.paragraph in taken_paragraphs:
                continue
            cw = admissible(p)
            if cw is not None:
                take(p, cw)
    # The author's own arguable claims first, strongest first: a statement the lexicon cannot judge follows.
    chosen.sort(key=lambda p: (p is not restatement, -weight(p), p.start))

    def choice(p: Passage) -> Choice:
        return Choice(p, classify(document.text[p.start : p.end]), _reasons(document, features, p))

    arguments = tuple(choice(_without_connective(document, p)) for p in chosen)
    return Selection(choice(thesis), arguments)
