"""The model writer from Discord: the real bot and its reading worker, the fake Discord, and a fake
OpenAI-compatible server on 127.0.0.1 standing in for the organiser's model.

The preview names the writer and offers Rewrite with the model / Use the embedded prompts; both work on
the stored draft without fetching the link again; a failing or slow model still gives a preview; a circle
that turned the model off sends it nothing; and with no model configured nothing changes.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.config import Settings
from tests.clock import FakeClock
from tests.e2e.circle import SAMPLE, set_up
from tests.fakediscord import FakeDiscord, World, running_bot
from tests.fakeopenai import FakeOpenAI, answer, hang, status
from tests.pages import article, serving
from tests.writer.answers import GOOD, POLLS, PROMPTS

MONDAY = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SLOW = 60.0  # seconds for an interaction that runs the reading worker (and a model) on a busy machine
REWRITE, EMBEDDED = "Rewrite with the model", "Use the embedded prompts"


@pytest.fixture
def with_model(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    return dataclasses.replace(settings, llm_base_url=fake_openai.base_url, llm_model="fake-model", llm_timeout=10)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY)


@pytest.fixture
async def page() -> AsyncIterator[tuple[str, list[str]]]:
    """The sample reading as a web page on 127.0.0.1: its address, and a list that grows with each fetch."""
    html = article("Libraries", [p for p in SAMPLE.split("\n\n") if p.strip() and not p.startswith("#")])
    async with serving(html, "/libraries") as served:
        yield served


async def add(fake: FakeDiscord, world: World, **options: Any) -> Any:
    options.setdefault("title", "Why libraries matter")
    if "url" not in options:
        options.setdefault("text", SAMPLE)
    result = await fake.invoke(
        "reading add", member=world.organiser, channel=world.channel, options=options, timeout=SLOW
    )
    assert result.ephemeral and "Queue it" in labels(result), result.text
    return result


def labels(result: Any) -> list[str]:
    return [c["label"] for row in result.components for c in row.get("components", []) if "label" in c]


async def press(fake: FakeDiscord, world: World, result: Any, label: str) -> Any:
    buttons = {c["label"]: c["custom_id"] for row in result.components for c in row.get("components", [])}
    return await fake.press_button(result, buttons[label], member=world.organiser, timeout=SLOW)


async def test_preview_names_the_writer_and_both_buttons_rewrite_the_stored_draft(
    fake: FakeDiscord,
    world: World,
    with_model: Settings,
    fake_openai: FakeOpenAI,
    clock: FakeClock,
    page: tuple[str, list[str]],
) -> None:
    """A linked reading is written by the model; Use the embedded prompts and Rewrite with the model each
    run the worker again on the stored text (the link is fetched once); an edit on top is what the week posts."""
    url, fetched = page
    fake_openai.then(answer(GOOD))
    async with running_bot(fake, dataclasses.replace(with_model, allow_private_urls=True), clock=clock) as bot:
        await set_up(fake, world)
        preview = await add(fake, world, url=url)
        assert "Prompts and polls written by the model." in preview.text
        assert PROMPTS[0] in preview.text and POLLS[0]["question"] in preview.text
        assert labels(preview) == ["Queue it", "Edit prompts", REWRITE, EMBEDDED, "Discard"]
        asked = fake_openai.requests[0]["messages"][-1]["content"]

        await press(fake, world, preview, EMBEDDED)
        assert "Back to the embedded prompts" in preview.content
        assert "written by the embedded writer" in preview.text and PROMPTS[0] not in preview.text
        assert len(fake_openai.requests) == 1
        assert all(not c.get("disabled") for row in preview.components for c in row["components"])

        await press(fake, world, preview, REWRITE)
        assert "Rewritten by the model" in preview.content and PROMPTS[0] in preview.text
        assert len(fake_openai.requests) == 2
        assert fake_openai.requests[1]["messages"][-1]["content"] == asked  # the same text, title and passages
        assert fetched == ["/libraries"]

        # the organiser edits the model's first prompt, then queues: the week posts exactly that
        modal = await press(fake, world, preview, "Edit prompts")
        prompts_id, questions_id = [row["components"][0]["custom_id"] for row in modal.modal["components"]]
        questions = modal.modal["components"][1]["components"][0].get("value", "")
        edited = "Would your town notice within a week if its library closed?"
        await fake.submit_modal(
            modal.modal["custom_id"],
            {prompts_id: "\n".join([edited, *PROMPTS[1:]]), questions_id: questions},
            member=world.organiser,
        )
        await press(fake, world, preview, "Queue it")
        await fake.invoke("reading post-now", member=world.organiser, channel=world.channel)
        await bot.services.runner.until_idle()
        await clock.advance_to(clock.now() + timedelta(days=7))
        await bot.services.runner.until_idle()
    threads = fake.threads(world.channel)
    posted = fake.bot_messages(threads[0])
    prompts = [m.content for m in posted if not m.poll and not m.content.startswith("Recap")]
    assert prompts == [edited, PROMPTS[1]]
    assert POLLS[0]["question"] in [m.poll.question for m in posted if m.poll]
    assert len(fake_openai.requests) == 2  # queueing and posting ask the model nothing


async def test_a_failing_model_still_gives_a_preview(
    fake: FakeDiscord, world: World, with_model: Settings, fake_openai: FakeOpenAI
) -> None:
    """A 500 from the model: the preview comes with the embedded writer's prompts, and may be rewritten."""
    fake_openai.then(status(500, {"error": {"message": "the model fell over"}}), answer(GOOD))
    async with running_bot(fake, with_model):
        await set_up(fake, world)
        preview = await add(fake, world)
        assert "written by the embedded writer" in preview.text and REWRITE in labels(preview)
        await press(fake, world, preview, REWRITE)
    assert "Rewritten by the model" in preview.content and PROMPTS[0] in preview.text
    assert len(fake_openai.requests) == 2


