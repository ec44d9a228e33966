"""The model writer against a fake OpenAI-compatible server: the good path, the checks, every failure."""

from __future__ import annotations

import json
import logging
import socket
import time
from email.utils import formatdate
from typing import Any

import jsonschema
import pytest

from bot.analysis.limits import POLL_ANSWER_LIMIT, problems
from bot.analysis.model import Analysis
from bot.analysis.polls import AGREEMENT_SCALE
from bot.config import ModelConfig
from bot.ingest.model import Reading
from bot.text import is_cut_at_word_boundary
from bot.writer import write_with_model
from bot.writer.ask import EXCERPT_CHARS, MODEL_PROMPTS, Candidates
from bot.writer.checks import MENTION, Checker
from tests.fakeopenai import FakeOpenAI, answer, drip, drip_response, hang, raw, status
from tests.writer.answers import GOOD, POLLS, PROMPTS


def config(server: FakeOpenAI | None = None, *, timeout: float = 5, api_key: str | None = None) -> ModelConfig:
    base = server.base_url if server else "http://127.0.0.1:9/v1"
    return ModelConfig(base_url=base, model="fake-model", api_key=api_key, timeout=timeout, max_tokens=900)


def assert_postable(result: Analysis, reading: Reading) -> None:
    """Within Discord's limits, passages verbatim at their offsets, no mentions, quotes from the reading."""
    assert problems(result.prompts, result.polls) == []
    spans = [result.thesis, *result.arguments] if result.thesis else list(result.arguments)
    assert all(reading.text[s.start : s.end] == s.text for s in spans)
    texts = [p.text for p in result.prompts] + [q.question for q in result.polls]
    texts += [a for q in result.polls for a in q.answers]
    checker = Checker(reading.text, Candidates.of(result))
    assert not any(MENTION.search(t) for t in texts)
    assert all(checker.quotes_verbatim(t) for t in texts)
    assert all(p.argument is None or 0 <= p.argument < len(result.arguments) for p in result.prompts)


def writer_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("bot.writer") and r.levelno >= logging.WARNING]


def falls_back(
    caplog: pytest.LogCaptureFixture, reading: Reading, embedded: Analysis, cfg: ModelConfig, *reason: str
) -> float:
    """Call the writer, expect the embedded analysis back with one warning naming ``reason``; the seconds
    it took."""
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="bot.writer"):
        result = write_with_model(reading.text, reading.title, embedded, cfg)
    took = time.monotonic() - started
    assert result is embedded
    assert result.writer == "embedded"
    warnings = writer_warnings(caplog)
    assert len(warnings) == 1, warnings
    for words in reason:
        assert words in warnings[0]
    assert "using the embedded prompts and polls" in warnings[0]
    return took


# --- the good path ---------------------------------------------------------------------------------------


