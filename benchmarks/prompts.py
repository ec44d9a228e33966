"""Automatic proxies for what members would see, over every shared editorial and reading.

    python -m benchmarks.prompts [--shared PATH] [--show N]

Each figure is a share (or a median) printed next to its goal:

* agreement poll not whole — of the readings whose thesis (or the claim the poll asks about instead, when
  the thesis is not arguable), without its opening connective, leaves FRAME_ROOM characters for the
  question around it in 300, the share whose question does not hold all of its words in order;
* agreement poll not on the thesis — the share of agreement polls about another claim;
* (round 7) agreement poll on a fact or narration — the claim it states is one the analysis's lexicon calls
  factual or narrative; on the reading as a whole — it states no claim (neither the thesis nor a claim could
  be asked about; such polls are left out of "not whole"); with two sentences — the claim it states holds a
  sentence break; readings with a poll of real options — a poll of the alternatives or the calls the reading
  sets out;
* top frame's share — a prompt's frame is its first three words once every quotation is replaced by "Q";
  the share of readings in which the commonest frame opens a prompt;
* prompts with a cut quote — prompts holding an ellipsis the reading does not;
* convinced labels cut — answers of the "convinced you most" poll that end in an ellipsis;
* convinced labels mid-phrase — answers that stop where the claim they name goes on with the same phrase
  (not at its end, nor before a comma, dash, semicolon, a clause's conjunction or an adverbial phrase):
  "America is 238 years old and is exhibiting signs" for "…signs of decline";
* prompts reusing a quote — prompts quoting a passage an earlier prompt of the same reading quoted;
* reasons that are dates — reasons that open on a time ("Since 2013, …", "In March…");
* prompts about a fact — prompts about an argument the analysis itself calls factual;
* arguments that cannot stand alone — arguments opening on a reference they do not hold ("The opposite is
  true of…", a bare "It"/"They"), editor's notes, exclamations, self-promotion, reported descriptions
  (``bot.analysis.select.stands_alone``), and arguments that report someone else's words or acts
  ("The mayor alleged…") without the author taking a side;
* median prompt words;
* prompts quoting more than 20 words — prompts holding more than 20 of the reading's words in a row, in
  quotation marks or as reported speech (a passage is RUN words or more in a row that the reading also has);
* prompts quoting from a pronoun or connective — such a passage opening on "it", "this", "they", "but"…;
* readings whose first prompt is on the thesis — of readings with a thesis, those whose first prompt is
  about it rather than about another claim.
* named claims (round 5) — the claim a prompt names is its longest passage taken from the reading (RUN
  words or more); of the prompts naming one, the share whose named claim stops on a verb form or a small
  word (a word ending in -ed/-ing/-en, a preposition or an article right before "?", "." or ":": "…has also
  ushered?"), the share with no finite verb (no auxiliary, modal, past form or pronoun-led verb: "the only
  explanation the department has ever provided" passes, "a faith worth believing" does not), and the share
  that is no statement (opens on "let's"/"let us" or a wh-word: "how much we should worry"). Written apart
  from the analysis's own rules, and rough: a sentence that really ends "…are exhausted." counts too.
* (round 8) arguable claims with a core — of the claims a prompt may be about (the thesis when the
  analysis calls it arguable, and the claims ``prompts.arguable_claims`` returns), the share that get a
  core, and the share whose core a prompt can ask about (``prompts.askable``);
* what a reader would not count among the key arguments, each as a share of all arguments, each found by
  its own patterns here rather than by the analysis's rules (an argument may count under several):
  dated events — opens on a point in time ("Last week, …", "In 1961, …", "On Friday, …", "Since 2012, …");
  statistics — holds two or more figures; concessions — opens by granting a point ("It is certainly true
  that…", "Now, …", "Of course, …") or grants one just before the text turns ("…But"); set-up views — a
  view the author holds up to reject ("One of the purported benefits…", "Apparently, we should…", "…has
  been described as…"); anaphoric fragments — opens on a word that needs the sentence before ("The
  opposite is true…", "Or there could be…", "It should also…", "that's why…"); run-together sentences —
  two sentences quoted as one where the second reads alone; and, by the analysis's own test
  (``bot.analysis.select.arguable``), arguments that are not a claim a circle could disagree with.

``--show N`` prints the output for the first N tune-labelled editorials (those the analysis is designed
on); the judged set (``benchmarks.judged``) is never printed here.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from benchmarks.common import shared_root, shared_texts
from benchmarks.corpus import load, show
from benchmarks.editorials import TUNE_LABELS, load_labels
from bot.analysis import analyse, frames, lexicon
from bot.analysis.compose import Material
from bot.analysis.model import Analysis, Poll
from bot.analysis.naming import core, unframed
from bot.analysis.polls import (
    AGREE_WITH_READING,
    AGREEMENT_SCALE,
    CHOICE_FALLBACKS,
    CONVICTION_SCALE,
    HEADLINE_AGREEMENT,
    PROPOSAL_FALLBACKS,
    QUESTION_SCALE,
)
from bot.analysis.prompts import arguable_claims, askable, thesis_arguable
from bot.analysis.segment import segment
from bot.analysis.select import arguable, classify, stands_alone
from bot.text import ELLIPSIS

# Someone else's words or acts reported, listed here apart from the analysis's own lexicon so the proxy
# does not simply repeat its rules.
REPORTED = re.compile(
    r"\b(?:said|says|told|claimed|claims|argued|argues|insisted|insists|alleged|alleges|accused|admitted|"
    r"announced|acknowledged|warned|promised|vowed|testified|denied|confirmed|according to)\b",
    re.IGNORECASE,
)
_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"")
_WORDS = re.compile(r"[\w’']+")
# Room a question needs around the thesis it quotes ("How far do you agree that “…”?").
FRAME_ROOM = 40
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# A reason that opens on a point in time rather than on a cause.
DATE_REASON = re.compile(
    rf"^\W*(?:ever\s+)?(?:since|in|from|by|until|after|before|as of|on)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:the\s+)?(?:\d{{2,4}}s?\b|{_MONTH}\b|then\b|last\b|the (?:end|start|beginning)\b|world war)",
    re.IGNORECASE,
)

_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_SEASON = r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter|decade|century|" + _DAY + ")"
# An argument that opens on when something happened tells a news event, not a claim.
DATED_EVENT = re.compile(
    rf"^\W*(?:(?:late |early )?(?:last|this|next|earlier this|later this|until last)\s+{_SEASON}\b|"
    rf"(?:on|by|until|after|before|since|in|from|during|as of)\s+(?:(?:early|late|mid-?)\s*)?(?:the\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}|{_DAY}|\d{{4}}s?\b)|yesterday\b|"
    rf"(?:over|for|in) the (?:past|last) (?:\w+ )?(?:years|months|weeks|days|decades)\b|"
    rf"(?:\w+ )?(?:years|months|weeks|days) ago\b|{_MONTH}\s+\d|just (?:hours|days|weeks) (?:before|after)\b)",
    re.IGNORECASE,
)
FIGURE = re.compile(r"\d[\d,.]*|\b(?:million|billion|trillion|per ?cent|percent)\b", re.IGNORECASE)
# Granting a point before turning against it.
CONCEDES = re.compile(
    r"^\W*(?:(?:now|yes|sure|true|granted|admittedly|of course|to be sure|certainly|no doubt|undoubtedly|"
    r"to be fair|in fairness),|(?:admittedly|granted|of course|to be sure)\b|"
    r"it (?:is|'s|’s) (?:certainly |of course |undoubtedly |quite |perfectly |also )?true that\b|"
    r"it (?:may|might|could) (?:well )?be (?:true|argued|said)\b)|\bis not exactly\b|\bnot exactly known for\b",
    re.IGNORECASE,
)
GRANTING = re.compile(
    r"\b(?:true|certainly|of course|admittedly|granted|sure|no doubt|undoubtedly|(?:may|might) well)\b",
    re.IGNORECASE,
)
TURN = re.compile(r"\s*[\"“‘']?(?:but|however|yet|still|nevertheless|nonetheless|even so)\b", re.IGNORECASE)
# A view the author holds up in order to reject it.
SET_UP_VIEW = re.compile(
    r"\b(?:purported(?:ly)?|supposed(?:ly)?|so-called|apparently|allegedly|we are told|we['’]re told|"
    r"we have been told|the (?:argument|theory|thinking|logic|story|line) goes|conventional wisdom|"
    r"received wisdom|(?:been|being|is|are|was|were) (?:described|portrayed|characteri[sz]ed|painted|dubbed|"
    r"hailed|billed|touted) as|the (?:myth|notion) that|(?:is|are) said to|would have us believe|"
    r"wants? us to believe)\b",
    re.IGNORECASE,
)
# Openings that need the sentence before: a pronoun, a demonstrative, a comparison with it, "Or", "also".
ANAPHORIC = re.compile(
    r"^\W*(?:(?:and|but|so|yet)\W+(?:of course\W+)?)?(?:(?:he|she|they|them|his|her|their|this|these|those|such)"
    r"\b(?!\s+(?:is|are)\s+(?:why|how|because)\b)|that\b(?!\s+(?:is|are)\s+(?:why|how|because)\b)|"
    r"(?:that|this)['’]s\b|it (?:should|will|can|could|must|may|might|also|does|did|has|had|too)\b|"
    r"the (?:opposite|same|reverse|latter|former)\b|or\b|nor\b)|^\W*\w+(?: \w+)? (?:should|will|must|can|could) also\b",
    re.IGNORECASE,
)


# Round 7's proxies for what a reader still struck from the key arguments, kept apart from the analysis's rules.
# Someone else's position: a spokesman's, an office's or a group's view, a poll's share, an argument reported
# as it goes on.
OTHERS_POSITION = re.compile(
    r"['’]s (?:people|aides|allies|camp|team|officials|view|position|line) (?:is|are|insist|say|think|believe)\b|"
    r"\b(?:officials|spokes(?:man|woman|person)|aides|advisers|the (?:report|study|committee|administration))\b"
    r"[^.;:]{0,30}\b(?:thinks?|believes?|insists?|concludes?|argues?|contends?)\b|"
    r"\b(?:is|are|was|were) (?:arguing|saying|claiming|insisting|describing)\b|\b(?:contends|went on to argue)\b|"
    r"\b(?:per ?cent|percent|%)[^.;]{0,60}\b(?:thinks?|believes?|says?|wants?|supports?)\b|"
    r"^\W*(?:some|many|most) [\w -]{1,30}? (?:argue|claim|insist)\b|"
    r"^\W*(?:economists|experts|analysts|scientists|historians) (?:think|believe|argue|say|warn)\b",
    re.IGNORECASE,
)
# The last of two or more sentences is a short "This is…"/"It is…" that only vouches for the one before.
VOUCHING = re.compile(r"^\W*(?:this|that|it)(?:['’]s| is| was| would be| will)\b", re.IGNORECASE)
# An opening phrase that dates the sentence: up to its first comma, a year, a decade or last week.
DATED_PHRASE = re.compile(
    r"^\W*(?:during|in|after|since|following|at)\b[^,.;:]{0,60}?(?:\b\d{4}s?\b|['’]?\b\d0['’]?s\b|"
    r"\blast (?:week|month|year)|\brecent(?:ly)?\b)[^,.;:]{0,40},",
    re.IGNORECASE,
)
# Asides and set-ups: the author's delight, an example or a set-up for what follows, a clause with no main
# clause, one item of a list said before, an argument ending on "this".
ASIDE = re.compile(
    r"^\W*i (?:really |just )?(?:adore|love|enjoy) (?:the way|how)\b|^\W*(?:for example|for instance|not to mention)\b|"
    r"\b(?:exemplifies|illustrates) the (?:problem|point)\b|\bbut it runs deeper\b|"
    r"^\W*(?:a|the) (?:second|third|further|final|next) \w+ (?:should|must) be\b|"
    r"^\W*(?:because|although|whereas|unless)\b[^,;:—–]*$|\b(?:on|about|of) this\W*$",
    re.IGNORECASE,
)
# A kind wrong on its face: a requirement in figures or a need that was not there called a norm; "the real X
# is", "crystal clear", "common sense" called a fact.
NORM_IN_FIGURES = re.compile(
    r"\b(?:needs?|has to|have to)\b[^.;]{0,40}?\d|\b(?:didn['’]t|did not)(?: even)? have to\b", re.I
)
JUDGEMENT_AS_FACT = re.compile(r"\bthe real \w+ (?:is|are)\b|\bcrystal clear\b|\bcommon sense\b", re.IGNORECASE)


def others_position(text: str, before: str) -> bool:
    """Reports someone's position, or sits inside a quotation its paragraph opened in an earlier sentence
    (``before``: the paragraph up to the argument)."""
    return bool(OTHERS_POSITION.search(text)) or before.count("“") > before.count("”") or before.count('"') % 2 == 1


def vouching_filler(text: str) -> bool:
    document = segment(text)
    sentences = [document.span(s) for s in document.segments]
    return len(sentences) >= 2 and len(sentences[-1].split()) <= 10 and bool(VOUCHING.match(sentences[-1]))


def wrong_kind(text: str, kind: str) -> bool:
    return (kind == "normative" and bool(NORM_IN_FIGURES.search(text))) or (
        kind == "factual" and bool(JUDGEMENT_AS_FACT.search(text))
    )


def dated_event(text: str) -> bool:
    return bool(DATED_EVENT.match(text))


def has_figures(text: str) -> bool:
    return len(FIGURE.findall(_QUOTATION.sub("", text))) >= 2


def concession(text: str, following: str) -> bool:
    """Opens by granting a point, or grants one and the text turns against it in the next sentence."""
    return bool(CONCEDES.search(text) or (GRANTING.search(text) and TURN.match(following)))


def set_up_view(text: str) -> bool:
    return bool(SET_UP_VIEW.search(text))


def anaphoric(text: str) -> bool:
    return bool(ANAPHORIC.match(text))


def run_together(text: str) -> bool:
    """Two or more sentences quoted as one argument where the last would read alone."""
    document = segment(text)
    sentences = [document.span(s) for s in document.segments]
    return len(sentences) >= 2 and not anaphoric(sentences[-1]) and not TURN.match(sentences[-1])


@dataclass
class Tally:
    whole_fits: int = 0
    whole_missed: int = 0
    readings: int = 0
    prompts: int = 0
    cut_prompts: int = 0
    factual_prompts: int = 0
    labels: int = 0
    cut_labels: int = 0
    reasons: int = 0
    date_reasons: int = 0
    third_polls: int = 0
    convinced_polls: int = 0
    conviction_polls: int = 0
    reused_quotes: int = 0
    agreement_elsewhere: int = 0
    arguments: int = 0
    unfit_arguments: int = 0
    partial_labels: int = 0
    long_quotes: int = 0
    pointing_quotes: int = 0
    with_thesis: int = 0
    thesis_first: int = 0
    named_claims: int = 0
    named_verb_end: int = 0
    named_verbless: int = 0
    named_not_statement: int = 0
    verbless_labels: int = 0
    thesis_quoting_convinced: int = 0
    unfit_conviction: int = 0
    forecast_prompts: int = 0
    forecast_without_future: int = 0
    agreement_polls: int = 0
    agreement_on_fact: int = 0
    agreement_on_reading: int = 0
    agreement_two_sentences: int = 0
    readings_with_options: int = 0
    generic_readings: int = 0
    direct_prompts: int = 0
    few_prompt_readings: int = 0
    direct_conviction: int = 0
    repeating_readings: int = 0
    single_claim_polls: int = 0
    polls_repeating_prompt: int = 0
    headline_polls: int = 0
    arguable_claims: int = 0
    cored_claims: int = 0
    askable_claims: int = 0

    def __post_init__(self) -> None:
        self.frames: Counter[str] = Counter()
        self.unfit: Counter[str] = Counter()  # arguments per pattern a reader would not count
        self.prompt_words: list[int] = []


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower().replace("’", "'"))


def _contains(words: list[str], part: list[str]) -> bool:
    """``part`` occurs in ``words`` as a contiguous run (its first letter's case and its final stop aside)."""
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def frame(prompt: str) -> str:
    """The opening three words of a prompt once its quotations are replaced by "Q"."""
    return " ".join(_WORDS.findall(_QUOTATION.sub(" Q ", prompt).lower())[:3])


def _flat(text: str) -> str:
    return " ".join(text.split())


def add(tally: Tally, text: str, analysis: Analysis) -> None:
    tally.readings += 1
    source = _flat(text)
    polls = analysis.polls
    agreement = next((p for p in polls if p.answers == AGREEMENT_SCALE), None)
    asked = analysis.thesis
    if agreement is not None and agreement.argument is not None:
        asked = analysis.arguments[agreement.argument]
    # (round 8) a poll on the headline states no claim of the reading
    stating = agreement is not None and agreement.question != AGREE_WITH_READING and not headline_poll(agreement)
    if asked is not None and stating:
        claim = unframed(asked.text)
        if len(claim) + FRAME_ROOM <= 300:
            tally.whole_fits += 1
            tally.whole_missed += not _states_whole(agreement.question, claim)
    if analysis.thesis is not None and analysis.prompts:
        tally.with_thesis += 1
        tally.thesis_first += analysis.prompts[0].argument is None
    tally.agreement_elsewhere += agreement is not None and agreement.argument is not None
    if agreement is not None:
        stated = _QUOTATION.findall(agreement.question)
        tally.agreement_polls += 1
        tally.agreement_on_reading += agreement.question == AGREE_WITH_READING
        tally.agreement_on_fact += bool(stated) and not headline_poll(agreement) and not_a_claim(stated[0])
        tally.agreement_two_sentences += (
            bool(stated) and not headline_poll(agreement) and bool(SENTENCE_BREAK.search(stated[0].strip('“”"')))
        )
        tally.headline_polls += headline_poll(agreement)
    add_repeats(tally, analysis)
    tally.frames.update({frame(p.text) for p in analysis.prompts})
    tally.generic_readings += any(p.text in GENERIC_PROMPTS for p in analysis.prompts)
    tally.direct_prompts += sum(
        bool(DIRECT_QUESTION.match(p.text)) and p.text not in GENERIC_PROMPTS for p in analysis.prompts
    )
    tally.few_prompt_readings += len(analysis.prompts) < 3
    count_cores(tally, analysis)
    quoted: set[str] = set()
    source_grams = _grams(_words(source), RUN)
    for prompt in analysis.prompts:
        quotes = {q.lower() for q in _QUOTATION.findall(prompt.text)}
        tally.reused_quotes += bool(quotes & quoted)
        quoted |= quotes
        tally.prompts += 1
        tally.prompt_words.append(len(prompt.text.split()))
        runs = [_named(run) for run in verbatim_runs(prompt.text, source_grams)]
        tally.long_quotes += any(len(run) > LONG_QUOTE for run in runs)
        tally.pointing_quotes += any(run[0] in POINTING for run in runs)
        tally.cut_prompts += prompt.text.count(ELLIPSIS) > source.count(ELLIPSIS)
        if runs:
            named = max(runs, key=len)
            tally.named_claims += 1
            tally.named_verb_end += ends_open(prompt.text, named)
            # A direct question moves its auxiliary in front of the words it takes from the reading ("Should
            # councils fund…"): its verb is looked for in the whole question, not the run alone.
            asked = prompt.text.split("?")[0].lower() if DIRECT_QUESTION.match(prompt.text) else " ".join(named)
            tally.named_verbless += not FINITE_VERB.search(asked)
            tally.named_not_statement += named[0] in NOT_A_STATEMENT or named[:2] == ["let", "us"]
        if prompt.argument is not None and analysis.arguments[prompt.argument].kind == "factual":
            tally.factual_prompts += 1
        if FORECAST_WORDING.search(prompt.text):
            tally.forecast_prompts += 1
            tally.forecast_without_future += not FUTURE.search(FORECAST_FRAME_WORDS.sub(" ", prompt.text))
    for poll in polls:
        if "convinced you most" in poll.question:
            tally.convinced_polls += 1
            tally.labels += len(poll.answers)
            tally.cut_labels += sum(a.endswith(ELLIPSIS) for a in poll.answers)
            tally.verbless_labels += sum(not FINITE_VERB.search(_NUMBER.sub("", a).lower()) for a in poll.answers)
            tally.thesis_quoting_convinced += bool(_QUOTATION.search(poll.question))
            tally.partial_labels += sum(
                not _ends_a_thought(a, c) for a, c in zip(poll.answers, _listed(poll.message), strict=False)
            )
        elif poll.answers == CONVICTION_SCALE:
            tally.conviction_polls += 1
            asked_claim = _QUOTATION.findall(poll.question)
            tally.unfit_conviction += bool(asked_claim) and unfit_conviction(asked_claim[0])
        elif poll is not agreement and DIRECT_QUESTION.match(poll.question):
            tally.conviction_polls += 1
            tally.direct_conviction += 1
        elif poll is not agreement:
            tally.third_polls += 1
    tally.readings_with_options += any(p.answers[-2:] in OPTIONS_FALLBACKS for p in polls)
    for arg in analysis.arguments:
        tally.arguments += 1
        reported = REPORTED.search(arg.text) and not arguable(arg.text, arg.kind)
        tally.unfit_arguments += bool(reported) or not stands_alone(arg.text)
        tally.reasons += len(arg.reasons)
        following = text[arg.end : arg.end + 200]
        for name, found in (
            ("dated events", dated_event(arg.text)),
            ("statistics", has_figures(arg.text)),
            ("concessions", concession(arg.text, following)),
            ("set-up views", set_up_view(arg.text)),
            ("anaphoric fragments", anaphoric(arg.text)),
            ("run-together sentences", run_together(arg.text)),
            ("not arguable by the analysis's own test", not arguable(arg.text, arg.kind)),
            ("others' positions (round 7)", others_position(arg.text, _paragraph_before(text, arg.start))),
            ("a vouching sentence glued on (round 7)", vouching_filler(arg.text)),
            ("dated opening phrases (round 7)", bool(DATED_PHRASE.match(arg.text))),
            ("asides and set-ups (round 7)", bool(ASIDE.search(arg.text))),
            ("kinds wrong on their face (round 7)", wrong_kind(arg.text, arg.kind)),
        ):
            tally.unfit[name] += found
        tally.date_reasons += sum(bool(DATE_REASON.match(r)) for r in arg.reasons)


def count_cores(tally: Tally, analysis: Analysis) -> None:
    """Of the claims a prompt may be about (the thesis when arguable, and the claims composing would ask
    about), how many get a core and how many a core a prompt can ask about: a claim without one is asked
    about only by a long question or not at all, and a reading without any gets generic questions."""
    material = Material(analysis.title, analysis.thesis, analysis.arguments)
    texts = [analysis.arguments[i].text for i in arguable_claims(material)]
    if analysis.thesis is not None and thesis_arguable(analysis.thesis.text):
        texts.append(analysis.thesis.text)
    tally.arguable_claims += len(texts)
    tally.cored_claims += sum(core(t) is not None for t in texts)
    tally.askable_claims += sum(askable(t) is not None for t in texts)


def _paragraph_before(text: str, at: int) -> str:
    """The text of ``at``'s paragraph before it."""
    return text[text.rfind("\n\n", 0, at) + 1 : at]


_NUMBER = re.compile(r"^\d+\s*[·.]\s*")
# What may follow the end of a whole thought inside a longer claim (round 8: a sentence's end, in a claim of two).
# A verb's object may be followed by an adverbial phrase ("Historians play a vital role | in measuring
# presidents"); "of" and "to" continue the phrase itself ("signs | of decline", "the ability | to act").
_THOUGHT_BREAK = re.compile(
    r"[”\"’']?(?:\W*$|[.!?][”\"’']?\s|\s*[,;:—–(]|\s+[-—–]+\s|\s+(?:but|because|which|while|whereas|although|though|yet|so|as|in|on|at|"
    r"for|with|by|from|into|over|under|against|during|after|before|through|across|when|if|unless|until)\b)"
)


def _listed(message: str) -> list[str]:
    """The claims a poll's message lists in full, in answer order."""
    return [_NUMBER.sub("", line) for line in message.splitlines()[1:]]


def _ends_a_thought(answer: str, claim: str) -> bool:
    """``answer`` (a numbered label) stops where ``claim`` ends or breaks between two thoughts."""
    body = _words(_NUMBER.sub("", answer).rstrip(ELLIPSIS))
    if answer.endswith(ELLIPSIS) or not body:
        return False
    flat = _flat(claim).replace("’", "'")
    # Asides and filler words a label leaves out may sit between its words; a label not found at all (its
    # words reordered) is given the benefit of the doubt.
    found = re.search(r"\W+(?:[\w']+\W+){0,12}?".join(re.escape(w) for w in body), flat, re.IGNORECASE)
    return found is None or bool(_THOUGHT_BREAK.match(flat, found.end()))


# A prompt names a claim by at most this many of the reading's words in a row (quoted or reported): the
# issue's "a quote of at most ~20 words" (a core is at most 15; a whole sentence of up to 20 may stand in).
LONG_QUOTE = 20
RUN = 4  # words in a row shared with the reading that count as taken from it
# A passage taken from the reading that opens like this leans on what came before it.
POINTING = frozenset(
    [
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "such",
        "which",
        "and",
        "but",
        "so",
        "also",
        "however",
        "therefore",
        "thus",
        "yet",
        "or",
        "because",
        "then",
    ]
)


def _grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def verbatim_runs(prompt: str, source_grams: set[tuple[str, ...]]) -> list[list[str]]:
    """The passages of ``prompt`` taken word for word from the reading (RUN words in a row or more)."""
    words = _words(prompt)
    covered = [False] * len(words)
    for i in range(len(words) - RUN + 1):
        if tuple(words[i : i + RUN]) in source_grams:
            covered[i : i + RUN] = [True] * RUN
    runs, current = [], []
    for word, inside in zip(words, covered, strict=True):
        if inside:
            current.append(word)
        elif current:
            runs.append(current)
            current = []
    return runs + ([current] if current else [])


# "It is time to…", "It would be wrong to…": an "it" that points forward to what follows, not back.
_FORWARD_IT = re.compile(r"^it (?:is|was|would be|will be|must be|may be|might be|seems) (?:\S+ ){0,6}?(?:to|that)\b")


def _named(run: list[str]) -> list[str]:
    """A passage taken from the reading as the claim it names: without the "that" a question's own "the author
    says that…" may share with the reading, and with a forward-pointing "it" read as no pointer."""
    run = run[1:] if run[:1] == ["that"] and len(run) > 1 else run
    return ["(it)", *run[1:]] if _FORWARD_IT.match(" ".join(run)) else run


def _states_whole(question: str, claim: str) -> bool:
    """The question holds the claim whole, or the claim with only a lead-in or asides left out: its words in
    order, running to the claim's end, with nothing cut by an ellipsis."""
    asked, words = _words(question), _words(claim)
    if _contains(asked, words):
        return True
    if ELLIPSIS in question or not words:
        return False
    inner = _words(_QUOTATION.findall(question)[0]) if _QUOTATION.search(question) else asked
    it = iter(words)
    in_order = all(w in it for w in inner)
    return in_order and len(inner) >= 3 and inner[-3:] == words[-3:]


# Round 5's proxies for a named claim that is not a whole clause, kept apart from ``bot.analysis.compose``.
SMALL_WORDS = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "by", "for"}) | frozenset(
    {"with", "from", "into", "about", "over", "under", "through", "between", "against", "as", "than"}
)
VERB_FORM = re.compile(r"^\w{2,}(?:ed|ing|en)$")
FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|am|be|been|has|have|had|do|does|did|will|would|can|could|should|must|may|might|shall|"
    r"ought|need|needs|it's|that's|there's|isn't|aren't|don't|doesn't|can't|cannot|won't|wasn't|weren't)\b"
    r"|\b\w{3,}ed\b"
    r"|\b(?:i|we|you|they|he|she|it|people|who)\s+\w{3,}"
)
NOT_A_STATEMENT = frozenset(["let's", "how", "what", "why", "whether", "where", "when", "which"])


