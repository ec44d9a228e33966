"""The wordings of discussion prompts, by the kind of question a claim calls for.

Each claim is named by its core (``naming.core``): ``{c}`` is that core as a clause ("councils must fund
libraries"), ``{q}`` the same words in quotation marks, ``{Q}`` the core put as a direct question
("Should councils fund libraries?"). A tension prompt names the author's concession
``{x}`` and the point made against it ``{y}``; a counter prompt names the view the reading answers ``{v}``.

Which question fits depends on what the claim does: a call to act asks what it would cost, who should act,
or whether members would join in; a judgement asks by what standard, or for the best case against it; a
claim of cause asks what else could explain it, or what would show it; a forecast asks what would have to
happen, or what would prove it wrong. Every wording opens differently from every other, so that no opening
recurs across many readings, and none is longer than two short sentences.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from bot.analysis.model import Kind
from bot.text import as_sentence

# Who should act on a call: asked only of a call that names no actor ("we must…", "it is time to…"); a call on
# Congress or Obama already says who.
WHO_ACTS = (
    "Who should act on the call that {c}: government, employers, or people like us?",
    "{q}, the author insists. Who is in a position to make it happen?",
    "On the call that {c}: who has to move first, and what would make them?",
    "Whose job is it to act on the view that {c}?",
)

# Per kind, the kinds of question it calls for, each with its wordings. A reading's claims of one kind take
# these in turn, so two calls to act in one reading are not both asked what they would cost.
BY_KIND: dict[Kind, tuple[tuple[str, ...], ...]] = {
    "normative": (
        (
            "The author says {c}. What would that cost, and who would pay?",
            "Say we did it: {c}. What would we have to give up?",
            "Whatever the cost, would you back this: {c}?",
            "Weighing what it would cost, do you agree that {c}?",
        ),
        WHO_ACTS,
        (
            "Would you sign up to this: {c}? What would make you hesitate?",
            "How far would you go along with the call that {c}?",
            "Is it asking too much that {c}, or not enough?",
            "What would win you over to the call that {c}?",
        ),
    ),
    "evaluative": (
        (
            "The author judges that {c}. By what standard, and is it yours?",
            "Measured by what you care about most, is it fair to say {c}?",
            "{q}: a fair verdict, or an overstatement?",
            "What values lie behind the view that {c}, and do you share them?",
        ),
        (
            "How would a sceptic answer the claim that {c}?",
            "Who would deny that {c}, and would they have a point?",
            "Make the other side’s case: why might it be wrong that {c}?",
            "Where does the judgement that {c} go too far, if anywhere?",
        ),
    ),
    "causal": (
        (
            "The author argues that {c}. What else could explain it?",
            "Is that the whole story, that {c}? What else is at work?",
            "Which other causes would you look at, beside the one the author names: {c}?",
            "Could cause and effect run the other way round in the claim that {c}?",
        ),
        (
            "What would show that {c}, or show the opposite?",
            "How could we check the claim that {c}?",
            "What evidence would you want before accepting that {c}?",
            "Suppose you doubted that {c}. What would settle it?",
        ),
    ),
    "predictive": (
        (
            "The author expects that {c}. What would have to happen first?",
            "What would it take for this to come true: {c}?",
            "Looking ahead: {c}. What could stop it?",
            "What would make you trust the forecast that {c}?",
        ),
        (
            "What sign, a year from now, would show the author wrong that {c}?",
            "Would you bet on it: {c}? At what odds?",
            "If it turns out false that {c}, what will have gone differently?",
            "How soon would we know whether {c}?",
        ),
    ),
}
# A judgement in the thesis slot that the lexicon calls a fact (the thesis is the author's stance anyway).
BY_KIND["factual"] = BY_KIND["evaluative"]

# The same kinds of question, put after the claim made a direct question ``{Q}`` ("Should councils fund
# libraries?", ``questions.question``): what readers wrote themselves, the author's point put to the circle
# and the stakes named. A tuple per entry of BY_KIND, in the same order; "{Q}" alone is used only when short.
DIRECT_BY_KIND: dict[Kind, tuple[tuple[str, ...], ...]] = {
    "normative": (
        (
            "{Q} What would it cost, and who would pay?",
            "{Q} What would we have to give up?",
            "{Q} Is it worth the price?",
            "{Q}",
        ),
        (
            "{Q} Who would have to move first?",
            "{Q} Who is in a position to make it happen?",
            "{Q} If so, whose job is it?",
        ),
        (
            "{Q} What would make you hesitate?",
            "{Q} Where would you draw the line?",
            "{Q} What would it take to win you over?",
            "{Q}",
        ),
    ),
    "evaluative": (
        (
            "{Q} By what standard?",
            "{Q} What would it take to convince you?",
            "{Q} What makes you say so?",
            "{Q}",
        ),
        (
            "{Q} Who would say no, and why?",
            "{Q} What is the best case against?",
            "{Q} Where might the author be wrong?",
        ),
    ),
    "causal": (
        (
            "{Q} What else could explain it?",
            "{Q} Or is something else at work?",
            "{Q}",
        ),
        (
            "{Q} How could we check?",
            "{Q} What evidence would settle it?",
        ),
    ),
    "predictive": (
        (
            "{Q} What would have to happen first?",
            "{Q} What could stop it?",
            "{Q}",
        ),
        (
            "{Q} How soon would we know?",
            "{Q} What sign would show it wrong?",
            "{Q} Would you bet on it?",
        ),
    ),
}
DIRECT_BY_KIND["factual"] = DIRECT_BY_KIND["evaluative"]
# "{Q}" alone is a whole prompt only up to this many words; a longer question takes a wording with a follow-up.
BARE_QUESTION_WORDS = 14

# The text itself turns: "X, but Y", or a claim answered by the next sentence's "But…".
TENSION = (
    "The piece grants that {x}, yet argues that {y}. A contradiction, or a consistent position?",
    "How does the author square the two: {x}, and yet {y}?",
    "Granting that {x}, does it follow that {y}?",
    "Which carries the argument: that {x}, or that {y}?",
    "Do you read the turn from “{x}” to “{y}” as a real tension?",
)

# Only for a claim about something members live: work, school, money, the politics they take part in.
EXPERIENCE = (
    "From your own experience, is it true that {c}? What story would you tell?",
    "Think of your own workplace, school or street: is it true there that {c}?",
    "Has anyone here seen this at first hand: {c}? What happened?",
    "From where you work or study, how does the claim that {c} look?",
    "What would our group do differently if it is true that {c}?",
)

# The view the reading reports in order to answer it.
COUNTER = (
    "The reading answers people who say {v}. Do they have more of a case than it allows?",
    "Take the opposing view the piece mentions, that {v}: what is its strongest form?",
    "Put yourself in the shoes of someone who thinks {v}. How would they reply?",
    "Is the author fair to those who say {v}?",
)

# A second question about the central claim when the reading offers nothing specific to ask about (no
# further claim, no headline, no actor): it does not name the claim again, and a reading gets one such
# question at most, two only when nothing of it can be named and a week still needs two prompts.
ABOUT_THESIS = (
    "Who would disagree with the author most strongly, and what would they say?",
    "Where is the author’s case weakest?",
    "Which argument would you need to hear to change your mind about the author’s main point?",
    "What does the piece leave out that a sceptic would raise?",
)

# When even the central claim cannot be named briefly.
UNNAMED_THESIS = (
    "Sum up the author’s main point in a sentence of your own: do you accept it?",
    "Put the author’s central claim in your own words. Where do you part company with it, if anywhere?",
    "Does the piece persuade you of what it sets out to prove? Why, or why not?",
    "In one line: what does the author want us to believe, and why should we?",
)

# A call that names who must act ("Congress must…"), asked about that actor ``{a}`` when the reading offers no
# further claim to ask about. The call itself is not restated: the week's first prompt already asked it.
ACTOR = (
    "The author looks to {a} to act. What would it take for them to do it?",
    "If {a} will not act, who should?",
    "What stands in the way of {a} acting, and could it be moved?",
)

# The "convinced you most" poll asks which of the listed points convinced, never "which argument for <thesis>":
# nothing checked that the points argue for the thesis.
CONVINCED = (
    "Which of the author’s points convinced you most?",
    "Which of these points from the reading convinced you most?",
    "Of the author’s points below, which convinced you most?",
    "Which point in the reading convinced you most?",
)

GENERIC = (
    "What is the author trying to persuade us of, in one sentence of your own?",
    "Which part of the reading would you push back on, and why?",
)

# Every question that names nothing of the reading: what readers flag as generic, counted by the benchmark.
NAMES_NOTHING = frozenset(ABOUT_THESIS + UNNAMED_THESIS + GENERIC)


def pick(variants: Sequence[str], key: str, question: str = "") -> str:
    """One of ``variants``, the same one every time for the same ``key`` (a claim's words). The hash is
    salted so the choice does not follow the choice of question kind made from the same words. A bare "{Q}"
    is passed over when ``question`` is longer than BARE_QUESTION_WORDS."""
    if len(question.split()) > BARE_QUESTION_WORDS:
        variants = [v for v in variants if v != "{Q}"]
    return variants[zlib.crc32(("wording:" + key).encode("utf-8")) % len(variants)]


def fill(template: str, **parts: str) -> str:
    """The template with each ``{name}`` replaced; a part that opens the prompt starts with a capital."""
    out = template
    for name, text in parts.items():
        out = out.replace("{" + name + "}", text)
    return as_sentence(out)
