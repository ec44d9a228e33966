"""Forum posts, threads, deleted channels and missing permissions in the fake, driven by the real client."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import discord
import pytest
from discord.ext import commands

from tests.fakediscord import ChannelType, FakeDiscord, World, running_bot


class Recorder(commands.Bot):
    """A bare client that notes the gateway events these tests are about."""

    def __init__(self) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.default())
        self.seen: list[tuple[str, Any]] = []

    async def on_thread_create(self, thread: discord.Thread) -> None:
        self.seen.append(("thread_create", thread.id))

    async def on_message(self, message: discord.Message) -> None:
        self.seen.append(("message", message.id))

    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        self.seen.append(("thread_delete", payload.thread_id))

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        self.seen.append(("channel_delete", channel.id))


@pytest.fixture
async def client(fake: FakeDiscord, world: World) -> AsyncIterator[Recorder]:
    async with running_bot(fake, factory=lambda settings: Recorder()) as bot:
        assert isinstance(bot, Recorder)
        yield bot


def channel_of(bot: commands.Bot, channel_id: int) -> Any:
    channel = bot.get_channel(channel_id)
    assert channel is not None, f"the client has no channel {channel_id}"
    return channel


# --- forums ---------------------------------------------------------------------------------------


async def test_forum_post_is_a_thread_whose_first_message_shares_its_id(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    forum = fake.add_channel(world.guild, "readings", type=ChannelType.FORUM)
    await fake.flush()
    forum_channel = channel_of(client, forum.id)
    assert isinstance(forum_channel, discord.ForumChannel)
    created = await forum_channel.create_thread(
        name="Week 1: On Liberty",
        content="This week's reading",
        embed=discord.Embed(title="On Liberty", description="The thesis"),
        file=discord.File(io.BytesIO(b"%PDF-1.4"), filename="reading.pdf"),
        allowed_mentions=discord.AllowedMentions.none(),
        auto_archive_duration=10080,
    )
    thread, message = created.thread, created.message
    assert thread.id == message.id and thread.parent_id == forum.id
    assert thread.type is discord.ChannelType.public_thread
    [stored] = fake.threads(forum)
    assert stored.type == ChannelType.PUBLIC_THREAD and stored.name == "Week 1: On Liberty"
    assert stored.auto_archive_duration == 10080 and stored.message_count == 0
    [starter] = fake.messages(stored)
    assert starter.id == thread.id and starter.content == "This week's reading"
    assert starter.embeds[0]["title"] == "On Liberty" and starter.attachments[0].filename == "reading.pdf"
    assert client.seen == [("thread_create", thread.id), ("message", thread.id)]
    await thread.send("Day 1 prompt")
    assert [m.content for m in fake.messages(stored)] == ["This week's reading", "Day 1 prompt"]


async def test_forum_posts_are_validated_and_a_forum_takes_no_plain_messages(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    forum = fake.add_channel(world.guild, "readings", type=ChannelType.FORUM)
    await fake.flush()
    fake.expect_violation("message.content")
    fake.expect_violation("non-text channel")
    forum_channel = channel_of(client, forum.id)
    with pytest.raises(discord.HTTPException) as too_long:
        await forum_channel.create_thread(name="Week 1", content="x" * 2001)
    assert too_long.value.code == 50035
    with pytest.raises(discord.HTTPException) as plain:
        await client.http.send_message(forum.id, params=discord.http.handle_message_parameters(content="hi"))
    assert plain.value.code == 50008
    assert fake.threads(forum) == []


# --- threads on messages --------------------------------------------------------------------------


async def test_a_message_carries_its_thread_and_takes_no_second_one(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    channel = channel_of(client, world.channel.id)
    starter = await channel.send("Week 1")
    thread = await starter.create_thread(name="Week 1 discussion")
    fetched = await channel.fetch_message(starter.id)
    assert fetched.thread is not None and fetched.thread.id == thread.id == starter.id
    [from_history] = [m async for m in channel.history(limit=5)]
    assert from_history.thread is not None and from_history.thread.name == "Week 1 discussion"
    with pytest.raises(discord.HTTPException) as again:
        await starter.create_thread(name="Week 1 again")
    assert again.value.status == 400 and again.value.code == 160004
    assert len(fake.threads(world.channel)) == 1


async def test_history_pages_with_before_after_and_limit(fake: FakeDiscord, world: World, client: Recorder) -> None:
    """Over two of discord.py's 100-message pages, oldest first and newest first, bounded both ways."""
    stored = [fake.state.create_message(world.channel, world.member.user, {"content": f"m{i}"}) for i in range(230)]
    channel = channel_of(client, world.channel.id)
    oldest_first = [m.content async for m in channel.history(limit=None, oldest_first=True)]
    assert oldest_first == [f"m{i}" for i in range(230)]
    newest_first = [m.content async for m in channel.history(limit=150)]
    assert newest_first == [f"m{i}" for i in range(229, 79, -1)]
    after = [m.content async for m in channel.history(after=stored[9], limit=120, oldest_first=True)]
    assert after == [f"m{i}" for i in range(10, 130)]
    between = [m.content async for m in channel.history(after=stored[99], before=stored[210], limit=None)]
    assert between == [f"m{i}" for i in range(100, 210)]  # with after, discord.py defaults to oldest first