# Round 6's proxies for polls and wordings that do not fit, kept apart from ``bot.analysis.compose``.
# A claim nobody can be convinced of: one opening on a connective that leans on what came before, the
# author's "I…" (not "I think"), or a report of someone's arguing.
LEANING_OPENER = re.compile(
    r"^[“\"]?(?:in other words|all the same|that said|even so|still|so|thus|hence|therefore|then|and|but|or|"
    r"in short|in sum|after all|of course|again|instead|however|yet|besides|also)\b",
    re.IGNORECASE,
)
SELF_REPORT = re.compile(r"^[“\"]?i\s+(?!think|believe|suspect|doubt)\w+|\b(?:is|are|was|were)\s+arguing\b", re.I)
FORECAST_WORDING = re.compile(
    r"^Looking ahead:|How soon would we know|Would you bet on it|a year from now|The author expects|"
    r"for this to come true|trust the forecast|If it turns out false",
)
FORECAST_FRAME_WORDS = re.compile(r"what will have gone differently", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:will|won[’']t|going to|shall|[’']ll)\b", re.IGNORECASE)

# Round 7's proxies: a question that could be asked of any reading (the fixed wordings that name nothing of
# it), and a direct question opening on an auxiliary ("Should the council…?", "Is X…?") as a member would ask.
GENERIC_PROMPTS = frames.NAMES_NOTHING
DIRECT_QUESTION = re.compile(
    r"^(?:should|must|is|are|was|were|will|would|can|could|might|do|does|did|has|have|had)\s+"
    r"(?!you\b|it asking\b|that the whole\b)\S+[^?]*\?",
    re.IGNORECASE,
)


