"""Prompts ask what fits the claim (its kind, a turn in the text, members' own lives), name it briefly, and
polls offer what members can answer."""

import re
import statistics
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import frames
from bot.analysis.alternatives import find_choice
from bot.analysis.compose import Material, compose
from bot.analysis.features import extract
from bot.analysis.limits import problems
from bot.analysis.model import Argument, Span
from bot.analysis.polls import PROPOSALS_QUESTION
from bot.analysis.segment import segment
from bot.analysis.select import classify


def _claims(*texts: str) -> tuple[Argument, ...]:
    """Arguments laid end to end, as sentences of one paragraph would be."""
    out, at = [], 0
    for n, text in enumerate(texts):
        out.append(Argument(text, at, at + len(text), 0.9 - n / 10, classify(text)))
        at += len(text) + 1
    return tuple(out)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-zA-Z]\}", template)
    return re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$", re.IGNORECASE)


def _from(templates: Sequence[str], text: str) -> bool:
    return any(_pattern(t).match(text) for t in templates)


def _kind(kind: str) -> tuple[str, ...]:
    return tuple(t for variants in frames.BY_KIND[kind] for t in variants)


def _either(kind: str) -> tuple[str, ...]:
    """The kind's wordings that name the claim by its core, and those that put it as a direct question."""
    return _kind(kind) + tuple(t for variants in frames.DIRECT_BY_KIND[kind] for t in variants)


def _first(thesis: str) -> str:
    return compose(Material(None, Span(thesis, 0, len(thesis)), ())).prompts[0].text


def test_the_first_prompt_asks_about_the_thesis_in_the_way_its_kind_calls_for():
    normative = _first("We must close the coal plants before the decade is out.")
    assert _from(_either("normative"), normative) and "close the coal plants" in normative
    predictive = _first("The coal plants will close within five years, whatever the government says.")
    assert _from(_either("predictive"), predictive)
    assert re.search(r"coal plants (?:will )?close within five years", predictive)
    causal = _first("Low wages lead to staff shortages in care homes.")
    assert _from(_either("causal"), causal)
    evaluative = _first("The new housing law is a disgrace.")
    assert _from(_either("evaluative"), evaluative)


def test_each_kind_has_many_wordings_and_no_two_open_alike():
    for kind in ("normative", "evaluative", "causal", "predictive"):
        assert len(_kind(kind)) >= 4
    every = [*(t for k in ("normative", "evaluative", "causal", "predictive") for t in _kind(k)), *frames.TENSION]
    every += [*frames.EXPERIENCE, *frames.COUNTER, *frames.ABOUT_THESIS, *frames.UNNAMED_THESIS]
    openings = [" ".join(re.sub(r"\{[a-z]\}", "Q", t).lower().split()[:3]) for t in every]
    assert all(t.endswith("?") for t in every)
    repeated = {o for o in openings if openings.count(o) > 1}
    assert repeated <= {"q the author"}, repeated  # "“X”, the author insists." and "“X”: a fair verdict…"


def test_a_tension_prompt_only_where_the_text_itself_turns():
    turning = _first("Remote work has real benefits, but offices remain the best place to train young staff.")
    assert _from(frames.TENSION, turning)
    assert "work has real benefits" in turning and "ffices remain the best place to train young staff" in turning
    # Granting a plain fact is no tension: a circle cannot weigh one side of it.
    granting_a_fact = _first("The stock market is at record highs, but our public institutions are in decline.")
    assert not _from(frames.TENSION, granting_a_fact)
    args = _claims(
        "Councils must fund libraries as basic infrastructure.",
        "Children who read for pleasure do better at school.",
    )
    thesis = Span("Every town should keep its public library open.", 0, 1)
    prompts = compose(Material(None, thesis, args)).prompts
    assert not any(_from(frames.TENSION, p.text) for p in prompts)


def test_a_claim_answered_by_the_next_sentences_but_is_a_tension():
    args = _claims(
        "Private landlords build homes far more cheaply than the council.",
        "But the rents they charge should be capped by law.",
    )
    thesis = Span("The council must build homes again.", 500, 540)
    prompts = [p.text for p in compose(Material(None, thesis, args)).prompts]
    assert any(_from(frames.TENSION, p) and "rents they charge should be capped by law" in p for p in prompts)
    # The thesis shares a topic with the concession, not its claim; and the concession, named in the tension,
    # is not asked about again on its own.
    assert sum("landlords build homes" in p for p in prompts) == 1


def test_members_are_asked_about_their_own_lives_only_for_what_they_live_and_once():
    lived = _claims(
        "Workers should be paid for the hours they spend travelling between jobs.",
        "Unions must organise the care workers that councils employ through agencies.",
        "Every school should have a nurse on site.",
    )
    thesis = Span("Care work is undervalued because it is done mostly by women.", 0, 1)
    prompts = compose(Material(None, thesis, lived, frozenset(["workers", "unions", "every"]))).prompts
    assert sum(_from(frames.EXPERIENCE, p.text) for p in prompts) == 1
    distant = _claims(
        "Interest rates will fall before the summer.",
        "Cameron has betrayed the voters who trusted him.",
    )
    thesis = Span("The central bank should cut rates now.", 0, 1)
    prompts = compose(Material(None, thesis, distant)).prompts
    assert not any(_from(frames.EXPERIENCE, p.text) for p in prompts)


