"""A prompt names a whole clause or nothing, in a wording that fits the clause itself (round 5).

The sentences are the kinds of claim that gave broken prompts on the design texts: cut before the object or
agent a verb needs, a noun phrase with no finite verb, a wh-clause or a "Let's", a fact or a story."""

import re

import pytest

from bot.analysis import frames
from bot.analysis.compose import Material, compose
from bot.analysis.model import Span
from bot.analysis.naming import CLAUSE_WORDS, core


@pytest.mark.parametrize(
    "claim",
    [
        # A verb cut off from its object or agent.
        "The revelations that Russia has been in violation of the INF Treaty has also ushered in some bipartisan "
        "agreement that perhaps the U.S should rethink its position regarding missile defense and Russia.",
        "Any danger of operating a ship under the sea was however quickly overshadowed by the competency of the "
        "sailors tasked with running America's most stealthy and vital warships.",
        "Senators should also make clear that they will put a hold on any ambassador that Mr Obama nominates to "
        "serve in Cuba unless he can guarantee that the Cuban government is no longer a threat to the United States.",
        "European liberals ought to have stopped, as the lash fell on Badawi's shoulders, and wondered about their "
        "queasiness at criticising the religions of the powerless and the marginalised in a country like ours.",
        "Until the union agrees to a new contract without the perk, the school district will continue paying.",
        # Inside "from X to Y".
        "Economically, there must be a change in attitude from working to pay bills, to working to build wealth "
        "for the family and for the generations that come after it.",
        # No finite verb: a noun phrase left as the claim.
        "The only explanation the justice department has ever provided for the failure to indict a single CIA "
        "officer for torture is a bland statement that the admissible evidence would not be sufficient.",
        "People having to stay in hospital, even though they are well enough to be discharged, because there is "
        "no social care in place for them.",
        # Not a statement.
        "Let's agree for the sake of argument that this recent warming was partly caused by humanity.",
        "How much we should worry, and how grave the impact is on gay people, depends on how closely we frame "
        "his perspective.",
        # The author's story or mood.
        "I must admit, though, that I get irritated sometimes when a group of people bring a lawsuit to get rid "
        "of the town creche.",
    ],
)
def test_a_claim_with_no_whole_clause_to_name_has_no_core(claim):
    assert core(claim) is None


def test_an_appositive_between_subject_and_verb_is_dropped_not_cut_at():
    claim = (
        "The newly elected government of Luis Arce, a former minister of the economy under Morales, must purge "
        "the army of the officers who led the coup."
    )
    assert core(claim) == "The newly elected government of Luis Arce must purge the army of the officers"


def test_a_short_sentence_no_cut_names_whole_is_named_by_itself():
    claim = "We need to return to the conviction that a faith worth believing in is a faith worth dying for."
    named = core(claim)
    assert named == claim.rstrip(".")
    assert len(named.split()) <= CLAUSE_WORDS


def test_a_core_that_stops_at_a_clause_of_reason_is_kept():
    assert core("Cuts to libraries were wrong because they hurt the poorest readers most.") == (
        "Cuts to libraries were wrong"
    )


def _prompt(thesis: str) -> str:
    return compose(Material(None, Span(thesis, 0, len(thesis)), ())).prompts[0].text


def _is(kind: str, prompt: str) -> bool:
    templates = [t for variants in frames.BY_KIND[kind] for t in variants]
    return any(re.fullmatch(".+".join(map(re.escape, re.split(r"\{[a-z]\}", t))), prompt) for t in templates)


def test_a_call_wording_only_for_a_core_that_calls_for_something():
    # "has to manage" states a burden; it calls on nobody to act.
    burden = _prompt("Mrs Merkel has to manage a crammed portfolio of European problems this year.")
    assert not _is("normative", burden)
    # A regret about the past is no call either.
    regret = _prompt("Ministers should have listened to the nurses before the winter crisis began.")
    assert not _is("normative", regret)
    call = _prompt("Councils must keep every branch library open on Sundays.")
    assert _is("normative", call)


def test_a_story_or_a_report_gets_no_prompt_naming_it():
    story = "The worst happened and two good friends were caught and arrested."
    prompt = _prompt(story)
    assert "caught and arrested" not in prompt
    assert prompt in frames.UNNAMED_THESIS


def test_no_wording_is_the_old_price_or_value_frame():
    wordings = [t for kind in frames.BY_KIND.values() for variants in kind for t in variants]
    assert not any(w.startswith(("Put a price", "What would someone have to value")) for w in wordings)