# Round 7's proxies for the agreement poll and for polls of real options.
SENTENCE_BREAK = re.compile(r"[.!?][”\"’']?\s+[“\"]?[A-Z]")
# A poll of real options ends on the fallbacks its answers are given, whatever its question says.
OPTIONS_FALLBACKS = (CHOICE_FALLBACKS, PROPOSAL_FALLBACKS)


def not_a_claim(stated: str) -> bool:
    """What an agreement poll states is, by the analysis's own lexicon, a fact or a narration: nothing a
    member can agree or disagree with."""
    return classify(stated) == "factual" or bool(lexicon.NARRATIVE.search(stated))


def unfit_conviction(claim: str) -> bool:
    """A claim a "how convinced" poll cannot ask about: it leans on what came before or tells of a self."""
    return bool(LEANING_OPENER.match(claim) or SELF_REPORT.search(claim))


def ends_open(prompt: str, named: list[str]) -> bool:
    """The named claim stops on a verb form or a small word right before the prompt's "?", "." or ":"."""
    last = named[-1]
    if not (VERB_FORM.match(last) or last in SMALL_WORDS):
        return False
    return bool(re.search(rf"\b{re.escape(last)}[”\"’']?\s*[?.:]", prompt.lower().replace("’", "'")))


# Round 8's proxies for a week that asks about one claim twice, kept apart from ``bot.analysis.compose``: the
# words a prompt or poll takes from the reading (longer than three letters, not a word of any fixed wording or
# an auxiliary a direct question moves); two questions sharing most of them ask about the same claim.
_FIXED_WORDING_WORDS = frozenset(
    w
    for family in (
        *frames.BY_KIND.values(),
        *frames.DIRECT_BY_KIND.values(),
        (frames.TENSION, frames.EXPERIENCE, frames.COUNTER, frames.ACTOR, frames.CONVINCED),
    )
    for wordings in family
    for wording in wordings
    for w in _WORDS.findall(wording.lower())
) | frozenset(("should", "must", "would", "could", "will", "does", "have", "need", "needs", "ought", "shall", "might"))
HEADLINE_POLL = HEADLINE_AGREEMENT.partition("“")[0].rstrip()  # "How far do you agree with the headline"


