"""Round 8: a week's prompts and polls ask about each claim once, through ``compose`` itself, on sentences
written for these tests."""

from bot.analysis import frames
from bot.analysis.compose import Material, compose
from bot.analysis.limits import problems
from bot.analysis.model import Argument, Prompt, Span
from bot.analysis.polls import AGREE_WITH_READING, AGREEMENT_SCALE, CONVICTION_SCALE, _conviction_poll

_GENERIC = frames.NAMES_NOTHING


def _args(*texts: str, kind: str = "normative") -> tuple[Argument, ...]:
    return tuple(Argument(t, 0, 1, 0.9 - n / 100, kind) for n, t in enumerate(texts))  # type: ignore[arg-type]


def _compose(thesis: str | None, *args: str, title: str | None = None, kind: str = "normative"):
    span = Span(thesis, 0, len(thesis)) if thesis else None
    composition = compose(Material(title, span, _args(*args, kind=kind), frozenset({"every", "the"})))
    assert not problems(composition.prompts, composition.polls)
    return composition


def _mentions(text: str, phrase: str) -> bool:
    return phrase.lower() in text.lower()


def test_a_claim_is_asked_about_once_among_the_prompts():
    # One claim: before round 8 it was asked by its wording, then again "from the other side".
    prompts = [p.text for p in _compose("Every town should keep its public library open.").prompts]
    assert sum(_mentions(p, "public library open") for p in prompts) == 1
    # The rest of the week names no claim again: the actor the call names, or a question that names nothing.
    assert not any(_mentions(p, "library") for p in prompts[1:])


def test_a_claim_restated_in_other_words_is_not_asked_again():
    composition = _compose(
        "Councils must fund public libraries properly.",
        "Councils must fund their public libraries properly and soon.",
        "Reading for pleasure makes children better at every subject.",
    )
    prompts = [p.text for p in composition.prompts]
    assert sum(_mentions(p, "libraries properly") for p in prompts) == 1
    assert any(_mentions(p, "reading for pleasure") for p in prompts)


def test_the_actor_question_names_the_actor_without_restating_the_call():
    prompts = [p.text for p in _compose("Congress must reassert its authority over trade.").prompts]
    assert sum(_mentions(p, "reassert its authority") for p in prompts) == 1
    acting = {t.replace("{a}", "Congress") for t in frames.ACTOR}
    assert any(p in acting for p in prompts)


def test_the_second_poll_asks_about_a_claim_no_prompt_asked_about_when_there_is_one():
    claims = (
        "Rail fares are far too high for commuters.",
        "Our schools are failing the poorest pupils.",
    )
    material = Material(None, None, _args(*claims, kind="evaluative"), frozenset({"rail", "our"}))
    first = Prompt("Are rail fares far too high for commuters? By what standard?", 0)
    poll = _conviction_poll(material, [0, 1], [first])
    assert poll is not None and poll.argument == 1
    # With every claim asked about, a claim is polled again only in other words than its prompt's: stated,
    # not the prompt's own question a second time.
    again = _conviction_poll(material, [0], [first])
    assert (
        again is not None
        and again.question == "How convinced are you that “rail fares are far too high for commuters”?"
    )
    assert again.answers == CONVICTION_SCALE
    reworded = _conviction_poll(material, [0], [Prompt("The author judges that rail fares are far too high.", 0)])
    assert reworded is not None and reworded.argument == 0


def test_a_poll_never_repeats_a_prompt_word_for_word():
    composition = _compose("Every town should keep its public library open.", "Rail fares should be frozen.")
    for poll in composition.polls:
        question = poll.question.removesuffix("?")
        assert not any(question in p.text for p in composition.prompts)


def test_a_headline_that_takes_a_stand_replaces_the_agreement_poll_on_the_reading():
    story = "I walked to the market on Sunday and bought some bread."
    title = "Foie gras is delicious. It should nonetheless be banned"
    poll = _compose(story, title=title, kind="factual").polls[0]
    assert (
        poll.question
        == "How far do you agree with the headline “Foie gras is delicious. It should nonetheless be banned”?"
    )
    assert poll.answers == AGREEMENT_SCALE


def test_a_headline_that_reports_tells_or_lists_tips_leaves_the_poll_on_the_reading():
    story = "I walked to the market on Sunday and bought some bread."
    for title in (
        "My brain tumour will be removed this week, and I can be thankful",  # the author's own story
        "Fifteen ways to improve your life in 2015",  # a list of tips
        "Where is the rest of the story?",  # a question
        "Chaplain punished for sharing his faith in class",  # a report
    ):
        assert _compose(story, title=title, kind="factual").polls[0].question == AGREE_WITH_READING, title


def test_a_week_with_a_prompt_to_spare_gives_its_last_claim_to_the_poll_instead():
    claims = (
        "The plan to sell the playing fields to developers is the worst idea the town has had in a generation.",
        "The way the mayor handles the budget crisis this winter is an insult to everyone who pays tax here.",
        "The promise to rebuild the old harbour wall before the storms come is a promise nobody can keep now.",
        "The habit of blaming teachers for every problem in our schools is lazy and it is doing real damage.",
    )
    composition = _compose(
        "Our town deserves far better leadership than the council now gives it.", *claims, kind="evaluative"
    )
    poll = composition.polls[1]
    assert poll.answers == CONVICTION_SCALE and poll.argument is not None
    assert len(composition.prompts) == 3
    polled = claims[poll.argument].split(" is ")[0]  # "The habit of blaming teachers…", "The promise to rebuild…"
    assert _mentions(poll.question, polled)
    assert not any(_mentions(p.text, polled) for p in composition.prompts)
