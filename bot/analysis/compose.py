"""Stage 5: turn the thesis and claims into discussion prompts and polls that fit Discord.

Quotes are embedded as readable English: leading connectives ("In conclusion,", "Therefore,") and
stance frames ("I believe that") are dropped because the prompt supplies its own frame, a common first
word is lower-cased when the quote continues a sentence, the final full stop is removed, and long quotes
are cut at a word boundary with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.analysis import lexicon
from bot.analysis.model import Argument, Kind, Poll, Prompt, Span
from bot.analysis.select import classify
from bot.text import ELLIPSIS, shorten

QUOTE_LIMIT = 200  # a claim quoted in a prompt; two quotes in one prompt get PAIR_QUOTE_LIMIT each
PAIR_QUOTE_LIMIT = 130
POLL_THESIS_LIMIT = 140  # the thesis quoted in a poll question
PROMPT_LIMIT = 400  # a prompt stays comfortably readable (and far inside a 2000-character message)
POLL_QUESTION_LIMIT = 300
POLL_ANSWER_LIMIT = 55
POLL_MAX_ANSWERS = 10
MESSAGE_LIMIT = 1900
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


@dataclass(frozen=True, slots=True)
class Composition:
    prompts: tuple[Prompt, ...]
    polls: tuple[Poll, ...]


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


def main_clause(text: str) -> str:
    """``text`` from its main clause when it opens with a subordinate one ("Because X, the people Y" ->
    "the people Y") or a parenthesis, so a short label carries the claim's subject and verb rather than its
    condition. A comma inside brackets or quotation marks never ends the opening clause."""
    if text[:1] in "([" and (close := text.find(")" if text[0] == "(" else "]")) > 0:
        rest = text[close + 1 :].lstrip(" ,;:")
        if len(rest.split()) >= 5:
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
    """The shortest readable form of a long claim: its main clause, and of that the part before a dash or
    semicolon when the whole is still longer than ``limit`` (a part of fewer than six words is not enough)."""
    text = main_clause(text)
    if len(text) <= limit:
        return text
    for match in _top_level(text, _BREAK):
        head = text[: match.start()].rstrip(" ,")
        if len(head.split()) >= 6 and _balanced(head):
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


def _whole_clause(text: str, room: int) -> str | None:
    """The longest opening of ``text`` that ends where a clause does, fits in ``room`` and still holds at
    least five words: "Chris Kyle was not a warmonger; he was…" is labelled "Chris Kyle was not a warmonger…"."""
    best = None
    for match in _top_level(text, _CLAUSE_END):
        head = text[: match.start()].rstrip(" ,;:")
        if len(head) > room:
            break
        if len(head.split()) >= 5 and _balanced(head):
            best = head
    return best


def label(number: int, claim: str, limit: int = POLL_ANSWER_LIMIT) -> str:
    """A numbered poll answer that still says something: "1 · Schools must teach cooking".

    A label never starts or ends inside a parenthesis or a quotation: asides are dropped, quotation
    marks go (inside a cut label they only dangle: establish "a…"), and a long claim is labelled by its
    main clause."""
    prefix = f"{number} · "
    room = limit - len(prefix)
    text = _LIST_MARKER.sub("", _without_brackets(quote(claim)))
    if len(text) > room:
        text = _without_brackets(main_clause(text))
        clause = _whole_clause(text, room - len(ELLIPSIS))
        text = clause + ELLIPSIS if clause else text
    if len(text.split()) < 2:
        text = re.sub(r"[()\[\]{}]", "", quote(claim))
    # A mark wedged between two words (a typo like 'the"one') becomes a space, so words never fuse.
    text = _without_quote_marks(_GLUED_QUOTE.sub(" ", text))
    text = text[0].upper() + text[1:] if text[:1].islower() else text
    return prefix + shorten(text, room)


_CONTENT = re.compile(r"[a-z][a-z’']+")
# Besides function words, the words every argument shares ("reason", "first") say nothing about a pair.
_COMMON = lexicon.STOPWORDS | frozenset(
    ["another", "argument", "first", "people", "point", "reading", "reason", "reasons", "second", "third"]
)


def _content(text: str) -> frozenset[str]:
    return frozenset(w[:6] for w in _CONTENT.findall(text.lower()) if len(w) > 3 and w not in _COMMON)


def _related_pair(args: Sequence[Argument]) -> tuple[int, int] | None:
    """The two claims that share the most content words (and are not the same claim twice)."""
    words = [_content(a.text) for a in args]
    best, pair = 0.0, None
    for i in range(len(args)):
        for j in range(i + 1, len(args)):
            shared = len(words[i] & words[j])
            if not shared:
                continue
            overlap = shared / len(words[i] | words[j])
            if overlap < 0.6 and overlap > best:
                best, pair = overlap, (i, j)
    return pair


# The question asked about a claim depends on what kind of claim it is.
_THESIS_QUESTION = {
    "normative": "The reading’s central claim is that “{}”. Do you agree that it should be so, and what would "
    "acting on it cost?",
    "causal": "The reading’s central claim is that “{}”. Does the one really lead to the other, or is "
    "something else at work?",
    "predictive": "The reading’s central claim is that “{}”. Will this happen, and what would have to be true "
    "for it to?",
    "evaluative": "The reading’s central claim is that “{}”. By what standard is that judged, and do you "
    "agree or disagree with it?",
    "factual": "The reading’s central claim is that “{}”. Do you agree or disagree, and why?",
}
_CHALLENGE_QUESTION = {
    "normative": "The reading argues that “{}”. Do you agree, and who would bear the cost of acting on it?",
    "causal": "The reading claims “{}”. Does that cause really lead to that effect, or could something else "
    "explain it?",
    "predictive": "The reading expects that “{}”. Will this really happen, and what would convince you either way?",
    "evaluative": "What evidence would change your mind about the judgement that “{}”?",
    "factual": "What evidence would change your mind about the claim that “{}”?",
}


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


def _prompts(material: Material) -> list[Prompt]:
    args = material.arguments
    thesis = material.thesis.text if material.thesis else (args[0].text if args else None)
    if thesis is None:
        return []
    about_thesis = None if material.thesis else 0
    thesis_kind: Kind = classify(thesis)

    def q(claim: str, **options: Any) -> str:
        return quote(claim, lowercase_words=material.lowercase_words, **options)

    def pick(i: int) -> tuple[str, int | None, str]:
        """The i-th claim to talk about, wrapping to the thesis when there are few claims."""
        if i < len(args):
            return args[i].text, i, args[i].kind
        return thesis, about_thesis, thesis_kind

    out = [Prompt(_THESIS_QUESTION[thesis_kind].format(q(thesis, mid_sentence=True)), about_thesis)]
    claim, index, _ = pick(0)
    if material.counter:
        out.append(
            Prompt(
                f"The reading gives the other side a voice: “{q(material.counter)}”. Steelman that "
                "view: what is its strongest form, and does the reading really answer it?",
                None,
            )
        )
    else:
        out.append(
            Prompt(
                f"Steelman the other side: what is the strongest case against “{q(claim, mid_sentence=True)}”? "
                "Who would make it, and is it convincing?",
                index,
            )
        )
    pair = _related_pair(args)
    if pair is not None:
        i, j = pair
        out.append(
            Prompt(
                f"How do these two claims relate: “{q(args[i].text, limit=PAIR_QUOTE_LIMIT)}” and "
                f"“{q(args[j].text, limit=PAIR_QUOTE_LIMIT)}”? Does one support the other, or do they pull apart?",
                i,
            )
        )
    elif material.counter and args:
        out.append(
            Prompt(
                f"Set the reading’s claim “{q(args[0].text, limit=PAIR_QUOTE_LIMIT)}” against the view it reports, "
                f"“{q(material.counter, limit=PAIR_QUOTE_LIMIT)}”. Which one does the evidence favour?",
                0,
            )
        )
    else:
        out.append(
            Prompt(
                "How does the rest of the reading relate to its main claim "
                f"“{q(thesis, mid_sentence=True)}”? Which part carries the most weight?",
                about_thesis,
            )
        )
    claim, index, kind = pick(2 if len(args) > 2 else 0)
    out.append(Prompt(_CHALLENGE_QUESTION[kind].format(q(claim, mid_sentence=True)), index))
    claim, index, kind = pick(1 if len(args) > 1 else 0)
    if kind == "predictive":
        text = f"Do you already see signs of this, today or in your own experience: “{q(claim)}”?"
    else:
        text = f"Where do you see this playing out today, or in your own experience: “{q(claim)}”?"
    out.append(Prompt(text, index))
    with_reasons = next((i for i, a in enumerate(args) if a.reasons), None)
    if with_reasons is not None:
        arg = args[with_reasons]
        backed = q(_without_reason(arg), mid_sentence=True, limit=PAIR_QUOTE_LIMIT)
        out.append(
            Prompt(
                f"The reading backs “{backed}” with this reason: "
                f"“{q(arg.reasons[0], limit=160)}”. Does the reason hold up? Why or why not?",
                with_reasons,
            )
        )
    # Never two identical prompts, even on a reading with a single sentence.
    seen: set[str] = set()
    unique = []
    for prompt in out:
        if prompt.text not in seen:
            seen.add(prompt.text)
            unique.append(prompt)
    return [Prompt(shorten(p.text, PROMPT_LIMIT) if len(p.text) > PROMPT_LIMIT else p.text, p.argument) for p in unique]


def _thesis_in_question(material: Material, limit: int = POLL_THESIS_LIMIT) -> str | None:
    """The thesis as a poll question can quote it: whole if short, else its main clause (or the part before a
    dash or semicolon); None when even that is longer than ``limit``."""
    if material.thesis is None:
        return None
    unlimited = quote(material.thesis.text, mid_sentence=True, limit=10_000, lowercase_words=material.lowercase_words)
    if len(unlimited) <= limit:
        return unlimited
    clause = quote(material.thesis.text, mid_sentence=True, limit=limit, lowercase_words=material.lowercase_words)
    return None if clause.endswith("…") else clause


def _agreement_poll(material: Material) -> Poll:
    if material.thesis is None:
        return Poll("How far do you agree with the reading?", AGREEMENT_SCALE, None)
    claim = _thesis_in_question(material)
    if claim is None:  # cut at a word boundary: the statement members vote on stays recognisable
        claim = quote(
            material.thesis.text, mid_sentence=True, limit=POLL_THESIS_LIMIT, lowercase_words=material.lowercase_words
        )
    return Poll(f"How far do you agree that “{claim}”?", AGREEMENT_SCALE, None)


def _convinced_poll(material: Material) -> Poll:
    claims = [a.text for a in material.arguments[:POLL_MAX_ANSWERS]]
    indices: list[int | None] = list(range(len(claims)))
    if len(claims) < 2 and material.thesis is not None:
        claims.insert(0, material.thesis.text)
        indices.insert(0, None)
    thesis = _thesis_in_question(material)
    if thesis is not None:
        question = f"Which argument for “{thesis}” convinced you most?"
    else:
        question = "Which of the reading’s arguments convinced you most?"
    if len(claims) < 2:
        return Poll(question, ("Convinced", "Not convinced"), indices[0] if indices else None)
    plain = [quote(c) for c in claims]
    if all(len(p) <= POLL_ANSWER_LIMIT for p in plain) and len(set(plain)) == len(plain):
        return Poll(question, tuple(plain), None)
    answers = tuple(label(n, c) for n, c in enumerate(claims, 1))
    return Poll(question, answers, None, _numbered_message(claims))


def _numbered_message(claims: Sequence[str]) -> str:
    """The claims in full, numbered like the answers; each cut evenly only if they overflow a message."""
    header = "The arguments in the poll:"
    full = [" ".join(c.split()) for c in claims]
    budget = MESSAGE_LIMIT - len(header) - sum(len(f"\n{n}. ") for n in range(1, len(full) + 1))
    if sum(len(c) for c in full) > budget:
        per = max(40, budget // len(full))
        full = [shorten(c, per) for c in full]
    return header + "".join(f"\n{n}. {c}" for n, c in enumerate(full, 1))


def compose(material: Material) -> Composition:
    """At least five distinct prompts of different kinds and two polls within Discord's limits."""
    prompts = _prompts(material)
    polls = (_agreement_poll(material), _convinced_poll(material))
    return Composition(tuple(prompts), polls)
