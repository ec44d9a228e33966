"""What most end-to-end tests do first: set up the default world's circle and queue a reading in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fakediscord import FakeDiscord, InteractionResult, Member, World

SAMPLE = (Path(__file__).resolve().parents[2] / "data" / "samples" / "libraries.md").read_text(encoding="utf-8")


async def set_up(fake: FakeDiscord, world: World, *, member: Member | None = None, **options: Any) -> InteractionResult:
    """/circle setup as ``member`` (the owner unless given): Mondays 18:00 in Berlin in the world's channel,
    its organiser role; ``options`` add to or override those."""
    chosen = {
        "channel": world.channel,
        "timezone": "Europe/Berlin",
        "weekday": "Monday",
        "time": "18:00",
        "organiser_role": world.organiser_role,
    } | options
    return await fake.invoke("circle setup", member=member or world.owner, channel=world.channel, options=chosen)


async def add_and_queue(fake: FakeDiscord, world: World, **options: Any) -> InteractionResult:
    """/reading add as the organiser (the sample reading pasted unless a source is given), then Queue it on
    the preview; returns the preview's result."""
    options.setdefault("title", "Libraries")
    if not {"url", "file", "text"} & set(options):
        options["text"] = SAMPLE
    result = await fake.invoke("reading add", member=world.organiser, channel=world.channel, options=options)
    assert result.ephemeral, result
    assert result.original is not None and "Queue it" in str(result.components), result.text
    await fake.press_button(result, result.original.custom_ids()[0], member=world.organiser)
    return result
