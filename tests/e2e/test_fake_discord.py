"""Tests of the fake Discord itself, driven by the real discord.py client and a small test cog.

These stay the harness's own tests once the application exists: they prove each route, gateway event
and helper behaves as Discord does, and that validation catches what Discord would refuse.
"""

from __future__ import annotations

import asyncio
import io
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fakediscord import (
    CallbackType,
    FakeDiscord,
    FakeDiscordTimeout,
    Perm,
    SpecMissingWarning,
    World,
    running_bot,
)

ZONES = ["Europe/Berlin", "Europe/Bern", "Europe/London", "America/New_York"]


class Feedback(discord.ui.Modal, title="Feedback"):
    text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(label="Your thoughts", custom_id="feedback:text")

    def __init__(self) -> None:
        super().__init__(custom_id="feedback:modal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks for: {self.text.value}", ephemeral=True)


class Panel(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.joined: list[int] = []

    @discord.ui.button(label="Join", custom_id="panel:join")
    async def join(self, interaction: discord.Interaction, button: discord.ui.Button[Panel]) -> None:
        self.joined.append(interaction.user.id)
        await interaction.response.edit_message(content=f"{len(self.joined)} joined")


class Club(app_commands.Group):
    """A nested group like /circle, to prove subcommand options are built the way Discord nests them."""

    @app_commands.command(name="setup", description="Set up the club")
    @app_commands.choices(weekday=[app_commands.Choice(name=d, value=i) for i, d in enumerate(["Monday", "Tuesday"])])
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        zone: str,
        weekday: app_commands.Choice[int] | None = None,
        role: discord.Role | None = None,
    ) -> None:
        await interaction.response.send_message(
            f"channel={channel.id} zone={zone} weekday={weekday.value if weekday else None} "
            f"role={role.name if role else None}",
            ephemeral=True,
        )

    @setup.autocomplete("zone")
    async def zone_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in ZONES if z.lower().startswith(current.lower())]


