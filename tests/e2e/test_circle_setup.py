"""/circle setup and /circle show, end to end: the real bot, a real SQLite file, the fake Discord."""

from __future__ import annotations

from typing import Any

from bot.discordside.client import ReadingCircleBot
from tests.e2e.circle import set_up
from tests.fakediscord import CallbackType, FakeDiscord, Perm, World, running_bot


async def test_manage_server_sets_up_and_show_displays_it(
    fake: FakeDiscord, world: World, bot: ReadingCircleBot
) -> None:
    """The owner sets up a circle; it is stored and /circle show displays channel, slot and zone."""
    result = await set_up(fake, world, weekday="Wednesday", time="19:30")
    assert result.type == CallbackType.MESSAGE and result.ephemeral
    assert "Europe/Berlin" in result.text

    stored = await bot.services.circles.get(world.guild.id)
    assert stored is not None
    assert (stored.channel_id, stored.timezone, stored.weekday, stored.post_time) == (
        world.channel.id,
        "Europe/Berlin",
        2,
        "19:30",
    )
    assert stored.organiser_role_id == world.organiser_role.id

    shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert shown.ephemeral and shown.embeds
    assert "Europe/Berlin" in shown.text
    assert f"<#{world.channel.id}>" in shown.text
    assert "Wednesday" in shown.text and "19:30" in shown.text
    assert fake.messages(world.channel) == []  # nothing public was posted


async def test_member_with_manage_server_role_may_set_up(
    fake: FakeDiscord, world: World, bot: ReadingCircleBot
) -> None:
    """Manage Server granted through a role (not ownership) is enough to set up."""
    admin = fake.add_member(world.guild, "ada-admin", permissions=Perm.MANAGE_GUILD)
    result = await set_up(fake, world, member=admin)
    assert "Europe/Berlin" in result.text
    assert await bot.services.circles.get(world.guild.id) is not None


async def test_plain_member_is_refused_and_nothing_is_stored(
    fake: FakeDiscord, world: World, bot: ReadingCircleBot
) -> None:
    """A member without Manage Server or the organiser role gets an ephemeral refusal; nothing is stored."""
    refused = await set_up(fake, world, member=world.member)
    assert refused.ephemeral
    assert "Manage Server" in refused.content
    assert await bot.services.circles.get(world.guild.id) is None

    shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert shown.ephemeral and "no reading circle" in shown.content


async def test_organiser_role_may_change_the_circle(fake: FakeDiscord, world: World, bot: ReadingCircleBot) -> None:
    """Holders of the circle's organiser role may re-run setup; before it is set they may not."""
    before = await set_up(fake, world, member=world.organiser)
    assert "Manage Server" in before.content

    await set_up(fake, world)
    changed = await set_up(fake, world, member=world.organiser, timezone="America/New_York")
    assert "America/New_York" in changed.text
    stored = await bot.services.circles.get(world.guild.id)
    assert stored is not None and stored.timezone == "America/New_York"


async def test_unknown_time_zone_is_refused_by_name(fake: FakeDiscord, world: World, bot: ReadingCircleBot) -> None:
    """An invalid zone gets an ephemeral error naming it, and no circle is stored."""
    result = await set_up(fake, world, timezone="Mars/Olympus")
    assert result.ephemeral
    assert "Mars/Olympus" in result.content
    assert "time zone" in result.content
    assert await bot.services.circles.get(world.guild.id) is None

    shown = await fake.invoke("circle show", member=world.owner, channel=world.channel)
    assert "no reading circle" in shown.content


async def test_timezone_autocomplete_suggests_matching_zones(
    fake: FakeDiscord, world: World, bot: ReadingCircleBot
) -> None:
    """Typing "Europe/Ber" offers Europe/Berlin, and every suggestion matches what was typed."""
    choices = await fake.autocomplete(
        "circle setup",
        member=world.owner,
        channel=world.channel,
        focused="timezone",
        options={"channel": world.channel, "timezone": "Europe/Ber"},
    )
    values = [c["value"] for c in choices]
    assert "Europe/Berlin" in values
    assert all("ber" in v.lower() for v in values)
    assert len(choices) <= 25


async def test_circle_survives_a_restart(fake: FakeDiscord, world: World, settings: Any) -> None:
    """A second bot on the same database file still shows the circle the first one stored."""
    async with running_bot(fake, settings):
        await set_up(fake, world, weekday="Friday", time="08:15")
    async with running_bot(fake, settings):
        shown = await fake.invoke("circle show", member=world.member, channel=world.channel)
    assert "Europe/Berlin" in shown.text
    assert "Friday" in shown.text and "08:15" in shown.text


async def test_setup_refused_where_the_bot_cannot_post(fake: FakeDiscord, world: World, bot: ReadingCircleBot) -> None:
    """A channel where the bot lacks thread or poll permissions is refused with what to grant; nothing stored."""
    guild = fake.add_guild("Strict Room", owner="sam-owner", bot_permissions=0)
    guild.roles[guild.id].permissions = int(Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.USE_APPLICATION_COMMANDS)
    channel = fake.add_channel(guild, "reading")
    owner = guild.members[guild.owner_id]
    result = await fake.invoke(
        "circle setup", member=owner, channel=channel, options={"channel": channel, "timezone": "Europe/Berlin"}
    )
    assert result.ephemeral
    assert "Create Public Threads" in result.content and "Send Polls" in result.content
    assert await bot.services.circles.get(guild.id) is None
