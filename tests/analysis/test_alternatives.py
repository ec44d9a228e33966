"""A choice the reading sets out becomes a poll of real alternatives."""

from bot.analysis import analyse
from bot.analysis.alternatives import find_choice
from bot.analysis.features import extract
from bot.analysis.limits import problems
from bot.analysis.segment import segment
from bot.ingest.model import Reading

TEXT = (
    "Torture is a crime, and a report is not a reckoning.\n\n"
    "The report is full of redactions, and the Justice Department refuses to either reopen its investigations "
    "into torture or explain why they were closed.\n\n"
    "Whether they like it or not, officials will have to answer for what was done.\n\n"
    "This whole battle over whether to say sorry or stay silent misses the point."
)


def _choice(text: str):
    document = segment(text)
    return find_choice(document, extract(document, None))


def test_a_choice_between_courses_of_action_is_found_and_a_description_is_not():
    choice = _choice(TEXT)
    assert choice is not None
    assert choice.options == ("Reopen its investigations into torture", "Explain why they were closed")
    assert _choice("Whether they like it or not, officials must answer. Race relations are black or white.") is None
    assert _choice("The fight over whether to say Christmas or Happy Holidays misses the point.") is None
    assert _choice("There are two ways: either rely on the police or make it easier to defend yourself.") is not None


def test_the_alternatives_poll_offers_the_options_whole():
    analysis = analyse(Reading(TEXT))
    [poll] = [p for p in analysis.polls if "choice" in p.question]
    assert poll.answers == (
        "Reopen its investigations into torture",
        "Explain why they were closed",
        "Something else",
        "Not sure",
    )
    assert "refuses to either reopen" in poll.question
    assert not problems(analysis.prompts, analysis.polls)
    assert analyse(Reading(TEXT)) == analysis