def headline_poll(poll: Poll) -> bool:
    return poll.question.startswith(HEADLINE_POLL)


def claim_words(text: str) -> set[str]:
    """The words of a question that name its claim rather than belong to its wording."""
    return {w for w in _words(text) if len(w) > 3 and w not in _FIXED_WORDING_WORDS}


def same_claim(one: str, other: str) -> bool:
    """Two questions name the same claim: three or more of its words, most of the smaller set, shared."""
    a, b = claim_words(one), claim_words(other)
    shared = len(a & b)
    return shared >= 3 and shared >= 0.6 * min(len(a), len(b))


def add_repeats(tally: Tally, analysis: Analysis) -> None:
    """A reading whose prompts ask about one claim twice; a second poll on one claim ("how convinced", or
    the claim as a direct question) asking about a claim a prompt already asked about."""
    texts = [p.text for p in analysis.prompts if p.text not in GENERIC_PROMPTS]
    tally.repeating_readings += any(same_claim(a, b) for i, a in enumerate(texts) for b in texts[i + 1 :])
    for poll in analysis.polls[1:]:
        if poll.answers in (CONVICTION_SCALE, QUESTION_SCALE):
            tally.single_claim_polls += 1
            tally.polls_repeating_prompt += any(same_claim(poll.question, t) for t in texts)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def rows(tally: Tally) -> Iterable[tuple[str, str, str]]:
    top, count = tally.frames.most_common(1)[0] if tally.frames else ("", 0)
    yield "agreement poll not whole (of those that fit)", f"{_share(tally.whole_missed, tally.whole_fits):.3f}", "0"
    yield "agreement poll not on the thesis", f"{_share(tally.agreement_elsewhere, tally.readings):.3f}", "-"
    yield f"top frame's share of readings ({top!r})", f"{_share(count, tally.readings):.3f}", "<= 0.33"
    yield "prompts with a cut quote", f"{_share(tally.cut_prompts, tally.prompts):.3f}", "<= 0.10"
    yield "convinced labels cut", f"{_share(tally.cut_labels, tally.labels):.3f}", "<= 0.10"
    yield "convinced labels mid-phrase", f"{_share(tally.partial_labels, tally.labels):.3f}", "<= 0.10"
    yield "prompts reusing a quote", f"{_share(tally.reused_quotes, tally.prompts):.3f}", "0"
    yield "reasons that are dates", f"{_share(tally.date_reasons, tally.reasons):.3f}", "0"
    yield "prompts about a fact", f"{_share(tally.factual_prompts, tally.prompts):.3f}", "0"
    yield (
        "arguments that cannot stand alone or report others",
        f"{_share(tally.unfit_arguments, tally.arguments):.3f}",
        "-",
    )
    yield "median prompt words", f"{statistics.median(tally.prompt_words or [0]):.0f}", "<= 40"
    yield f"prompts quoting more than {LONG_QUOTE} words", f"{_share(tally.long_quotes, tally.prompts):.3f}", "0"
    yield "prompts quoting from a pronoun or connective", f"{_share(tally.pointing_quotes, tally.prompts):.3f}", "0"
    yield "readings whose first prompt is on the thesis", f"{_share(tally.thesis_first, tally.with_thesis):.3f}", "1"
    named = tally.named_claims
    yield "named claims ending on a verb form or small word (new)", f"{_share(tally.named_verb_end, named):.3f}", "0"
    yield "named claims with no finite verb (new)", f"{_share(tally.named_verbless, named):.3f}", "0"
    yield "named claims that are no statement (new)", f"{_share(tally.named_not_statement, named):.3f}", "0"
    labels = tally.labels
    yield "convinced labels with no finite verb (new)", f"{_share(tally.verbless_labels, labels):.3f}", "0"
    yield (
        "convinced questions quoting the thesis (new)",
        f"{_share(tally.thesis_quoting_convinced, tally.convinced_polls):.3f}",
        "0",
    )
    yield (
        "how-convinced polls on a connective or self-report (new)",
        f"{_share(tally.unfit_conviction, tally.conviction_polls):.3f}",
        "0",
    )
    yield (
        "forecast wordings on claims without a future (new)",
        f"{_share(tally.forecast_without_future, tally.forecast_prompts):.3f}",
        "0",
    )
    polls = tally.agreement_polls
    yield "agreement poll on a fact or narration (new)", f"{_share(tally.agreement_on_fact, polls):.3f}", "-"
    yield "agreement poll on the reading as a whole (new)", f"{_share(tally.agreement_on_reading, polls):.3f}", "-"
    yield "agreement question with two sentences (new)", f"{_share(tally.agreement_two_sentences, polls):.3f}", "0"
    yield (
        "readings with a poll of real options (new)",
        f"{_share(tally.readings_with_options, tally.readings):.3f}",
        "-",
    )
    yield "readings with a generic prompt (new)", f"{_share(tally.generic_readings, tally.readings):.3f}", "-"
    yield "prompts that are direct questions (new)", f"{_share(tally.direct_prompts, tally.prompts):.3f}", "-"
    yield "readings with fewer than 3 prompts (new)", f"{_share(tally.few_prompt_readings, tally.readings):.3f}", "-"
    yield (
        "how-convinced polls asked as a direct question (new)",
        f"{_share(tally.direct_conviction, tally.conviction_polls):.3f}",
        "-",
    )
    yield "readings where a claim is asked about twice (round 8)", f"{tally.repeating_readings}", "0"
    yield (
        "second one-claim polls repeating a prompt (round 8)",
        f"{tally.polls_repeating_prompt} of {tally.single_claim_polls}",
        "-",
    )
    yield "agreement polls on the headline (round 8)", f"{tally.headline_polls}", "-"
    yield "convinced-you-most polls (round 8)", f"{tally.convinced_polls}", "-"
    claims = tally.arguable_claims
    yield "arguable claims with a core (round 8)", f"{_share(tally.cored_claims, claims):.3f}", "-"
    yield (
        "arguable claims with a core a prompt can ask about (round 8)",
        f"{_share(tally.askable_claims, claims):.3f}",
        "-",
    )
    for name, count in tally.unfit.items():
        yield f"arguments: {name}", f"{_share(count, tally.arguments):.3f}", "-"
    yield "arguments per reading", f"{_share(tally.arguments, tally.readings):.2f}", "-"


def main() -> int:
    parser = argparse.ArgumentParser(description="Proxies for prompt and poll quality over the shared texts.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--show", type=int, default=0, help="print the output of the first N tune editorials")
    args = parser.parse_args()
    root = shared_root(args.shared)
    paths = shared_texts(root)
    if not paths:
        print(f"no documents under {root}", file=sys.stderr)
        return 2
    tune = [root / "datasets" / "editorials" / label["file"] for label in load_labels(TUNE_LABELS)]
    for path in tune[: args.show]:
        show(path.name, analyse(load(path)))
    tally = Tally()
    for path in paths:
        reading = load(path)
        add(tally, reading.text, analyse(reading))
    print(
        f"{tally.readings} readings, {tally.prompts} prompts, {tally.labels} convinced-poll labels, "
        f"{tally.reasons} reasons, {tally.convinced_polls} convinced polls, "
        f"{tally.conviction_polls} how-convinced polls, {tally.third_polls} alternatives polls"
    )
    print(f"{'proxy':<58} {'value':>7}  goal")
    for name, value, goal in rows(tally):
        print(f"{name:<58} {value:>7}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