async def test_a_slow_model_falls_back_within_the_widened_limit(
    fake: FakeDiscord, world: World, with_model: Settings, fake_openai: FakeOpenAI
) -> None:
    """A model that never answers, with a timeout longer than the worker's own limit: the worker's limit
    grows by the model's timeout, so the writer gives up first and the reading is previewed, not failed."""
    fake_openai.then(hang(fake_openai, 120, answer(GOOD)))
    slow = dataclasses.replace(with_model, worker_timeout_seconds=4, llm_timeout=5)
    async with running_bot(fake, slow):
        await set_up(fake, world)
        preview = await add(fake, world)
        assert "written by the embedded writer" in preview.text
        await press(fake, world, preview, REWRITE)
    assert "The model gave nothing usable in time" in preview.content
    assert "written by the embedded writer" in preview.text and len(fake_openai.requests) == 2


async def test_a_circle_that_turns_the_model_off_sends_it_nothing(
    fake: FakeDiscord, world: World, with_model: Settings, fake_openai: FakeOpenAI
) -> None:
    """/circle show says where readings go; /circle model off (organisers only) means no request at all,
    not even from a preview made while it was on."""
    fake_openai.then(answer(GOOD))
    host = f"127.0.0.1:{fake_openai.port}"
    async with running_bot(fake, with_model):
        await set_up(fake, world)
        shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
        assert f"each reading's text is sent to {host}" in shown.text

        refused = await fake.invoke(
            "circle model", member=world.member, channel=world.channel, options={"state": "off"}
        )
        assert "organiser" in refused.content

        preview = await add(fake, world)
        assert "written by the model" in preview.text and len(fake_openai.requests) == 1
        off = await fake.invoke("circle model", member=world.organiser, channel=world.channel, options={"state": "off"})
        assert "not sent" in off.content
        pressed = await press(fake, world, preview, REWRITE)
        assert "The model writer is off for this circle" in pressed.text
        assert "written by the model" in preview.text  # the draft is unchanged

        later = await add(fake, world, title="Libraries again")
        assert "written by the embedded writer" in later.text
        assert REWRITE not in labels(later) and EMBEDDED not in labels(later)
        shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
        assert f"readings are not sent to the model at {host}" in shown.text
    assert len(fake_openai.requests) == 1


async def test_no_model_configured_changes_nothing(
    fake: FakeDiscord, world: World, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No LLM_* settings: no rewrite buttons, no word of a model in /circle show, and the bot process never
    imports the model writer (tests elsewhere in this run may have: they are forgotten here first)."""
    for name in [m for m in sys.modules if m == "bot.writer" or m.startswith("bot.writer.")]:
        monkeypatch.delitem(sys.modules, name)
    async with running_bot(fake, settings):
        await set_up(fake, world)
        preview = await add(fake, world)
        assert labels(preview) == ["Queue it", "Edit prompts", "Discard"]
        assert "written by the embedded writer" in preview.text
        shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
        assert "Prompt writer" not in shown.text and "model" not in shown.text
        saved = await fake.invoke(
            "circle model", member=world.organiser, channel=world.channel, options={"state": "on"}
        )
        assert "no model configured" in saved.content
    assert not [m for m in sys.modules if m.startswith("bot.writer")]


async def test_rewriting_needs_the_organiser_who_asked(
    fake: FakeDiscord, world: World, with_model: Settings, fake_openai: FakeOpenAI
) -> None:
    """The rewrite buttons belong to the preview's organiser: the service refuses anyone else, and a
    circle member who is no organiser (any more) cannot send the text to the model."""
    from bot.circles import Actor
    from bot.errors import UserError

    fake_openai.then(answer(GOOD))
    async with running_bot(fake, with_model) as bot:
        await set_up(fake, world)
        await add(fake, world)
        service = bot.services.readings
        (draft_id,) = [r["id"] for r in await bot.services.db.fetchall("SELECT id FROM readings")]
        stranger = Actor(world.member.id, frozenset(), manage_guild=False)
        with pytest.raises(UserError, match="Only the organiser who added"):
            await service.rewrite_draft(stranger, draft_id, with_model, with_model=True)
        demoted = Actor(world.organiser.id, frozenset(), manage_guild=False)
        with pytest.raises(UserError, match="organiser"):
            await service.rewrite_draft(demoted, draft_id, with_model, with_model=True)
    assert len(fake_openai.requests) == 1


async def test_a_text_without_arguments_offers_no_rewrite(
    fake: FakeDiscord, world: World, with_model: Settings, fake_openai: FakeOpenAI
) -> None:
    """A shopping list has nothing for a writer to choose from: the organiser writes its prompts, so the
    model is not asked (the text goes nowhere) and the preview offers no rewrite."""
    fake_openai.then(answer(GOOD))
    shopping = "\n".join(f"- {n} bags of flour, eggs, milk, butter, sugar and salt" for n in range(1, 12))
    async with running_bot(fake, with_model):
        await set_up(fake, world)
        preview = await add(fake, world, title="List", text=shopping)
    assert "no arguable claim" in preview.text
    assert labels(preview) == ["Queue it", "Edit prompts", "Discard"]
    assert fake_openai.requests == []