# --- deleted channels and threads -----------------------------------------------------------------


async def test_deleted_thread_and_channel_answer_unknown_channel(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    channel = channel_of(client, world.channel.id)
    starter = await channel.send("Week 1")
    thread = await starter.create_thread(name="Week 1")
    [stored_thread] = fake.threads(world.channel)
    await fake.delete_channel(stored_thread)
    assert ("thread_delete", thread.id) in client.seen
    with pytest.raises(discord.NotFound) as gone:
        await thread.send("Day 1 prompt")
    assert gone.value.code == 10003
    await fake.delete_channel(world.channel)
    assert ("channel_delete", world.channel.id) in client.seen
    assert client.get_channel(world.channel.id) is None
    with pytest.raises(discord.NotFound) as deleted:
        await client.http.send_message(world.channel.id, params=discord.http.handle_message_parameters(content="x"))
    assert deleted.value.code == 10003 and deleted.value.text == "Unknown Channel"


# --- permissions ----------------------------------------------------------------------------------


async def test_an_overwrite_denying_the_bot_refuses_its_posts_and_permissions_for_agrees(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    channel = channel_of(client, world.channel.id)
    me = channel.guild.me
    assert channel.permissions_for(me).send_messages
    await fake.set_permissions(world.channel, fake.bot_role(world.guild), deny=discord.Permissions(send_messages=True))
    assert not channel.permissions_for(me).send_messages and channel.permissions_for(me).view_channel
    with pytest.raises(discord.Forbidden) as refused:
        await channel.send("Week 1")
    assert refused.value.code == 50013
    await fake.set_permissions(world.channel, fake.bot_role(world.guild))  # overwrite removed
    assert channel.permissions_for(me).send_messages
    await channel.send("Week 1")
    await fake.set_permissions(world.channel, world.guild.everyone, deny=discord.Permissions(view_channel=True))
    assert not channel.permissions_for(me).view_channel
    with pytest.raises(discord.Forbidden) as hidden:
        await channel.send("Week 2")
    assert hidden.value.code == 50001 and hidden.value.text == "Missing Access"
    assert [m.content for m in fake.messages(world.channel)] == ["Week 1"]
    assert fake.invalid_requests == 2


async def test_a_role_edit_removing_polls_and_threads_is_enforced(
    fake: FakeDiscord, world: World, client: Recorder
) -> None:
    """A role edit: the bot's role loses Send Polls and Create Public Threads; a member overwrite gives one back."""
    channel = channel_of(client, world.channel.id)
    role = fake.bot_role(world.guild)
    everyone = discord.Permissions(world.guild.everyone.permissions)
    await fake.edit_role(world.guild.everyone, permissions=discord.Permissions.none())
    await fake.edit_role(role, permissions=discord.Permissions(view_channel=True, send_messages=True))
    me = channel.guild.me
    assert not channel.permissions_for(me).send_polls and not channel.permissions_for(me).create_public_threads
    poll = discord.Poll(question="Agree?", duration=timedelta(hours=24))
    poll.add_answer(text="Yes").add_answer(text="No")
    with pytest.raises(discord.Forbidden):
        await channel.send(poll=poll)
    starter = await channel.send("Week 1")
    with pytest.raises(discord.Forbidden):
        await starter.create_thread(name="Week 1")
    bot_member = world.guild.members[fake.bot_user.id]
    await fake.set_permissions(world.channel, bot_member, allow=discord.Permissions(create_public_threads=True))
    assert channel.permissions_for(me).create_public_threads
    await starter.create_thread(name="Week 1")
    await fake.edit_role(world.guild.everyone, permissions=everyone)
    assert [t.name for t in fake.threads(world.channel)] == ["Week 1"]
