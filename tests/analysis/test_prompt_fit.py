"""Prompts fit the claim they ask about and quote each claim once."""

import re

from bot.analysis.compose import Material, compose
from bot.analysis.limits import problems
from bot.analysis.model import Argument, Span
from bot.analysis.prompts import lived
from bot.analysis.select import arguable, classify

_QUOTE = re.compile(r"“[^”]*”")


def _claims(*texts: str) -> tuple[Argument, ...]:
    return tuple(Argument(t, 0, 1, 0.9 - n / 10, classify(t)) for n, t in enumerate(texts))


def test_no_claim_is_quoted_by_two_prompts():
    args = _claims(
        "Councils must fund libraries as basic infrastructure.",
        "Children who read for pleasure do better at school.",
        "Closing a branch will cost more than it saves.",
    )
    composition = compose(Material(None, Span("Every town should keep its public library open.", 0, 1), args))
    quotes = [q.lower() for p in composition.prompts for q in _QUOTE.findall(p.text)]
    assert len(quotes) == len(set(quotes))
    assert len(composition.prompts) >= 3
    assert not problems(composition.prompts, composition.polls)


def test_a_lone_central_claim_is_steelmanned_without_quoting_it_again():
    composition = compose(Material(None, Span("Every town should keep its public library open.", 0, 1), ()))
    first, second = (p.text for p in composition.prompts[:2])
    assert "library" in first and "“" not in second
    assert "add your own" in composition.note and "few of the author's own claims" in composition.note


def test_a_claim_about_named_people_is_not_asked_about_members_own_lives():
    lowercase = frozenset(["parents", "voters"])
    assert not lived("Cameron has betrayed the voters who trusted him.", lowercase)
    assert lived("Parents should read to children.", lowercase)
    assert not lived("Inflation will ease before the summer.", lowercase)  # not something members live


def test_a_feeling_is_not_a_claim_to_argue_about_but_a_conviction_is():
    assert not arguable("I am shocked by the decision.", classify("I am shocked by the decision."))
    assert not arguable("I feel sick when I read it.", "evaluative")
    text = "I am convinced that the decision was wrong."
    assert arguable(text, classify(text))


def test_the_agreement_poll_asks_about_an_arguable_claim_when_the_thesis_is_a_fact():
    args = _claims("Every town should keep its public library open.", "Closing a branch will cost more than it saves.")
    fact = Span("The mayor said the budget was too tight for three branches.", 0, 1)
    agreement, convinced = compose(Material(None, fact, args)).polls
    assert agreement.question == "How far do you agree that “every town should keep its public library open”?"
    assert agreement.argument == 0
    assert "mayor" not in convinced.question
    arguable_thesis = Span("Libraries are worth every penny they cost.", 0, 1)
    assert compose(Material(None, arguable_thesis, args)).polls[0].argument is None


def test_a_quote_never_stops_at_not_just_before_its_but_also():
    from bot.analysis.naming import core, label

    claim = (
        "The government must not just deny passports to American terrorists who fight for ISIS abroad, "
        "but also strip them of their citizenship when they return."
    )
    assert core(claim) is None  # "must not just deny passports…" alone would misstate it
    assert "not deny" not in label(1, claim)  # "just" is never dropped as filler
