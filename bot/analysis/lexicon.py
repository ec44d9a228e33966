"""Word lists that signal a claim, a reason or a non-claim.

Kept general (editorials, essays, book chapters) rather than tied to one genre's phrasing: modal and
stance markers, connectives that announce a conclusion, evaluative vocabulary. Each is one compiled,
case-insensitive regex so a feature costs one scan of a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)*")
_PHRASE = re.compile(r"[a-z]+(?:'[a-z]+)*(?: [a-z]+(?:'[a-z]+)*)*")
# The only non-ASCII characters that case-insensitive ``re`` matches to an ASCII letter (found by testing
# every code point): "İ", "ı", "ſ" and the Kelvin sign. A sentence holding one skips the key-word check.
_ASCII_FOLDS = frozenset("\u0130\u0131\u017f\u212a")


class _Words(NamedTuple):
    lowered: str
    tokens: list[str]  # ``_TOKEN`` runs of the lowercased text, in order
    vocabulary: frozenset[str]
    folds: bool  # holds a character that matches an ASCII letter only case-insensitively


@lru_cache(maxsize=64)
def _words_of(text: str) -> _Words:
    """Tokenise a sentence once for all the lexicons asked about it (features asks about a dozen in turn)."""
    lowered = text.lower()
    tokens = _TOKEN.findall(lowered)
    return _Words(lowered, tokens, frozenset(tokens), not _ASCII_FOLDS.isdisjoint(text))


class Lexicon:
    """A word list matched as whole words, case-insensitively.

    Single words are looked up in a set (one tokenisation per sentence) and only multi-word phrases go
    through a regex: a 200-way regex alternation per sentence was the slowest part of a long reading.
    The regex is still a scan of every position, so it only runs when every word of one of the phrases is
    among the sentence's tokens. That check never skips a match: wherever the regex matches, each word of
    the phrase stands between non-letters in the lowercased text, so it is one of the ``_TOKEN`` runs too,
    unless a character in ``_ASCII_FOLDS`` made the match.
    """

    __slots__ = ("_keys", "_phrase_words", "_phrases", "_singles")

    def __init__(self, phrases: tuple[str, ...]) -> None:
        lowered = {p.lower() for p in phrases}
        unfit = sorted(p for p in lowered if not _PHRASE.fullmatch(p))
        if unfit:
            raise ValueError(f"lexicon entries must be lowercase words separated by single spaces: {unfit}")
        self._singles = frozenset(p for p in lowered if _TOKEN.fullmatch(p) and "'" not in p and "’" not in p)
        multi = lowered - self._singles
        self._phrase_words = tuple(frozenset(p.split()) for p in sorted(multi))
        # A quick first test: each phrase's last longest word ("key" of "the key").
        self._keys = frozenset(max(reversed(p.split()), key=len) for p in multi)
        patterns = sorted((p.replace(" ", r"\s+") for p in multi), key=lambda p: (-len(p), p))
        self._phrases = (
            re.compile(r"(?<![\w’'])(?:" + "|".join(patterns) + r")(?![\w’'])", re.IGNORECASE) if patterns else None
        )

    def _may_hold_phrase(self, words: _Words) -> bool:
        """Whether a phrase may be in ``words``; called only when there are phrases."""
        if words.folds:
            return True
        if self._keys.isdisjoint(words.vocabulary):
            return False
        return any(phrase <= words.vocabulary for phrase in self._phrase_words)

    def findall(self, text: str) -> list[str]:
        words = _words_of(text)
        found = [w for w in words.tokens if w in self._singles]
        if self._phrases is not None and self._may_hold_phrase(words):
            found += self._phrases.findall(text)
        return found

    def search(self, text: str) -> bool:
        words = _words_of(text)
        if not self._singles.isdisjoint(words.vocabulary):
            return True
        return self._phrases is not None and self._may_hold_phrase(words) and self._phrases.search(text) is not None


class _Screened:
    """A case-insensitive regex that scans a sentence only when the sentence could hold a match.

    Every alternative of the regex either starts with ``^`` or contains one of ``needles``; a match of the
    latter leaves its needle in the lowercased text (unless a character in ``_ASCII_FOLDS`` made it). So
    without a needle only a match at the very start is possible, and one ``match`` replaces a scan of
    every position, which cost more than all the word lists together.
    """

    __slots__ = ("_needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], *needles: str) -> None:
        self.pattern = pattern
        self._needles = re.compile("|".join(map(re.escape, needles)))  # case-sensitive: a quick scan

    def search(self, text: str) -> re.Match[str] | None:
        words = _words_of(text)
        if words.folds or self._needles.search(words.lowered):
            return self.pattern.search(text)
        return self.pattern.match(text)


def _words(*phrases: str) -> Lexicon:
    return Lexicon(phrases)


# Function words and the commonest verbs: what two passages share beyond these says they are about the
# same thing (content-word overlap in features, near-duplicate checks, choosing claims to compare).
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "each",
        "even",
        "for",
        "from",
        "get",
        "had",
        "has",
        "have",
        "he",
        "her",
        "here",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "know",
        "let",
        "like",
        "make",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "new",
        "no",
        "not",
        "now",
        "of",
        "old",
        "on",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "put",
        "say",
        "see",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "take",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "time",
        "to",
        "too",
        "two",
        "upon",
        "us",
        "use",
        "very",
        "was",
        "way",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "year",
        "you",
        "your",
    ]
)


NORMATIVE = _words(
    "must",
    "mustn't",
    "must not",
    "should",
    "shouldn't",
    "should not",
    "ought to",
    "ought not",
    "need to",
    "needs to",
    "have to",
    "has to",
    "had better",
    "it is time",
    "it's time",
    "cannot afford",
    "is necessary",
    "are necessary",
    "is essential",
    "it is vital",
    "is crucial",
    "it is important to",
    "it is imperative",
    "we need",
    "let us",
    "let's",
    "deserve",
    "deserves",
    "responsibility to",
    "obliged to",
    "duty to",
    "required to",
    "better off",
    "would do well",
    "is the way",
    "is the only way",
)
STANCE = _words(
    "i believe",
    "i think",
    "i feel",
    "i agree",
    "i disagree",
    "i argue",
    "i would argue",
    "i contend",
    "i would contend",
    "in my opinion",
    "in my view",
    "from my point of view",
    "my view",
    "personally",
    "i am convinced",
    "i'm convinced",
    "i am sure",
    "i strongly",
    "i firmly",
    "i maintain",
    "we believe",
    "in our view",
    "our view",
    "i support",
    "i oppose",
    "i would say",
    "it seems to me",
    "my position",
    "i am certain",
)
# The author taking a position in their own voice, with the auxiliaries and adverbs that wording varies by
# ("I do not think", "we would strongly argue", "I'd prefer"): the phrase list above only has the bare forms.
STANCE_VERB = re.compile(
    r"\b(?:i|we)(?:['’]d)?\s+(?:(?:do|does|would|should|will|can|cannot|must|strongly|firmly|completely|totally|"
    r"fully|personally|really|also|still|therefore|thus|definitely|certainly|partly|largely|not|never|"
    r"would not|do not|don['’]t|wouldn['’]t)\s+)*"
    r"(?:think|believe|agree|disagree|support|oppose|prefer|argue|contend|maintain|reckon|favou?r|"
    r"suggest|conclude|insist|hold|doubt|reject|endorse|recommend|propose|feel)\b",
    re.IGNORECASE,
)
CONCLUSIVE = _words(
    "therefore",
    "thus",
    "hence",
    "consequently",
    "in conclusion",
    "to conclude",
    "to sum up",
    "in summary",
    "in short",
    "overall",
    "all in all",
    "ultimately",
    "for these reasons",
    "for this reason",
    "that is why",
    "this is why",
    "which is why",
    "as a result",
    "accordingly",
    "in the end",
    "above all",
    "the bottom line",
    "the point is",
    "the truth is",
    "the fact is",
    "clearly",
    "obviously",
    "undoubtedly",
    "no doubt",
    "without doubt",
    "it is clear",
    "it is obvious",
    "there is no question",
    "shows that",
    "show that",
    "proves",
    "prove that",
    "demonstrates",
    "suggests that",
    "means that",
    "the key",
    "the real",
    "the essential",
    "the main",
    "the problem is",
    "the question is",
)
EVALUATIVE = _words(
    "good",
    "bad",
    "better",
    "best",
    "worse",
    "worst",
    "beneficial",
    "harmful",
    "benefit",
    "benefits",
    "advantage",
    "advantages",
    "disadvantage",
    "disadvantages",
    "positive",
    "negative",
    "important",
    "essential",
    "crucial",
    "vital",
    "necessary",
    "significant",
    "valuable",
    "useful",
    "useless",
    "effective",
    "ineffective",
    "efficient",
    "dangerous",
    "risky",
    "wrong",
    "right",
    "fair",
    "unfair",
    "just",
    "unjust",
    "wise",
    "unwise",
    "foolish",
    "absurd",
    "disastrous",
    "catastrophic",
    "great",
    "terrible",
    "outrageous",
    "shameful",
    "scandalous",
    "unacceptable",
    "acceptable",
    "failure",
    "failed",
    "success",
    "successful",
    "serious",
    "profound",
    "healthy",
    "unhealthy",
    "moral",
    "immoral",
    "ethical",
    "problem",
    "problems",
    "threat",
    "crisis",
    "mistake",
    "misguided",
    "reckless",
    "irresponsible",
    "legitimate",
    "illegitimate",
    "hypocritical",
    "hypocrisy",
    "corrupt",
    "decline",
    "progress",
    "improve",
    "improves",
    "improved",
    "damage",
    "damaging",
    "destructive",
    "helpful",
    "profitable",
    "worthwhile",
    "pointless",
    "meaningful",
    "key",
    "fundamental",
    "rational",
    "irrational",
    "desirable",
    "undesirable",
    "appropriate",
    "inappropriate",
    "reasonable",
    "unreasonable",
    "remarkable",
    "welcome",
    "disgrace",
    "betrayal",
    "victory",
    "defeat",
    "hope",
    "weak",
    "strong",
    "stronger",
    "weaker",
    "cruel",
    "racist",
    "fascist",
    "scummiest",
    "exploitation",
    "outrage",
)
# Judgements the ranking's EVALUATIVE list leaves out, read only when naming a claim's kind and whether it is
# arguable (not a ranking feature, so the fitted weights are untouched): an editorial judges in words like
# these ("It would be an enormous tragedy if…", "President Obama is living in a fantasy world.").
JUDGEMENT = _words(
    "tragedy",
    "tragic",
    "shame",
    "disgraceful",
    "scandal",
    "catastrophe",
    "fantasy",
    "absurdity",
    "ridiculous",
    "nonsense",
    "folly",
    "naive",
    "cowardly",
    "cowardice",
    "courage",
    "courageous",
    "brave",
    "disgusting",
    "shocking",
    "appalling",
    "deplorable",
    "despicable",
    "inexcusable",
    "indefensible",
    "pitiful",
    "insufferable",
    "arrogant",
    "arrogance",
    "noble",
    "heroic",
    "sad",
    "sadly",
    "unfortunately",
    "fortunately",
    "thankfully",
    "alarming",
    "troubling",
    "worrying",
    "cynical",
    "selfish",
    "greedy",
    "wasteful",
    "dishonest",
    "honest",
    "hypocrite",
    "betrayed",
    "betrays",
    "assault on",
    "attack on",
    "laughable",
    "laughably",
    "pathetic",
    "admirable",
    "deserve",
    "deserves",
    "fails",
    "failing",
    "matters",
    "doomed",
    "a mistake",
    "too much",
    "too little",
    "too far",
    "perfect",
    "poor",
    "silly",
    "stupid",
    "ludicrous",
    "vile",
    "obnoxious",
    "evil",
    "wicked",
    "a dark day",
    "a lie",
    "nothing less than",
    "no better",
    "no less",
    # Round 7: judgements still read as facts ("It is logical for Europe to…", "It is a damning indictment…").
    "logical",
    "illogical",
    "damning",
    "delusional",
    "compelling",
    "worries me",
    "nothing to be gained",
    "a symptom of",
    "shallow",
    "superficial",
    "sensible",
    "senseless",
    "nonsensical",
    "farce",
    "insulting",
    "offensive",
    "idealistic",
    "uncomfortable",
    "intelligent",
)
# Screened at the end of the module: keep its needles in step with it.
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|better|worse|greater|rather)\b[^.?!]{0,80}\bthan\b|\brather than\b|\binstead of\b",
    re.IGNORECASE,
)
CAUSAL = _words(
    "because",
    "since",
    "due to",
    "owing to",
    "as a result",
    "result in",
    "results in",
    "resulted in",
    "lead to",
    "leads to",
    "led to",
    "leading to",
    "cause",
    "causes",
    "caused",
    "causing",
    "therefore",
    "thus",
    "hence",
    "consequently",
    "so that",
    "effect",
    "effects",
    "impact",
    "impacts",
    "contribute",
    "contributes",
    "contributed",
    "helps",
    "help",
    "helped",
    "enable",
    "enables",
    "allow",
    "allows",
    "make it",
    "makes it",
    "driven by",
    "thanks to",
    "responsible for",
    "why",
)
PREDICTIVE = _words(
    "will",
    "won't",
    "will not",
    "going to",
    "is likely",
    "are likely",
    "likely to",
    "unlikely",
    "in the future",
    "soon",
    "one day",
    "eventually",
    "is set to",
    "are set to",
    "would be",
    "could be",
    "may well",
    "is bound to",
    "the coming",
    "next year",
    "in years to come",
)
EXAMPLE_START = re.compile(
    r"\s*[\"“‘']?(?:for (?:example|instance)|e\.g\.|as an example|to illustrate|take|consider|"
    r"a (?:recent |new )?(?:study|survey|report)|according to|in \d{4}|last (?:year|month|week)|"
    r"when i|i remember|my )\b",
    re.IGNORECASE,
)
REPORTING = _words(
    "said",
    "says",
    "told",
    "tells",
    "according to",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "stated",
    "states that",
    "asked",
    "added",
    "wrote",
    "writes",
    "announced",
    "tweeted",
    "to quote",
    "called the",
    "called it",
    "called this",
    "quoted",
    "reported",
    "reports",
    "explained",
    "argued",
    "argues",
    "noted",
    "notes that",
    "declared",
    "replied",
    "is saying",
    "are saying",
    "was saying",
)
NARRATIVE = _words(
    "was",
    "were",
    "had",
    "did",
    "went",
    "came",
    "got",
    "took",
    "made",
    "yesterday",
    "last week",
    "last year",
    "last month",
    "ago",
    "then",
    "later",
    "earlier",
    "on monday",
    "on tuesday",
    "on wednesday",
    "on thursday",
    "on friday",
    "on saturday",
    "on sunday",
    "in january",
    "in february",
    "in march",
    "in april",
    "in may",
    "in june",
    "in july",
    "in august",
    "in september",
    "in october",
    "in november",
    "in december",
)
FIRST_PERSON = _words("i", "we", "my", "our", "us", "me")
# A sentence that starts with these leans on the one before it ("It is an empire in terminal decline").
LEANS_ON_PREVIOUS = re.compile(
    r"\s*[\"“‘']?(?:"
    r"(?:this|that|these|those|such)\b(?!\s+(?:is|are)\s+(?:not\s+)?(?:because|why|how)\b)"
    r"|(?:this|that) is (?:why|because|how)\b"
    r"|(?:they|he|she|its|their|theirs|his|her|them)\b"
    r"|it\b(?!(?:['’]s|\s+(?:is|was|would be|will be|seems|seemed|appears|may be|might be|could be|has been|"
    r"should be|must be|remains|becomes|makes|takes))\s+(?:(?:\w+ly|not|also|very|more|most|so|no)\s+)*"
    # "It would be both good politics and good policy to close…", "It's the normalisation of Coca-Cola that
    # worries me": an extraposed subject or a cleft, not a reference.
    r"(?:[\w'’-]+\s+){1,6}?(?:to|that|whether|for|how|why|when)\b)"
    r"|but\b|so\b(?!\s+(?:many|much|far|long|too)\b)|yet\b|and\b|or\b|nor\b|still\b|instead\b|otherwise\b"
    r"|which (?:is|was|means|meant|explains|shows|makes)\b"
    r"|in (?:so doing|doing so)\b|by (?:so doing|doing so)\b|in (?:this|that) way\b"
    r"|(?:and|but) (?:so|yet|then)\b"
    r")",
    re.IGNORECASE,
)
# Openers that announce a new point rather than continue the last one: stripped when quoting a claim.
DISCOURSE_OPENER = re.compile(
    r"^\s*(?:(?:in conclusion|to conclude|to sum up|in summary|in short|overall|all in all|ultimately|"
    r"therefore|thus|hence|consequently|as a result|accordingly|moreover|furthermore|"
    # "However careful I am…" is a concession, not a connective: only before a comma or a clause.
    r"however(?=\s*,|\s+(?:i|we|you|he|she|it|they|the|a|an|this|that|these|those|there|in|on|at|for|"
    r"some|most|people|if|when|as|not|our|their|his|her|my)\b)|"
    r"in addition|additionally|besides|also|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|lastly|"
    r"first and foremost|above all|on the other hand|on the contrary|in fact|indeed|of course|"
    r"for these reasons|for this reason|in other words|to begin with|nevertheless|nonetheless|"
    r"in my (?:opinion|view)|from my (?:point of view|perspective)|personally|"
    r"to my mind|as far as i am concerned|in this regard|that said|still|so(?!\s+(?:long|far|much|many|that)\b)|"
    r"but|and|yet)\s*,?\s+)+",
    re.IGNORECASE,
)
# Scaffolding that frames a point rather than making it ("The second reason is that…", "It is clear
# that…"): dropped from labels and quotes, which then start at the claim itself.
SCAFFOLD_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:the|my|a|one|another|an other)\s+(?:(?:first|second|third|fourth|fifth|next|final|last|main|other|"
    r"further|major|key|most important|biggest|simplest|chief|primary|real|more important|additional|"
    r"important|crucial|obvious)\s+)*(?:reason|point|argument|thing|problem|issue|benefit|advantage|"
    r"disadvantage|factor|consideration|cause|concern|example|aspect|lesson)s?\s+(?:(?:for|of|why|against)"
    r"\s+[^,.;:]{1,40}?\s+)?(?:is|was|are|would be)\s+(?:that\s+)?"
    r"|it\s+is\s+(?:(?:quite|very|abundantly|now|also|therefore|thus|perfectly|hard to deny|undeniable|"
    r"certainly)\s+)*(?:clear|obvious|evident|true|undeniable|plain|apparent|certain|no secret|"
    r"no surprise|a fact|important to (?:note|remember|recognise|recognize))\s+that\s+"
    r"|there\s+(?:is|can be)\s+no\s+(?:doubt|question|denying)\s+(?:that\s+)?"
    r"|(?:the\s+)?(?:truth|fact|point|reality|bottom line|upshot)\s+is\s+(?:that\s+)?"
    r"|(?:this|that)\s+(?:means|shows|suggests|proves)\s+that\s+"
    r"|(?:i|we)\s+(?:would\s+)?(?:like\s+to\s+)?(?:conclude|say|add|stress|point out)\s+that\s+"
    r")",
    re.IGNORECASE,
)
STANCE_PREFIX = re.compile(
    r"^\s*(?:i|we)\s+(?:(?:would|do|really|strongly|firmly|personally|truly|also|therefore|thus|still)\s+)*"
    r"(?:believe|think|feel|argue|contend|maintain|agree|hold|reckon|suggest|consider|am convinced|"
    r"am sure|am certain|are convinced)\s+(?:that\s+)?",
    re.IGNORECASE,
)
# Talk about the text itself ("In this essay I will discuss…"): signposting, not a claim.
# Screened at the end of the module: keep its needles in step with it.
_METADISCOURSE = re.compile(
    r"\b(?:(?:in|throughout) this (?:essay|article|chapter|piece|paper|column|book|section)|"
    r"this (?:essay|article|chapter|paper) (?:will|shall|aims|argues|discusses)|"
    r"i (?:will|shall|am going to|would like to|want to) (?:discuss|analy[sz]e|explain|examine|explore|show|"
    r"outline|look at|describe|consider|elaborate|present|argue|talk)|the (?:purpose|aim) of this|"
    r"(?:the )?following reasons|(?:several|some|a few|many|two|three) reasons(?: for this)?[.:]|"
    r"as follows|let me|let us (?:look|consider|examine)|in what follows)\b",
    re.IGNORECASE,
)
# Positions attributed to others, usually set up to be answered ("Critics say…", "It is often said…").
# Screened at the end of the module: keep its needles in step with it.
_OTHERS_VIEW = re.compile(
    r"\b(?:some|many|most|other|few|several) (?:people|persons|individuals|critics|experts|observers|"
    r"commentators|others|parents|politicians|economists|scientists|analysts|scholars|readers|voters)\b"
    r"[^.?!]{0,40}\b(?:think|believe|argue|claim|say|feel|assert|contend|maintain|suggest|insist|hold|"
    r"prefer|support|oppose|object|complain|worry|fear)|"
    r"\b(?:some|many|others|few) (?:would )?(?:say|argue|claim|contend|insist|believe|think|object|suggest)\b|"
    r"\bit (?:is|has been) (?:often |commonly |widely |sometimes |frequently |generally |also |long )?"
    r"(?:said|argued|believed|claimed|thought|assumed|suggested|objected)\b|"
    r"\bthere are (?:those|people|some) who\b|\b(?:those|people) who [^.?!]{1,40} (?:argue|claim|say|insist)\b|"
    r"\b(?:critics|opponents|proponents|supporters|advocates|sceptics|skeptics|detractors|defenders)"
    r"(?: of [^.?!]{1,40})? (?:say|said|argue|argued|claim|claimed|contend|insist|believe|maintain|point out|"
    r"warn|object|complain|counter|respond|reply|will say|would say|might say|may say)\b",
    re.IGNORECASE,
)
# Lines about the reading rather than in it: bylines, credits, dates, notes on where it appeared.
# Screened at the end of the module: keep its needles in step with it.
_METADATA = re.compile(
    r"^\s*(?:@\w+|https?://\S+|www\.\S+|\S+@\S+\.\w+)\s*$|"
    r"^\s*(?:by|photo(?:graph)?|image|illustration|picture|credit|source|published|updated|posted|first published|"
    r"editor'?s? note|reporting by|additional reporting|contributed|filed|read more|related|see also|subscribe|"
    r"follow (?:us|me|him|her)|click here|copyright|all rights reserved)\b|"
    r"©|\b(?:written|prepared|adapted|translated|produced) (?:for|by)\b|\ball rights reserved\b|"
    r"\b(?:sample|example) (?:reading|text|article|essay)\b|\bthis (?:article|essay|piece|column) (?:was|first|"
    r"originally|appeared)\b|\b(?:is|was) (?:a|an|the) (?:columnist|correspondent|editor|professor|author|writer|"
    r"contributor|fellow|reporter)\b|"
    r"^\s*file\s*[-–—:]|\b(?:is|are) (?:published|out now|available) (?:by|from|in|on|at|now)\b|"
    # An author's bio: "Dan Schneider is executive director of the American Conservative Union."
    r"^\s*(?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}) (?:is|was) (?:a |an |the )?(?:[\w-]+ ){0,3}(?:director|"
    r"president|chair(?:man|woman)?|founder|co-founder|ceo|editor|author|columnist|fellow|professor|"
    r"contributor|writer|analyst|correspondent|host|partner|lecturer|researcher|spokes(?:man|woman|person)) "
    r"(?:of|at|for|with|in)\b",
    re.IGNORECASE,
)
# Openers of a supporting sentence: an example, a reason, evidence, a condition.
PREMISE_START = re.compile(
    r"\s*[\"“‘']?(?:for (?:example|instance)|e\.g\.|as an example|to illustrate|take|consider|because|since|"
    r"this is because|that is because|the reason is|after all|studies|research|a (?:recent |new )?(?:study|survey|"
    r"report|poll)|according to|evidence|statistics|data|in fact|indeed|if|when|in \d{4}|last (?:year|month|week)|"
    r"when i|i remember|imagine|suppose|such as|specifically|in particular|namely)\b",
    re.IGNORECASE,
)
CONCESSION_START = re.compile(
    r"\s*(?:although|though|even though|while|whilst|despite|in spite of|admittedly|granted|of course|"
    r"it is true that|it's true that|true,|no doubt|undeniably|notwithstanding)\b",
    re.IGNORECASE,
)
# A point the author grants before turning against it ("It is certainly true that…", "Admittedly, …", "Now, the
# Congress is not exactly known for restraint"): not the claim the paragraph argues. Unlike CONCESSION_START,
# "Although X, Y" is left out: its main clause is the author's own.
GRANTS = re.compile(
    r"^\s*[\"“‘']?(?:(?:admittedly|granted|true|sure|of course|to be sure|to be fair|in fairness|no doubt|"
    r"certainly)\s*,|(?:admittedly|granted|to be sure)\b|"
    r"(?:it|this|that) (?:is|['’]s) (?:\w+ ){0,2}?true (?:that|enough)\b|"
    r"(?:it|this|that) (?:may|might|could|can) (?:well |also |even )?be (?:true|argued|said|conceded)\b|"
    r"i (?:can|do) (?:see|understand) (?:how|why)\b)|"
    r"\b(?:is|are|was|were) not exactly\b|,\s*(?:it is true|it['’]s true|admittedly|granted|to be sure)\s*,",
    re.IGNORECASE,
)
# Words that grant a point when the next sentence turns against it ("X is certainly a toll. But…").
GRANTING = re.compile(
    r"(?<![\w’'])(?:yes|true|certainly|of course|admittedly|granted|no doubt|undoubtedly|to be sure|"
    r"(?:may|might) well|understandabl[ey])(?![\w’'])",
    re.IGNORECASE,
)
# A view the author sets up in order to knock it down: "One of the purported benefits…", "Apparently, we
# should celebrate…", "We are told that…", "The argument goes…".
SET_UP_VIEW = re.compile(
    r"^\W*(?:apparently|supposedly|allegedly|ostensibly|we are told|we['’]re told|we have been told|"
    r"we['’]ve been told|we are (?:assured|promised)|the (?:argument|theory|thinking|logic|story|line) goes)\b|"
    r"^\W*myth(?: ?(?:#|no\.?) ?\d+)?\s*:|"  # "Myth #1: More sanctions will prompt…"
    r"\b(?:purported(?:ly)?|the (?:argument|theory|thinking|logic|story|line) goes|"
    r"(?:conventional|received) wisdom (?:is|says|holds|has it)|would have (?:us|you) believe|"
    r"wants? (?:us|you) to believe|"
    r"the myth that)\b",
    re.IGNORECASE,
)
CONTRAST_START = re.compile(
    r"\s*(?:however|but|yet|nevertheless|nonetheless|on the other hand|on the contrary|in contrast|"
    r"conversely|still|instead|rather)\b",
    re.IGNORECASE,
)
HEDGE_MODAL = _words("can", "cannot", "can't", "could", "couldn't", "may", "might")
ENUMERATIVE_START = re.compile(
    r"\s*(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally|lastly|another|moreover|"
    r"furthermore|in addition|additionally|besides|also|on the other hand|to begin with|first of all|"
    r"first and foremost|last but not least|most importantly|above all)\b",
    re.IGNORECASE,
)
# Openers that draw a paragraph's conclusion ("Therefore, …", "That is why…"): such a sentence, not the
# paragraph's opening, is usually the point the paragraph argues for.
CONCLUSION_START = re.compile(
    r"\s*(?:therefore|thus|hence|consequently|accordingly|as a result|as such|so\b(?!\s+(?:many|much|far|long|too))|"
    r"in short|in sum|in brief|in other words|to sum up|to conclude|in conclusion|all in all|overall|ultimately|"
    r"for (?:this|these|all these) reasons?|(?:this|that) is (?:why|the reason)|(?:it|this) (?:is )?(?:clear|"
    r"obvious|evident) that|clearly|in the end|the (?:point|lesson|upshot) is)\b",
    re.IGNORECASE,
)

# The regexes searched anywhere in every sentence, each run only where one of its needles occurs (or a
# match could start the sentence): every alternative of the regex contains one of its needles.
COMPARATIVE = _Screened(_COMPARATIVE, "than", "instead of")
METADISCOURSE = _Screened(
    _METADISCOURSE,
    "this",
    "i will ",
    "i shall ",
    "i am going to ",
    "i would like to ",
    "i want to ",
    "reasons",
    "follows",
    "let me",
    "let us ",
)
OTHERS_VIEW = _Screened(
    _OTHERS_VIEW,
    "some ",
    "many ",
    "most ",
    "other",
    "few ",
    "several ",
    "it is ",
    "it has been ",
    "there are ",
    "those who ",
    "people who ",
    "critics",
    "opponents",
    "proponents",
    "supporters",
    "advocates",
    "sceptics",
    "skeptics",
    "detractors",
    "defenders",
)
METADATA = _Screened(
    _METADATA,
    "©",
    "written ",
    "prepared ",
    "adapted ",
    "translated ",
    "produced ",
    "rights reserved",
    "sample ",
    "example ",
    "this ",
    "columnist",
    "correspondent",
    "editor",
    "professor",
    "author",
    "writer",
    "contributor",
    "fellow",
    "reporter",
    "published",
    "out now",
    "available",
)