def test_prompts_name_long_claims_in_a_few_words_and_stay_short():
    args = _claims(
        "Furthermore, it is clear that the minimum wage must rise to meet the cost of living in every region of "
        "the country, including the rural north where rents are lowest.",
        "Of course, I think that councils, which have lost half their funding since 2010, will close more "
        "libraries within five years unless the next government restores their grants.",
        "The new housing law, passed in a hurry before the summer recess, is a disgrace to everyone who voted "
        "for it in good faith.",
    )
    thesis = Span(
        "As the cost of living climbs, working people need a raise that keeps pace with prices, not another "
        "promise from ministers.",
        0,
        1,
    )
    prompts = compose(Material(None, thesis, args)).prompts
    assert 3 <= len(prompts) <= 4
    source = " ".join([thesis.text, *(a.text for a in args)]).lower().split()
    grams = {tuple(source[i : i + 16]) for i in range(len(source) - 15)}
    for prompt in prompts:
        words = prompt.text.lower().split()
        assert not any(tuple(words[i : i + 16]) in grams for i in range(len(words) - 15)), prompt.text
        assert "…" not in prompt.text
    assert statistics.median(len(p.text.split()) for p in prompts) <= 30


def test_the_same_reading_gives_the_same_prompts_and_different_readings_different_wordings():
    theses = [
        "We must close the coal plants.",
        "Councils should fund every library.",
        "The state must house everyone who sleeps rough.",
        "Teachers should be paid as much as doctors.",
        "We need a four-day week.",
        "Landlords should register every tenancy.",
    ]
    firsts = [_first(t) for t in theses]
    assert firsts == [_first(t) for t in theses]
    assert len({" ".join(f.split()[:3]) for f in firsts}) >= 3


def test_the_agreement_poll_leaves_out_a_lead_in_but_keeps_the_claim_whole():
    thesis = Span("As 2014 ends, the stock market is at record highs but our institutions are in decline.", 0, 1)
    agreement = compose(Material(None, thesis, ())).polls[0]
    assert agreement.question == (
        "How far do you agree that “the stock market is at record highs but our institutions are in decline”?"
    )
    plain = Span("Councils must fund libraries because children need them.", 0, 1)
    assert "because children need them" in compose(Material(None, plain, ())).polls[0].question


def test_a_reading_that_calls_for_several_things_gets_a_poll_of_them():
    args = _claims(
        "Councils must reopen the libraries they closed.",
        "The government should restore the grants it cut.",
        "Closing a branch will cost more than it saves.",
    )
    thesis = Span("Public libraries are worth every penny.", 0, 1)
    polls = compose(Material(None, thesis, args)).polls
    [proposals] = [p for p in polls if p.question == PROPOSALS_QUESTION]
    assert proposals.answers == (
        "Reopen the libraries they closed",
        "Restore the grants it cut",
        "None of these",
        "Not sure",
    )
    # Who is called on stands beside the poll, in the reading's words.
    assert proposals.message.splitlines()[1:] == [f"• {args[0].text}", f"• {args[1].text}"]


def test_instead_of_one_course_another_is_a_choice():
    text = "Instead of building new roads, we should fund buses in every town.\n\nThat is the lesson of the decade."
    document = segment(text)
    choice = find_choice(document, extract(document, None))
    assert choice is not None and choice.options == ("Fund buses in every town", "Building new roads")
    text = "We should act rather than talk.\n\nThat is the lesson."
    document = segment(text)
    assert find_choice(document, extract(document, None)) is None  # one word each: nothing to pick between


_SENTENCES = st.sampled_from(
    [
        "We must close the coal plants before the decade is out.",
        "The coal plants will close within five years.",
        "Low wages cause the staff shortages in our care homes.",
        "The new housing law is a disgrace.",
        "It is a slow march, but a steady one.",
        "Although the budget is tight, councils must fund libraries because children need them.",
        "Furthermore, it is clear that the minimum wage must rise to meet the cost of living in every region.",
        "But the rents they charge should be capped by law.",
        "The mayor said the budget was too tight.",
        "In 1961 my grandmother moved to the city.",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCES, min_size=0, max_size=6), _SENTENCES)
def test_whatever_the_claims_the_prompts_and_polls_hold_discords_limits(texts, thesis):
    material = Material(None, Span(thesis, 0, len(thesis)), _claims(*texts))
    composition = compose(material)
    assert not problems(composition.prompts, composition.polls)
    assert composition == compose(material)


def test_every_kind_of_question_has_its_direct_wordings():
    """The composer takes a kind's n-th family from BY_KIND and DIRECT_BY_KIND alike: a family added to one
    and not the other would fail on the first claim that reaches it."""
    assert frames.DIRECT_BY_KIND.keys() == frames.BY_KIND.keys()
    assert all(len(frames.DIRECT_BY_KIND[k]) == len(frames.BY_KIND[k]) for k in frames.BY_KIND)
