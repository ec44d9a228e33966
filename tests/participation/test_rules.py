"""The pure rules: which prompt a message answers, who is logged, word counts."""

from datetime import UTC, datetime

import pytest

from bot.participation.rules import Author, answered_prompt, epoch_ms, is_logged, word_count

PROMPTS = (200, 400, 600)


@pytest.mark.parametrize(
    ("message", "reply_to", "expected"),
    [
        (100, None, None),  # before the first prompt
        (250, None, 200),  # after prompt 200, before 400
        (400 + 1, None, 400),
        (700, None, 600),  # after the last prompt
        (700, 200, 200),  # a reply to an earlier prompt answers that one
        (700, 650, 600),  # a reply to something else: the latest prompt before the message
        (150, 400, 400),  # a reply wins even when ids look out of order
    ],
)
def test_answered_prompt(message: int, reply_to: int | None, expected: int | None) -> None:
    assert answered_prompt(message, reply_to, PROMPTS) == expected


def test_no_prompts_no_answer() -> None:
    assert answered_prompt(500, None, ()) is None


def test_only_people_who_did_not_opt_out_are_logged() -> None:
    assert is_logged(Author(1), opted_out={2})
    assert not is_logged(Author(2), opted_out={2})
    assert not is_logged(Author(1, bot=True), opted_out=())
    assert not is_logged(Author(1, webhook=True), opted_out=())


def test_word_count_needs_the_intent() -> None:
    assert word_count("three little words", content_intent=True) == 3
    assert word_count("three little words", content_intent=False) is None
    assert word_count(None, content_intent=True) is None
    assert word_count("", content_intent=True) == 0
    assert word_count("l'état c'est moi — don't", content_intent=True) == 4


def test_times_must_be_aware() -> None:
    assert epoch_ms(datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)) == 1000
    with pytest.raises(ValueError):
        epoch_ms(datetime(2026, 1, 1))
