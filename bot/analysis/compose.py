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
from bot.analysis.select import arguable, classify, stands_alone
from bot.text import as_sentence, shorten

QUOTE_LIMIT = 200  # characters of a claim quoted by ``quote`` unless told otherwise
PROMPT_LIMIT = 400  # a prompt stays comfortably readable (and far inside a message)
AGREEMENT_SCALE = ("Strongly agree", "Agree", "Not sure", "Disagree", "Strongly disagree")

_LOWERABLE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "there",
        "their",
        "they",
        "we",
        "our",
        "people",
        "many",
        "most",
        "some",
        "all",
        "any",
        "every",
        "each",
        "no",
        "one",
        "in",
        "on",
        "at",
        "for",
        "with",
        "without",
        "when",
        "while",
        "if",
        "although",
        "though",
        "because",
        "since",
        "as",
        "to",
        "by",
        "from",
        "of",
        "more",
        "less",
        "much",
        "few",
        "several",
        "both",
        "neither",
        "either",
        "such",
        "what",
        "how",
        "why",
        "today",
        "now",
        "modern",
    ]
)
_TRAILING = ".;:,—–- "
_CLOSING_QUOTES = "\"'”’»"
_GLUED_QUOTE = re.compile(r"(?<=\w)[\"“”«»](?=\w)")
_DOUBLE_QUOTES = re.compile(r"[\"“”«»]")
_SINGLE_QUOTE = re.compile(r"(?<!\w)['‘’]|['‘’](?!\w)")


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


_NOT_A_CLAUSE_START = re.compile(r"(?:of|about|so|for|to|with|on|in|\w+ly\s+that)\b", re.IGNORECASE)


def unframed(claim: str) -> str:
    """The claim without opening connectives, stance frame or scaffolding: "In conclusion, I believe that X"
    -> "X", "The second reason is that X" -> "X". What is left is the end of the claim, word for word."""
    text = " ".join(claim.split())
    for _ in range(4):
        stripped = lexicon.STANCE_PREFIX.sub("", lexicon.DISCOURSE_OPENER.sub("", text))
        stripped = lexicon.SCAFFOLD_PREFIX.sub("", stripped)
        if _NOT_A_CLAUSE_START.match(stripped):  # "I think of industry as…": the frame was the verb
            break
        if stripped == text:
            break
        text = stripped
    if len(text.split()) < 3:  # stripping left too little to stand alone
        text = " ".join(claim.split())
    return text


_INNER_FINAL_STOP = re.compile(r"[.,;:]+([\"'”’»]+)$")


def _tidy_end(text: str) -> str:
    """Drop the final full stop (and any dangling separator), keeping a closing quote if the claim
    ends inside one (“…the bear.”” becomes “…the bear””)."""
    text = _INNER_FINAL_STOP.sub(r"\1", text.rstrip())
    closing = ""
    while text and text[-1] in _CLOSING_QUOTES and _balanced_without_last(text):
        closing = text[-1] + closing
        text = text[:-1]
    text = text.rstrip(_TRAILING)
    return text + closing


def _balanced_without_last(text: str) -> bool:
    """A trailing quote mark closes a quotation opened inside the claim (keep it) or not (drop it)."""
    mark = text[-1]
    opener = {"”": "“", "’": "‘", "»": "«"}.get(mark)
    if opener:
        return text.count(opener) < text.count(mark)
    return text.count(mark) % 2 == 1


def quote(
    claim: str, *, mid_sentence: bool = False, limit: int = QUOTE_LIMIT, lowercase_words: frozenset[str] = frozenset()
) -> str:
    """The claim as it should appear inside “…” in a prompt. A claim too long to quote whole is quoted from
    its main clause (and up to a dash or semicolon) before it is cut at a word boundary."""
    text = _tidy_end(unframed(claim))
    if len(text) > limit:
        text = short_clause(text, limit)
    first = text.split(" ", 1)[0]
    lowerable = first.lower() in _LOWERABLE or first.lower() in lowercase_words
    title = first.lower() not in _LOWERABLE and text.partition(" ")[2][:1].isupper()  # "President Obama"
    if mid_sentence and lowerable and first[:1].isupper() and first[1:].islower() and not title:
        text = text[0].lower() + text[1:]
    elif not mid_sentence and text[:1].islower():
        text = as_sentence(text)
    short = shorten(text, limit)
    return _tidy_end(short) if not short.endswith("…") else short


_SUBORDINATE_OPENER = re.compile(
    r"^(?:because|since|although|though|even though|even if|while|whilst|when|whenever|if|unless|as long as|"
    r"so long as|despite|in spite of|given|after|before|once|now that|as|to the extent that|whether|until|"
    r"in theory|in practice|for all)\b",
    re.IGNORECASE,
)
_OPENERS = "([{“‘«"
_CLOSERS = ")]}”’»"
# A break after which a long sentence goes on to a second thought: a dash or a semicolon.
_BREAK = re.compile(r"\s+[—–-]{1,2}\s+|\s*;\s+|\s+[—–]\s*|\s*[—–]\s+")


