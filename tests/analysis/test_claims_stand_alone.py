"""Arguments read as the author's own claims without the sentences around them."""

from bot.analysis import analyse
from bot.analysis.select import stands_alone
from bot.ingest.model import Reading


def test_passages_that_point_back_or_are_not_claims_do_not_stand_alone():
    assert not stands_alone("The opposite is true of Cameron.")
    assert not stands_alone("And, of course, that's why it must be made to happen.")
    assert not stands_alone("They're not only the folks who see this movie.")
    assert not stands_alone("[Editor's note: this piece was updated on Friday.]")
    assert not stands_alone("Oh, the brilliance of the plan!")
    assert not stands_alone("In my bestselling book I explain why families matter.")
    assert not stands_alone("The shootings have been described as an act of war.")
    assert stands_alone("So Hollywood loves Obama and Obama loves it right back.")
    assert stands_alone("It is vitally important that we don't stop talking about cuts to foreign aid.")
    assert stands_alone("It would have been a glaring hypocrisy for the president to attend the rally.")
    assert stands_alone("But the problem isn't that soldiers are cowardly; they are under-equipped.")
    assert not stands_alone("What a triumph of spin this budget was!")
    assert not stands_alone("May God bless the officers and crew of the boat.")
    assert stands_alone("Work with the Congress the people chose and get something done!")


def test_an_argument_that_leans_across_a_paragraph_gives_way_to_one_that_stands_alone():
    text = (
        "Cities should cap rents now.\n\n"
        "Landlords have raised rents by a third in five years, which is a scandal.\n\n"
        "The opposite is true of wages, which are a disgrace.\n\n"
        "Councils must build homes of their own, and they must start this year.\n\n"
        "Tenants deserve a union that can bargain for them.\n\n"
        "A city without affordable homes will lose its teachers and its nurses.\n\n"
        "Rent caps are the fairest answer we have."
    )
    analysis = analyse(Reading(text))
    texts = [a.text for a in analysis.arguments]
    assert len(texts) == 5 and all(stands_alone(t) for t in texts)
    assert not any(t.startswith("The opposite") for t in texts)


def test_the_convinced_poll_offers_only_claims_a_label_can_name():
    from bot.analysis.compose import Material, compose
    from bot.analysis.model import Argument, Span
    from bot.analysis.naming import label

    unnameable = (
        "Between the failure of the infamous deal to curb missile development and the continued aggression "
        "of its neighbour in the region, this makes perfect sense."
    )
    args = (
        Argument("Schools must teach every child to cook a meal.", 0, 1, 0.9, "normative"),
        Argument(unnameable, 0, 1, 0.8, "evaluative"),
        Argument(
            "Historians play a vital role in measuring how good our presidents really were.", 0, 1, 0.7, "evaluative"
        ),
    )
    composition = compose(Material(None, Span("Cooking is the most useful lesson a school can give.", 0, 1), args))
    convinced = composition.polls[1]
    assert convinced.answers == (
        "1 · Schools must teach every child to cook a meal",
        "2 · Historians play a vital role",
    )
    assert "Between the failure" not in convinced.message
    assert label(2, unnameable).endswith("…")
    # One claim whose core is no whole clause ("this makes perfect sense" points outside it): nobody can be
    # convinced of it, so no second poll asks; one a member can weigh is asked about, stated whole.
    assert len(compose(Material(None, Span("Cooking matters.", 0, 1), args[1:2])).polls) == 1
    weighable = Argument(
        "Every school should teach children to cook a meal from scratch by the age of ten.", 0, 1, 0.7, "normative"
    )
    _, conviction = compose(Material(None, Span("Cooking matters.", 0, 1), (weighable,))).polls
    # Asked as the direct question the claim makes, with answers to a yes/no question.
    assert conviction.question == "Should every school teach children to cook a meal from scratch by the age of ten?"
    assert conviction.answers == ("Yes", "Yes, with reservations", "No", "Not sure")
    assert conviction.argument == 0
    # A claim that makes no direct question ("Only…" cannot be inverted) is stated whole.
    only = Argument("Only a school kitchen can teach every child to cook a meal from scratch.", 0, 1, 0.7, "normative")
    _, conviction = compose(Material(None, Span("Cooking matters.", 0, 1), (only,))).polls
    assert conviction.answers == ("Convinced", "Partly convinced", "Not convinced", "Not sure")
    assert conviction.question.startswith("How convinced are you that “Only a school kitchen can teach")
    assert len(conviction.question) <= 300


def test_a_thesis_is_not_a_story_that_opens_on_a_date():
    text = (
        "On 20 September 1943, my great uncle was arrested in Nice and sent to the camps, which was a crime.\n\n"
        "He never again trusted the country that had betrayed him.\n\n"
        "Europe must never again let a government hand its own citizens to their murderers."
    )
    thesis = analyse(Reading(text)).thesis
    assert thesis is not None and not thesis.text.startswith("On 20 September")
