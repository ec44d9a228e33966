"""Stage 5: turn the thesis and claims into discussion prompts and polls that fit Discord.

Quotes are embedded as readable English: leading connectives ("In conclusion,", "Therefore,") and
stance frames ("I believe that") are dropped because the prompt supplies its own frame, a common first
word is lower-cased when the quote continues a sentence, the final full stop is removed, and long quotes
are cut at a word boundary with an ellipsis.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from bot.analysis import lexicon
from bot.analysis.alternatives import Alternatives
from bot.analysis.limits import (
    MAX_PROMPTS,
    POLL_ANSWER_LIMIT,
    POLL_MAX_ANSWERS,
    POLL_QUESTION_LIMIT,
    POSTED_TEXT_LIMIT,
)
from bot.analysis.model import Argument, Kind, Poll, Prompt, Span
from bot.analysis.select import arguable, classify, stands_alone
from bot.text import shorten

QUOTE_LIMIT = 200  # characters of a claim quoted by ``quote`` unless told otherwise
QUOTE_WORDS = 20  # a prompt quotes a claim whole up to this many words, else a whole clause of it
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


@dataclass(frozen=True, slots=True)
class Composition:
    prompts: tuple[Prompt, ...]
    polls: tuple[Poll, ...]
    # For the organiser, when the reading gave less to work with than usual ("add your own prompts").
    note: str = ""


def core(claim: str) -> str:
    """The claim without opening connectives, stance frame or scaffolding: "In conclusion, I believe that X"
    -> "X", "The second reason is that X" -> "X". What is left is the end of the claim, word for word."""
    text = " ".join(claim.split())
    for _ in range(4):
        stripped = lexicon.STANCE_PREFIX.sub("", lexicon.DISCOURSE_OPENER.sub("", text))
        stripped = lexicon.SCAFFOLD_PREFIX.sub("", stripped)
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
    text = _tidy_end(core(claim))
    if len(text) > limit:
        text = short_clause(text, limit)
    first = text.split(" ", 1)[0]
    lowerable = first.lower() in _LOWERABLE or first.lower() in lowercase_words
    if mid_sentence and lowerable and first[:1].isupper() and first[1:].islower():
        text = text[0].lower() + text[1:]
    elif not mid_sentence and text[:1].islower():
        text = text[0].upper() + text[1:]
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
    if text[:1] in "([" and (close := text.find(")" if text[0] == "(" else "]")) > 0:
        rest = text[close + 1 :].lstrip(" ,;:")
        if len(rest.split()) >= 5:
            text = rest[0].upper() + rest[1:] if rest[:1].islower() else rest
    if (lead := _LEAD_LABEL.match(text)) and len(text[lead.end() :].split()) >= 5:
        text = text[lead.end() :]
    opening = _OPENING_PHRASE.match(text)
    if opening and opening.end() <= 0.7 * len(text):
        rest = lexicon.DISCOURSE_OPENER.sub("", text[opening.end() :])
        if len(rest.split()) >= 5 and _has_verb(rest):
            text = rest[0].upper() + rest[1:] if rest[:1].islower() else rest
    if not _SUBORDINATE_OPENER.match(text):
        return text
    commas = _top_level(text, _COMMA)
    if not commas or commas[0].start() > 0.6 * len(text):
        return text
    rest = text[commas[0].end() :]
    if len(rest.split()) < 5:
        return text
    rest = lexicon.SCAFFOLD_PREFIX.sub("", lexicon.DISCOURSE_OPENER.sub("", rest)) or rest
    return rest[0].upper() + rest[1:] if rest[:1].islower() else rest


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
    "look looks looked listen listens stand stands stood"
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


def brief(claim: str, *, mid_sentence: bool = False, lowercase_words: frozenset[str] = frozenset()) -> str:
    """The claim as a prompt quotes it: whole when it has at most QUOTE_WORDS words, else its main clause
    without dashed asides, else the longest whole clause or sentence of it that is short enough. Never cut
    mid-thought: when nothing shorter stands alone the whole claim is quoted."""
    text = quote(claim, mid_sentence=mid_sentence, limit=10_000, lowercase_words=lowercase_words)
    if len(text.split()) <= QUOTE_WORDS:
        return text
    shorter = _without_dashed_asides(main_clause(text))
    if len(shorter.split()) > QUOTE_WORDS:
        room = len(" ".join(shorter.split()[:QUOTE_WORDS]))
        shorter = _whole_clause(shorter, room, _THOUGHT_END) or shorter
    shorter = _tidy_end(shorter)
    if len(shorter.split()) >= len(text.split()):
        return text
    if mid_sentence and shorter[:1].isupper() and shorter.split(" ", 1)[0].lower() in _LOWERABLE | lowercase_words:
        shorter = shorter[0].lower() + shorter[1:]
    return shorter


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
    text = text[0].upper() + text[1:] if text[:1].islower() else text
    return shorten(text, room), whole


_CONTENT = re.compile(r"[a-z][a-z’']+")
# Besides function words, the words every argument shares ("reason", "first") say nothing about a pair.
_COMMON = lexicon.STOPWORDS | frozenset(
    ["another", "argument", "first", "people", "point", "reading", "reason", "reasons", "second", "third"]
)


def _content(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in _CONTENT.findall(text.lower()) if len(w) > 3 and w not in _COMMON)


def _related_pair(args: Sequence[Argument], among: Sequence[int]) -> tuple[int, int] | None:
    """Of the arguments ``among``, the two that share the most content words without being the same claim."""
    words = {i: _content(args[i].text) for i in among}
    best, pair = 0.0, None
    for x, i in enumerate(among):
        for j in among[x + 1 :]:
            shared = len(words[i] & words[j])
            if not shared:
                continue
            overlap = shared / len(words[i] | words[j])
            if overlap < 0.6 and overlap > best:
                best, pair = overlap, (i, j)
    return pair


# Many phrasings of each kind of question, so two readings seldom read alike; which one a claim gets
# depends on the claim's own words (deterministic). "{c}" is the claim as a that-clause, "{C}" as a
# sentence. No two phrasings open with the same three words.
_CENTRAL = {
    "normative": (
        "The author’s central call is that “{c}”. Should we, and what would it cost?",
        "Is the author right that “{c}”? Who would have to change what they do?",
        "If we took seriously that “{c}”, what would be the first thing to change?",
        "Would you sign up to this: “{C}”? What holds you back, if anything?",
    ),
    "causal": (
        "The author traces a cause: “{C}”. Is that the real cause, or is something else at work?",
        "Does the case hold that “{c}”? What else could explain it?",
        "How convinced are you that “{c}”? What would you want to check first?",
        "“{C}” — is that how it works, in your view?",
    ),
    "predictive": (
        "The author expects that “{c}”. Will it happen, and what would stop it?",
        "Would you bet on this: “{C}”? Why, or why not?",
        "What would have to be true for this to come about: “{C}”?",
        "Looking ahead, do you agree that “{c}”?",
    ),
    "evaluative": (
        "The author judges that “{c}”. By what standard, and do you share it?",
        "Is this a fair judgement: “{C}”? What would you weigh differently?",
        "Would you put it as strongly as the author does, that “{c}”?",
        "What makes the author so sure that “{c}”? Are you?",
    ),
}
_CENTRAL["factual"] = _CENTRAL["evaluative"]
_STEELMAN = (
    "What is the strongest case against “{c}”, and who would make it?",
    "Steelman the other side: how would a thoughtful opponent answer “{C}”?",
    "Who loses if “{c}” is right, and what would they say?",
    "Argue the opposite for a moment: what is wrong with “{C}”?",
    "Where is this claim weakest: “{C}”?",
)
# The other side of the central claim, when no other claim is left to quote (it was just quoted).
_STEELMAN_CENTRAL = (
    "Steelman the other side: who would reject that central claim, and on what grounds?",
    "What is the strongest case against that claim, and who would make it?",
    "Whose interests cut against this claim, and what would they say?",
)
_COUNTER = (
    "The reading lets the other side speak: “{C}”. What is that view’s best form, and does the author answer it?",
    "Take the view the author argues against, “{C}”: is there more to it than the reading allows?",
    "Put yourself in the shoes of someone who holds that “{c}”. How would they reply to the author?",
)
# Neutral about whether the two conflict: "Can both be true at once" asked of claims that do not clash
# reads as a trick question.
_PAIR = (
    "Do these two claims pull together or apart: “{C}” and “{D}”?",
    "The author holds that “{c}”, and also that “{d}”. Which matters more, and why?",
)
_EVIDENCE = (
    "What evidence would change your mind about this: “{C}”?",
    "What would it take to prove the author wrong that “{c}”?",
    "How would we know whether “{c}”? What would you look for?",
    "Which fact, if it turned out false, would sink the claim that “{c}”?",
)
_SEEN = (
    "Where have you seen this in your own life or work: “{C}”?",
    "Can you think of a case that fits “{C}” — or one that does not?",
    "Does this match what you have seen around you: “{C}”?",
    "Who do you know for whom “{c}” rings true, or false?",
)
_FOLLOW = (
    "If it is true that “{c}”, what should follow from it?",
    "Suppose the author is right that “{c}”. What should we do differently?",
    "Granting that “{c}”, what is the next step, and who should take it?",
)
_REASON = (
    "The author backs “{c}” with this: “{R}”. Does that reason hold up?",
    "The author argues that “{c}”. Is this reason enough: “{R}”?",
)
_GENERIC = (
    "What is the author trying to persuade us of, in one sentence of your own?",
    "Which part of the reading would you push back on, and why?",
)


# A capitalised word after the first: the claim is about a named person, party or place, not about
# something members meet in their own lives.
_NAMED = re.compile(r"(?<=\s)(?!I\b)[A-Z][a-z’']+")


# "Critics say that…", "Some people argue…": who holds the view, which the counter prompt says itself.
_HOLDERS = re.compile(
    r"^\W*(?:(?:some|many|most|other|few|several)\s+)?(?:people|critics|opponents|sceptics|skeptics|others|"
    r"supporters|proponents|detractors|commentators|experts)\b[^,.;:]{0,40}?\s+(?:say|said|argue|argued|claim|"
    r"claimed|contend|insist|believe|think|maintain|object|complain|will say|would say)\s+(?:that\s+)?",
    re.IGNORECASE,
)


def _their_view(counter: str) -> str:
    """The view others hold, without the frame that attributes it: "Critics say that X" -> "X"."""
    rest = _HOLDERS.sub("", counter)
    return rest if len(rest.split()) >= 4 and rest != counter else counter


def _rotation(arg: Argument, lowercase_words: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
    """The kinds of question a further claim may get: what would change your mind, where have you seen it
    (only for a claim about everyday life, not about a named politician or country), what should follow
    (not for a judgement, which calls for no action). A capitalised first word is a name unless the
    reading writes it in lower case elsewhere."""
    first = arg.text.split(" ", 1)[0].strip("\"“‘'").lower()
    named = _NAMED.search(arg.text) or (first not in _LOWERABLE and first not in lowercase_words)
    kinds: list[tuple[str, ...]] = [_EVIDENCE]
    if not named:
        kinds.append(_SEEN)
    if arg.kind != "evaluative":
        kinds.append(_FOLLOW)
    return tuple(kinds)


def _pick(variants: Sequence[str], key: str) -> str:
    """One of ``variants``, the same one every time for the same ``key`` (a claim's words)."""
    return variants[zlib.crc32(key.encode("utf-8")) % len(variants)]


def _fill(template: str, claim: str, other: str = "", reason: str = "") -> str:
    """The template with the claim as a that-clause ({c}) or a sentence ({C}), likewise {d}/{D}, {R}."""

    def sentence(text: str) -> str:
        return text[0].upper() + text[1:] if text[:1].islower() else text

    return (
        template.replace("{c}", claim)
        .replace("{C}", sentence(claim))
        .replace("{d}", other)
        .replace("{D}", sentence(other))
        .replace("{R}", sentence(reason))
    )


def _without_reason(arg: Argument) -> str:
    """The claim without the "because…" clause it contains, when its first reason is that clause, so the
    prompt never quotes the reason twice."""
    if not arg.reason_spans:
        return arg.text
    reason = arg.reason_spans[0]
    if not (arg.start <= reason.start and reason.end <= arg.end):
        return arg.text
    before = arg.text[: reason.start - arg.start].rstrip(" ,;:—–-")
    after = arg.text[reason.end - arg.start :].lstrip(" ,;:—–-")
    rest = after if len(after.split()) > len(before.split()) else before
    return rest if len(rest.split()) >= 3 else arg.text


MAX_QUOTED_WORDS = QUOTE_WORDS + 10  # a claim that cannot be quoted shorter gets no prompt of its own
FEW_CLAIMS = 3  # a reading with fewer arguable claims (thesis included) gets fewer prompts and a note


def _arguable_claims(material: Material) -> list[int]:
    """Indices of the arguments a circle can disagree with, best first; a claim that can only be quoted
    at length comes after the ones that can be quoted briefly."""
    args = material.arguments
    found = [i for i, a in enumerate(args) if arguable(a.text, a.kind) and stands_alone(a.text)]
    return sorted(found, key=lambda i: len(brief(args[i].text).split()) > QUOTE_WORDS + 8)


def _quotable(text: str) -> bool:
    """A claim a prompt can ask about without a wall of quotation (see ``brief``)."""
    return len(brief(text).split()) <= MAX_QUOTED_WORDS


def _thesis_arguable(thesis: str) -> bool:
    """The thesis was chosen as the author's stance, so only a report, a story or figures disqualify it (a
    hedged call such as "might want to consider…" carries no marker of its kind)."""
    kind = classify(thesis)
    return arguable(thesis, "evaluative" if kind == "factual" else kind)


def _prompts(material: Material, claims: list[int]) -> list[Prompt]:
    """A question about the central claim, the other side, two claims that pull apart, then one question
    per further arguable claim (what would change your mind, where have you seen it, what should follow),
    and whether a reason the text gives holds up; never a question about a fact or a story."""
    args = material.arguments
    words = material.lowercase_words

    def that(text: str) -> str:
        # A claim with no shorter whole clause is cut only when even a prompt could not hold it.
        return shorten(brief(text, mid_sentence=True, lowercase_words=words), QUOTE_LIMIT)

    queue = [i for i in claims if _quotable(args[i].text)]
    central_text: str | None = None
    central_index: int | None = None
    central_kind: Kind = "factual"
    if material.thesis is not None:
        central_kind = classify(material.thesis.text)
        if _thesis_arguable(material.thesis.text) or not queue:
            central_text = material.thesis.text
    if central_text is None and queue:
        central_index = queue.pop(0)
        central_text, central_kind = args[central_index].text, args[central_index].kind
    if central_text is None:
        return [Prompt(text, None) for text in _GENERIC]
    c = that(central_text)
    out = [Prompt(_fill(_pick(_CENTRAL[central_kind], c), c), central_index)]
    # Each claim is quoted once: a quotation met again in the next prompt reads as padding.
    reasoned = next(
        (
            i
            for i in claims
            if i != central_index and args[i].reasons and _quotable(args[i].text) and _quotable(args[i].reasons[0])
        ),
        None,
    )
    queue = [i for i in queue if i != reasoned]
    pair = _related_pair(args, queue)
    queue = [k for k in queue if pair is None or k not in pair]
    if material.counter:
        counter = that(_their_view(material.counter))
        out.append(Prompt(_fill(_pick(_COUNTER, counter), counter), None))
    elif queue:
        index = queue.pop(0)
        claim = that(args[index].text)
        out.append(Prompt(_fill(_pick(_STEELMAN, claim), claim), index))
    else:
        out.append(Prompt(_pick(_STEELMAN_CENTRAL, c), central_index))
    if pair is not None:
        i, j = pair
        first, second = that(args[i].text), that(args[j].text)
        out.append(Prompt(_fill(_pick(_PAIR, first + second), first, second), i))
    turn = 0
    room = MAX_PROMPTS - (reasoned is not None)
    while queue and len(out) < room:
        index = queue.pop(0)
        claim = that(args[index].text)
        kinds = _rotation(args[index], words)
        out.append(Prompt(_fill(_pick(kinds[turn % len(kinds)], claim), claim), index))
        turn += 1
    if reasoned is not None and len(out) < MAX_PROMPTS:
        arg = args[reasoned]
        claim = that(_without_reason(arg))
        reason = brief(arg.reasons[0], lowercase_words=words)
        out.append(Prompt(_fill(_pick(_REASON, claim), claim, reason=reason), reasoned))
    seen: set[str] = set()
    unique = []
    for prompt in out:
        text = shorten(prompt.text, PROMPT_LIMIT) if len(prompt.text) > PROMPT_LIMIT else prompt.text
        if text not in seen and text.endswith("?"):
            seen.add(text)
            unique.append(Prompt(text, prompt.argument))
    return unique


_AGREEMENT = "How far do you agree that “{}”?"


def agreement_claim(thesis: str, lowercase_words: frozenset[str] = frozenset()) -> str:
    """The thesis as the agreement poll states it: whole whenever the question fits; else its main clause
    without dashed asides, or its first whole clause (each with its subject and verb); cut at a word
    boundary only when nothing shorter stands alone."""
    room = POLL_QUESTION_LIMIT - len(_AGREEMENT.format(""))
    whole = quote(thesis, mid_sentence=True, limit=10_000, lowercase_words=lowercase_words)
    if len(whole) <= room:
        return whole
    shorter = _without_dashed_asides(main_clause(whole))
    if len(shorter) <= room:
        return shorter
    return _whole_clause(shorter, room, _THOUGHT_END) or shorten(shorter, room)


def _agreement_poll(material: Material, claims: list[int]) -> Poll:
    """Agreement with the thesis; with the reading's best arguable claim instead when the thesis is a fact,
    a scene or someone else's words, which nobody can agree or disagree with."""
    thesis = material.thesis
    if thesis is not None and not _thesis_arguable(thesis.text) and claims:
        index = claims[0]
        claim = agreement_claim(material.arguments[index].text, material.lowercase_words)
        return Poll(_AGREEMENT.format(claim), AGREEMENT_SCALE, index)
    if thesis is None:
        return Poll("How far do you agree with the reading?", AGREEMENT_SCALE, None)
    return Poll(_AGREEMENT.format(agreement_claim(thesis.text, material.lowercase_words)), AGREEMENT_SCALE, None)


def _convinced_poll(material: Material, claims: list[int]) -> Poll | None:
    """Which of the reading's arguable claims convinced members most, in score order; None with fewer than
    two that fit a poll answer or can be named by a label, since a poll of one argument asks nothing."""
    chosen = sorted(claims)[:POLL_MAX_ANSWERS]
    if len(chosen) < 2:
        return None
    texts = [material.arguments[i].text for i in chosen]
    question = "Which of the reading’s arguments convinced you most?"
    # "Which argument for X" only when X is a claim the arguments can be for.
    if material.thesis is not None and _thesis_arguable(material.thesis.text):
        whole = quote(material.thesis.text, mid_sentence=True, limit=10_000, lowercase_words=material.lowercase_words)
        asked = f"Which argument for “{whole}” convinced you most?"
        question = asked if len(asked) <= POLL_QUESTION_LIMIT else question
    plain = [_without_quote_marks(quote(t, limit=10_000)) for t in texts]
    if all(len(p) <= POLL_ANSWER_LIMIT for p in plain) and len(set(plain)) == len(plain):
        return Poll(question, tuple(plain), None)
    # An answer cut mid-phrase ("That's why any American strategy…") names nothing a member can pick: the
    # poll offers only the claims a label can name, and is left out when fewer than two can be.
    texts = [t for t in texts if _label_text(t, POLL_ANSWER_LIMIT - 4)[1]]
    if len(texts) < 2:
        return None
    answers = [label(n, t) for n, t in enumerate(texts, 1)]
    if len(set(answers)) != len(answers):
        answers = [
            f"{n} · " + shorten(_without_quote_marks(quote(t, limit=10_000)), POLL_ANSWER_LIMIT - 4)
            for n, t in enumerate(texts, 1)
        ]
    return Poll(question, tuple(answers), None, _numbered_message(texts))


_CONVICTION = "How convinced are you that “{}”?"
CONVICTION_SCALE = ("Convinced", "Partly convinced", "Not convinced", "Not sure")


def _conviction_poll(material: Material, claims: list[int]) -> Poll | None:
    """How convinced members are by the reading's best further claim, stated whole: the second poll when
    its claims are too long to name in poll answers and it sets out no choice."""
    for index in claims:
        text = quote(
            material.arguments[index].text, mid_sentence=True, limit=10_000, lowercase_words=material.lowercase_words
        )
        question = _CONVICTION.format(text)
        if len(question) <= POLL_QUESTION_LIMIT:
            return Poll(question, CONVICTION_SCALE, index)
    return None


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


def compose(material: Material) -> Composition:
    """Prompts about the reading's arguable claims (fewer when it has few, with a note saying so), an
    agreement poll on the thesis, a poll of the alternatives the reading sets out when it names a choice,
    and, with two or more arguable claims a label can name, a poll on which convinced most (else, when no
    choice was found, how convinced members are by one further claim, stated whole)."""
    claims = _arguable_claims(material)
    prompts = _prompts(material, claims)
    polls = [_agreement_poll(material, claims)]
    if material.alternatives is not None:
        polls.append(_alternatives_poll(material.alternatives, material.lowercase_words))
    convinced = _convinced_poll(material, claims)
    if convinced is not None:
        polls.append(convinced)
    elif len(polls) == 1:
        conviction = _conviction_poll(material, [i for i in claims if i != polls[0].argument])
        polls.extend([conviction] if conviction is not None else [])
    arguable_count = len(claims) + (material.thesis is not None and _thesis_arguable(material.thesis.text))
    note = ""
    if arguable_count < FEW_CLAIMS:
        # Said of what the analysis found, not of the reading: a piece full of contestable claims the
        # analysis could not quote briefly would make "the reading makes few claims" false.
        note = (
            f"Only {len(prompts)} prompts: the analysis found few of the author's own claims it could quote "
            "briefly and ask about: add your own questions."
        )
    return Composition(tuple(prompts), tuple(polls), note)
