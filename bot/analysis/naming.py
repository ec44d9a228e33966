"""How a claim is named in a few words of the author's own: its core, its main clause, a quote or a poll label.

Prompts and polls both name claims, and must name them the same way: whole, in the author's words, or not at all.
Keeping the naming rules in one place lets them be read and tested apart from what is asked about a claim.
"""

from __future__ import annotations

import functools
import re

from bot.analysis import lexicon
from bot.analysis.limits import (
    POLL_ANSWER_LIMIT,
)
from bot.text import as_sentence, shorten

QUOTE_LIMIT = 200  # characters of a claim quoted by ``quote`` unless told otherwise

LOWERABLE = frozenset(
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


def tidy_end(text: str) -> str:
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
    text = tidy_end(unframed(claim))
    if len(text) > limit:
        text = short_clause(text, limit)
    first = text.split(" ", 1)[0]
    lowerable = first.lower() in LOWERABLE or first.lower() in lowercase_words
    title = first.lower() not in LOWERABLE and text.partition(" ")[2][:1].isupper()  # "President Obama"
    if mid_sentence and lowerable and first[:1].isupper() and first[1:].islower() and not title:
        text = text[0].lower() + text[1:]
    elif not mid_sentence and text[:1].islower():
        text = as_sentence(text)
    short = shorten(text, limit)
    return tidy_end(short) if not short.endswith("…") else short


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


def top_level(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
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


COMMA = re.compile(r", ")
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
    commas = top_level(text, COMMA)
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
    text = without_dashed_asides(main_clause(text))
    if len(text) <= limit:
        return text
    for match in top_level(text, _BREAK):
        head = text[: match.start()].rstrip(" ,")
        if len(head.split()) >= 6 and balanced(head) and _has_verb(head):
            return head
    return text


def balanced(text: str) -> bool:
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


def without_brackets(text: str) -> str:
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


def without_quote_marks(text: str) -> str:
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
THOUGHT_END = re.compile(_CLAUSE_END.pattern + r"|(?<=[.!?])\s+(?=[A-Z“\"‘'])")
# A dash-delimited aside ("a good man - a husband and father - was fired"): the sentence reads without it.
# Both dashes stand apart from the words (a hyphen inside a word is not a dash).
DASHED_ASIDE = re.compile(
    r"\s*(?<!\w)[—–-]{1,2}\s+[^—–;]{1,100}?\s+[—–-]{1,2}(?!\w)\s*|(?<=\w)-\s+[^—–;-]{1,100}?\s+-\s+"
)
# A clause has a verb: an auxiliary or modal, a past form, or a pronoun followed by a word.
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|shall|should|can|cannot|could|may|"
    r"might|must|need|needs|matter|matters|remains?|seems?|means?|makes?|shows?|works?|fails?|\w+ed|\w+n[’']t)\b"
    r"|\b(?:i|we|you|they|he|she|it|who)\s+[a-z]{3,}",
    re.IGNORECASE,
)


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words a label may stop before: what follows them is a modifier of what is already said.
# Not "of" ("signs | of decline"), "to" ("can help | to decrease"), "and"/"or" ("Moms | and dads"): those
# go on with the same phrase.
PHRASE_BREAK = word_set(
    "in on at for with by from but because which when while if unless until without after before during "
    "across through into onto toward towards instead over under against between so whereas although though yet as"
)
# Verbs that need the preposition after them ("depend on the library"): a label cannot stop between.
NEEDS_PARTICLE = word_set(
    "depend depends depended rely relies relied focus focuses focused count counts insist insists insisted "
    "consist consists result results lead leads amount amounts belong belongs refer refers respond responds "
    "look looks looked listen listens stand stands stood turn turns turned put puts prevent prevents prevented "
    "ban bans banned bar bars barred deter deters deterred want wants wanted expect expects expected allow "
    "allows allowed force forces forced urge urges urged"
)
WEAK_END = word_set(
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
    return _has_verb(head) or (len(words) >= 4 and words[0].lower() not in PHRASE_BREAK)


def without_dashed_asides(text: str) -> str:
    shorter = " ".join(DASHED_ASIDE.sub(" ", text).split())
    return shorter if len(shorter.split()) >= 5 and _has_verb(shorter) else text


_NOT_ONLY = re.compile(r"\bnot (?:just|only|merely|simply|solely)\b", re.IGNORECASE)
_BUT = re.compile(r"\bbut\b", re.IGNORECASE)


def open_contrast(head: str) -> bool:
    """``head`` says "not just X" without the "but also Y" that carries its point."""
    found = _NOT_ONLY.search(head)
    return found is not None and not _BUT.search(head, found.end())


def opening_clause(text: str, room: int, pattern: re.Pattern[str] = _CLAUSE_END) -> str | None:
    """The longest opening of ``text`` that ends where a clause does, fits in ``room`` characters, holds at
    least five words and a verb: "Chris Kyle was not a warmonger; he was…" gives "Chris Kyle was not a
    warmonger"."""
    best = None
    for match in top_level(text, pattern):
        head = tidy_end(text[: match.start()].rstrip(" ,;:"))
        if len(head) > room:
            break
        last = head.split()[-1].lower() if head else ""
        if open_contrast(head):
            continue
        if len(head.split()) >= 5 and last not in WEAK_END and balanced(head) and _has_verb(head):
            best = head
    return best


def phrase_head(text: str, room: int) -> str | None:
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
        stops = last.endswith(",") or following in PHRASE_BREAK
        # A comma after a verbless opening ends a list or an aside ("Cities such as Washington,"), not a claim.
        stops = stops and (_has_verb(head) or not last.endswith(","))
        head = head.rstrip(",;:")
        if (
            stops
            and not open_contrast(head)
            and last.rstrip(",;:").lower() not in WEAK_END | NEEDS_PARTICLE
            and balanced(head)
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
    text = _LIST_MARKER.sub("", without_brackets(quote(claim, limit=10_000)))
    # A mark wedged between two words (a typo like 'the"one') becomes a space, so words never fuse.
    text = without_quote_marks(_GLUED_QUOTE.sub(" ", text))
    whole = True
    named = core(claim)
    if len(text) > room and named is not None and ends_a_thought(named, claim):
        plain = without_quote_marks(named)
        text = plain if len(plain) <= room else text
    if len(text) > room:
        shorter = without_dashed_asides(without_brackets(main_clause(text)))
        text = shorter if len(shorter.split()) >= 2 else text
    if len(text) > room:
        plainer = _FILLER_ADVERB.sub("", text)
        text = plainer if len(plainer.split()) >= 4 else text
    if len(text) > room:
        head = opening_clause(text, room) or phrase_head(text, room)
        whole = head is not None
        text = head or shorten(text, room)
    text = as_sentence(text)
    return shorten(text, room), whole


CORE_WORDS = 15  # a claim's core is short enough to name inside a one- or two-sentence question
WORD = re.compile(r"[\w’']+")


def word_count(text: str) -> int:
    """Words as a reader counts them: "man-made" is two."""
    return len(WORD.findall(text))


# A subject that points outside the claim ("It is a slow march", "They are personal"): the core cannot stand
# alone, so the claim is not asked about by its core.
DANGLING_SUBJECT = word_set("this that these those it its they them their he she his her such which who both")
# Openers the lexicon's connectives leave: "The truth is that…", "Make no mistake:", "Simply put,".
OPENER = re.compile(
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
RELATIVE_ASIDE = re.compile(
    r",\s+(?:(?:(?:[a-z]+\s+)?(?:which|whom)|who|whose|where)\b|[a-z]+ed\b|[a-z]+ing\b)[^,;:()]{1,120},\s+"
    r"|,\s+(?:therefore|however|though|then|too|of course|in fact|indeed|after all|in turn|thus|again),(?=\s)"
    # "The response, in the longer term, should…": a short phrase of time or place before the verb.
    r"|,\s+(?:in|at|for|on|by|over|within)\s[^,;:()]{1,30},\s+"
    r"(?=(?:should|must|will|would|can|could|is|are|has|have|may|might|needs?)\b)"
)
# Where a claim's main clause ends and something that hangs on it begins; the core stops at the first.
HANGS_ON = re.compile(
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
TURN = re.compile(r",?\s+(?:but|yet)\s+|;\s+(?:but|yet|however),?\s+|,\s+however,\s+", re.IGNORECASE)
# "It would be good policy to…", "It is time to…": an "it" that points forward, not back.
EXTRAPOSED = re.compile(
    r"^It(?:[’']s|\s+(?:is|was|would be|will be|must be|may be|might be|seems|remains))\s+"
    r"(?:(?!going\b|if\b|when\b|because\b|unless\b)[\w’'-]+\s+){0,6}?(?:to|that)\b",
    re.IGNORECASE,
)
_TRAILING_ADVERB = re.compile(
    r",\s+(?:of course|too|though|however|then|perhaps|surely|indeed|after all|(?:quite )?simply|once|along)$"
    r"|\s+of course$"
)
NO_SUBJECT = word_set("to of along like unlike than not and or nor also however whatever thanks according here")
# A core that is not one clause: a sentence break inside it, or a word or two cut off by a comma at its start
# ("Self-righteous preening, they had a problem").
_BROKEN = re.compile(r"[.!?][\"”’']?\s+\S|^[\w’'-]+(?:\s[\w’'-]+)?,\s")
FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|me|my|mine|myself)\b")


def _usable_head(head: str) -> bool:
    """A core candidate says something of something: three words or more, a verb, balanced marks, and it ends
    on a content word rather than an article or a preposition."""
    words = head.split()
    return (
        len(words) >= 3
        and words[-1].lower().strip(",") not in _CORE_WEAK_END
        and balanced(head)
        and has_core_verb(head)
        and not open_contrast(head)
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
_CORE_WEAK_END = WEAK_END | word_set("only just even more less most very too also and or but based due able")


_HYPHENATED = re.compile(r"\w+-\w+")


def has_core_verb(text: str) -> bool:
    """A verb among the words: "one-sided" or "well-honed" is not one."""
    text = _HYPHENATED.sub("", text)
    return _has_verb(text) or bool(_COMMON_VERB.search(text))


def first_head(text: str, pattern: re.Pattern[str], *, limit: int | None = None) -> str:
    """``text`` up to its first top-level ``pattern`` break after which what is left still says something;
    with ``limit``, the longest such head within that many words instead. ``text`` itself when none is."""
    heads = [tidy_end(text[: m.start()]) for m in top_level(text, pattern) if m.start() > 0]
    heads = [h for h in heads if _usable_head(h)]
    if limit is None:
        return heads[0] if heads else text
    fitting = [h for h in heads if word_count(h) <= limit]
    return fitting[-1] if fitting else text


def _asserted(text: str) -> str:
    """Of "X, but Y", the Y the author asserts when it is a clause that stands alone; else ``text``."""
    for turn in top_level(text, TURN):
        before, after = text[: turn.start()], text[turn.end() :]
        if open_contrast(before) or len(before.split()) < 2 or not balanced(before):
            continue
        # "Ray's deplorable but isolated act…": a "but" inside a noun phrase, not between two clauses.
        if not FINITE.search(_POSSESSIVE.sub("", before)):
            continue
        if _usable_head(after) and len(after.split()) >= 4 and after.split()[0].lower() not in DANGLING_SUBJECT:
            return as_sentence(after)
    return text


# A verb in a finite form: an auxiliary or modal, a contraction, a past form, or a common verb not after "to".
# Deliberately lenient (a tagger would do better): it only has to tell a clause from a bare noun phrase
# ("the only explanation the department has ever provided" passes; "a faith worth believing" does not).
AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|am|has|have|had|do|does|did|will|would|shall|should|can|cannot|could|(?-i:may)|might|"
    r"must|ought|(?<!\bthe\s)(?<!\ba\s)needs?)\b|n[’']t\b|\w[’'](?:s|re|ve|ll|d|m)\b",
    re.IGNORECASE,
)
FINITE = re.compile(
    AUXILIARY.pattern + r"|\b\w{3,}ed\b|(?<!\bto\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)" + _COMMON_VERB.pattern,
    re.IGNORECASE,
)
# Where the main clause of a core ends: its finite verb must come before these.
_SUBORDINATE = re.compile(
    r"\b(?:even though|although|though|because|since|which|who|whom|whose|if|unless|when|while|whereas)\b",
    re.IGNORECASE,
)
# Not a statement: a wh-clause ("how much we should worry"), a suggestion ("Let's agree…"), an imperative.
NOT_A_STATEMENT = re.compile(
    r"^[“\"‘']?(?:how|what|why|whether|where|when|which|had|were|then|let(?:[’']s)?|look|get|think|imagine|consider|remember|"
    r"take|stop|give|put|keep|read|ask|try|tell|go|come|don[’']t|never|just|please|note|forget|see|watch|"
    r"listen|start|help|call|write|join|especially|particularly|notably|including|no wonder|whoever|whatever)\b",
    re.IGNORECASE,
)
# "I think…" is a view; "I get irritated sometimes", "I know how these debates will unfold" are the author's
# story or mood, not a claim a circle can weigh.
FIRST_PERSON_VIEW = re.compile(
    r"^[“\"‘']?I(?:[’']m|\s+am)?\s+(?:(?:do|really|strongly|firmly|still|also)\s+)*(?:think|believe|doubt|"
    r"suspect|would\s+(?:argue|say|suggest)|reckon|convinced|sure|certain)\b"
)
# A verb cut off from what it needs: a participle, a gerund or a common verb as the last word of a cut core.
VERB_LIKE = re.compile(
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
_ARTICLE_OR_PREPOSITION = word_set(
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
SPEAKER = re.compile(r"^\W*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}:\s")
_PREPOSITION_NEXT = re.compile(r"^\s+(?:on|in|at|to|for|with|by|from|of|into|onto|upon|about|out|up)\b")
MODAL_OR_TO = word_set("can could will would may might must should shall to")
_POINTING_END = word_set("this that them it these those")
_HANGING_WORD = word_set("especially particularly notably including even just because again")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_JOINING = word_set("that and but so yet because whether then thus therefore now also still")
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
    if found is None or AUXILIARY.search(found.group(1)):
        return text
    rest = text[found.end() :]
    if not FINITE.match(rest.split(" ", 1)[0]) and not FINITE.search(" ".join(rest.split()[:2])):
        return text
    return found.group(1) + " " + rest


def reads_whole(named: str, claim: str) -> bool:
    """``named`` reads as a whole clause: a statement (not a wh-clause, a "Let's", an imperative, someone
    else's words, the author's story about themself or an address to the reader) with a finite verb in its
    main clause, and, when it stops before the claim's sentence does, not right after a verb that needs an
    object or agent ("has also ushered" + "in…", "was partly caused" + "by…"), an article or preposition, or
    inside "from X to Y"."""
    if NOT_A_STATEMENT.match(named) or (FIRST_PERSON_SINGULAR.search(named) and not FIRST_PERSON_VIEW.match(named)):
        return False
    last_word = named.split()[-1].lower().strip(",")
    if last_word in _HANGING_WORD | _POINTING_END and not (last_word == "again" and _ends_sentence(named, claim)):
        return False  # "…to find them in the UK" is fine; "…great to read on this" points outside the claim
    if named.split()[0].lower() == "you":  # advice or rhetoric to the reader: "You would hope…", "you might as well"
        return False
    if any(named.lower().strip('“”"') in q.lower() for q in QUOTED.findall(claim)):  # someone else's words
        return False
    split = re.match(r"^([^,]+),\s+(\S+)", named)  # "The entire VA, want to show…": a comma parts subject and verb
    if split and not FINITE.search(split.group(1)) and FINITE.match(split.group(2)):
        return False
    if (contact := _CONTACT_CLAUSE.match(named)) and not _MAIN_VERB_AFTER.search(named, contact.end()):
        return False  # "A supposedly fun thing they will never do again": a noun phrase, not a clause
    if named.startswith(("“", '"')) or _UNFINISHED.search(named) or _speaker(claim) or _GLUED_QUOTE.search(named):
        return False
    main = _SUBORDINATE.split(_HYPHENATED.sub("", named), maxsplit=1)[0]
    # The finite verb is the core's own, not only that of a relative clause ("the good news that gets me").
    before_that = re.split(r"\b(?:that|which|who)\b", main, maxsplit=1)[0]
    if not FINITE.search(before_that) and len(FINITE.findall(main)) < 2:
        return False
    flat = _INNER_ADVERB.sub(" ", " ".join(without_brackets(claim).split()))
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
    if len(words) > 1 and words[-2].lower() in MODAL_OR_TO and _PREPOSITION_NEXT.match(after):
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
_BEFORE_A_CLAUSE = word_set(
    "believe think contend argue suspect know hope fear guess reckon insist admit realise realize course perhaps "
    "maybe surely certainly clearly"
)
# A verb that ends a comparison ("…a lot more than people think"): it needs no object.
_COMPARED = re.compile(r"\b(?:than|as)\s+(?:\w+\s+){0,2}\w+$", re.IGNORECASE)
_DETERMINER = word_set("the a an its their his her our my your this these those that")


def _speaker(claim: str) -> bool:
    return bool(SPEAKER.match(claim)) and not _LIST_WORD.match(claim)


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
        if word not in NEEDS_PARTICLE:
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
    nominal = previous in (_ARTICLE_OR_PREPOSITION - {"to"}) | word_set("its their his her our my your this that")
    return bool(VERB_LIKE.match(last)) and not nominal


# core(), its candidate and thesis_arguable are pure functions of a string that composing asks of the same
# claim several times (a prompt, a label, a poll, the order of claims): about 3.7 calls per claim.
@functools.lru_cache(maxsize=1024)
def core(claim: str) -> str | None:
    """What a claim says of what, in the author's words and at most CORE_WORDS words, readable alone: without
    its opening connective or stance frame ("Of course, I think that…"), an opening subordinate clause,
    brackets, dashed and relative asides, an appositive between subject and verb, and whatever hangs on the
    main clause after it (a "because" or "which" clause, an example, a participle); of "X, but Y", the Y.

    A core is a whole clause or nothing (``reads_whole``): when the cut would leave a verb without the object or
    agent it needs, the claim is named by its whole sentence if that is short (CLAUSE_WORDS), or by its main
    clause to the sentence's end when only a scene-setting opening made it long, else not at all, since one
    broken question costs a prompt more than a missing one does."""
    cut = core_candidate(claim)
    if cut is not None and reads_whole(cut, claim):
        return cut
    shorter = _without_trailing_participle(cut) if cut is not None else None
    if (
        shorter is not None
        and _usable_head(shorter)
        and acceptable(shorter, claim, cut=False)
        and reads_whole(shorter, claim)
    ):
        return shorter
    sentence = tidy_end(without_brackets(_LIST_MARKER.sub("", " ".join(unframed(OPENER.sub("", claim)).split()))))
    sentence = _TRAILING_ADVERB.sub("", _INNER_ADVERB.sub(" ", sentence))
    if word_count(sentence) <= CLAUSE_WORDS and acceptable(sentence, claim, cut=False) and reads_whole(sentence, claim):
        return as_sentence(sentence)
    # The sentence from its main clause ("Today, | the spectre of Grexit is more threatening to the Greeks
    # than to…"), to its end, when a scene-setting opening or a concession is all that made it too long; never
    # without a condition the claim depends on ("If X, Y").
    opened = main_clause(sentence)
    if opened == sentence or CONDITION.match(sentence) or word_count(opened) > CLAUSE_WORDS:
        return None
    if (mid_phrase(opened, claim) and _NO_NOUN.match(opened)) or _POINTING_CLAUSE.search(opened):
        return None  # "…, failed to seek…" is no subject; "it is clear that he…" leans on the dropped opening
    if narrates(re.split(r"\b(?:that|which|who)\b", opened, maxsplit=1)[0]):
        return None  # "After there were revelations…, the Carter administration reacted…": a story's next step
    if acceptable(opened, claim, cut=False) and reads_whole(opened, claim):
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
_NOT_BEFORE_A_MODIFIER = word_set(
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
        or noun in _NOT_BEFORE_A_MODIFIER | _ARTICLE_OR_PREPOSITION | DANGLING_SUBJECT
    ):
        return None
    if any(w.lower() in _NOT_BEFORE_A_MODIFIER for w in words[-4:-2]):
        return None  # "The government has made workers | worried": the participle completes the verb
    return " ".join(words[:-1])


@functools.lru_cache(maxsize=1024)
def core_candidate(claim: str) -> str | None:
    """The main clause of ``claim`` cut to CORE_WORDS words by the breaks that end a clause; None when what
    is left cannot stand alone."""
    text = without_brackets(_LIST_MARKER.sub("", " ".join(unframed(claim).split())))
    for _ in range(4):  # "Three: Most importantly, …", "When X, despite Y, Z": each opening in turn
        stripped = unframed(OPENER.sub("", text))
        if stripped.startswith("Even ") and _SUBORDINATE_OPENER.match(stripped[5:]):  # "Even after X, Y"
            stripped = stripped[5:]
        # "If we just slow spending, we'd be in better shape": without its condition a short claim says little.
        conditional = bool(CONDITION.match(stripped))
        opened = main_clause(stripped)
        scene = opened != stripped and not _SUBORDINATE_OPENER.match(stripped)  # not "Although X, Y"
        if scene and mid_phrase(opened, claim) and not _ADVERB_OPENING.match(stripped):
            opened = stripped  # "In their place a more generous, positive … country": the comma was in the subject
        stripped = opened
        if conditional and stripped != text and len(stripped.split()) < 6:
            return None
        if stripped == text or len(stripped.split()) < 4:
            break
        text = as_sentence(stripped)
    text = without_dashed_asides(text)
    text = _without_appositive(" ".join(RELATIVE_ASIDE.sub(" ", text).split()))
    text = _INNER_ADVERB.sub(" ", text)
    text = _asserted(first_head(text, HANGS_ON))
    text = tidy_end(_TRAILING_ADVERB.sub("", tidy_end(text)))
    if word_count(text) > CORE_WORDS and (adjunct := _SUBJECT_ADJUNCT.match(text)):
        text = adjunct.group(1) + text[adjunct.end() :]
    if word_count(text) > CORE_WORDS:
        text = tidy_end(first_head(text, _LOOSE_END, limit=CORE_WORDS))
    if word_count(text) > CORE_WORDS:
        room = len(" ".join(text.split()[:CORE_WORDS]))
        text = tidy_end(opening_clause(text, room, THOUGHT_END) or phrase_head(text, room) or text)
    text = tidy_end(_TRAILING_ADVERB.sub("", text))  # a length cut may end on "…fighting of course"
    cut = len(text.split()) < len(unframed(claim).split())
    if not word_count(text) <= CORE_WORDS or not acceptable(text, claim, cut=cut):
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


def acceptable(text: str, claim: str, *, cut: bool) -> bool:
    """The checks a core has always had: three words or more, no question, no condition or concession
    alone, a subject of its own (not a pronoun pointing outside it), nobody else's view, balanced marks; a
    passage cut short keeps its verb and stops where a thought does."""
    words = text.split()
    if not 3 <= len(words) <= word_count(text) or text.endswith("?"):
        return False
    if cut and words[-1].lower() in _CORE_WEAK_END:
        return False
    if _SUBORDINATE_OPENER.match(text.removeprefix("Even ")):  # a condition or a concession, not a claim
        return False
    no_subject = words[0].lower() in PHRASE_BREAK | NO_SUBJECT and not _INFINITIVE_SUBJECT.match(text)
    if no_subject or _BROKEN.search(text):  # "In doing so…", "To shoot…"
        return False
    first = re.split(r"[’']", words[0].lower().strip("“\"‘'"))[0]
    if first in DANGLING_SUBJECT and not (EXTRAPOSED.match(text) or _SUBJECT_OF_ITS_OWN.match(text)):
        return False
    if cut and not (has_core_verb(text) and (ends_a_thought(text, claim) or _before_a_clause(text, claim))):
        return False
    if HOLDERS.match(text):  # "Some have suggested that…": someone else's view, not the author's
        return False
    return balanced(text) and text.count("“") == text.count("”")


# "Critics say that…", "Some people argue…": who holds the view, which the counter prompt says itself.
HOLDERS = re.compile(
    r"^\W*(?:(?:some|many|most|other|few|several)\s+)?(?:people|critics|opponents|sceptics|skeptics|others|some|many|"
    r"supporters|proponents|detractors|commentators|experts)\b[^,.;:]{0,40}?\s+(?:say|said|argue|argued|claim|"
    r"claimed|contend|insist|believe|think|maintain|object|complain|suggest|suggested|will say|would say)\s+"
    r"(?:that\s+)?",
    re.IGNORECASE,
)
# Narration and report: a past or perfect verb with nothing in the present, a modal or a future beside it
# ("Voters rejected that message", "the professor has now apologized").
PAST = re.compile(
    r"\b(?:was|were|had|did)\b|\b(?:has|have)\s+(?:\w+\s+)?(?:\w+ed|been|become|gone|made|taken|given|done|come)\b"
    rf"|\b\w{{3,}}ed\b|\b{_IRREGULAR_PAST}\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\b(?:is|are|am|do|does|will|would|should|must|can|cannot|could|(?-i:may)|might|ought|need|needs|shall|isn[’']t|"
    r"aren[’']t|don[’']t|doesn[’']t|can[’']t|won[’']t)\b|\b(?:it|that|there|he|she|what|who|this)[’']s\b|[’']re\b",
    re.IGNORECASE,
)


def narrates(named: str) -> bool:
    """The core tells what happened or was done rather than claiming what is, should be or will be."""
    return bool(PAST.search(named)) and not _PRESENT.search(named)


# A condition is part of what is claimed ("If X, then Y"), not a lead-in to drop.
CONDITION = re.compile(r"^(?:if|unless|only if|as long as|so long as|until|without)\b", re.IGNORECASE)


def mid_phrase(rest: str, claim: str) -> bool:
    """``rest``, what is left of ``claim`` once an opening is dropped, starts inside a phrase rather than on a
    subject: the claim writes its first word in lower case and it is no article or pronoun ("In their place a
    more generous, positive … country" does not become "Positive … country")."""
    at = claim.lower().find(rest[:30].lower())
    return at > 0 and claim[at].islower() and rest.split()[0].lower() not in LOWERABLE


# What may follow a whole call to act inside its sentence: its end, a break, or a clause hanging on it.
_AFTER_A_THOUGHT = re.compile(
    r"[\W]*$|\s*[,;:—–(]|\s+[-—–]+\s|\s+(?:because|since|which|who|where|while|when|if|unless|until|so|as|but|"
    r"although|though|whereas|in order|before|after|in|on|at|for|with|by|from|into|over|under|against|during|"
    r"through|across|than)\b"
)


def ends_a_thought(named: str, claim: str) -> bool:
    """``named`` (a core) stops where its sentence ends or breaks, not mid-phrase ("…needs to make it impossible")."""
    flat = " ".join(claim.split())
    # Asides left out inside the core (brackets, dashes) do not matter: only where its last words stop.
    tail = " ".join(named.split()[-3:]).lower()
    at = flat.lower().rfind(tail)
    return at >= 0 and bool(_AFTER_A_THOUGHT.match(flat, at + len(tail)))