class HarnessCog(commands.Cog):
    """Commands exercising each part of the fake; ``seen`` records what listeners observed."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.seen: list[tuple[str, Any]] = []

    @app_commands.command(name="ping", description="Reply ephemerally")
    async def ping(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong", ephemeral=True)

    @app_commands.command(name="slow", description="Defer, then edit and follow up")
    async def slow(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.edit_original_response(content="working…")
        await interaction.edit_original_response(content="done")
        await interaction.followup.send("follow-up", ephemeral=True)

    @app_commands.command(name="announce", description="Post a poll")
    async def announce(self, interaction: discord.Interaction, channel: discord.TextChannel, question: str) -> None:
        poll = discord.Poll(question=question, duration=timedelta(hours=24))
        poll.add_answer(text="Yes").add_answer(text="No").add_answer(text="Unsure")
        message = await channel.send(poll=poll, allowed_mentions=discord.AllowedMentions.none())
        await interaction.response.send_message(f"posted {message.id}", ephemeral=True)

    @app_commands.command(name="end-poll", description="End the last poll in this channel")
    async def end_poll(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        async for message in channel.history(limit=10):
            if message.poll is not None:
                await message.end_poll()
                break
        await interaction.followup.send("ended", ephemeral=True)

    @app_commands.command(name="panel", description="A message with a button")
    async def panel(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("nobody joined yet", view=Panel())

    @app_commands.command(name="feedback", description="Open a modal")
    async def feedback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback())

    @app_commands.command(name="discuss", description="Post and open a thread")
    async def discuss(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        starter = await channel.send("Week 1: discuss here")
        thread = await starter.create_thread(name="Week 1", auto_archive_duration=10080)
        await thread.send("First prompt")
        await interaction.followup.send(f"thread {thread.id}", ephemeral=True)

    @app_commands.command(name="close-threads", description="Archive and lock this channel's threads")
    async def close_threads(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        threads = list(channel.threads)  # archived threads leave the cache as the updates arrive
        for thread in threads:
            await thread.edit(archived=True, locked=True)
        await interaction.response.send_message(f"closed {len(threads)}", ephemeral=True)

    @app_commands.command(name="twice", description="Send the same nonce twice")
    async def twice(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        first = await channel.send("only once", nonce="job-42")
        second = await channel.send("only once", nonce="job-42")
        await interaction.response.send_message(f"{first.id == second.id}", ephemeral=True)

    @app_commands.command(name="upload", description="Send a file")
    async def upload(self, interaction: discord.Interaction) -> None:
        file = discord.File(io.BytesIO(b"col1,col2\n1,2\n"), filename="export.csv")
        await interaction.response.send_message("here", file=file, ephemeral=True)

    @app_commands.command(name="inspect", description="Read an attached file")
    async def inspect(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(f"{file.filename}: {data.decode()}", ephemeral=True)

    @app_commands.command(name="too-long", description="Break the 2000 character limit")
    async def too_long(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        try:
            await channel.send("x" * 2001)
        except discord.HTTPException as exc:
            await interaction.response.send_message(f"refused {exc.status} {exc.code}: {exc.text}", ephemeral=True)

    @app_commands.command(name="long-answer", description="A poll answer over 55 characters")
    async def long_answer(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        poll = discord.Poll(question="Which?", duration=timedelta(hours=1))
        poll.add_answer(text="a" * 60).add_answer(text="b")
        try:
            await channel.send(poll=poll)
        except discord.HTTPException as exc:
            await interaction.response.send_message(f"refused {exc.code}", ephemeral=True)

    @app_commands.command(name="pins", description="Call a route the fake does not implement")
    async def pins(self, interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        try:
            async for _ in channel.pins():
                pass
        except discord.NotFound:
            await interaction.response.send_message("no pins route", ephemeral=True)

    @app_commands.command(name="silent", description="Never answers")
    async def silent(self, interaction: discord.Interaction) -> None:
        return

    @app_commands.command(name="dawdle", description="Answers after the deadline")
    async def dawdle(self, interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.3)  # the bot being slow, not the test synchronising
        try:
            await interaction.response.send_message("too late")
        except discord.NotFound:
            self.seen.append(("late", True))

    @app_commands.command(name="admin-only", description="Needs Manage Server by default")
    @app_commands.default_permissions(manage_guild=True)
    async def admin_only(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("hello admin", ephemeral=True)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not message.author.bot:
            self.seen.append(("message", (message.author.id, message.content)))

    @commands.Cog.listener()
    async def on_raw_poll_vote_add(self, payload: discord.RawPollVoteActionEvent) -> None:
        self.seen.append(("vote", (payload.user_id, payload.answer_id)))

    @commands.Cog.listener()
    async def on_raw_poll_vote_remove(self, payload: discord.RawPollVoteActionEvent) -> None:
        self.seen.append(("unvote", (payload.user_id, payload.answer_id)))


class HarnessBot(commands.Bot):
    def __init__(self, intents: discord.Intents) -> None:
        super().__init__(command_prefix=commands.when_mentioned, intents=intents)
        self.harness = HarnessCog(self)
        self.synced: list[app_commands.AppCommand] = []

    async def setup_hook(self) -> None:
        await self.add_cog(self.harness)
        self.tree.add_command(Club(name="club", description="Club settings"))
        self.synced = await self.tree.sync()


def make_bot(settings: Any = None, *, intents: discord.Intents | None = None) -> HarnessBot:
    return HarnessBot(intents or discord.Intents.default())


@pytest.fixture
async def harness(fake: FakeDiscord, world: World) -> AsyncIterator[HarnessBot]:
    async with running_bot(fake, factory=make_bot) as bot:
        assert isinstance(bot, HarnessBot)
        yield bot


# --- startup --------------------------------------------------------------------------------------


async def test_bot_logs_in_and_sees_the_world(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """The real client logs in, syncs commands, and sees the guild, its channel, roles and itself."""
    guild = harness.get_guild(world.guild.id)
    assert guild is not None and guild.me is not None
    assert guild.get_channel(world.channel.id) is not None
    assert guild.get_role(world.organiser_role.id) is not None
    assert harness.user is not None and harness.user.id == fake.bot_user.id
    calls = [(r.method, r.path) for r in fake.requests]
    assert calls[:2] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
    assert ("PUT", f"/applications/{fake.state.application_id}/commands") in calls
    assert {c.name for c in harness.synced} >= {"ping", "club"}
    assert all(c.id for c in harness.synced)


async def test_json_answers_carry_exact_content_type(fake: FakeDiscord) -> None:
    """JSON answers say exactly application/json, or discord.py would hand its models a string."""
    async with aiohttp.ClientSession() as session:
        url = f"{fake.api_base}/users/@me"
        async with session.get(url, headers={"Authorization": "Bot fake-token"}) as response:
            assert response.headers["Content-Type"] == "application/json"
            assert (await response.json())["id"] == str(fake.bot_user.id)
        async with session.get(url) as response:
            assert response.status == 401


async def test_restart_keeps_commands_and_sees_guilds(fake: FakeDiscord, world: World) -> None:
    """A second bot on the same fake logs in again; command ids stay stable across the re-sync."""
    async with running_bot(fake, factory=make_bot) as first:
        first_ids = {c.name: c.id for c in first.synced}  # type: ignore[attr-defined]
    async with running_bot(fake, factory=make_bot) as second:
        assert {c.name: c.id for c in second.synced} == first_ids  # type: ignore[attr-defined]
        assert second.get_guild(world.guild.id) is not None
        result = await fake.invoke("ping", member=world.member)
        assert result.content == "pong"


async def test_failed_startup_raises_at_once(fake: FakeDiscord, world: World) -> None:
    """A bot whose setup_hook raises fails the test with that error, not with a timeout."""

    class Broken(HarnessBot):
        async def setup_hook(self) -> None:
            raise RuntimeError("database is locked")

    with pytest.raises(RuntimeError, match="database is locked"):
        async with running_bot(fake, factory=lambda settings: Broken(discord.Intents.default())):
            pass


async def test_members_intent_gets_member_chunks(fake: FakeDiscord, world: World) -> None:
    """With the members intent the client requests chunks (op 8) and the fake answers them."""
    intents = discord.Intents.default()
    intents.members = True
    async with running_bot(fake, factory=lambda settings: make_bot(intents=intents)) as bot:
        guild = bot.get_guild(world.guild.id)
        assert guild is not None and guild.chunked
        assert {m.id for m in guild.members} == set(world.guild.members)


async def test_missing_spec_is_announced_and_limits_still_hold(tmp_path: Path) -> None:
    """Without the OpenAPI file the fake warns that it skips the spec, and still enforces the limits in
    docs/ARCHITECTURE.md."""
    server = FakeDiscord(spec_path=tmp_path / "absent.json")
    with pytest.warns(SpecMissingWarning, match="NOT validated"):
        await server.start()
    try:
        channel = server.build_default_world().channel
        async with aiohttp.ClientSession() as session:
            await session.post(
                f"{server.api_base}/channels/{channel.id}/messages",
                json={"poll": {"question": {"text": "Q"}, "answers": [{"poll_media": {"text": "a" * 56}}]}},
                headers={"Authorization": "Bot fake-token"},
            )
        [problem] = server.problems()
        assert "poll.answers.0.poll_media.text: Must be 55 or fewer in length" in problem
    finally:
        await server.close()


# --- interactions ---------------------------------------------------------------------------------


async def test_ephemeral_reply(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A plain reply comes back as callback type 4 with the ephemeral flag."""
    result = await fake.invoke("ping", member=world.member, channel=world.channel)
    assert result.type == CallbackType.MESSAGE
    assert result.ephemeral and result.content == "pong"
    assert fake.messages(world.channel) == []  # ephemeral replies are not channel history


