"""The thesis is the author's own central claim: not a saying quoted for colour, a bare noun phrase, a scene
told or a report of what someone else is saying; a cleft ("It's X that…") counts as a statement of its own."""

from bot.analysis import analyse, lexicon
from bot.analysis.features import extract
from bot.analysis.rank import thesis_scores
from bot.analysis.segment import segment
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


CARS = """Cities should ban cars from their centres

Cities that close their centres to cars become quieter and healthier.

Shops do better too, because people on foot stop and buy. Some say drivers will stay away.

{}"""


def _last_thesis_score(last: str) -> float:
    text = CARS.format(last)
    document = segment(text)
    return thesis_scores(extract(document, None))[-1]


def test_narration_lowers_a_sentences_thesis_score():
    """A scene told in the past tense illustrates a claim; it is less likely the thesis than the same words as
    a general statement in the same place."""
    told = _last_thesis_score("When children went to the city centre with their parents, the cars were everywhere.")
    general = _last_thesis_score("When children go to the city centre with their parents, the cars are everywhere.")
    assert told < general


def test_a_report_of_what_someone_is_saying_is_not_the_thesis():
    text = CARS.format("What the mayor is saying is that cities should ban cars from their centres for good.")
    thesis = analyse(Reading(text)).thesis
    assert thesis is not None and thesis.text.startswith("Cities that close")
