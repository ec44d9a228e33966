"""Round 7: every "which convinced you most" answer names an arguable claim, through ``compose`` itself."""

import pytest

from bot.analysis.compose import Material, compose
from bot.analysis.model import Argument, Span

THESIS = Span("Winning an election is not enough to hold power in Bolivia.", 0, 1)
KEPT = ("Elections alone cannot change who holds power.", "The army should stay out of politics.")


def _answers(extra: str) -> tuple[str, ...]:
    texts = (extra, *KEPT)
    args = tuple(Argument(t, 0, 1, 0.9 - n / 100, "evaluative") for n, t in enumerate(texts))
    poll = next(p for p in compose(Material(None, THESIS, args)).polls if "convinced you most" in p.question)
    return poll.answers


@pytest.mark.parametrize(
    "claim",
    [
        # a cut that keeps only the fact the claim judges
        "Moms and dads everywhere are using Christmas as an opportunity to get their kids thinking about serving "
        "others and giving to the less fortunate, rather than encouraging a wish list.",
        # a list's scaffolding and an imperative
        "3 \\. Give a meaningful gift to a friend of yours on a random day, not on a birthday or at Christmas.",
        "A second reason is that the army is the most dangerous force in the country and always will be.",
        # a narration and a figure
        "Voters rejected that message by ousting Democrats in the mid-term elections, quite simply because the "
        "recovery has simply not delivered enough good jobs.",
        "Health benefits costs are about 50 percent higher for U.S manufacturers than for competitors in Japan.",
    ],
)
def test_a_claim_no_label_can_name_as_an_arguable_clause_is_left_out(claim):
    answers = _answers(claim)
    assert answers == ("1 · Elections alone cannot change who holds power", "2 · The army should stay out of politics")


def test_a_label_cut_short_keeps_the_judgement():
    answers = _answers(
        "The coup is a shameful betrayal of the lowlands, whatever the generals say about it in the press and on TV."
    )
    assert answers[0] == "1 · The coup is a shameful betrayal of the lowlands"
