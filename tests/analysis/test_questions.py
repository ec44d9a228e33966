"""A claim's core put as a direct question: subject and auxiliary inverted, "do" only for listed verbs,
None whenever the clause does not make one mechanically."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.analysis.compose import Material, compose
from bot.analysis.model import Span
from bot.analysis.prompts import lowered_first
from bot.analysis.questions import question


def _ask(core: str, lowercase: str = "") -> str | None:
    return question(core, lambda text: lowered_first(text, frozenset(lowercase.split())))


@pytest.mark.parametrize(
    ("core", "asked"),
    [
        (
            "Councils must fund libraries as basic infrastructure.",
            "Should councils fund libraries as basic infrastructure?",
        ),
        ("We must act before the next election.", "Should we act before the next election?"),
        (
            "Joining a terrorist group should cost an American their citizenship",
            "Should joining a terrorist group cost an American their citizenship?",
        ),
        (
            "The VA needs to stop resisting the expansion of patient choice",
            "Should the VA stop resisting the expansion of patient choice?",
        ),
        ("Washington ought to honour the treaty", "Should Washington honour the treaty?"),
        ("Free community college is the best use of the money", "Is free community college the best use of the money?"),
        ("It's time to adopt a new approach to world peace", "Is it time to adopt a new approach to world peace?"),
        ("There is no easy answer to the housing crisis", "Is there no easy answer to the housing crisis?"),
        (
            "New sanctions will strengthen the hardliners in Iran",
            "Will new sanctions strengthen the hardliners in Iran?",
        ),
        (
            "Torture is not an effective way to get information",
            "Is torture really an effective way to get information?",
        ),
        ("Iran cannot afford to walk away", "Can Iran really afford to walk away?"),
        ("The president has failed the veterans", "Has the president failed the veterans?"),
        (
            "The rise of populism threatens democracy in Europe",
            "Does the rise of populism threaten democracy in Europe?",
        ),
        ("Obama spoiled the party for his successor", "Did Obama spoil the party for his successor?"),
        ("Americans deserve better from their government", "Do Americans deserve better from their government?"),
        ("Congress needs more money for the courts", "Does Congress need more money for the courts?"),
        ("The tax cuts help the rich most of all", "Do the tax cuts help the rich most of all?"),
        ("We simply must do better for our children", "Should we simply do better for our children?"),
        ("Fossil fuels are no catastrophe", "Are fossil fuels no catastrophe?"),
    ],
)
def test_a_clause_becomes_the_question_a_member_would_ask(core: str, asked: str) -> None:
    lowercase = "councils joining free new torture fossil the we"
    assert _ask(core, lowercase) == asked


@pytest.mark.parametrize(
    "core",
    [
        "Morales's people insist he will return",  # a report: the subject holds a second clause
        "Economists think the benefits of reform could materialise quickly",
        "People who can afford it should pay more",  # a relative clause inside the subject
        "Only Congress can stop this",  # "Can only Congress stop this?" strands the focus word
        "We should not abandon our allies",  # a negated call does not read well as a question
        "America is 238 years old and is exhibiting signs of decline",  # a second clause left uninverted
        "Cancelling Christmas is simply not the key to generosity",
        "Make protesters pay for riot damage",  # an imperative has no subject to invert
        "The Carter administration reacted and went through the process",
        "Five reasons why the bank's policy won't save the economy",
        "First on any anti-poverty list must be a stable family life",  # an inverted sentence
        "I believe in the freedom of expression",  # the author's own person: no question to the circle
        "Ministers should have resigned",  # a regret about the past
        "The reason the Nigerian army is in such poor shape is simple",  # the first "is" is inside the subject
        "Policy bites",  # a verb outside the list: no "do" question is made
        "It's been a disaster to cut the library budget so deeply",  # the 's is "has": not "Is it been…?"
        "He's got a point",
        "They'll never accept the deal",  # a contraction goes through the same checks as any subject
        "It's clear that the plan failed, but nobody cares",  # a second clause after ", but"
    ],
)
def test_no_question_when_unsure(core: str) -> None:
    assert _ask(core) is None


_SUBJECTS = ["The council", "Our schools", "The new law", "Congress", "Every parent", "This policy", "Voters"]
_AUXILIARIES = ["must", "should", "is", "are", "will", "can", "could", "would", "was", "has"]
_WORDS = ["fund", "libraries", "better", "housing", "the", "poor", "taxes", "cheaper", "for", "children", "wrong"]


@given(
    subject=st.sampled_from(_SUBJECTS),
    aux=st.sampled_from(_AUXILIARIES),
    rest=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
)
def test_every_question_ends_with_a_question_mark_and_keeps_the_content_words(
    subject: str, aux: str, rest: list[str]
) -> None:
    core = f"{subject} {aux} {' '.join(rest)}"
    asked = _ask(core)
    assert asked == _ask(core)  # deterministic
    if asked is None:
        return
    assert asked.endswith("?") and asked.count("?") == 1
    kept = {w.lower() for w in re.findall(r"\w+", asked)}
    content = {w.lower() for w in re.findall(r"\w+", core) if w.lower() not in {aux, "not"}}
    assert content <= kept


@given(st.text(max_size=120))
def test_any_text_gives_a_question_or_none(text: str) -> None:
    asked = _ask(text)
    assert asked is None or (asked.endswith("?") and asked == _ask(text))


def test_a_prompt_puts_the_claim_as_a_question() -> None:
    thesis = Span("Every town should keep its public library open.", 0, 47)
    prompts = compose(Material(None, thesis, (), frozenset(["every"]))).prompts
    assert any(p.text.startswith("Should every town keep its public library open?") for p in prompts)
