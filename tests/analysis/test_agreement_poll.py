"""Round 7: the agreement poll asks about a claim a member can take a side on, through ``compose`` itself."""

import pytest

from bot.analysis.compose import Material, compose
from bot.analysis.model import Argument, Span
from bot.analysis.polls import AGREEMENT_SCALE


def _args(*texts: str, kind: str = "normative") -> tuple[Argument, ...]:
    return tuple(Argument(t, 0, 1, 0.9 - n / 100, kind) for n, t in enumerate(texts))  # type: ignore[arg-type]


CALL = "the new government must purge the army of the officers who backed the coup"
CLAIMS = _args(
    "The new government must purge the army of the officers who backed the coup.",
    "Elections alone cannot change who really holds power in Bolivia.",
)


def _agreement(thesis: str, args: tuple[Argument, ...] = CLAIMS):
    poll = compose(Material(None, Span(thesis, 0, 1), args)).polls[0]
    assert poll.answers == AGREEMENT_SCALE
    return poll


@pytest.mark.parametrize(
    "thesis",
    [
        "Let's hear Mr Arce talking to both wings of his party at once.",  # an exhortation
        "Why did the army wait so long?",  # a question
        "I grew up in La Paz and watched the soldiers march past our house.",  # the author's story
        "The army seized the palace on a Sunday morning and the president fled to Mexico.",  # a news lead
        "Right now, they are the envy of every party in the region.",  # a subject pointing outside it
        "Our country, they say, cannot cope with another election.",  # someone else's view in an aside
        "There are 40 regiments in the country and 12 of them took part.",  # figures, a bare "There are"
    ],
)
def test_a_thesis_that_asks_nothing_gives_way_to_the_first_arguable_claim(thesis):
    poll = _agreement(thesis)
    assert poll.argument == 0
    assert poll.question == f"How far do you agree that “{CALL}”?"


def test_a_thesis_that_is_a_claim_is_asked_whole_even_without_a_marker_the_lexicon_knows():
    poll = _agreement("Libraries are worth every penny they cost.")
    assert poll.argument is None
    assert poll.question == "How far do you agree that “Libraries are worth every penny they cost”?"


def test_of_a_lead_in_and_the_point_the_poll_states_the_point_alone():
    poll = _agreement("All these things have happened in recent years. This time Europe must uphold its standards.")
    assert poll.argument is None
    assert poll.question == "How far do you agree that “this time Europe must uphold its standards”?"
    # A point that leans on its story ("That ought not to happen") is not cut from it, and the story alone is
    # no claim: a claim of the reading's is asked about instead.
    poll = _agreement("A good man was fired because his boss objected to his faith. That just ought not to happen.")
    assert poll.argument == 0


def test_a_stand_in_is_a_call_or_a_judgement_not_a_forecast_or_a_condition():
    args = (
        *_args("Greenpeace will find out next week whether its appeal has succeeded.", kind="predictive"),
        *_args("If success were enough, the governor would be among the frontrunners.", kind="evaluative"),
        *_args("The governor's plan is unfair and dangerous for the party.", kind="evaluative"),
    )
    poll = _agreement("Why did the army wait so long?", args)
    assert poll.argument == 2
    assert poll.question == "How far do you agree that “the governor's plan is unfair and dangerous for the party”?"


def test_with_no_claim_to_stand_in_the_thesis_is_still_asked():
    poll = _agreement("The army seized the palace on a Sunday morning.", ())
    assert poll.argument is None
    assert "seized the palace" in poll.question


def test_with_neither_a_claim_nor_a_thesis_to_take_a_side_on_the_poll_asks_about_the_reading():
    poll = _agreement("The mayor said on Friday that the budget was too tight for three branches.", ())
    assert poll.argument is None
    assert poll.question == "How far do you agree with the reading?"


def test_a_thesis_too_long_to_ask_whole_is_not_asked_cut():
    thesis = "Less than a day before the meeting, the paper published a report showing " + "that the state knew, " * 20
    poll = _agreement(thesis.strip(" ,") + ".", ())
    assert "…" not in poll.question


def test_with_no_thesis_and_no_claim_the_poll_asks_about_the_reading():
    poll = compose(Material(None, None, ())).polls[0]
    assert poll.question == "How far do you agree with the reading?"
    poll = compose(Material(None, None, _args("Why did the army wait so long?"))).polls[0]
    assert poll.question == "How far do you agree with the reading?"
