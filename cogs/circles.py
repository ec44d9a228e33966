"""/circle setup and /circle show: the adapter between Discord and ``bot.circles``."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import ReadingCircleBot
from bot.circles import WEEKDAYS, Actor, Circle, configure
from bot.errors import UserError
from bot.permissions import REQUIRED_PERMISSIONS, missing_permissions
from bot.timezones import suggest_timezones

WEEKDAY_CHOICES = [app_commands.Choice(name=name, value=i) for i, name in enumerate(WEEKDAYS)]


def actor_of(interaction: discord.Interaction) -> Actor:
    member = interaction.user
    roles = frozenset(r.id for r in getattr(member, "roles", ()))
    manage = bool(getattr(member, "guild_permissions", None) and member.guild_permissions.manage_guild)
    return Actor(user_id=member.id, role_ids=roles, manage_guild=manage)


def circle_embed(circle: Circle) -> discord.Embed:
    def role(role_id: int | None, fallback: str) -> str:
        return f"<@&{role_id}>" if role_id else fallback

    embed = discord.Embed(title="Reading circle", colour=discord.Colour.blurple())
    embed.add_field(name="Channel", value=f"<#{circle.channel_id}>")
    embed.add_field(name="Weekly slot", value=f"{circle.weekday_name}s at {circle.post_time}")
    embed.add_field(name="Time zone", value=circle.timezone)
    embed.add_field(name="Members", value=role(circle.member_role_id, "everyone who can see the channel"))
    embed.add_field(name="Organisers", value=role(circle.organiser_role_id, "Manage Server only"))
    embed.add_field(name="Moderators", value=role(circle.moderator_role_id, "organisers only"))
    return embed


class Circles(commands.Cog):
    circle = app_commands.Group(
        name="circle", description="Set up and view this server's reading circle", guild_only=True
    )

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot

    @circle.command(name="setup", description="Create or change the reading circle: its channel and weekly slot")
    @app_commands.describe(
        channel="Where readings and discussion threads are posted",
        timezone="Your time zone, e.g. Europe/Berlin (start typing to search)",
        weekday="Day of the weekly reading post (default Monday)",
        time="Local time of the weekly post, 24-hour HH:MM (default 18:00)",
        member_role="Who counts as a member (default: everyone who can see the channel)",
        organiser_role="Who may queue readings and change the circle (Manage Server always may)",
        moderator_role="Who may see participation summaries",
    )
    @app_commands.choices(weekday=WEEKDAY_CHOICES)
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        timezone: app_commands.Range[str, 1, 64],
        weekday: app_commands.Choice[int] | None = None,
        time: app_commands.Range[str, 1, 8] | None = None,
        member_role: discord.Role | None = None,
        organiser_role: discord.Role | None = None,
        moderator_role: discord.Role | None = None,
    ) -> None:
        existing = await self.bot.circles.get(interaction.guild_id)
        circle = configure(
            existing,
            actor_of(interaction),
            guild_id=interaction.guild_id,
            channel_id=channel.id,
            timezone=timezone,
            now=self.bot.clock.now(),
            weekday=weekday.value if weekday else None,
            post_time=time,
            member_role_id=member_role.id if member_role else None,
            organiser_role_id=organiser_role.id if organiser_role else None,
            moderator_role_id=moderator_role.id if moderator_role else None,
        )
        self._check_bot_can_post(interaction, channel)
        circle = await self.bot.circles.save(circle)
        verb = "updated" if existing else "set up"
        await interaction.response.send_message(f"Reading circle {verb}.", embed=circle_embed(circle), ephemeral=True)

    @setup.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name, value=name) for name in suggest_timezones(current)]

    @circle.command(name="show", description="Show this server's reading circle")
    async def show(self, interaction: discord.Interaction) -> None:
        circle = await self.bot.circles.get(interaction.guild_id)
        if circle is None:
            raise UserError(
                "This server has no reading circle yet. Someone with Manage Server can start one with /circle setup."
            )
        await interaction.response.send_message(embed=circle_embed(circle), ephemeral=True)

    @staticmethod
    def _check_bot_can_post(interaction: discord.Interaction, channel: discord.TextChannel) -> None:
        me = interaction.guild.me if interaction.guild else None
        if me is None:
            return
        permissions = channel.permissions_for(me)
        # getattr, not iteration: iterating yields canonical names ("read_messages"), not aliases ("view_channel")
        missing = missing_permissions({name for name in REQUIRED_PERMISSIONS if getattr(permissions, name)})
        if missing:
            raise UserError(
                f"I can't work in {channel.mention}: I'm missing {', '.join(missing)} there. "
                "Give my role those permissions in that channel and run /circle setup again."
            )


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(Circles(bot))
