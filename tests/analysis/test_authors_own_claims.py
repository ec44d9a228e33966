"""Round 7: the key arguments are the author's own claims, each readable alone — not someone else's position,
not a sentence glued to a short one that only vouches for it, not a dated event, an aside or a set-up, and of a
kind that fits them on their face."""

from bot.analysis import analyse
from bot.analysis.features import extract
from bot.analysis.segment import segment
from bot.analysis.select import arguable, classify, select, stands_alone
from bot.ingest.model import Reading


def _arguments(text: str) -> list[str]:
    return [a.text for a in analyse(Reading(text)).arguments]


def _selected(text: str, top: str) -> list[str]:
    """The arguments selection takes from ``text`` when the ranking scores the sentence holding ``top`` highest
    (the reading's first sentence is its thesis): what selection makes of a strong passage, whatever ranks it."""
    document = segment(text)
    features = extract(document)
    claim = [1.0 if top in document.span(s) else 0.5 for s in document.segments]
    thesis = [1.0 if i == 0 else 0.0 for i in range(len(document.segments))]
    chosen = select(document, features, claim, thesis, len(text.split())).arguments
    return [text[c.passage.start : c.passage.end] for c in chosen]


def _arguable(text: str) -> bool:
    return arguable(text, classify(text))


def test_someone_elses_position_is_not_the_authors_claim():
    for reported in (
        "The minister's people insist he won't take part unless the smaller parties are left out.",
        "Number Ten's view is that the debates should wait until the campaign proper.",
        "In other words, he is arguing: blame someone else to avoid responsibility for our own failures.",
        "Some 35 percent of voters think the tax should be scrapped.",
        "Economists think the benefits of reform would be substantial.",
        "Some foie gras lovers argue that force-feeding can be humane.",
        "The report concludes that the programme was not effective.",
        "Mr Grant, the author of a dozen books, argued that we should embrace personal liberty.",
    ):
        assert not _arguable(reported), reported


def test_the_author_taking_a_side_before_a_report_is_still_the_authors_claim():
    assert _arguable("We have to be wary of claims that science holds the key to love.")
    assert _arguable("If I didn't know better, I'd say the Times is suggesting a policy of silence.")


def test_a_quotation_that_runs_over_several_sentences_is_not_an_argument():
    text = (
        "Parliament must vote before any strike on Syria.\n\n"
        "The prime minister put it plainly to the Commons.\n\n“The government does not need the consent of "
        "Parliament to act. Waiting for a vote would be a grave and dangerous mistake.\n\n“Our allies must know "
        "that we will stand with them, whatever the cost.”\n\n"
        "A war without a vote is a war without consent, and it should never be fought in our name.\n\n"
        "MPs should insist on a debate and a vote before a single plane takes off."
    )
    arguments = _selected(text, "grave and dangerous mistake")
    assert arguments
    assert not any("grave and dangerous" in a or "consent of Parliament" in a for a in arguments)
    assert not any("allies must know" in a for a in _selected(text, "allies must know"))


def test_a_short_sentence_that_only_vouches_for_the_one_before_is_left_off():
    text = (
        "Citizenship is not a prize to be revoked at will.\n\n"
        "The home secretary should have the power to strip citizenship from citizens who join terrorist armies. "
        "This is not an imaginary threat.\n\n"
        "Parliament should cancel passports and prosecute returning fighters rather than strip citizenship."
    )
    arguments = _selected(text, "imaginary threat")
    assert arguments[0] == (
        "The home secretary should have the power to strip citizenship from citizens who join terrorist armies."
    )
    assert not any("imaginary threat" in a for a in arguments)


def test_that_said_turns_to_a_new_point_and_is_not_glued_on():
    text = (
        "Schools should teach every child to swim.\n\n"
        "As a parent I have to take that stand. That said, there is also a wider side to this question."
        "\n\nPools are closing because councils cannot pay for them, and the government must fund them properly."
    )
    assert not any("That said" in a for a in _selected(text, "That said"))


def test_a_dated_opening_phrase_marks_background_not_a_claim():
    text = (
        "Oil states must diversify before the next price collapse.\n\n"
        "During the oil price decline of the 1980s, most oil-dependent countries suffered deep recessions and "
        "their governments borrowed heavily.\n\n"
        "In a recent speech, the minister promised a sovereign wealth fund for every citizen.\n\n"
        "A country that lives on one commodity is hostage to it, and diversification is the only insurance.\n\n"
        "The government should tax oil revenue now and invest it in industries that will outlast the wells."
    )
    arguments = _arguments(text)
    assert arguments
    assert not any(t.startswith(("During the oil", "In a recent speech")) for t in arguments)


def test_asides_and_set_ups_do_not_stand_alone():
    for aside in (
        "I adore the way that the minister pretends nothing has happened.",
        "Britain exemplifies the problem, but it runs deeper.",
        "A second condition should be a commission of judges with binding authority.",
        "Because the council has already gone down a dangerous path with its budget.",
        "Not to mention the library, whose roof has leaked for a decade.",
        "And I won't check the bill.",
        "The next time I visit the town hall, I'll take a packed lunch.",
    ):
        assert not stands_alone(aside), aside
    assert stands_alone("Because the council has already spent its reserves, it must now raise taxes.")
    assert stands_alone("I will vote against every budget that closes a library.")


def test_kinds_fit_the_claim_on_its_face():
    assert classify("Labor needs a uniform swing of about 12.5% to win the election.") != "normative"
    assert classify("The studio didn't even have to be threatened in person to pull the film.") != "normative"
    assert classify("The real curse is not the oil but the politics around it.") == "evaluative"
    assert classify("Closing this loophole is basic common sense.") == "evaluative"
    assert classify("The council should put every sale to a public vote.") == "normative"
    assert classify("It is logical for Europe to reach out to its neighbours.") == "evaluative"
    assert classify("It is a damning indictment that the parties cannot agree on a format.") == "evaluative"
    assert classify("Please, councillors, concentrate on the budget.") == "normative"
    assert classify("My advice to members is this: Keep up the pressure.") == "normative"


def test_a_plain_judgement_of_the_authors_leads_claims_that_score_alike():
    text = (
        "The tax code rewards those who can afford accountants.\n\n"
        "Carried interest lets fund managers pay a lower rate than their cleaners, which is unfair and wrong.\n\n"
        "Both parties have promised reform and delivered none, which is a failure of Congress.\n\n"
        "It is time to close this loophole for good."
    )
    arguments = _selected(text, "no sentence scores higher")
    assert arguments[0] == "It is time to close this loophole for good."


def test_a_reporting_word_inside_another_word_is_no_report():
    """ "told" in "Untold" is not where the report starts: the author's own "we must" before the real report
    ("what the union told the minister") keeps the claim theirs."""
    assert _arguable("Untold damage is done when we refuse to hear what the union told the minister, and we must act.")