async def test_deferred_reply_edits_and_follow_up(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A deferred command's edits of @original and its follow-up are all visible once invoke returns."""
    result = await fake.invoke("slow", member=world.member)
    assert result.deferred and result.ephemeral
    assert result.content == "done"
    assert [e["content"] for e in result.edits] == ["working…", "done"]
    assert [m.content for m in result.followups] == ["follow-up"]
    assert "follow-up" in result.text


async def test_subcommand_options_are_nested_typed_and_resolved(
    fake: FakeDiscord, world: World, harness: HarnessBot
) -> None:
    """Options of a subcommand are nested, typed from the synced command, and entities resolved."""
    result = await fake.invoke(
        "club setup",
        member=world.organiser,
        options={"channel": world.channel, "zone": "Europe/Berlin", "weekday": "Tuesday", "role": world.organiser_role},
    )
    assert result.content == f"channel={world.channel.id} zone=Europe/Berlin weekday=1 role=Organiser"


async def test_autocomplete_returns_the_bots_choices(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """Autocomplete sends the partial value as focused and returns the choices the bot offered."""
    choices = await fake.autocomplete("club setup", member=world.member, focused="zone", options={"zone": "Europe/Ber"})
    assert [c["value"] for c in choices] == ["Europe/Berlin", "Europe/Bern"]


async def test_invalid_invocations_are_refused_like_the_discord_client(
    fake: FakeDiscord, world: World, harness: HarnessBot
) -> None:
    """Unknown options, choices or missing required ones raise in the test, as no user could send them."""
    with pytest.raises(ValueError, match="no option 'bogus'"):
        await fake.invoke(
            "club setup", member=world.member, options={"channel": world.channel, "zone": "x", "bogus": 1}
        )
    with pytest.raises(ValueError, match="not one of the offered choices"):
        await fake.invoke(
            "club setup", member=world.member, options={"channel": world.channel, "zone": "x", "weekday": "Friday"}
        )
    with pytest.raises(ValueError, match="'zone' is required"):
        await fake.invoke("club setup", member=world.member, options={"channel": world.channel})
    with pytest.raises(ValueError, match="requires a subcommand"):
        await fake.invoke("club", member=world.member)
    with pytest.raises(AssertionError, match="has not synced a command /nope"):
        await fake.invoke("nope", member=world.member)


async def test_default_member_permissions_are_enforced(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A command with default permissions is hidden from members who lack them, unless overridden."""
    with pytest.raises(AssertionError, match="would not show /admin-only"):
        await fake.invoke("admin-only", member=world.member)
    assert (await fake.invoke("admin-only", member=world.owner)).content == "hello admin"
    result = await fake.invoke("admin-only", member=world.member, ignore_default_permissions=True)
    assert result.content == "hello admin"
    manager = fake.add_member(world.guild, "manager", permissions=Perm.MANAGE_GUILD)
    assert (await fake.invoke("admin-only", member=manager)).content == "hello admin"


async def test_button_press_updates_the_message(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """Pressing a button reaches the view, and an update response edits the message in place."""
    panel = await fake.invoke("panel", member=world.organiser)
    assert panel.original is not None and panel.original.custom_ids() == ["panel:join"]
    pressed = await fake.press_button(panel, "panel:join", member=world.member)
    assert pressed.type == CallbackType.UPDATE_MESSAGE
    assert panel.content == "1 joined"
    assert fake.messages(world.channel)[-1].content == "1 joined"


async def test_modal_round_trip(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A modal the bot opens can be submitted with values, which reach the modal's on_submit."""
    opened = await fake.invoke("feedback", member=world.member)
    assert opened.type == CallbackType.MODAL and opened.modal["title"] == "Feedback"
    submitted = await fake.submit_modal("feedback:modal", {"feedback:text": "Great read"})
    assert submitted.content == "thanks for: Great read"


async def test_unanswered_interaction_fails_clearly(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A handler that never answers makes invoke fail with Discord's 'did not respond' meaning."""
    with pytest.raises(FakeDiscordTimeout, match="without answering"):
        await fake.invoke("silent", member=world.member)


async def test_late_answer_is_refused(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """An answer after Discord's deadline gets 'Unknown interaction', recorded as a violation."""
    fake.interaction_deadline = 0.1
    fake.expect_violation("Unknown interaction")
    with pytest.raises(FakeDiscordTimeout, match="too late"):
        await fake.invoke("dawdle", member=world.member)
    assert ("late", True) in harness.harness.seen


# --- channels, messages, threads, polls, files ----------------------------------------------------


async def test_poll_votes_reach_the_bot(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A poll is stored with answer ids 1..n; votes and moved votes reach the bot as gateway events."""
    await fake.invoke("announce", member=world.organiser, options={"channel": world.channel, "question": "Agree?"})
    message = fake.bot_messages(world.channel)[-1]
    assert message.poll is not None and message.poll.question == "Agree?"
    assert [(a.answer_id, a.text) for a in message.poll.answers] == [(1, "Yes"), (2, "No"), (3, "Unsure")]
    await fake.vote(message, 1, member=world.member)
    await fake.vote(message, 2, member=world.member)  # single choice: the vote moves
    assert message.poll.counts() == {1: 0, 2: 1, 3: 0}
    assert harness.harness.seen == [
        ("vote", (world.member.id, 1)),
        ("unvote", (world.member.id, 1)),
        ("vote", (world.member.id, 2)),
    ]


async def test_bot_can_end_its_poll(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """The expire route finalises the poll the bot reads back from channel history."""
    await fake.invoke("announce", member=world.organiser, options={"channel": world.channel, "question": "Q?"})
    result = await fake.invoke("end-poll", member=world.organiser, channel=world.channel)
    assert result.followups[0].content == "ended"
    poll = fake.bot_messages(world.channel)[-1].poll
    assert poll is not None and poll.finalized


async def test_thread_from_message(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A thread started from a message takes the message's id and holds the bot's posts."""
    await fake.invoke("discuss", member=world.organiser, channel=world.channel)
    [thread] = fake.threads(world.channel)
    starter = fake.bot_messages(world.channel)[-1]
    assert thread.id == starter.id and thread.name == "Week 1" and thread.auto_archive_duration == 10080
    assert [m.content for m in fake.messages(thread)] == ["First prompt"]
    assert harness.get_channel(thread.id) is not None  # THREAD_CREATE reached the client
    closed = await fake.invoke("close-threads", member=world.organiser, channel=world.channel)
    assert closed.content == "closed 1"
    assert thread.archived and thread.locked


async def test_member_messages_reach_listeners_without_content(
    fake: FakeDiscord, world: World, harness: HarnessBot
) -> None:
    """MESSAGE_CREATE reaches on_message, with content blanked as for a bot without the privileged intent."""
    await fake.post_message(world.channel, world.member, "I think the author is right")
    assert harness.harness.seen == [("message", (world.member.id, ""))]
    assert fake.messages(world.channel)[-1].content == "I think the author is right"


async def test_enforced_nonce_sends_once(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A repeated send with the same nonce returns the first message instead of posting twice."""
    result = await fake.invoke("twice", member=world.organiser, channel=world.channel)
    assert result.content == "True"
    assert [m.content for m in fake.messages(world.channel)] == ["only once"]
    assert len(fake.nonce_hits) == 1


async def test_uploaded_files_are_served_from_the_cdn(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """Multipart uploads become attachments whose URLs the fake serves."""
    result = await fake.invoke("upload", member=world.member)
    [attachment] = result.original.attachments if result.original else []
    assert attachment.filename == "export.csv"
    async with aiohttp.ClientSession() as session, session.get(attachment.url) as response:
        assert await response.read() == b"col1,col2\n1,2\n"


async def test_attachment_option_is_readable_by_the_bot(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A pre-registered attachment passed as an option resolves, and the bot downloads it from the CDN."""
    upload = fake.add_attachment("reading.md", b"# A short essay")
    result = await fake.invoke("inspect", member=world.organiser, options={"file": upload})
    assert result.content == "reading.md: # A short essay"


# --- validation and problem reporting -------------------------------------------------------------


async def test_too_long_content_gets_invalid_form_body(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """Content over 2000 characters answers 400 / 50035 with Discord's nested errors, and is recorded."""
    fake.expect_violation("content")
    result = await fake.invoke("too-long", member=world.member, channel=world.channel)
    assert result.content.startswith("refused 400 50035")
    assert "In content: Must be 2000 or fewer in length." in result.content
    assert fake.messages(world.channel) == []


async def test_poll_answer_limit_from_design_is_enforced(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A poll answer over 55 characters is refused although the spec allows 300."""
    fake.expect_violation("poll.answers.0.poll_media.text")
    result = await fake.invoke("long-answer", member=world.member, channel=world.channel)
    assert result.content == "refused 50035"


async def test_unhandled_route_is_recorded(fake: FakeDiscord, world: World, harness: HarnessBot) -> None:
    """A route the fake lacks answers 404 and is listed as unhandled."""
    fake.expect_unhandled("/pins")
    result = await fake.invoke("pins", member=world.member, channel=world.channel)
    assert result.content == "no pins route"
    assert [r.path for r in fake.unhandled] == [f"/channels/{world.channel.id}/messages/pins"]


async def test_problems_are_reported_unless_expected() -> None:
    """Violations fail a test unless expected; an expectation that never happens fails it too."""
    server = FakeDiscord()
    await server.start()
    try:
        channel = server.build_default_world().channel
        async with aiohttp.ClientSession() as session:
            await session.post(
                f"{server.api_base}/channels/{channel.id}/messages",
                data=json.dumps({"content": "x" * 2001}),
                headers={"Authorization": "Bot fake-token", "Content-Type": "application/json"},
            )
        [problem] = server.problems()
        assert "Discord would refuse" in problem and "content" in problem
        server.expect_violation("content")
        server.expect_unhandled()
        assert server.problems() == ["expected a unhandled, but none happened"]
    finally:
        await server.close()


INNER_TESTS = """
import aiohttp

async def _call(fake, method, path, body=None):
    async with aiohttp.ClientSession() as session:
        await session.request(method, fake.api_base + path, json=body, headers={"Authorization": "Bot fake-token"})

async def test_unhandled(fake):
    await _call(fake, "GET", "/channels/1/messages/pins")

async def test_violation(fake):
    channel = fake.build_default_world().channel
    await _call(fake, "POST", f"/channels/{channel.id}/messages", {"content": "x" * 2001})

async def test_declared(fake):
    fake.expect_unhandled("/pins")
    await _call(fake, "GET", "/channels/1/messages/pins")
"""


def test_fixture_fails_tests_that_discord_would_refuse(tmp_path: Path) -> None:
    """Through real pytest runs: unexpected unhandled routes and violations fail the test; declared ones pass."""
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(INNER_TESTS))
    project = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "tests.conftest",
            "-o",
            "asyncio_mode=auto",
            "-o",
            "asyncio_default_fixture_loop_scope=function",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_inner.py"),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = run.stdout + run.stderr
    # no ", N errors": each problem is reported once, as a failure of its test, not again at teardown
    assert re.search(r"\b2 failed, 1 passed(, \d+ warnings?)? in ", out), out
    assert "route not implemented by the fake: GET /channels/1/messages/pins" in out
    assert "Discord would refuse: POST /channels/" in out and "Must be 2000 or fewer in length" in out
