"""A reading with few claims to ask about gets questions that name something of it (its headline, a part of
its thesis, the actor its call names) before one generic question, and wordings fit what a claim does."""

from bot.analysis import frames
from bot.analysis.compose import Material, compose
from bot.analysis.limits import MIN_PROMPTS, problems
from bot.analysis.model import Span
from bot.analysis.prompts import askable, calls, forecasts

_GENERIC = frames.NAMES_NOTHING


def _prompts(thesis: str, title: str | None = None, lowercase: str = "") -> list[str]:
    material = Material(title, Span(thesis, 0, len(thesis)), (), frozenset(lowercase.split()))
    composition = compose(material)
    assert not problems(composition.prompts, composition.polls)
    return [p.text for p in composition.prompts]


def test_a_headline_that_states_a_claim_is_asked_as_a_question():
    prompts = _prompts(
        "Universities have changed more in ten years than in the century before.", "Our universities must adapt", "our"
    )
    assert prompts[0] == "Should our universities adapt?"


def test_a_call_on_a_named_actor_asks_about_that_actor():
    prompts = _prompts("The international community must rise to the moment.", lowercase="the")
    assert any(p in {t.replace("{a}", "the international community") for t in frames.ACTOR} for p in prompts)
    # A passive call names no one who acts: "The author looks to the Greens to act" would be nonsense.
    passive = _prompts("The Greens should be invited to the debates.", lowercase="the")
    assert not any(p in {t.replace("{a}", "the Greens") for t in frames.ACTOR} for p in passive)


def test_a_part_of_a_compound_thesis_that_stands_alone_is_asked_about():
    prompts = _prompts("Tuition fees are a tax on aspiration, and the state should pay for every first degree.")
    assert any("the state should pay for every first degree" in p for p in prompts)


def test_at_most_one_generic_question_unless_nothing_else_reaches_the_minimum():
    for thesis in (
        "We owe the women of that generation far more than we admit.",
        "The international community must rise to the moment.",
        "Tuition fees are a tax on aspiration, and the state should pay for every first degree.",
    ):
        assert sum(p in _GENERIC for p in _prompts(thesis)) <= 1
    # A thesis nothing can be asked of by name still gets the minimum, from generic questions alone.
    unnamed = _prompts("It was.")
    assert len(unnamed) == MIN_PROMPTS and all(p in _GENERIC for p in unnamed)


def test_wordings_fit_what_the_core_does():
    assert not forecasts("About 2,500 troops will remain there")  # a state that goes on, not a change
    assert forecasts("Prices will fall next year")
    assert not calls("The party will likely need to sacrifice many seats")  # a necessity foreseen
    assert not calls("A second condition should be a ceasefire")  # an item of a list
    assert not calls("The West should expect more attacks")  # a forecast in a modal's clothes
    assert calls("The party must sacrifice seats")
    assert askable("Morales's people insist he will return to power.") is None  # a report of others' words
    assert askable("Troops will stay there for years.") is None  # "there" points outside the claim
    assert askable("Increased gun ownership may solve another problem.") is None  # which other problem?
    assert askable("The report sheds some welcome light on this issue.") is None
    assert askable("All the same, the army must be purged of the old officers.") == (
        "The army must be purged of the old officers"
    )


def test_no_question_drops_the_condition_a_claim_hangs_on():
    thesis = "If success in the states were enough, Governor Pence would be among the frontrunners."
    assert not any(p.startswith("Would Governor Pence be among the frontrunners") for p in _prompts(thesis))


def test_a_cause_wording_only_for_a_claim_that_says_what_brings_what_about():
    causal = [t for variants in (*frames.BY_KIND["causal"], *frames.DIRECT_BY_KIND["causal"]) for t in variants]
    openings = {t.replace("{Q} ", "").split("{")[0] for t in causal if t != "{Q}"}

    def asks_for_causes(prompts: list[str]) -> bool:
        return any(opening and opening in p for p in prompts for opening in openings)

    # "impact" is a causal word to the lexicon, but nothing here says what brought what about.
    assert not asks_for_causes(_prompts("The impact of cost-cutting is now graven on the hospital statistics."))
    assert asks_for_causes(_prompts("Low wages lead to staff shortages in care homes."))
