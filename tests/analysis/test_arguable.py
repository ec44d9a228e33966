"""Prompts and polls ask only about claims a circle can disagree with; reasons only where the text marks them."""

from bot.analysis import analyse, frames
from bot.analysis.compose import Material, compose
from bot.analysis.limits import MAX_PROMPTS, problems
from bot.analysis.model import Argument, Span
from bot.analysis.select import arguable, classify
from bot.ingest.model import Reading


def _arguable(text: str) -> bool:
    return arguable(text, classify(text))


def test_facts_stories_figures_and_reports_are_not_arguable():
    assert not _arguable("In 2002 Chávez was reinstated after a coup that lasted two days.")
    assert not _arguable("The mayor also alleged Cochran distributed the book to members of the fire department.")
    assert not _arguable("Reed told reporters Cochran was not fired because of his religious beliefs.")
    assert not _arguable("There are other examples too.")
    assert not _arguable("Unemployment rose from 5.1% to 6.3% in 2014, helped by 40,000 job losses.")
    assert _arguable("Elections alone cannot overthrow a ruling class, and we should stop pretending they can.")
    assert _arguable("This law is a disgrace that will hurt the poorest families.")
    assert _arguable("Coal plants will close by 2030.")
    assert classify("Maybe those who preach tolerance might want to consider practicing it.") == "normative"
    assert classify("Probable cause has its origins in the Fourth Amendment.") == "factual"
    assert classify("That much is crystal clear.") == "evaluative"


def test_prompts_and_the_convinced_poll_skip_claims_of_fact():
    args = (
        Argument("The council closed three branches in 2019.", 0, 1, 0.9, "factual"),
        Argument("Every town should keep its public library open.", 0, 1, 0.8, "normative"),
        Argument("The mayor said the budget was tight.", 0, 1, 0.7, "factual"),
        Argument("Libraries are the best defence of a democracy against ignorance.", 0, 1, 0.6, "evaluative"),
    )
    composition = compose(Material(None, Span("Libraries are worth every penny they cost.", 0, 1), args))
    assert all(p.argument in (None, 1, 3) for p in composition.prompts)
    convinced = composition.polls[1]
    assert len(convinced.answers) == 2 and "closed three branches" not in " ".join(convinced.answers)
    assert not problems(composition.prompts, composition.polls)


def test_a_reading_with_few_arguable_claims_gets_fewer_prompts_and_says_so():
    args = (
        Argument("My grandmother moved to the city in 1961.", 0, 1, 0.9, "factual"),
        Argument("She worked in a factory for thirty years.", 0, 1, 0.8, "factual"),
    )
    composition = compose(
        Material(None, Span("We owe the women of that generation far more than we admit.", 0, 1), args)
    )
    assert 2 <= len(composition.prompts) < MAX_PROMPTS
    assert "add your own" in composition.note
    assert all(p.argument is None for p in composition.prompts)
    generic = frames.NAMES_NOTHING
    assert sum(p.text in generic for p in composition.prompts) <= 1
    assert len(composition.polls) == 1  # no "which argument convinced you" over facts
    assert not problems(composition.prompts, composition.polls)


def test_phrasings_vary_between_readings_but_not_between_runs():
    theses = [f"Towns must fund {thing} as basic infrastructure." for thing in ("libraries", "parks", "pools", "buses")]
    openings = set()
    for thesis in theses:
        first = compose(Material(None, Span(thesis, 0, 1), ())).prompts[0].text
        assert first == compose(Material(None, Span(thesis, 0, 1), ())).prompts[0].text
        openings.add(" ".join(first.split()[:3]))
    assert len(openings) > 1


def test_a_since_of_time_is_never_a_reason_but_a_because_is():
    text = (
        "Rents should be capped in every city. Rents have doubled since 2013, and wages have not.\n\n"
        "Cities must build more homes because demand has outrun supply for twenty years. "
        "Councils have the land to do it.\n\n"
        "Ever since the crash, councils have built almost nothing of their own.\n\n"
        "Landlords hold the power in every negotiation. Therefore, tenants need a union of their own."
    )
    analysis = analyse(Reading(text))
    reasons = {a.text: a.reasons for a in analysis.arguments}
    everything = [r for rs in reasons.values() for r in rs]
    assert not any(r.lower().startswith(("since", "ever since")) for r in everything)
    homes = next(rs for t, rs in reasons.items() if t.startswith("Cities must build"))
    assert homes == ("because demand has outrun supply for twenty years",)
    union = next((rs for t, rs in reasons.items() if t.startswith("Therefore")), None)
    assert union is None or union == ("Landlords hold the power in every negotiation.",)