def _top_level(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` outside brackets and quotation marks."""
    depth, straight, out = 0, False, []
    matches = {m.start(): m for m in pattern.finditer(text)}
    for i, ch in enumerate(text):
        if i in matches and depth == 0 and not straight:
            out.append(matches[i])
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS and depth > 0 and (ch != "’" or i + 1 >= len(text) or not text[i + 1].isalpha()):
            depth -= 1
        elif ch == '"':
            straight = not straight
    return out


_COMMA = re.compile(r", ")
# A scene-setting opener before a comma ("In early January,", "At the same time,", "Domestically,"): the
# claim itself starts after it.
_OPENING_PHRASE = re.compile(
    r"^(?:(?:in|at|on|for|with|without|after|before|during|this|last|next|by|from|under|to|among|between|"
    r"despite|unlike|like|instead of|fresh off|meanwhile|today|now|here|there|(?:un)?(?:convinced|aware|sure|"
    r"certain|afraid|worried) that|to the extent that)\b[^,;:“”\"]{0,160}?|\w+ly),\s+",
    re.IGNORECASE,
)
# A short heading-like lead before a colon ("Myth #1: …").
_LEAD_LABEL = re.compile(r"^[^,;:.]{1,30}:\s+(?=\S)")


def main_clause(text: str) -> str:
    """``text`` from its main clause when it opens with a subordinate one ("Because X, the people Y" ->
    "the people Y") or a parenthesis, so a short label carries the claim's subject and verb rather than its
    condition. A comma inside brackets or quotation marks never ends the opening clause."""
    if text[:1] and text[:1] in "([" and (close := text.find(")" if text[0] == "(" else "]")) > 0:
        rest = text[close + 1 :].lstrip(" ,;:")
        if len(rest.split()) >= 5:
            text = as_sentence(rest)
    if (lead := _LEAD_LABEL.match(text)) and len(text[lead.end() :].split()) >= 5:
        text = text[lead.end() :]
    opening = _OPENING_PHRASE.match(text)
    if opening and opening.end() <= 0.7 * len(text):
        rest = lexicon.DISCOURSE_OPENER.sub("", text[opening.end() :])
        if len(rest.split()) >= 5 and _has_verb(rest):
            text = as_sentence(rest)
    if not _SUBORDINATE_OPENER.match(text):
        return text
    commas = _top_level(text, _COMMA)
    if not commas or commas[0].start() > 0.6 * len(text):
        return text
    rest = text[commas[0].end() :]
    if len(rest.split()) < 5:
        return text
    rest = lexicon.SCAFFOLD_PREFIX.sub("", lexicon.DISCOURSE_OPENER.sub("", rest)) or rest
    return as_sentence(rest)


def short_clause(text: str, limit: int) -> str:
    """The shortest readable form of a long claim: its main clause without dashed asides, and of that the
    part before a dash or semicolon when the whole is still longer than ``limit`` (a part of fewer than six
    words, or without a verb, is not enough: "Of all the summits held over the years" says nothing)."""
    text = _without_dashed_asides(main_clause(text))
    if len(text) <= limit:
        return text
    for match in _top_level(text, _BREAK):
        head = text[: match.start()].rstrip(" ,")
        if len(head.split()) >= 6 and _balanced(head) and _has_verb(head):
            return head
    return text


def _balanced(text: str) -> bool:
    """No bracket or double quotation mark is left open or closed without its partner."""
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0 and text.count("“") == text.count("”") and text.count('"') % 2 == 0


_PARENTHESIS = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


def _without_brackets(text: str) -> str:
    """``text`` without its parenthetical asides; a bracket left without its partner (the claim began or
    ended inside a parenthesis) keeps only the side of it that holds more of the sentence."""
    text = _PARENTHESIS.sub("", text)
    for mark in ")]":
        at = text.rfind(mark)
        if at >= 0:
            before, after = text[:at], text[at + 1 :].lstrip(" ,;:.")
            text = after if len(after.split()) >= 3 else before
    for mark in "([":
        at = text.find(mark)
        if at >= 0:
            before, after = text[:at].rstrip(" ,;:"), text[at + 1 :]
            text = before if len(before.split()) >= 3 else after
    return text.strip()


def _without_quote_marks(text: str) -> str:
    """``text`` without quotation marks; an apostrophe closing a plural possessive ("scientists' time")
    stays unless a single quotation opened before it is still open."""
    text = _DOUBLE_QUOTES.sub("", text)
    out, open_single, last = [], False, 0
    for m in _SINGLE_QUOTE.finditer(text):
        at = m.start()
        opening = at == 0 or not text[at - 1].isalnum()
        possessive = not opening and text[at - 1] in "sS" and not open_single
        out.append(text[last:at] + (m.group(0) if possessive else ""))
        open_single = opening
        last = m.end()
    out.append(text[last:])
    return "".join(out)


# The reading's own list numbering ("3)", "1 \\.") means nothing next to the poll's numbers.
_LIST_MARKER = re.compile(r"^\s*\d{1,2}\s*\\?[.)]\s+(?=\S)")
# Where a first clause ends and a second thought begins: a label that stops there is a whole claim.
_CLAUSE_END = re.compile(
    r"\s+[—–-]{1,2}\s+|\s*;\s+|,\s+(?=(?:but|which|because|while|whereas|although|though|since|so that|"
    r"yet|not|rather than|instead of|as)\s)|\s+(?=because\s)"
)
# ... and where a sentence of a two-sentence passage ends: the first sentence is a whole thought too.
_THOUGHT_END = re.compile(_CLAUSE_END.pattern + r"|(?<=[.!?])\s+(?=[A-Z“\"‘'])")
# A dash-delimited aside ("a good man - a husband and father - was fired"): the sentence reads without it.
# Both dashes stand apart from the words (a hyphen inside a word is not a dash).
_DASHED_ASIDE = re.compile(
    r"\s*(?<!\w)[—–-]{1,2}\s+[^—–;]{1,100}?\s+[—–-]{1,2}(?!\w)\s*|(?<=\w)-\s+[^—–;-]{1,100}?\s+-\s+"
)
# A clause has a verb: an auxiliary or modal, a past form, or a pronoun followed by a word.
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|shall|should|can|cannot|could|may|"
    r"might|must|need|needs|matter|matters|remains?|seems?|means?|makes?|shows?|works?|fails?|\w+ed|\w+n[’']t)\b"
    r"|\b(?:i|we|you|they|he|she|it|who)\s+[a-z]{3,}",
    re.IGNORECASE,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words a label may stop before: what follows them is a modifier of what is already said.
# Not "of" ("signs | of decline"), "to" ("can help | to decrease"), "and"/"or" ("Moms | and dads"): those
# go on with the same phrase.
_PHRASE_BREAK = _word_set(
    "in on at for with by from but because which when while if unless until without after before during "
    "across through into onto toward towards instead over under against between so whereas although though yet as"
)
# Verbs that need the preposition after them ("depend on the library"): a label cannot stop between.
_NEEDS_PARTICLE = _word_set(
    "depend depends depended rely relies relied focus focuses focused count counts insist insists insisted "
    "consist consists result results lead leads amount amounts belong belongs refer refers respond responds "
    "look looks looked listen listens stand stands stood turn turns turned put puts prevent prevents prevented "
    "ban bans banned bar bars barred deter deters deterred want wants wanted expect expects expected allow "
    "allows allowed force forces forced urge urges urged"
)
_WEAK_END = _word_set(
    "a an the of to in on at by for with from and or but nor that which who whom whose than as if its "
    "their his her our your my is are was were be been being has have had do does did not no so very this "
    "these those such into onto upon about can could may might must should would will shall"
)


def _has_verb(text: str) -> bool:
    return bool(_VERB.search(text))


def _names_claim(head: str) -> bool:
    """A label's head says something of something: it has a verb, or at least opens on its subject rather
    than on a preposition ("Historians play a vital role", not "Of all the summits")."""
    words = head.split()
    return _has_verb(head) or (len(words) >= 4 and words[0].lower() not in _PHRASE_BREAK)


def _without_dashed_asides(text: str) -> str:
    shorter = " ".join(_DASHED_ASIDE.sub(" ", text).split())
    return shorter if len(shorter.split()) >= 5 and _has_verb(shorter) else text


_NOT_ONLY = re.compile(r"\bnot (?:just|only|merely|simply|solely)\b", re.IGNORECASE)
_BUT = re.compile(r"\bbut\b", re.IGNORECASE)


def _open_contrast(head: str) -> bool:
    """``head`` says "not just X" without the "but also Y" that carries its point."""
    found = _NOT_ONLY.search(head)
    return found is not None and not _BUT.search(head, found.end())


def _whole_clause(text: str, room: int, pattern: re.Pattern[str] = _CLAUSE_END) -> str | None:
    """The longest opening of ``text`` that ends where a clause does, fits in ``room`` characters, holds at
    least five words and a verb: "Chris Kyle was not a warmonger; he was…" gives "Chris Kyle was not a
    warmonger"."""
    best = None
    for match in _top_level(text, pattern):
        head = _tidy_end(text[: match.start()].rstrip(" ,;:"))
        if len(head) > room:
            break
        last = head.split()[-1].lower() if head else ""
        if _open_contrast(head):
            continue
        if len(head.split()) >= 5 and last not in _WEAK_END and _balanced(head) and _has_verb(head):
            best = head
    return best


def _phrase_head(text: str, room: int) -> str | None:
    """The longest opening of ``text`` within ``room`` that stops before a preposition or conjunction (or
    after a comma), holds a verb and ends on a content word: "Historians play a vital role in measuring…" is
    named "Historians play a vital role"; the claim itself is listed whole beside the poll."""
    words = text.split()
    best = None
    for n in range(4, len(words)):
        head = " ".join(words[:n])
        if len(head.rstrip(",")) > room:
            break
        last = words[n - 1]
        if n == len(words) - 1:
            break  # "…a democracy depends" + "on": a last word left over belongs to what comes before it
        following = words[n].lower().strip('“"(')
        stops = last.endswith(",") or following in _PHRASE_BREAK
        # A comma after a verbless opening ends a list or an aside ("Cities such as Washington,"), not a claim.
        stops = stops and (_has_verb(head) or not last.endswith(","))
        head = head.rstrip(",;:")
        if (
            stops
            and not _open_contrast(head)
            and last.rstrip(",;:").lower() not in _WEAK_END | _NEEDS_PARTICLE
            and _balanced(head)
            and _names_claim(head)
        ):
            best = head
    return best


def label(number: int, claim: str, limit: int = POLL_ANSWER_LIMIT) -> str:
    """A numbered poll answer that names the claim: "1 · Schools must teach cooking".

    A label never starts or ends inside a parenthesis or a quotation: asides are dropped and quotation
    marks go. A long claim is named by its main clause, then by its first whole clause, then by its
    subject and verb up to a phrase boundary; only if none of these fits is it cut with an ellipsis."""
    prefix = f"{number} · "
    return prefix + _label_text(claim, limit - len(prefix))[0]


# Adverbs a label can do without: "We simply aren't doing enough" says the same as "We aren't doing enough".
# Not "just", "even", "still" or "only", which change what is claimed ("not just X but also Y"), nor after
# "not" or "but" ("not simply", "but also").
_FILLER_ADVERB = re.compile(
    r"(?<!\bnot)(?<!\bbut)\s+(?:simply|really|actually|certainly|clearly|obviously|indeed|perhaps|now|also|"
    r"very|quite|truly|surely|finally|already)(?=\s)",
    re.IGNORECASE,
)


def _label_text(claim: str, room: int) -> tuple[str, bool]:
    """The words of a label and whether they name the claim: it whole, its main clause, a whole clause of it,
    or its subject and verb up to the end of a phrase; not cut with an ellipsis."""
    text = _LIST_MARKER.sub("", _without_brackets(quote(claim, limit=10_000)))
    # A mark wedged between two words (a typo like 'the"one') becomes a space, so words never fuse.
    text = _without_quote_marks(_GLUED_QUOTE.sub(" ", text))
    whole = True
    named = core(claim)
    if len(text) > room and named is not None and _ends_a_thought(named, claim):
        plain = _without_quote_marks(named)
        text = plain if len(plain) <= room else text
    if len(text) > room:
        shorter = _without_dashed_asides(_without_brackets(main_clause(text)))
        text = shorter if len(shorter.split()) >= 2 else text
    if len(text) > room:
        plainer = _FILLER_ADVERB.sub("", text)
        text = plainer if len(plainer.split()) >= 4 else text
    if len(text) > room:
        head = _whole_clause(text, room) or _phrase_head(text, room)
        whole = head is not None
        text = head or shorten(text, room)
    text = as_sentence(text)
    return shorten(text, room), whole


CORE_WORDS = 15  # a claim's core is short enough to name inside a one- or two-sentence question
_WORD = re.compile(r"[\w’']+")


def _word_count(text: str) -> int:
    """Words as a reader counts them: "man-made" is two."""
    return len(_WORD.findall(text))


# A subject that points outside the claim ("It is a slow march", "They are personal"): the core cannot stand
# alone, so the claim is not asked about by its core.
_DANGLING_SUBJECT = _word_set("this that these those it its they them their he she his her such which who both")
# Openers the lexicon's connectives leave: "The truth is that…", "Make no mistake:", "Simply put,".
_OPENER = re.compile(
    r"^(?:(?:the|my)\s+(?:truth|fact|point|reality|bottom line|problem|answer|lesson)\s+(?:here\s+)?is(?:\s+that|:)?|"
    r"make no mistake|let(?:’|')s be clear|let me be clear|to be (?:sure|clear|fair)|simply put|put simply|"
    r"(?:the|my)\s+\w+\s+(?:truth|fact|point|reality|bottom line|problem|answer|lesson)\s+is(?:\s+that|:)?|"
    r"the facts are(?:\s+that|:)?|(?:most|more|equally|just as) importantly|whatever\s[^,;:]{1,40}(?=,)|"
    r"in (?:my|our) view|of course|after all|and|but|yet|still|all the same|in other words|that said|even so|"
    r"by the same token|in short|in sum|(?:even|worse|better)\s+(?:worse|still|better)[^,;:]{0,40}(?=,)|"
    r"i (?:must|have to|should) (?:admit|confess|say)(?:,\s*though,)?(?:\s+that)?|perhaps|maybe|"
    r"(?:i|we)\s+(?:believe|think|feel|argue)\s+(?:strongly|firmly|passionately)\s+that)\s*[,:]?\s+"
    r"|^(?:sure|yes|no|so|now|then|well|again|heck|look|listen|even now|even then|for now|right now)\s*,\s+"
    r"|^[\w’'-]+(?:\s+[\w’'-]+)?\s+aside\s*,\s+",  # "Arrogance aside, …"
    re.IGNORECASE,
)
# An aside in the middle: ", which cost millions," / ", who knew better,".
_RELATIVE_ASIDE = re.compile(
    r",\s+(?:(?:(?:[a-z]+\s+)?(?:which|whom)|who|whose|where)\b|[a-z]+ed\b|[a-z]+ing\b)[^,;:()]{1,120},\s+"
    r"|,\s+(?:therefore|however|though|then|too|of course|in fact|indeed|after all|in turn|thus|again),(?=\s)"
    # "The response, in the longer term, should…": a short phrase of time or place before the verb.
    r"|,\s+(?:in|at|for|on|by|over|within)\s[^,;:()]{1,30},\s+"
    r"(?=(?:should|must|will|would|can|could|is|are|has|have|may|might|needs?)\b)"
)
# Where a claim's main clause ends and something that hangs on it begins; the core stops at the first.
_HANGS_ON = re.compile(
    r",?\s+(?=(?:because|since|whereas|although|though|even though|even if|so that|such as|including|"
    r"for example|for instance|especially|particularly|notably|thanks to|despite|given that)\b)"
    r"|,\s+(?=(?:which|who|whom|whose|where|while|as|when|if|unless|until|after|before|like|by|with|not least|"
    r"from|not)\b)|,\s+(?=[a-z]+ing\b)|\s*[:;]\s+|\s+[—–-]{1,2}\s+|\s*[—–]\s*|\s*--\s*|(?<=[.!?])\s+(?=\S)"
)
# A weaker break, used only while the core is still too long: "…to be tested | when the crisis comes".
_LOOSE_END = re.compile(
    r"\s+(?=(?:which|who|where|while|when|if|unless|until|after|before|because|in order)\b)"
    r"|,\s+(?=and\b|or\b)|\s+(?=and\s+(?:we|they|he|she|it|i|there|this|that|the|our|their)\b)"
    # "…for the popular forces | in Bolivia | as well as…": a place named last, and an "as well as" tail.
    r"|,?\s+(?=as well as\b)|\s+(?=in\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*(?:\s*$|,?\s+as well as\b))"
)
# A long subject that names someone or something and then says where or when: "The victory of the Movement
# for Socialism | in the Bolivian general election in October | is…". The core reads without the second part.
_SUBJECT_ADJUNCT = re.compile(
    r"^((?:The|A|An)\s[^,;:]*?[a-z]\s[A-Z][\w’'.-]*)\s+(?:in|at|during|on)\s[^,;:]*?"
    r"(?=\s(?:is|are|was|were|has|have|had|will|would|can|could|must|should|may|might)\s)"
)
# "X, but Y": the author concedes X and asserts Y.
_TURN = re.compile(r",?\s+(?:but|yet)\s+|;\s+(?:but|yet|however),?\s+|,\s+however,\s+", re.IGNORECASE)
# "It would be good policy to…", "It is time to…": an "it" that points forward, not back.
_EXTRAPOSED = re.compile(
    r"^It(?:[’']s|\s+(?:is|was|would be|will be|must be|may be|might be|seems|remains))\s+"
    r"(?:(?!going\b|if\b|when\b|because\b|unless\b)[\w’'-]+\s+){0,6}?(?:to|that)\b",
    re.IGNORECASE,
)
_TRAILING_ADVERB = re.compile(
    r",\s+(?:of course|too|though|however|then|perhaps|surely|indeed|after all|(?:quite )?simply|once|along)$"
    r"|\s+of course$"
)
_NO_SUBJECT = _word_set("to of along like unlike than not and or nor also however whatever thanks according here")
# A core that is not one clause: a sentence break inside it, or a word or two cut off by a comma at its start
# ("Self-righteous preening, they had a problem").
_BROKEN = re.compile(r"[.!?][\"”’']?\s+\S|^[\w’'-]+(?:\s[\w’'-]+)?,\s")
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|me|my|mine|myself)\b")


def _usable_head(head: str) -> bool:
    """A core candidate says something of something: three words or more, a verb, balanced marks, and it ends
    on a content word rather than an article or a preposition."""
    words = head.split()
    return (
        len(words) >= 3
        and words[-1].lower().strip(",") not in _CORE_WEAK_END
        and _balanced(head)
        and _has_core_verb(head)
        and not _open_contrast(head)
    )


# Past forms a "-ed" test misses: verbs of the claim's own ("Cameron kept…") and signs of narration alike.
_IRREGULAR_PAST = (
    r"(?:kept|made|took|gave|got|went|came|knew|saw|said|held|paid|left|lost|won|led|brought|found|told|"
    r"thought|felt|stood|ran|became|began|grew|fell|rose|meant|built|spent|taught|fought|sought|bought|sold)"
)
# Verbs common in opinion writing that ``_VERB`` (auxiliaries, past forms) misses: "Older folks take the plunge".
_COMMON_VERB = re.compile(
    r"\b(?:take|make|give|get|go|come|know|want|need|see|say|help|keep|let|put|lead|bring|hold|pay|"
    r"win|lose|live|hurt|deserve|owe|serve|allow|create|destroy|protect|threaten|support|"
    r"oppose|undermine|share|require|depend|belong|become|remain|mean|matter|fail|show|risk|harm|benefit|"
    r"improve|reduce|increase|stop|build|save|kill|spend|teach|learn|understand|believe|"
    r"think|feel|agree|act|vote|fight|defend|amount|represent|reflect|exist|seem|look|sound|prove|"
    r"offer|ensure|deny|reject|accept|ignore|respect|trust|lack|miss|leave|enter|grow|rise|fall|"
    r"play|drive|pose|beat|feed|raise|ask|tell|try|seek|find|"
    # Unambiguous verbs of argument that were missed ("Bullies tend to…", "…constitute a betrayal").
    r"tend|entail|manage|constitute|outweigh|endanger|encourage|discourage|weaken|strengthen|erode|betray|"
    r"mislead|dominate|deter|enable|deliver|provide|produce|contribute|involve|suggest|indicate|"
    r"demonstrate|illustrate|undercut|exploit|deprive|hinder|violate|jeopardi[sz]e|exacerbate)s?\b"
    rf"|\b{_IRREGULAR_PAST}\b",
    re.IGNORECASE,
)
_CORE_WEAK_END = _WEAK_END | _word_set("only just even more less most very too also and or but based due able")


_HYPHENATED = re.compile(r"\w+-\w+")


def _has_core_verb(text: str) -> bool:
    """A verb among the words: "one-sided" or "well-honed" is not one."""
    text = _HYPHENATED.sub("", text)
    return _has_verb(text) or bool(_COMMON_VERB.search(text))


def _first_head(text: str, pattern: re.Pattern[str], *, limit: int | None = None) -> str:
    """``text`` up to its first top-level ``pattern`` break after which what is left still says something;
    with ``limit``, the longest such head within that many words instead. ``text`` itself when none is."""
    heads = [_tidy_end(text[: m.start()]) for m in _top_level(text, pattern) if m.start() > 0]
    heads = [h for h in heads if _usable_head(h)]
    if limit is None:
        return heads[0] if heads else text
    fitting = [h for h in heads if _word_count(h) <= limit]
    return fitting[-1] if fitting else text


def _asserted(text: str) -> str:
    """Of "X, but Y", the Y the author asserts when it is a clause that stands alone; else ``text``."""
    for turn in _top_level(text, _TURN):
        before, after = text[: turn.start()], text[turn.end() :]
        if _open_contrast(before) or len(before.split()) < 2 or not _balanced(before):
            continue
        # "Ray's deplorable but isolated act…": a "but" inside a noun phrase, not between two clauses.
        if not _FINITE.search(_POSSESSIVE.sub("", before)):
            continue
        if _usable_head(after) and len(after.split()) >= 4 and after.split()[0].lower() not in _DANGLING_SUBJECT:
            return as_sentence(after)
    return text


# A verb in a finite form: an auxiliary or modal, a contraction, a past form, or a common verb not after "to".
# Deliberately lenient (a tagger would do better): it only has to tell a clause from a bare noun phrase
# ("the only explanation the department has ever provided" passes; "a faith worth believing" does not).
_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|do|does|did|will|would|shall|should|can|cannot|could|(?-i:may)|might|"
    r"must|ought|(?<!\bthe\s)(?<!\ba\s)needs?)\b|n[’']t\b|\w[’'](?:s|re|ve|ll|d|m)\b",
    re.IGNORECASE,
)
_FINITE = re.compile(
    _AUXILIARY.pattern + r"|\b\w{3,}ed\b|(?<!\bto\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)" + _COMMON_VERB.pattern,
    re.IGNORECASE,
)
# Where the main clause of a core ends: its finite verb must come before these.
_SUBORDINATE = re.compile(
    r"\b(?:even though|although|though|because|since|which|who|whom|whose|if|unless|when|while|whereas)\b",
    re.IGNORECASE,
)
# Not a statement: a wh-clause ("how much we should worry"), a suggestion ("Let's agree…"), an imperative.
_NOT_A_STATEMENT = re.compile(
    r"^[“\"‘']?(?:how|what|why|whether|where|when|which|had|were|then|let(?:[’']s)?|look|get|think|imagine|consider|remember|"
    r"take|stop|give|put|keep|read|ask|try|tell|go|come|don[’']t|never|just|please|note|forget|see|watch|"
    r"listen|start|help|call|write|join|especially|particularly|notably|including|no wonder|whoever|whatever)\b",
    re.IGNORECASE,
)
# "I think…" is a view; "I get irritated sometimes", "I know how these debates will unfold" are the author's
# story or mood, not a claim a circle can weigh.
_FIRST_PERSON_VIEW = re.compile(
    r"^[“\"‘']?I(?:[’']m|\s+am)?\s+(?:(?:do|really|strongly|firmly|still|also)\s+)*(?:think|believe|doubt|"
    r"suspect|would\s+(?:argue|say|suggest)|reckon|convinced|sure|certain)\b"
)
# A verb cut off from what it needs: a participle, a gerund or a common verb as the last word of a cut core.
_VERB_LIKE = re.compile(
    r"^(?:\w{3,}(?:ed|ing|en)|out|up|down|off|away|back|" + _COMMON_VERB.pattern.replace(r"\b", "") + r")$",
    re.IGNORECASE,
)
# A cut that leaves out what the words before it need: "There will be some GP consultations | in which…",
# "we're going to offer the following deal | :", "they must focus their gaze | on…".
_NEEDS_WHAT_FOLLOWS = re.compile(r"^There\s|\bthe following\b", re.IGNORECASE)
# After such a verb the core may stop only where a clause of reason, time or contrast begins.
_CLAUSE_AFTER_VERB = re.compile(
    r"^,?\s+(?:because|since|although|though|even though|while|whereas|but|so that|unless|until|if|once|"
    r"in order to|so as to)\b|^,?\s+and\s+(?:we|they|he|she|it|i|there)\b"
    r"|^,\s+(?:which|who|including|such as|for example|for instance|not)\b",
    re.IGNORECASE,
)
_ARTICLE_OR_PREPOSITION = _word_set(
    "a an the of to in on at by for with from into onto upon about over under through between among against "
    "towards toward without within across along like"
)
_POSSESSIVE = re.compile(r"[’']s\b")
# An exclamation, a second clause after a colon, a "that" whose clause was cut, a "but it…" leaning on the
# first half, or "make it impossible" without the "for whom to do what".
_UNFINISHED = re.compile(
    r"[!:;]|\bthat,|\bthat\s+(?:since|if|when|while|although|though|because)\b|,\s+but\s+(?:it|this|that|they)\b"
    r"|\bmake\s+it\s+\w+$|,\s+but\s+(?:with|in|on|for|by|at)\b|\band\s+(?:without|with|in|on|for|by|from)\b[^,]*$",
    re.IGNORECASE,
)
# A line given to a speaker ("Recorded Voice: We're sorry…"): someone else's words, as in a transcript.
_SPEAKER = re.compile(r"^\W*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}:\s")
_PREPOSITION_NEXT = re.compile(r"^\s+(?:on|in|at|to|for|with|by|from|of|into|onto|upon|about|out|up)\b")
_MODAL_OR_TO = _word_set("can could will would may might must should shall to")
_POINTING_END = _word_set("this that them it these those")
_HANGING_WORD = _word_set("especially particularly notably including even just because again")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_JOINING = _word_set("that and but so yet because whether then thus therefore now also still")
# "however" or "therefore" inside a clause: the core reads without it ("was however quickly overshadowed").
_INNER_ADVERB = re.compile(r"(?<=\w)\s+,?\s*(?:however|therefore|thus|nevertheless|nonetheless),?(?=\s+\w)", re.I)
# An appositive between subject and verb: "The government of Luis Arce, a former minister …, must purge…",
# "Nigel Farage, leader of the UK Independence Party, has been…".
_APPOSITIVE = re.compile(
    r"^([A-Z][^,;:]{2,80}?),\s+(?:a|an|the|himself|herself|itself|now|once|formerly|[a-z]+\s+(?:of|at|for))\s"
    r"[^,;:]{2,120}?,\s+(?=[a-z])"
)
# An opening that is one adverb ("Clearly, additional leverage…"): what follows starts the clause.
_ADVERB_OPENING = re.compile(r"^\w+ly,\s")


def _without_appositive(text: str) -> str:
    """``text`` without an appositive between its subject and its verb; the subject must be verbless and the
    appositive followed by a verb, else the commas set off something else."""
    found = _APPOSITIVE.match(text)
    if found is None or _AUXILIARY.search(found.group(1)):
        return text
    rest = text[found.end() :]
    if not _FINITE.match(rest.split(" ", 1)[0]) and not _FINITE.search(" ".join(rest.split()[:2])):
        return text
    return found.group(1) + " " + rest


def _whole(named: str, claim: str) -> bool:
    """``named`` reads as a whole clause: a statement (not a wh-clause, a "Let's", an imperative, someone
    else's words, the author's story about themself or an address to the reader) with a finite verb in its
    main clause, and, when it stops before the claim's sentence does, not right after a verb that needs an
    object or agent ("has also ushered" + "in…", "was partly caused" + "by…"), an article or preposition, or
    inside "from X to Y"."""
    if _NOT_A_STATEMENT.match(named) or (_FIRST_PERSON_SINGULAR.search(named) and not _FIRST_PERSON_VIEW.match(named)):
        return False
    last_word = named.split()[-1].lower().strip(",")
    if last_word in _HANGING_WORD | _POINTING_END and not (last_word == "again" and _ends_sentence(named, claim)):
        return False  # "…to find them in the UK" is fine; "…great to read on this" points outside the claim
    if named.split()[0].lower() == "you":  # advice or rhetoric to the reader: "You would hope…", "you might as well"
        return False
    if any(named.lower().strip('“”"') in q.lower() for q in _QUOTED.findall(claim)):  # someone else's words
        return False
    split = re.match(r"^([^,]+),\s+(\S+)", named)  # "The entire VA, want to show…": a comma parts subject and verb
    if split and not _FINITE.search(split.group(1)) and _FINITE.match(split.group(2)):
        return False
    if (contact := _CONTACT_CLAUSE.match(named)) and not _MAIN_VERB_AFTER.search(named, contact.end()):
        return False  # "A supposedly fun thing they will never do again": a noun phrase, not a clause
    if named.startswith(("“", '"')) or _UNFINISHED.search(named) or _speaker(claim) or _GLUED_QUOTE.search(named):
        return False
    main = _SUBORDINATE.split(_HYPHENATED.sub("", named), maxsplit=1)[0]
    # The finite verb is the core's own, not only that of a relative clause ("the good news that gets me").
    before_that = re.split(r"\b(?:that|which|who)\b", main, maxsplit=1)[0]
    if not _FINITE.search(before_that) and len(_FINITE.findall(main)) < 2:
        return False
    flat = _INNER_ADVERB.sub(" ", " ".join(_without_brackets(claim).split()))
    words = named.split()
    tail = " ".join(words[-3:])
    at = flat.lower().rfind(tail.lower())
    if at < 0:
        return True  # asides left out inside the core: its end cannot be placed, and the old checks hold
    start = flat.lower().find(" ".join(words[:2]).lower())
    before = flat[:start].split()
    # "we still feel | impotent and we still feel inadequate", "| 700,000 and…": the core starts mid-phrase
    # but not after a stance verb or an opening adverb ("I believe | all human beings…", "Perhaps | we…").
    joined = before and before[-1][-1:].isalnum() and before[-1].lower() not in _JOINING | _BEFORE_A_CLAUSE
    if start > 0 and joined and not flat[start].isupper():
        return False
    after = flat[at + len(tail) :]
    last = words[-1].lower().strip(",;:")
    if not after.strip(" .!?\"'”’"):
        # The sentence's own end; but after a dropped opening ("Until the union agrees…, the district will
        # continue paying") a bare verb at the end leans on what was dropped.
        return not (before and before[-1].endswith(",") and _verb_at_end(words) and not _COMPARED.search(named))
    if last in _ARTICLE_OR_PREPOSITION:
        return False
    if re.search(r"\bfrom\b", named, re.IGNORECASE) and re.match(r"^,?\s+to\b", after):
        return False
    if _NEEDS_WHAT_FOLLOWS.search(named) or (_wants_particle(words) and re.match(r"^\s+[a-z]+\b", after)):
        return False
    if len(words) > 1 and words[-2].lower() in _MODAL_OR_TO and _PREPOSITION_NEXT.match(after):
        return False  # "…that you can stick | on another": the verb's phrase goes on
    return not (_verb_at_end(words) and not _CLAUSE_AFTER_VERB.match(after) and not _COMPARED.search(named))


# A noun phrase whose clause has no relative word ("the thing they | will never do"): the verb after the
# pronoun is the relative clause's, so the core needs another of its own after it.
_CONTACT_CLAUSE = re.compile(r"^(?:A|An|The)\s+(?:[\w’'-]+\s+){1,4}?(?:they|we|he|she|I|you)\s+[\w’'-]+\s")
_MAIN_VERB_AFTER = re.compile(r"\b(?:is|are|was|were|must|should|will|would|can|could|has|have|had|may|might)\b")
# A list's own numbering before a colon ("One: Sony…"), not a speaker's name.
_LIST_WORD = re.compile(
    r"^\W*(?:one|two|three|four|five|first|second|third|fourth|fifth|finally|lastly|next)\s*:", re.IGNORECASE
)
# Words after which a core may start in lower case: a stance verb or an opening adverb the core left out.
_BEFORE_A_CLAUSE = _word_set(
    "believe think contend argue suspect know hope fear guess reckon insist admit realise realize course perhaps "
    "maybe surely certainly clearly"
)
# A verb that ends a comparison ("…a lot more than people think"): it needs no object.
_COMPARED = re.compile(r"\b(?:than|as)\s+(?:\w+\s+){0,2}\w+$", re.IGNORECASE)
_DETERMINER = _word_set("the a an its their his her our my your this these those that")


def _speaker(claim: str) -> bool:
    return bool(_SPEAKER.match(claim)) and not _LIST_WORD.match(claim)


def _ends_sentence(named: str, claim: str) -> bool:
    """``named`` ends where ``claim``'s sentence does."""
    tail = " ".join(named.split()[-3:]).lower()
    flat = " ".join(claim.split()).lower()
    at = flat.rfind(tail)
    return at >= 0 and not flat[at + len(tail) :].strip(" .!?\"'”’")


def _wants_particle(words: list[str]) -> bool:
    """One of the last three words is a verb that needs a preposition after its object ("focus their gaze" +
    "on…", "prevent the CIA" + "from…") and none follows it inside the core; a noun after an article ("the
    state forces") is no such verb, and "expected to serve" already has its "to"."""
    tail = [w.lower().strip(",;:") for w in words[-3:]]
    lead = [w.lower() for w in words[:-3]][-2:]
    for i, word in enumerate(tail):
        if word not in _NEEDS_PARTICLE:
            continue
        previous = (lead + tail[:i])[-2:]
        if any(p in _DETERMINER for p in previous):
            continue  # "the armed forces", "a stand"
        if any(w in _ARTICLE_OR_PREPOSITION - _DETERMINER for w in tail[i + 1 :]):
            continue
        return True
    return False


def _verb_at_end(words: list[str]) -> bool:
    """The last word is a verb or participle, not a noun after an article or preposition ("the cost of
    living"); after "to" it is a verb ("to focusing")."""
    last = words[-1].lower().strip(",;:")
    previous = words[-2].lower() if len(words) > 1 else ""
    nominal = previous in (_ARTICLE_OR_PREPOSITION - {"to"}) | _word_set("its their his her our my your this that")
    return bool(_VERB_LIKE.match(last)) and not nominal


# core(), its candidate and _thesis_arguable are pure functions of a string that composing asks of the same
# claim several times (a prompt, a label, a poll, the order of claims): about 3.7 calls per claim.
@functools.lru_cache(maxsize=1024)
def core(claim: str) -> str | None:
    """What a claim says of what, in the author's words and at most CORE_WORDS words, readable alone: without
    its opening connective or stance frame ("Of course, I think that…"), an opening subordinate clause,
    brackets, dashed and relative asides, an appositive between subject and verb, and whatever hangs on the
    main clause after it (a "because" or "which" clause, an example, a participle); of "X, but Y", the Y.

    A core is a whole clause or nothing (``_whole``): when the cut would leave a verb without the object or
    agent it needs, the claim is named by its whole sentence if that is short (CLAUSE_WORDS), or by its main
    clause to the sentence's end when only a scene-setting opening made it long, else not at all, since one
    broken question costs a prompt more than a missing one does."""
    cut = _core_candidate(claim)
    if cut is not None and _whole(cut, claim):
        return cut
    shorter = _without_trailing_participle(cut) if cut is not None else None
    if (
        shorter is not None
        and _usable_head(shorter)
        and _acceptable(shorter, claim, cut=False)
        and _whole(shorter, claim)
    ):
        return shorter
    sentence = _tidy_end(_without_brackets(_LIST_MARKER.sub("", " ".join(unframed(_OPENER.sub("", claim)).split()))))
    sentence = _TRAILING_ADVERB.sub("", _INNER_ADVERB.sub(" ", sentence))
    if _word_count(sentence) <= CLAUSE_WORDS and _acceptable(sentence, claim, cut=False) and _whole(sentence, claim):
        return as_sentence(sentence)
    # The sentence from its main clause ("Today, | the spectre of Grexit is more threatening to the Greeks
    # than to…"), to its end, when a scene-setting opening or a concession is all that made it too long; never
    # without a condition the claim depends on ("If X, Y").
    opened = main_clause(sentence)
    if opened == sentence or _CONDITION.match(sentence) or _word_count(opened) > CLAUSE_WORDS:
        return None
    if (_mid_phrase(opened, claim) and _NO_NOUN.match(opened)) or _POINTING_CLAUSE.search(opened):
        return None  # "…, failed to seek…" is no subject; "it is clear that he…" leans on the dropped opening
    if narrates(re.split(r"\b(?:that|which|who)\b", opened, maxsplit=1)[0]):
        return None  # "After there were revelations…, the Carter administration reacted…": a story's next step
    if _acceptable(opened, claim, cut=False) and _whole(opened, claim):
        return as_sentence(opened)
    return None


CLAUSE_WORDS = 20  # a claim no core can name whole is named by its sentence only up to this length
# A first word that is a verb form or an adjective: a subject does not start on it without an article.
_NO_NOUN = re.compile(r"^\w+(?:ed|ing|ive|al|ous|ful|ic|ent|ant|able|ible|ly)\b", re.IGNORECASE)
# A pronoun that may point into the dropped opening: a person it named ("Whether one supports President Obama
# or not, … when he took office"), or what "that it/they…" refers to.
_POINTING_CLAUSE = re.compile(
    r"\bthat\s+(?:they|it|this|these|those|them|their|its)\b|\b(?:he|she|his|her|him|himself|herself)\b", re.IGNORECASE
)

# A participle that opens a modifier of the noun before it ("groups | motivated by hatred of…"), cut off from
# what it needs: the core ends on the noun. Not after a verb that takes a noun and its complement ("made
# workers worried"), an auxiliary or an adverb, where the participle belongs to the clause itself.
_PARTICIPLE = re.compile(r"^[a-z]{3,}ed$")
_NOT_BEFORE_A_MODIFIER = _word_set(
    "is are was were be been being am has have had do does did will would can could may might must should shall "
    "not to get gets got make makes made keep keeps kept leave leaves left find finds found see sees saw want "
    "wants wanted render renders rendered let lets feel feels felt"
)


def _without_trailing_participle(cut: str) -> str | None:
    """``cut`` without a last word that is a participle modifying the noun before it; None when it has none."""
    words = cut.split()
    if len(words) < 4 or not _PARTICIPLE.match(words[-1]):
        return None
    noun = words[-2].lower()
    if (
        not words[-2].islower()
        or noun.endswith("ly")
        or noun in _NOT_BEFORE_A_MODIFIER | _ARTICLE_OR_PREPOSITION | _DANGLING_SUBJECT
    ):
        return None
    if any(w.lower() in _NOT_BEFORE_A_MODIFIER for w in words[-4:-2]):
        return None  # "The government has made workers | worried": the participle completes the verb
    return " ".join(words[:-1])


@functools.lru_cache(maxsize=1024)
def _core_candidate(claim: str) -> str | None:
    """The main clause of ``claim`` cut to CORE_WORDS words by the breaks that end a clause; None when what
    is left cannot stand alone."""
    text = _without_brackets(_LIST_MARKER.sub("", " ".join(unframed(claim).split())))
    for _ in range(4):  # "Three: Most importantly, …", "When X, despite Y, Z": each opening in turn
        stripped = unframed(_OPENER.sub("", text))
        if stripped.startswith("Even ") and _SUBORDINATE_OPENER.match(stripped[5:]):  # "Even after X, Y"
            stripped = stripped[5:]
        # "If we just slow spending, we'd be in better shape": without its condition a short claim says little.
        conditional = bool(_CONDITION.match(stripped))
        opened = main_clause(stripped)
        scene = opened != stripped and not _SUBORDINATE_OPENER.match(stripped)  # not "Although X, Y"
        if scene and _mid_phrase(opened, claim) and not _ADVERB_OPENING.match(stripped):
            opened = stripped  # "In their place a more generous, positive … country": the comma was in the subject
        stripped = opened
        if conditional and stripped != text and len(stripped.split()) < 6:
            return None
        if stripped == text or len(stripped.split()) < 4:
            break
        text = as_sentence(stripped)
    text = _without_dashed_asides(text)
    text = _without_appositive(" ".join(_RELATIVE_ASIDE.sub(" ", text).split()))
    text = _INNER_ADVERB.sub(" ", text)
    text = _asserted(_first_head(text, _HANGS_ON))
    text = _tidy_end(_TRAILING_ADVERB.sub("", _tidy_end(text)))
    if _word_count(text) > CORE_WORDS and (adjunct := _SUBJECT_ADJUNCT.match(text)):
        text = adjunct.group(1) + text[adjunct.end() :]
    if _word_count(text) > CORE_WORDS:
        text = _tidy_end(_first_head(text, _LOOSE_END, limit=CORE_WORDS))
    if _word_count(text) > CORE_WORDS:
        room = len(" ".join(text.split()[:CORE_WORDS]))
        text = _tidy_end(_whole_clause(text, room, _THOUGHT_END) or _phrase_head(text, room) or text)
    text = _tidy_end(_TRAILING_ADVERB.sub("", text))  # a length cut may end on "…fighting of course"
    cut = len(text.split()) < len(unframed(claim).split())
    if not _word_count(text) <= CORE_WORDS or not _acceptable(text, claim, cut=cut):
        return None
    return as_sentence(text)


# "To deny a child treatment constitutes neglect": an infinitive as the subject of a verb of judgement.
_INFINITIVE_SUBJECT = re.compile(
    r"^To\s[^;:]+?\s(?:is|was|would be|will be|constitutes|means|amounts to|remains|makes)\s", re.IGNORECASE
)
# A pointing word that says what it points at: "Those who preach tolerance…", "Both parties support…".
_SUBJECT_OF_ITS_OWN = re.compile(r"^(?:those\s+who|both\s+(?!are\b|were\b|have\b|of\b)[a-z]+s)\s", re.IGNORECASE)


# A second clause with a subject of its own ("…than many people realize | and they behave remarkably well") or
# a phrase of contrast the claim stands without ("…go on a political offensive | despite…").
_SECOND_CLAUSE = re.compile(
    r",?\s+(?:and|or|but)\s+(?:we|they|he|she|it|i|there)\s|,?\s+(?:despite|instead of|rather than|regardless of)\s",
    re.IGNORECASE,
)


def _before_a_clause(text: str, claim: str) -> bool:
    """``text`` stops where the claim's sentence goes on to a second clause with its own subject or to a
    phrase of contrast."""
    tail = " ".join(text.split()[-3:]).lower()
    flat = " ".join(claim.split()).lower()
    at = flat.find(tail)
    return at >= 0 and bool(_SECOND_CLAUSE.match(flat, at + len(tail)))


def _acceptable(text: str, claim: str, *, cut: bool) -> bool:
    """The checks a core has always had: three words or more, no question, no condition or concession
    alone, a subject of its own (not a pronoun pointing outside it), nobody else's view, balanced marks; a
    passage cut short keeps its verb and stops where a thought does."""
    words = text.split()
    if not 3 <= len(words) <= _word_count(text) or text.endswith("?"):
        return False
    if cut and words[-1].lower() in _CORE_WEAK_END:
        return False
    if _SUBORDINATE_OPENER.match(text.removeprefix("Even ")):  # a condition or a concession, not a claim
        return False
    no_subject = words[0].lower() in _PHRASE_BREAK | _NO_SUBJECT and not _INFINITIVE_SUBJECT.match(text)
    if no_subject or _BROKEN.search(text):  # "In doing so…", "To shoot…"
        return False
    first = re.split(r"[’']", words[0].lower().strip("“\"‘'"))[0]
    if first in _DANGLING_SUBJECT and not (_EXTRAPOSED.match(text) or _SUBJECT_OF_ITS_OWN.match(text)):
        return False
    if cut and not (_has_core_verb(text) and (_ends_a_thought(text, claim) or _before_a_clause(text, claim))):
        return False
    if _HOLDERS.match(text):  # "Some have suggested that…": someone else's view, not the author's
        return False
    return _balanced(text) and text.count("“") == text.count("”")


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


# "Critics say that…", "Some people argue…": who holds the view, which the counter prompt says itself.
_HOLDERS = re.compile(
    r"^\W*(?:(?:some|many|most|other|few|several)\s+)?(?:people|critics|opponents|sceptics|skeptics|others|some|many|"
    r"supporters|proponents|detractors|commentators|experts)\b[^,.;:]{0,40}?\s+(?:say|said|argue|argued|claim|"
    r"claimed|contend|insist|believe|think|maintain|object|complain|suggest|suggested|will say|would say)\s+"
    r"(?:that\s+)?",
    re.IGNORECASE,
)


def _their_view(counter: str) -> str:
    """The view others hold, without the frame that attributes it: "Critics say that X" -> "X"."""
    rest = _HOLDERS.sub("", counter)
    return rest if len(rest.split()) >= 4 and rest != counter else counter


def lived(claim: str, lowercase_words: frozenset[str] = frozenset()) -> bool:
    """A claim about something members meet in their own lives (work, school, money, the politics they take
    part in), not about a named politician or country: only such a claim is asked about from experience. A
    capitalised first word is a name unless the reading writes it in lower case elsewhere."""
    first = claim.split(" ", 1)[0].strip("\"“‘'").lower()
    named = _NAMED.search(claim) or (first not in _LOWERABLE and first not in lowercase_words)
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
    return sorted(found, key=lambda i: _core_candidate(args[i].text) is None)


@functools.lru_cache(maxsize=256)
def _thesis_arguable(thesis: str) -> bool:
    """The thesis was chosen as the author's stance, so only a report, a story or figures disqualify it (a
    hedged call such as "might want to consider…" carries no marker of its kind)."""
    kind = classify(thesis)
    return arguable(thesis, "evaluative" if kind == "factual" else kind)


def _as_clause(named: str, lowercase_words: frozenset[str]) -> str:
    """A core as reported speech after "that": its first word lowered when it is not a name ("the author
    says councils must…"); a core in the first person singular stays a quotation ("says “I will…”")."""
    if _FIRST_PERSON_SINGULAR.search(named):
        return f"“{named}”"
    return _lowered(named, lowercase_words)


def _lowered(text: str, lowercase_words: frozenset[str]) -> str:
    """``text`` to follow "that": its first word lowered unless it is a name or a title."""
    first, _, rest = text.partition(" ")
    word = re.split(r"[’']", first.lower())[0]
    # "Senator Feinstein", "President Obama": a title before a name, not a common word.
    title = word not in _LOWERABLE and rest[:1].isupper()
    if word in _LOWERABLE | lowercase_words and (not first[1:] or first[1:].islower()) and not title:
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
        comma = next(iter(_top_level(text, _COMMA)), None)
        if comma is not None:
            x, y = _side(text[opener.end() : comma.start()]), _side(text[comma.end() :])
            return (x, y) if x and y else None
    for turn in _top_level(text, _TURN):
        before, after = text[: turn.start()], text[turn.end() :]
        if _open_contrast(before) or not after:
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
    text = _tidy_end(_without_brackets(" ".join(unframed(_OPENER.sub("", claim)).split())))
    head = _tidy_end(_first_head(main_clause(text), _HANGS_ON))
    if not head or _word_count(head) > LONG_CLAUSE_WORDS or narrates(head) or _leans_or_reports(head):
        return None
    if classify(head) == "factual" and not _MODAL.search(head):
        return None  # "slightly more than half of the students are now getting a diploma": a fact once cut
    if _PAST.search(head) or re.search(r"\d", head):
        return None  # "the councillor has offered to think again", "costs are 50 percent higher": a report or a figure
    if not (_acceptable(head, claim, cut=head != text) and _whole(head, claim)):
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
# Narration and report: a past or perfect verb with nothing in the present, a modal or a future beside it
# ("Voters rejected that message", "the professor has now apologized").
_PAST = re.compile(
    r"\b(?:was|were|had|did)\b|\b(?:has|have)\s+(?:\w+\s+)?(?:\w+ed|been|become|gone|made|taken|given|done|come)\b"
    rf"|\b\w{{3,}}ed\b|\b{_IRREGULAR_PAST}\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:is|are|am|do|does|will|would|should|must|can|cannot|could|(?-i:may)|might|ought|need|needs|shall|isn[’']t|"
    r"aren[’']t|don[’']t|doesn[’']t|can[’']t|won[’']t)\b|\b(?:it|that|there|he|she|what|who|this)[’']s\b|[’']re\b",
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


def narrates(named: str) -> bool:
    """The core tells what happened or was done rather than claiming what is, should be or will be."""
    return bool(_PAST.search(named)) and not _PRESENT.search(named)


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
_NO_ACTOR = _word_set(
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
        breaks = [m for m in _top_level(text, _COMPOUND) if m.start() > 0]
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
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3}


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


_HEADLINE_AUXILIARY = _word_set("is are was were will would should can could do does did has have must")


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
        asks = first.lower() in _HEADLINE_AUXILIARY and 4 <= _word_count(text) <= LONG_CLAUSE_WORDS
        asks = asks and second.lower() != "you"  # "Are you drinking because…?": asked of the reader, not the circle
        return _Claim(None, text, text[:-1], "evaluative", text, direct_only=True) if asks else None
    sentence = as_sentence(text)
    kind = classify(sentence)
    if not arguable(sentence, kind):
        return None
    claim = _named_claim(None, sentence, kind, words)
    return claim if claim is not None and claim.question is not None else None


_AGREEMENT = "How far do you agree that “{}”?"


# A condition is part of what is claimed ("If X, then Y"), not a lead-in to drop.
_CONDITION = re.compile(r"^(?:if|unless|only if|as long as|so long as|until|without)\b", re.IGNORECASE)


def _mid_phrase(rest: str, claim: str) -> bool:
    """``rest``, what is left of ``claim`` once an opening is dropped, starts inside a phrase rather than on a
    subject: the claim writes its first word in lower case and it is no article or pronoun ("In their place a
    more generous, positive … country" does not become "Positive … country")."""
    at = claim.lower().find(rest[:30].lower())
    return at > 0 and claim[at].islower() and rest.split()[0].lower() not in _LOWERABLE


def _trimmed(claim: str) -> str:
    """The claim in the author's words without its lead-in ("As 2014 ends, …", "Make no mistake: …") and
    asides (in brackets, between dashes, ", which …,"): what a member agrees or disagrees with. The claim
    itself when nothing is left out or what is left would not be a whole clause."""
    text = claim
    for _ in range(3):
        stripped = _OPENER.sub("", text)
        stripped = stripped if _CONDITION.match(stripped) else main_clause(stripped)
        if stripped == text or len(stripped.split()) < 5:
            break
        text = stripped
    text = _without_dashed_asides(_without_brackets(text))
    text = _tidy_end(" ".join(_RELATIVE_ASIDE.sub(" ", text).split()))
    whole_clause = len(text.split()) >= 5 and _has_core_verb(text) and _balanced(text)
    if (
        not whole_clause
        or _mid_phrase(text, claim)
        or text.split()[0].lower() in _DANGLING_SUBJECT | _PHRASE_BREAK | _NO_SUBJECT
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
    shorter = _without_dashed_asides(main_clause(whole))
    if len(shorter) <= room:
        return shorter
    return _whole_clause(shorter, room, _THOUGHT_END) or shorten(shorter, room)


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
    pointing = first in _DANGLING_SUBJECT and not _EXTRAPOSED.match(stated) and not _THIS_TIME.match(stated)
    if pointing or first in _NO_SUBJECT - {"however"}:
        return False
    # "Right now, they are…", "the answers to these questions…": a subject that points outside the claim; and
    # "impotent and we still feel inadequate": a start inside a phrase of the claim.
    if _POINTING_SUBJECT.match(stated) or _SAID_ASIDE.search(stated) or _starts_inside(stated, claim):
        return False
    # "When X, Y" states Y on a condition; the other wh-openings ask or point ("What is good for them…").
    if first == "you" or (_NOT_A_STATEMENT.match(stated) and first != "when") or _SPEAKER.match(claim):
        return False
    if _FIRST_PERSON_SINGULAR.search(stated) and not _FIRST_PERSON_VIEW.match(stated):
        return False
    if any(stated.lower().strip('“”"') in q.lower() for q in _QUOTED.findall(claim)):
        return False
    return not (_HOLDERS.match(stated) or _REPORTED_ARGUING.search(stated)) and bool(_FINITE.search(stated))


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
    kinds = classify(stated) in _STAND_IN_KINDS and not _CONDITION.match(stated) and _agreeable(stated, claim)
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
        told = lexicon.NARRATIVE.search(stated) or "…" in stated or _NOT_A_STATEMENT.match(stated)
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
    if text.endswith("?") or _FIRST_PERSON_SINGULAR.search(text) or _LISTICLE.search(text):
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
    plain = [_without_quote_marks(quote(t, limit=10_000)) for t in texts]
    pairs = zip(plain, texts, strict=True)
    fits = all(len(p) <= POLL_ANSWER_LIMIT and _whole(p, t) and _arguable_label(p, t) for p, t in pairs)
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
    if at < 0 or _VERB_LIKE.match(words[-1]) or words[-1] in _WEAK_END | _NEEDS_PARTICLE:
        return False
    after = at + len(head)
    previous = words[-2] if len(words) > 1 else ""
    governed = _AUXILIARY.fullmatch(previous) or previous in _MODAL_OR_TO | _DANGLING_SUBJECT | {"not", "all", "we"}
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
    plain = _without_quote_marks(quote(claim, limit=10_000))
    named = core(claim)
    main = _without_dashed_asides(_without_brackets(main_clause(plain)))
    shorter = [main, _whole_clause(main, room) or ""]
    # The shortest kind, a clause's subject and verb up to a phrase break ("Perhaps we should all rifle"), is
    # kept like the others only where the claim itself breaks.
    shorter += [h for c in [_without_quote_marks(named or ""), main] if c and (h := _phrase_head(c, room))]
    # The core is a whole clause by construction, with asides left out, so only where it stops is checked;
    # anything else shorter than the claim must stop where the claim breaks and open on its subject, not on a
    # participle ("Based on its official statement").
    clauses = [plain]
    if named is not None and _ends_a_thought(named, claim):
        clauses.append(_without_quote_marks(named))
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
                and candidate.split()[0].lower() not in _DANGLING_SUBJECT | {"you", "you're", "you’re"}
                and not _LEANING_OPENER.match(candidate)
                and _has_core_verb(_ATTRIBUTIVE_PARTICIPLE.sub(" ", candidate))
                and _whole(candidate, claim)
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
    return _WORD.findall(_without_quote_marks(text).lower())


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


# What may follow a whole call to act inside its sentence: its end, a break, or a clause hanging on it.
_AFTER_A_THOUGHT = re.compile(
    r"[\W]*$|\s*[,;:—–(]|\s+[-—–]+\s|\s+(?:because|since|which|who|where|while|when|if|unless|until|so|as|but|"
    r"although|though|whereas|in order|before|after|in|on|at|for|with|by|from|into|over|under|against|during|"
    r"through|across|than)\b"
)


def _ends_a_thought(named: str, claim: str) -> bool:
    """``named`` (a core) stops where its sentence ends or breaks, not mid-phrase ("…needs to make it impossible")."""
    flat = " ".join(claim.split())
    # Asides left out inside the core (brackets, dashes) do not matter: only where its last words stop.
    tail = " ".join(named.split()[-3:]).lower()
    at = flat.lower().rfind(tail)
    return at >= 0 and bool(_AFTER_A_THOUGHT.match(flat, at + len(tail)))


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
