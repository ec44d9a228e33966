"""Round 6: polls and wordings a member can answer, through ``compose`` itself."""

from bot.analysis import frames
from bot.analysis.compose import Material, compose
from bot.analysis.model import Argument, Span
from bot.analysis.polls import CONVICTION_SCALE
from bot.analysis.prompts import forecasts, names_actor

THESIS = Span("Winning an election is not enough to hold power in Bolivia.", 0, 1)


def _args(*texts: str, kind: str = "evaluative") -> tuple[Argument, ...]:
    return tuple(Argument(t, 0, 1, 0.9 - n / 100, kind) for n, t in enumerate(texts))  # type: ignore[arg-type]


def _convinced(composition):
    return next(p for p in composition.polls if "convinced you most" in p.question)


def test_the_convinced_question_claims_no_support_for_the_thesis():
    args = _args("Elections alone cannot change who holds power.", "The army should stay out of politics.")
    poll = _convinced(compose(Material(None, THESIS, args)))
    assert poll.question in frames.CONVINCED
    assert "“" not in poll.question and "argument for" not in poll.question


def test_labels_are_whole_clauses_or_the_claim_is_left_out():
    args = _args(
        "The newly elected government of Luis Arce, a former economy minister, must purge the army.",
        "Elections alone cannot change who really holds power in a country like Bolivia today.",
        "Only popular movements can guarantee a fair vote.",
    )
    poll = _convinced(compose(Material(None, THESIS, args)))
    # The appositive and the name hanging on the subject go; the claim no short clause can name is left out.
    assert poll.answers == (
        "1 · The newly elected government must purge the army",
        "2 · Only popular movements can guarantee a fair vote",
    )
    # The message lists every point offered whole, in the answers' order.
    assert poll.message.splitlines()[1:] == [f"1. {args[0].text}", f"2. {args[2].text}"]


def test_how_convinced_is_not_asked_of_a_leaning_or_reported_claim():
    leaning = _args("In other words, he is arguing that the party should drop its leader before the spring.")
    assert len(compose(Material(None, Span("Leaders matter.", 0, 1), leaning)).polls) == 1
    fine = _args("Parties that drop a leader in an election year almost always lose the following vote.")
    _, poll = compose(Material(None, Span("Leaders matter.", 0, 1), fine)).polls
    assert poll.answers == CONVICTION_SCALE


def test_forecast_wordings_only_for_a_future_in_the_authors_voice():
    assert forecasts("The coup will fail within a year")
    assert not forecasts("It is hard to predict whether the coup will fail")
    assert not forecasts("Morales's people insist he will return")
    assert not forecasts("A second term would be a mistake")
    predictive = ("Looking ahead", "How soon would we know", "Would you bet on it", "forecast", "come true")
    args = _args("It's hard to predict what the army will do next in the lowlands.", kind="predictive")
    prompts = compose(Material(None, Span("Elections matter.", 0, 1), args)).prompts
    assert prompts and not any(w in p.text for p in prompts for w in predictive)


def test_who_should_act_only_when_the_call_names_no_one():
    assert names_actor("Congress must pass the bill")
    assert names_actor("President Obama should offer a deal")
    assert not names_actor("We must pass the bill")
    assert not names_actor("Something has to give")
    openings = [w.split("{")[0] for w in frames.WHO_ACTS if w[0] != "{"]

    def who_acts(actor: str) -> int:
        asked = 0
        for n in range(2, 40):
            text = f"{actor} must fund {n} new libraries in every state by next year."
            prompts = compose(Material(None, Span("Libraries matter.", 0, 1), _args(text, kind="normative"))).prompts
            asked += any(p.text.startswith(o) for p in prompts for o in openings)
        return asked

    assert who_acts("Congress") == 0
    assert who_acts("We") > 0
