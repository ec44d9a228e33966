"""The fake's rate limits, injected failures and invalid-request count, against the real discord.py client.

discord.py 2.7 (discord/http.py) waits ``retry_after`` on a 429 and retries, holding every request while a
global limit lasts; it retries a 500/502/504 after 1, 3, 5… seconds and raises at once on 403, 404 and
503. These tests pin the fake's answers to what makes the client behave as it does against Discord.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
from discord.ext import commands

from tests.fakediscord import FakeDiscord, World, running_bot
from tests.fakediscord.limits import BAN_THRESHOLD


def plain_bot(settings: object = None) -> commands.Bot:
    return commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents.default())


@pytest.fixture
async def client(fake: FakeDiscord, world: World) -> AsyncIterator[commands.Bot]:
    async with running_bot(fake, factory=plain_bot) as bot:
        yield bot


def text_channel(bot: commands.Bot, channel_id: int) -> discord.TextChannel:
    channel = bot.get_channel(channel_id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_global_limit_answers_429_as_discord(fake: FakeDiscord, world: World) -> None:
    """Past the limit: Discord's 429 body and headers; interaction callbacks stay exempt."""
    fake.set_global_rate(2, window=60)
    headers = {"Authorization": "Bot fake-token"}
    async with aiohttp.ClientSession() as session:
        for _ in range(2):
            async with session.get(f"{fake.api_base}/users/@me", headers=headers) as response:
                assert response.status == 200
        async with session.get(f"{fake.api_base}/users/@me", headers=headers) as response:
            assert response.status == 429
            assert response.headers["Content-Type"] == "application/json"
            assert response.headers["X-RateLimit-Global"] == "true"
            assert response.headers["X-RateLimit-Scope"] == "global"
            assert int(response.headers["Retry-After"]) >= 1
            body = await response.json()
        async with session.post(f"{fake.api_base}/interactions/1/token/callback", json={"type": 1}) as response:
            assert response.status == 404  # exempt from the global limit: it reached the route (unknown interaction)
    assert body["message"] == "You are being rate limited." and body["global"] is True and body["code"] == 0
    assert 59 < body["retry_after"] <= 60
    assert fake.rate_limited == 1 and fake.invalid_requests == 1


async def test_discord_py_waits_out_the_global_limit_and_posts_each_message_once(
    fake: FakeDiscord, world: World, client: commands.Bot
) -> None:
    channels = [fake.add_channel(world.guild, f"circle-{i}") for i in range(12)]
    await fake.flush()
    fake.set_global_rate(4, window=0.2)
    started = fake.loop_time()
    await asyncio.gather(*(text_channel(client, c.id).send(f"week 1 in {c.name}") for c in channels))
    elapsed = fake.loop_time() - started
    assert [[m.content for m in fake.messages(c)] for c in channels] == [[f"week 1 in {c.name}"] for c in channels]
    assert fake.rate_limited > 0
    assert fake.invalid_requests == fake.rate_limited
    accepted = [r for r in fake.requests if r.method == "POST" and r.status == 200]
    assert len(accepted) == 12
    assert elapsed >= 0.2 * (12 // 4 - 1)  # three windows' worth of requests cannot fit in less than two


async def test_injected_permission_and_unknown_channel_errors(
    fake: FakeDiscord, world: World, client: commands.Bot
) -> None:
    """fail_next makes matching requests fail once each, as Discord would; they are not violations."""
    channel = text_channel(client, world.channel.id)
    fake.fail_next("POST", r"/channels/\d+/messages$", 403)
    fake.fail_next("POST", r"/channels/\d+/messages$", 404)
    with pytest.raises(discord.Forbidden) as forbidden:
        await channel.send("first try")
    assert forbidden.value.code == 50013 and forbidden.value.text == "Missing Permissions"
    with pytest.raises(discord.NotFound) as missing:
        await channel.send("second try")
    assert missing.value.code == 10003 and missing.value.text == "Unknown Channel"
    await channel.send("third try")
    assert [m.content for m in fake.messages(world.channel)] == ["third try"]
    assert [r.injected for r in fake.requests if r.method == "POST"] == [True, True, False]
    assert fake.invalid_requests == 1  # the 403; a 404 is not an invalid request
    assert fake.problems() == []


async def test_route_rate_limit_is_waited_out_and_posts_once(
    fake: FakeDiscord, world: World, client: commands.Bot
) -> None:
    fake.fail_next("POST", r"/messages$", 429, retry_after=0.05, times=2)
    await text_channel(client, world.channel.id).send("once")
    assert [m.content for m in fake.messages(world.channel)] == ["once"]
    assert fake.rate_limited == 2


async def test_server_errors_retry_or_raise_as_discord_py_does(
    fake: FakeDiscord, world: World, client: commands.Bot
) -> None:
    """A 500 is retried (after 1 s) and succeeds; a 503 raises DiscordServerError at once."""
    channel = text_channel(client, world.channel.id)
    fake.fail_next("POST", r"/messages$", 500)
    await channel.send("after one retry")
    fake.fail_next("*", r"/messages$", 503)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("never")
    assert [m.content for m in fake.messages(world.channel)] == ["after one retry"]
    assert fake.invalid_requests == 0


async def test_unreached_failure_and_a_ban_are_problems() -> None:
    """A fail_next nobody hit fails the test; so do 10,000 invalid requests in ten minutes."""
    server = FakeDiscord()
    await server.start()
    try:
        server.fail_next("DELETE", r"/channels/\d+$", 403)
        for second in range(BAN_THRESHOLD):
            server.invalid.record(429, second * 0.05)
        problems = server.problems()
        assert any("no request matched it" in p and "DELETE" in p for p in problems)
        assert any("Discord would ban the bot: 10000 invalid requests" in p for p in problems)
    finally:
        await server.close()


async def test_invalid_requests_are_counted_in_a_rolling_window() -> None:
    server = FakeDiscord()
    server.invalid.record(403, 0.0)
    server.invalid.record(404, 1.0)
    server.invalid.record(401, 2.0)
    server.invalid.record(429, 700.0)
    assert server.invalid_requests == 3 and server.rate_limited == 1
    assert server.invalid.peak == 2  # the first fell out of the window before the last
