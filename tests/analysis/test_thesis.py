"""The thesis is the author's own central claim: not a saying quoted for colour, not a bare noun phrase, and a
cleft ("It's X that…") counts as a statement of its own."""

from bot.analysis import analyse, lexicon
from bot.ingest.model import Reading
from tests.analysis.test_analyse import PHONES

OWN_THESIS = "Answering a call at dinner"


def _thesis(ending: str) -> str:
    thesis = analyse(Reading(PHONES.replace("In conclusion, {}", ending))).thesis
    assert thesis is not None
    return thesis.text


def test_a_saying_quoted_for_colour_is_not_the_thesis():
    assert _thesis("As they say back home, a phone call can always wait for the pudding.").startswith(OWN_THESIS)
    assert _thesis("As the saying goes, a phone call can always wait for the pudding.").startswith(OWN_THESIS)


def test_a_bare_noun_phrase_is_not_the_thesis():
    assert _thesis("The tyranny of pocket phones.").startswith(OWN_THESIS)
    assert _thesis("The pockets of our phones!").startswith(OWN_THESIS)
    # A sentence with a verb after the "of" phrase is a statement, and may be the thesis.
    assert _thesis("Phones should stay in our pockets.") == "Phones should stay in our pockets."


def test_a_cleft_does_not_lean_on_the_sentence_before_it():
    assert not lexicon.LEANS_ON_PREVIOUS.match("It's the normalisation of Coca-Cola that worries me.")
    assert not lexicon.LEANS_ON_PREVIOUS.match("It's time to close the loophole.")
    assert lexicon.LEANS_ON_PREVIOUS.match("It's broken beyond repair.")
    assert lexicon.LEANS_ON_PREVIOUS.match("It is broken beyond repair.")