def test_good_answer_is_used_as_the_model_wrote_it(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    """The model's choice and its prompts and polls come back, passages verbatim, writer "model"."""
    fake_openai.then(answer(GOOD))
    with caplog.at_level(logging.INFO, logger="bot.writer"):
        result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model"
    assert result.thesis == embedded.thesis
    assert result.arguments == (embedded.arguments[2], embedded.arguments[1], embedded.arguments[3])
    assert [p.text for p in result.prompts] == PROMPTS
    # "about" is turned from a candidate number into an index into the chosen arguments
    assert [p.argument for p in result.prompts] == [None, 0, 1, 0, 2]
    # the model's polls, then the agreement poll the week posts on the thesis
    assert [(p.question, list(p.answers)) for p in result.polls[:2]] == [(p["question"], p["answers"]) for p in POLLS]
    assert [p.argument for p in result.polls[:2]] == [0, None]
    assert result.polls[2] == next(p for p in embedded.polls if p.answers == AGREEMENT_SCALE)
    assert (result.title, result.words, result.reading_minutes) == (
        embedded.title,
        embedded.words,
        embedded.reading_minutes,
    )
    assert_postable(result, reading)
    assert [r for r in caplog.records if r.name.startswith("bot.writer")] == []  # nothing to report


def test_one_request_asks_for_schema_output_with_the_candidates(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis
) -> None:
    """One bounded request: the model, max_tokens, a valid JSON schema the good answer satisfies, every
    candidate numbered with its offsets, and the API key as a bearer token."""
    fake_openai.then(answer(GOOD))
    write_with_model(reading.text, reading.title, embedded, config(fake_openai, api_key="sk-test"))
    [request] = fake_openai.requests
    assert request["model"] == "fake-model" and request["max_tokens"] == 900 and request["stream"] is False
    response_format = request["response_format"]
    assert response_format["type"] == "json_schema"
    schema = response_format["json_schema"]["schema"]
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(GOOD, schema)
    user = request["messages"][-1]["content"]
    assert reading.title in user
    for number, arg in enumerate(embedded.arguments, 1):
        assert f"[{number}] ({arg.start}–{arg.end}, {arg.kind}) {' '.join(arg.text.split())}" in user
    assert f"[0] ({embedded.thesis.start}–{embedded.thesis.end}," in user
    assert fake_openai.headers[0]["Authorization"] == "Bearer sk-test"


def test_model_may_choose_another_thesis_and_the_embedded_writer_fills_in(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    """Choosing an argument as the thesis moves it out of the arguments; with only two prompts, one the
    embedded writer composes about the model's choice tops them up (to at least three), and the agreement poll
    is on the new thesis."""
    # Candidate 0 is the embedded thesis, so argument i is candidate i + 1.
    town = next(i for i, a in enumerate(embedded.arguments) if "every town should keep" in a.text.lower())
    others = [i for i in range(len(embedded.arguments)) if i != town]
    fake_openai.then(
        answer(
            {
                "thesis": town + 1,
                # the new thesis is dropped from the arguments, and the ranking adds one
                "arguments": [others[1] + 1, town + 1, others[2] + 1],
                "prompts": [{"text": t, "about": others[1] + 1} for t in PROMPTS[:2]],
                "polls": POLLS[:1],
            }
        )
    )
    with caplog.at_level(logging.INFO, logger="bot.writer"):
        result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    chosen = embedded.arguments[town]
    assert (result.thesis.text, result.thesis.start, result.thesis.end) == (chosen.text, chosen.start, chosen.end)
    assert result.arguments == tuple(embedded.arguments[i] for i in (others[1], others[2], others[0]))
    assert result.writer == "model"
    assert [p.text for p in result.prompts[:2]] == PROMPTS[:2]
    assert len(result.prompts) >= 3 and len(result.polls) == 2
    # about the new thesis, named by its words or put as the question they make ("Should every town keep…?")
    assert "every town keep its public library open" in result.prompts[2].text.replace("should ", "")
    assert "every town should keep its public library open" in result.polls[1].question
    assert_postable(result, reading)
    [info] = [r.getMessage() for r in caplog.records if r.name.startswith("bot.writer")]
    assert "kept 2 of 2 prompts, 1 of 1 polls" in info and "filled in" in info


def test_json_in_a_code_fence_is_accepted(fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis) -> None:
    """Models in JSON mode still wrap the object in a fence or a sentence now and then."""
    fake_openai.then(answer("Here you are:\n```json\n" + json.dumps(GOOD) + "\n```"))
    result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model" and [p.text for p in result.prompts] == PROMPTS


# --- everything returned is checked ----------------------------------------------------------------------


def test_invalid_items_are_dropped_or_repaired_and_the_rest_filled(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    long_answer = "Keep the library open and fund it properly from the council's own budget every year"
    bad = {
        "thesis": 42,
        "arguments": [0, 99, -1, True, "2", 2, 2],
        "prompts": [
            {"text": PROMPTS[0], "about": 17},
            {"text": "@everyone what do you make of this reading?", "about": None},
            {"text": "<@123456789012345678> do you agree with the reading?", "about": None},
            {"text": "Read more at https://example.org/join and say: do you agree?", "about": None},
            {"text": "Discuss the reading with your neighbour.", "about": None},
            {
                "text": "is a library really AN ESSENTIAL service, or a comfort a town can do without in hard years",
                "about": 1,
            },
            {"text": "IS A LIBRARY REALLY “an essential service”, or a comfort a town can do without in hard years?"},
            {"text": "Do you agree that “libraries cure loneliness in every town”?", "about": 1},
            {"text": "Why?", "about": 1},
            {"text": "Do you agree? " + "Tell us more. " * 40 + "Why?", "about": 1},
            "not an object",
            {"text": PROMPTS[1], "about": 2},
        ],
        "polls": [
            {
                "question": "What should the council do?",
                "answers": [long_answer, "Close it", "close it!", "@here"],
                "about": 2,
            },
            {"question": "Ping <@&123456789012345678>: agree?", "answers": ["Yes", "No"], "about": None},
            {"question": "Long? " + "x " * 200, "answers": ["Yes", "No"], "about": None},
            {"question": "One answer only?", "answers": ["Yes"], "about": None},
            {"question": "Is “the library a palace for the people”?", "answers": ["Yes", "No"], "about": None},
        ],
    }
    fake_openai.then(answer(bad))
    with caplog.at_level(logging.INFO, logger="bot.writer"):
        result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model"
    assert result.thesis == embedded.thesis  # thesis out of range: the embedded one stays
    # only 2 was a usable argument number; the embedded ranking fills up to three
    assert result.arguments == (embedded.arguments[1], embedded.arguments[0], embedded.arguments[2])
    assert [p.text for p in result.prompts[:2]] == PROMPTS[:2]
    assert result.prompts[0].argument is None  # "about" 17 is no chosen argument
    # topped up to what the embedded writer gives for these arguments (it quotes each claim once)
    assert 3 <= len(result.prompts) <= MODEL_PROMPTS
    first = result.polls[0]
    assert first.question == "What should the council do?" and first.argument == 0
    assert first.answers[1:] == ("Close it",)
    assert len(first.answers[0]) <= POLL_ANSWER_LIMIT and is_cut_at_word_boundary(first.answers[0], long_answer)
    assert len(result.polls) == 2  # the other four were dropped; the agreement poll follows
    assert_postable(result, reading)
    [info] = [r.getMessage() for r in caplog.records if r.name.startswith("bot.writer")]
    for reason in (
        "a mention ×3",
        "a link",
        "no question mark ×2",
        "a quote not in the reading ×2",
        "too short",
        "too long",
    ):
        assert reason in info
    assert "kept 2 of 12 prompts, 1 of 5 polls" in info


def test_an_answer_with_nothing_usable_falls_back(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.then(
        answer({"thesis": 1, "arguments": [2], "prompts": [{"text": "@here read it", "about": 1}], "polls": []})
    )
    falls_back(caplog, reading, embedded, config(fake_openai), "nothing usable", "a mention")


def test_the_checks_accept_what_the_embedded_writer_composes(reading: Reading, embedded: Analysis) -> None:
    """The quote check is not stricter than the templates: every embedded prompt and poll passes it."""
    checker = Checker(reading.text, Candidates.of(embedded))
    texts = [p.text for p in embedded.prompts] + [p.question for p in embedded.polls]
    assert texts and all(checker.quotes_verbatim(t) for t in texts)
    assert not checker.quotes_verbatim("Is it true that “libraries are an optional service”?")


# --- every failure falls back within the timeout, with one log line --------------------------------------


def test_timeout(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.then(hang(fake_openai, 30, answer(GOOD)))
    took = falls_back(caplog, reading, embedded, config(fake_openai, timeout=1), "timed out")
    assert took < 1.5


def test_slow_drip_cannot_outlast_the_timeout(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    """A byte every 50 ms keeps every read alive; the total deadline still ends the call."""
    fake_openai.then(drip(fake_openai, drip_response(json.dumps(GOOD)), 0.05))
    took = falls_back(caplog, reading, embedded, config(fake_openai, timeout=1.5), "timed out")
    assert took < 2.0


def test_429_is_retried_once_when_retry_after_fits(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis
) -> None:
    fake_openai.then(status(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"}), answer(GOOD))
    result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model" and len(fake_openai.requests) == 2


def test_retry_after_as_a_date_is_understood(fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis) -> None:
    soon = formatdate(time.time() + 1, usegmt=True)
    fake_openai.then(status(429, {"error": "busy"}, {"Retry-After": soon}), answer(GOOD))
    result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model" and len(fake_openai.requests) == 2


def test_a_long_reading_is_sent_as_its_opening(fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis) -> None:
    """A book-length text is cut at a paragraph break, so the request fits a small model's context."""
    paragraphs = [f"Paragraph {n}: " + "the library matters to the town. " * 12 for n in range(400)]
    long_text = reading.text + "\n\n" + "\n\n".join(paragraphs)
    fake_openai.then(answer(GOOD))
    write_with_model(long_text, reading.title, embedded, config(fake_openai))
    user = fake_openai.requests[0]["messages"][-1]["content"]
    assert "(opening excerpt):" in user and user.endswith(".\n[…]")
    assert len(user) < EXCERPT_CHARS + 3000 and "Paragraph 399" not in user


def test_429_twice_falls_back(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.then(status(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"}))
    falls_back(caplog, reading, embedded, config(fake_openai), "HTTP 429", "slow down")
    assert len(fake_openai.requests) == 2


def test_429_asking_for_longer_than_the_timeout_is_not_waited_for(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.then(status(429, {"error": "busy"}, {"Retry-After": "30"}), answer(GOOD))
    took = falls_back(caplog, reading, embedded, config(fake_openai, timeout=5), "HTTP 429", "past the timeout")
    assert took < 2 and len(fake_openai.requests) == 1


@pytest.mark.parametrize("code", [500, 502, 503])
def test_server_errors(
    fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture, code: int
) -> None:
    fake_openai.then(status(code, {"error": {"message": "model crashed"}}))
    falls_back(caplog, reading, embedded, config(fake_openai), f"HTTP {code}", "model crashed")
    assert len(fake_openai.requests) == 1


def test_refused_connection(reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cfg = ModelConfig(f"http://127.0.0.1:{port}/v1", "fake-model", timeout=5)
    took = falls_back(caplog, reading, embedded, cfg, "connection failed")
    assert took < 2


def test_the_log_names_the_model_host_without_credentials(
    reading: Reading, embedded: Analysis, caplog: pytest.LogCaptureFixture
) -> None:
    cfg = ModelConfig("http://reader:s3cret@127.0.0.1:9/v1", "fake-model", timeout=5)
    falls_back(caplog, reading, embedded, cfg, "127.0.0.1:9")
    assert "s3cret" not in caplog.text and "reader" not in writer_warnings(caplog)[0]


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (raw(b"<html><body>502 Bad Gateway</body></html>", "text/html"), "not a chat completion"),
        (raw(b'{"choices": [{"message": {"content": "{\\"thesis\\": 0, \\"argu'), "not a chat completion"),
        (answer("Sure! Here are some great prompts for your circle: 1. Do you like libraries?"), "not a JSON object"),
        (answer(json.dumps(GOOD)[:300], finish_reason="length"), "cut off at max_tokens"),
        (answer(""), "empty answer"),
        (answer("[1, 2, 3]"), "not a JSON object"),
        (raw(b"{" + b" " * 1_100_000 + b"}"), "answer larger than"),
    ],
    ids=["html", "truncated-body", "prose", "truncated-json", "empty", "json-array", "huge"],
)
def test_garbage(
    fake_openai: FakeOpenAI,
    reading: Reading,
    embedded: Analysis,
    caplog: pytest.LogCaptureFixture,
    behaviour: Any,
    reason: str,
) -> None:
    fake_openai.then(behaviour)
    falls_back(caplog, reading, embedded, config(fake_openai), reason)


def test_schema_refused_then_json_mode(fake_openai: FakeOpenAI, reading: Reading, embedded: Analysis) -> None:
    """A server without schema support says so in a 400; the writer asks once more in JSON mode."""
    refusal = {"error": {"message": "response_format type 'json_schema' is not supported", "type": "invalid_request"}}
    fake_openai.then(status(400, refusal), answer(GOOD))
    result = write_with_model(reading.text, reading.title, embedded, config(fake_openai))
    assert result.writer == "model"
    assert [r["response_format"]["type"] for r in fake_openai.requests] == ["json_schema", "json_object"]


@pytest.mark.parametrize(
    ("code", "message"),
    [(404, "model 'fake-model' not found, try pulling it first"), (400, "context length exceeded")],
)
def test_other_client_errors_are_not_retried(
    fake_openai: FakeOpenAI,
    reading: Reading,
    embedded: Analysis,
    caplog: pytest.LogCaptureFixture,
    code: int,
    message: str,
) -> None:
    fake_openai.then(status(code, {"error": {"message": message}}))
    falls_back(caplog, reading, embedded, config(fake_openai), f"HTTP {code}", message)
    assert len(fake_openai.requests) == 1
