"""A claim's core put as the direct question a member would ask: "Councils must fund libraries" → "Should
councils fund libraries?".

Readers rewarded questions that put the author's point to the circle in the author's own terms and named the
stakes, and marked down "The author says X. What would that cost?". English makes a yes/no question
mechanically from a clause by moving its first auxiliary in front of its subject, so this module does only
that: it finds the subject (a few words before the first auxiliary or modal, holding no verb of its own) and
inverts. A clause with no auxiliary needs "do" and the verb's bare form ("X spoiled Y" → "Did X spoil Y?"),
which is done only for the verbs listed here. Without a tagger every step can be wrong, so each one returns
None when unsure: a missing question costs a prompt one wording, a wrong one costs the circle's trust.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Modals that call for something: the question asks whether it should be done ("We must act" → "Should we
# act?"), since "Must we act?" reads as reluctance.
_CALLING = {"must": "Should", "should": "Should", "ought": "Should", "need": "Should", "needs": "Should"}
# Auxiliaries that move as they are, and modals put in the form a question takes ("may" → "Could").
_MOVING = {
    "is": "Is",
    "are": "Are",
    "was": "Was",
    "were": "Were",
    "will": "Will",
    "can": "Can",
    "could": "Could",
    "would": "Would",
    "may": "Could",
    "might": "Could",
    "shall": "Will",
}
_HAVING = {"has": "Has", "have": "Have", "had": "Had"}
_DOING = {"does": "Does", "do": "Do", "did": "Did"}
# Negated forms: the question asks whether the opposite really holds ("X is not Y" → "Is X really Y?"), which
# reads well for these and not for a negated call ("Should we really not…?"), which gets no question.
_NEGATED = {
    "isn't": "Is",
    "aren't": "Are",
    "wasn't": "Was",
    "weren't": "Were",
    "won't": "Will",
    "can't": "Can",
    "cannot": "Can",
    "couldn't": "Could",
    "wouldn't": "Would",
    "doesn't": "Does",
    "don't": "Do",
    "didn't": "Did",
}
_NOT = frozenset({"not"})
# "it's", "we're", "they'll": a pronoun and its auxiliary in one word.
_CONTRACTED_BE = frozenset({"it", "that", "there", "he", "she"})
_CONTRACTIONS = {"re": "are", "ll": "will"}
# Words a subject cannot open on: connectives, prepositions, wh-words, focus words that would be stranded
# ("Only Congress can…" → "Can only Congress…?"), and the persons a circle does not ask about.
_NO_SUBJECT_START = _set(
    "and but or so yet because since although though while whereas if unless when whenever where why how what "
    "which who whom whose whether to of in on at by for with from into about over under after before as than "
    "then thus hence therefore however only even just also not nor no-one here i you let once until like "
    "first second third fourth next last another finally "
    "instead rather still indeed perhaps maybe surely certainly clearly obviously"
)
# Words that end a subject's noun phrase or open a clause inside it: the subject holds a verb of its own.
_NOT_IN_SUBJECT = _set(
    "that which who whom whose where when whether if because why how what is are was were be been being am has "
    "have had do does did will would can could may might must should shall ought not never"
)
# "Economists think the benefits…": a verb of saying or thinking inside what looked like the subject.
_REPORTING = _set("think believe say said argue insist claim hope fear expect suggest feel agree warn predict")
_PERSONAL = _set("i you he she it we they")
_DETERMINERS = _set("the a an this that these those its their our his her my your every each no some any")
# Words ending in "-ly" that are nouns, not adverbs standing between subject and verb.
_LY_NOUNS = _set("family ally rally supply assembly monopoly belly bully reply july italy anomaly")
_PARTICIPLES = _set(
    "been become done gone made taken given come seen known shown grown begun brought bought caught fought found "
    "got gotten held kept left led lost meant met paid put read said sent set sold spent stood struck taught told "
    "thought understood won written run cut hit let felt built heard broken chosen driven forgotten hidden "
    "spoken stolen thrown worn"
)
# Bare forms of the verbs a "do" question is made for; a verb outside the list gets no question.
_VERBS = _set(
    "take make give get go come know want need see say help keep let put lead bring hold pay win lose live hurt "
    "deserve owe serve allow create destroy protect threaten support oppose undermine share require depend "
    "belong become remain mean matter fail show risk harm benefit improve reduce increase stop build save kill "
    "spend teach learn understand believe think feel agree act vote fight defend amount represent reflect exist "
    "seem look sound prove offer ensure deny reject accept ignore respect trust lack miss leave enter grow rise "
    "fall play drive pose beat feed raise ask tell try seek find work cost change force damage encourage punish "
    "reward weaken strengthen erode fuel spoil hide ruin betray favour favor cause affect happen tend continue "
    "stay contribute mislead limit block prevent enable treat fear hate love like prefer expect hope deliver "
    "provide produce solve answer explain justify demand deserve dominate shape drive divide unite deter "
    "encourage endanger expose fund invest waste owe outweigh replace rely run sell buy send stand strike write "
    "speak break choose begin hit cut set"
)
_IRREGULAR_PAST = {
    "kept": "keep",
    "made": "make",
    "took": "take",
    "gave": "give",
    "got": "get",
    "went": "go",
    "came": "come",
    "knew": "know",
    "saw": "see",
    "said": "say",
    "held": "hold",
    "paid": "pay",
    "left": "leave",
    "lost": "lose",
    "won": "win",
    "led": "lead",
    "brought": "bring",
    "found": "find",
    "told": "tell",
    "thought": "think",
    "felt": "feel",
    "stood": "stand",
    "ran": "run",
    "became": "become",
    "began": "begin",
    "grew": "grow",
    "fell": "fall",
    "rose": "rise",
    "meant": "mean",
    "built": "build",
    "spent": "spend",
    "taught": "teach",
    "fought": "fight",
    "sought": "seek",
    "bought": "buy",
    "sold": "sell",
    "hid": "hide",
    "drove": "drive",
    "wrote": "write",
    "spoke": "speak",
    "broke": "break",
    "chose": "choose",
    "sent": "send",
    "struck": "strike",
}
MAX_SUBJECT_WORDS = 8
_END = re.compile(r"[.!;:,\s]+$")
# A comment on the whole clause that a question cannot carry at its end: "…for Australians, of course".
_TRAILING_ASIDE = re.compile(r",\s+(?:of course|too|though|however|then|perhaps|surely|indeed|after all)$", re.I)
_APOSTROPHE = re.compile(r"[’']")


def _norm(word: str) -> str:
    return _APOSTROPHE.sub("'", word.lower())


def _bare(word: str) -> tuple[str, str] | None:
    """The bare form of a verb in the present (third person) or past, with the "do" it takes: "spoils" →
    ("spoil", "Does"), "spoiled" → ("spoil", "Did"); None unless the bare form is a listed verb."""
    w = word.lower()
    if w in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[w], "Did"
    if w.endswith("s") and not w.endswith("ss"):
        stems = [w[:-3] + "y"] if w.endswith("ies") else []
        stems += [w[:-2], w[:-1]] if w.endswith("es") else [w[:-1]]
        found = next((s for s in stems if s in _VERBS), None)
        return (found, "Does") if found else None
    if w.endswith("ed"):
        stems = [w[:-3] + "y"] if w.endswith("ied") else []
        stems += [w[:-1], w[:-2]]
        if len(w) > 4 and w[-3] == w[-4]:
            stems.append(w[:-3])  # "stopped" → "stop"
        found = next((s for s in stems if s in _VERBS), None)
        return (found, "Did") if found else None
    return None


def _subject_ok(words: list[str]) -> bool:
    """A subject: one to MAX_SUBJECT_WORDS words, not opening on a connective or preposition, with no verb,
    clause or punctuation of its own inside it."""
    if not 1 <= len(words) <= MAX_SUBJECT_WORDS:
        return False
    if _norm(words[0]).strip('“"‘') in _NO_SUBJECT_START:
        return False
    if words[-1].lower() in _DETERMINERS:
        return False
    if any(_norm(w) in _PERSONAL or _norm(w).rstrip("s") in _REPORTING for w in words[1:]):
        return False  # "Morales's people insist he…": a second subject, so a clause inside
    return not any(_norm(w) in _NOT_IN_SUBJECT or re.search(r"[,;:()“”\"—–]|-$", w) or "n't" in _norm(w) for w in words)


def _split_adverb(subject: list[str]) -> tuple[list[str], list[str]]:
    """An adverb between subject and auxiliary ("We simply must…") goes after the subject in the question."""
    last = subject[-1]
    if len(subject) > 1 and last.islower() and last.endswith("ly") and last not in _LY_NOUNS:
        return subject[:-1], [last]
    return subject, []


def question(core: str, lower: Callable[[str], str]) -> str | None:
    """``core`` (a whole clause: subject, finite verb, complement) as a yes/no question, or None when the
    clause does not make one mechanically. ``lower`` puts the subject's first word in the case it takes after
    the auxiliary (a common word lowered, a name kept)."""
    text = _TRAILING_ASIDE.sub("", _END.sub("", " ".join(core.split())))
    if not text or text.endswith("?") or text.count("“") != text.count("”") or text.count('"') % 2:
        return None
    words = text.split()
    for at in range(min(len(words), MAX_SUBJECT_WORDS + 1)):
        found = _inverted(words, at, lower)
        if found is not None:
            return found or None
    return None


def _inverted(words: list[str], at: int, lower: Callable[[str], str]) -> str | None:
    """The question when ``words[at]`` is the clause's first auxiliary or verb; "" when it is one but the
    clause cannot be inverted (the search stops there); None when it is no verb and the search goes on."""
    word = _norm(words[at])
    pronoun, _, clitic = word.partition("'")
    if at == 0 and clitic:
        # "It's time…", "We're wrong…", "They'll regret…": the subject is the pronoun itself.
        if clitic == "s" and pronoun in _CONTRACTED_BE:
            aux = "is"
        elif clitic in _CONTRACTIONS and pronoun in {"we", "they", "you"} | _CONTRACTED_BE:
            aux = _CONTRACTIONS[clitic]
        else:
            return None if clitic == "s" else ""
        if pronoun == "you":
            return ""
        following = _norm(words[1]) if len(words) > 1 else ""
        if clitic == "s" and (following.endswith(("ed", "en")) or following in _PARTICIPLES | {"got", "been"}):
            return ""  # "It's been a disaster", "He's got a point": the 's is "has"
        return _checked(_MOVING[aux], [words[0][: len(pronoun)]], words[1:], lower, negated=False)
    subject, rest = words[:at], words[at + 1 :]
    if at == 0:
        return "" if word in _CALLING | _MOVING | _HAVING | _DOING | _NEGATED else None
    if word in _NEGATED:
        return _checked(_NEGATED[word], subject, rest, lower, negated=True)
    if word in _CALLING:
        if word == "ought":
            if not rest or rest[0].lower() != "to":
                return ""
            rest = rest[1:]
        elif word in {"need", "needs"}:
            if not rest or rest[0].lower() != "to":
                return _main_verb(words, at, lower)  # "The city needs more buses"
            rest = rest[1:]
        if rest and rest[0].lower() in {"not", "never", "have"}:
            return ""  # a negated call, or a regret about the past ("should have")
        return _checked("Should", subject, rest, lower, negated=False)
    if word in _MOVING:
        if word in _BE and _second_be(rest):
            return ""  # "The reason the army is in such poor shape is simple": the first "is" was inside the subject
        return _checked(_MOVING[word], subject, rest, lower, negated=False)
    if word in _HAVING:
        if word in {"has", "have"} and rest and rest[0].lower() == "to":
            return _checked("Should", subject, rest[1:], lower, negated=False)
        following = next((_norm(w) for w in rest if _norm(w) not in {"not", "never", "already", "long", "always"}), "")
        if following.endswith(("ed", "en")) or following in _PARTICIPLES:
            return _checked(_HAVING[word], subject, rest, lower, negated=False)
        do = {"has": "Does", "have": "Do", "had": "Did"}[word]
        return _checked(do, subject, ["have", *rest], lower, negated=False)
    if word in _DOING:
        if not rest or (_norm(rest[0]) not in _NOT and _norm(rest[0]) not in _VERBS):
            return ""
        return _checked(_DOING[word], subject, rest, lower, negated=False)
    return _main_verb(words, at, lower)


def _main_verb(words: list[str], at: int, lower: Callable[[str], str]) -> str | None:
    """The "do" question for a listed main verb at ``words[at]`` ("X spoiled Y" → "Did X spoil Y?")."""
    word, subject, rest = _norm(words[at]), words[:at], words[at + 1 :]
    bare = _bare(words[at])
    if bare is None and not (word in _VERBS and _plural_subject(subject)):
        return None
    verb, do = bare or (word, "Do")
    if at + 1 < len(words) and (_bare(words[at + 1]) or _norm(words[at + 1]) in _VERBS):
        return None  # "The tax cuts help…": the verb may come later
    if _norm(words[at - 1]) in _DETERMINERS or _main_auxiliary(rest):
        return None  # "the cuts", "a need", "Fossil fuels are…": a noun, the verb comes later
    return _checked(do, subject, [verb, *rest], lower, negated=False, strict=True)


# A subject that takes a verb's bare form in the present: "We need…", "Americans deserve…".
_PLURAL_PRONOUNS = _set("we they people americans voters governments parents children")


def _plural_subject(subject: list[str]) -> bool:
    last = _norm(subject[-1])
    plural_noun = last.endswith("s") and not last.endswith(("ss", "'s", "us", "is")) and last not in _DETERMINERS
    return last in _PLURAL_PRONOUNS or plural_noun


def _checked(
    aux: str, subject: list[str], rest: list[str], lower: Callable[[str], str], *, negated: bool, strict: bool = False
) -> str:
    """The question, or "" when the subject is not one (a verb, a clause or a connective inside it)."""
    if strict and (
        _norm(subject[0]) in _VERBS
        or any(_bare(w) for w in subject[:-1])
        or any(_norm(w).endswith("ed") for w in subject)
    ):
        return ""  # "Make protesters pay…", "the administration reacted and went…": the verb is earlier
    if not _subject_ok(subject):
        return ""
    if rest and _norm(rest[0]) in _NOT:
        rest, negated = rest[1:], True
    if rest and _norm(rest[0]) == "never":
        return ""
    if _another_clause(rest):
        return ""
    return _ask(aux, subject, rest, lower, negated=negated) or ""


_AUXILIARIES = frozenset(_CALLING) | frozenset(_MOVING) | frozenset(_HAVING) | frozenset(_DOING) | frozenset(_NEGATED)
_COORDINATORS = _set("and but or yet")
# Where a clause hanging on the main one opens: an auxiliary after it belongs to that clause.
_SUBORDINATORS = _set("that which who whom if when because whether since while although though as than so")


def _another_clause(rest: list[str]) -> bool:
    """What follows the verb holds a second finite clause the question would leave uninverted ("…is 238
    years old and is exhibiting…", even after a subordinate clause) or a negation after an adverb ("is simply
    not…")."""
    words = [_norm(w).strip(",") for w in rest]
    if "not" in words[1:3] or "never" in words[1:3]:
        return True
    if re.search(r",\s+(?:but|yet)\s|;", " ".join(rest)):
        return True  # "…in their graves, but the body count continues": a second clause
    for i, word in enumerate(words):
        after = [w for j, w in enumerate(words[i + 1 : i + 4], i + 1) if words[j - 1] != "to"]
        if word in _COORDINATORS and any(w in _AUXILIARIES or w in _PERSONAL or _bare(w) for w in after):
            return True  # "…and is exhibiting", "…and they behave", "…, and understandably wants"
    return False


_BE = _set("is are was were")


def _second_be(rest: list[str]) -> bool:
    """Another "is"/"are" after the one found, with no subordinate clause opening between them."""
    for word in (_norm(w).strip(",") for w in rest):
        if word in _SUBORDINATORS:
            return False
        if word in _BE:
            return True
    return False


def _main_auxiliary(rest: list[str]) -> bool:
    """An auxiliary in the main clause after a word taken for its verb: that word was a noun ("Fossil fuels
    are…", "The damage caused by charging isn't…")."""
    for word in (_norm(w).strip(",") for w in rest):
        if word in _SUBORDINATORS:
            return False
        if word in _AUXILIARIES - {"need", "needs", "do"} or word.endswith(("n't", "'re", "'ll")):
            return True
    return False


def _ask(aux: str, subject: list[str], rest: list[str], lower: Callable[[str], str], *, negated: bool) -> str | None:
    """The words put in question order; a negated clause asks whether its opposite "really" holds, and the
    author or the reader as subject ("I…", "you…") is no question for a circle."""
    if not rest or _norm(subject[0]) in {"i", "you"}:
        return None
    subject, adverb = _split_adverb(subject)
    middle = ["really"] if negated else adverb
    asked = lower(" ".join(subject))
    return " ".join([aux, asked, *middle, *rest]) + "?"
