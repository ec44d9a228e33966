"""A choice the reading sets out, or the several things it calls for, becomes a poll of real alternatives."""

from bot.analysis import analyse
from bot.analysis.alternatives import courses, find_calls, find_choice
from bot.analysis.features import extract
from bot.analysis.limits import problems
from bot.analysis.polls import PROPOSALS_QUESTION
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


def test_a_call_that_lists_several_courses_gives_each_by_its_verb_phrase():
    assert courses("The new government must purge the army, nationalise the mines and prosecute the coup leaders.") == (
        "Purge the army",
        "Nationalise the mines",
        "Prosecute the coup leaders",
    )
    # A list of what one course acts on is one course; a sequence ("first… and then…") is no choice.
    assert courses("We must protect wages, pensions and jobs.") == ("Protect wages, pensions and jobs",)
    assert courses("We need to declare peace first and then spend eternity working out our differences.") == ()
    # What the call goes on to say (a reason, a comparison) is not part of the course.
    assert courses("Firms that fail should accept the consequences, just like ordinary people do.") == (
        "Accept the consequences",
    )


def test_what_is_no_call_of_the_authors_gives_no_course():
    for sentence in [
        "Europe should have stopped the war years ago.",  # a regret
        "I have to pick the right moment and phrase it sensitively.",  # the author's own story
        "To see a film legally you must leave your house and queue up.",  # a description
        "No one should have to defend himself by shooting another human being.",
        "Then they'd have to get qualifications and do an internship.",
        "The fight over whether we should ban the march misses the point.",
        "A police officer felt the need to defend himself with a gun.",
        "The renewal of fighting should come as no surprise to anyone.",
        "We simply need to build on this over the next forty years.",  # acts on something named elsewhere
        "The ministry must publish every single contract that was signed with the army and the police last year.",
    ]:
        assert courses(sentence) == (), sentence


def _calls(text: str):
    document = segment(text)
    return find_calls(document, extract(document, None))


CALLS = (
    "The coup is over, but the danger is not.\n\n"
    "Let's join our unions. Let's take the bosses to tribunal.\n\n"
    "Nobody else will do it for us."
)


def test_calls_in_sentences_that_follow_one_another_are_found():
    calls = _calls(CALLS)
    assert calls is not None
    assert calls.options == ("Join our unions", "Take the bosses to tribunal")
    assert calls.sentences == ("Let's join our unions.", "Let's take the bosses to tribunal.")
    assert _calls("Let's join our unions.\n\nThe coup is over.\n\nLet's take the bosses to tribunal.") is None


def test_the_proposals_poll_offers_the_calls_with_the_sentences_beside_it():
    analysis = analyse(Reading(CALLS))
    [poll] = [p for p in analysis.polls if p.question == PROPOSALS_QUESTION]
    assert poll.answers == ("Join our unions", "Take the bosses to tribunal", "None of these", "Not sure")
    assert poll.message.splitlines()[1:] == ["• Let's join our unions.", "• Let's take the bosses to tribunal."]
    assert not problems(analysis.prompts, analysis.polls)
    assert analyse(Reading(CALLS)) == analysis


def test_the_same_call_twice_is_no_choice_and_a_later_run_is_still_found():
    calls = _calls(
        "Let's join our unions. Let's join our unions.\n\nThe coup is over.\n\n"
        "Let's fund the schools. Let's take the bosses to tribunal."
    )
    assert calls is not None
    assert calls.options == ("Fund the schools", "Take the bosses to tribunal")
