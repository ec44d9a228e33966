"""/circle setup, show, pause, resume and plan: the adapter between Discord and ``bot.services.circles``."""

from __future__ import annotations

from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands

from bot.circles import WEEKDAYS, Circle
from bot.discordside.client import ReadingCircleBot
from bot.discordside.permissions import missing_in
from bot.discordside.replies import actor_of, guild_id_of, local_time
from bot.errors import UserError
from bot.scheduling.plan import Plan, checked_day, parse_days
from bot.services.writing import model_host
from bot.timezones import suggest_timezones

WEEKDAY_CHOICES = [app_commands.Choice(name=name, value=i) for i, name in enumerate(WEEKDAYS)]
CircleChannel = discord.TextChannel | discord.ForumChannel


class CircleChannelOption(app_commands.Transformer):
    """A text, announcement or forum channel (discord.py would also offer media channels, which take no
    plain posts)."""

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return [discord.ChannelType.text, discord.ChannelType.news, discord.ChannelType.forum]

    async def transform(self, interaction: discord.Interaction, value: object) -> CircleChannel:
        channel = interaction.guild.get_channel(getattr(value, "id", 0)) if interaction.guild else None
        if not isinstance(channel, discord.TextChannel | discord.ForumChannel):
            raise UserError("Pick a text or forum channel of this server for the circle.")
        return channel


def circle_embed(circle: Circle, next_start: datetime | None = None, model_at: str | None = None) -> discord.Embed:
    def role(role_id: int | None, fallback: str) -> str:
        return f"<@&{role_id}>" if role_id else fallback

    embed = discord.Embed(title="Reading circle", colour=discord.Colour.blurple())
    embed.add_field(name="Channel", value=f"<#{circle.channel_id}>")
    embed.add_field(name="Weekly slot", value=f"{circle.weekday_name}s at {circle.post_time}")
    embed.add_field(name="Time zone", value=circle.timezone)
    embed.add_field(name="Members", value=role(circle.member_role_id, "everyone who can see the channel"))
    embed.add_field(name="Organisers", value=role(circle.organiser_role_id, "Manage Server only"))
    embed.add_field(name="Moderators", value=role(circle.moderator_role_id, "organisers only"))
    embed.add_field(name="Log channel", value=f"<#{circle.log_channel_id}>" if circle.log_channel_id else "none")
    if circle.paused:
        embed.add_field(name="Next reading", value="paused — /circle resume starts it again", inline=False)
    elif next_start is not None:
        embed.add_field(name="Next reading", value=local_time(next_start, circle.timezone), inline=False)
    embed.add_field(name="The week", value=circle.plan.describe(), inline=False)
    if model_at is not None:
        embed.add_field(name="Prompt writer", value=writer_note(circle, model_at), inline=False)
    return embed


def writer_note(circle: Circle, model_at: str) -> str:
    """Who writes the prompts, and so where a reading's text goes: said plainly, because it leaves the server."""
    if circle.model_writer:
        return (
            f"A model at {model_at} writes the prompts and polls: each reading's text is sent to {model_at}. "
            "/circle model off keeps readings on this bot and its own writer."
        )
    return f"The bot's own writer; readings are not sent to the model at {model_at}. /circle model on allows it."


class Circles(commands.Cog):
    circle = app_commands.Group(
        name="circle", description="Set up and view this server's reading circle", guild_only=True
    )

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot
        self.service = bot.services.circles

    @circle.command(name="setup", description="Create or change the reading circle: its channel and weekly slot")
    @app_commands.describe(
        channel="Where readings and discussion threads are posted (a text or forum channel)",
        timezone="Your time zone, e.g. Europe/Berlin (start typing to search)",
        weekday="Day of the weekly reading post (default Monday)",
        time="Local time of the weekly post, 24-hour HH:MM (default 18:00)",
        member_role="Who counts as a member; the reading post mentions this role (default: nobody is pinged)",
        organiser_role="Who may queue readings and change the circle (Manage Server always may)",
        moderator_role="Who may see participation summaries",
        log_channel="Where I tell organisers about missed or failed posts (a private channel is best)",
    )
    @app_commands.choices(weekday=WEEKDAY_CHOICES)
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: app_commands.Transform[CircleChannel, CircleChannelOption],
        timezone: app_commands.Range[str, 1, 64],
        weekday: app_commands.Choice[int] | None = None,
        time: app_commands.Range[str, 1, 8] | None = None,
        member_role: discord.Role | None = None,
        organiser_role: discord.Role | None = None,
        moderator_role: discord.Role | None = None,
        log_channel: discord.TextChannel | None = None,
    ) -> None:
        self._check_bot_can_post(interaction, channel)
        circle, created, next_start = await self.service.setup(
            actor_of(interaction),
            guild_id=guild_id_of(interaction),
            channel_id=channel.id,
            timezone=timezone,
            weekday=weekday.value if weekday else None,
            post_time=time,
            member_role_id=member_role.id if member_role else None,
            organiser_role_id=organiser_role.id if organiser_role else None,
            moderator_role_id=moderator_role.id if moderator_role else None,
            log_channel_id=log_channel.id if log_channel else None,
        )
        verb = "set up" if created else "updated"
        await interaction.response.send_message(
            f"Reading circle {verb}.",
            embed=circle_embed(circle, next_start, model_host(self.bot.settings)),
            ephemeral=True,
        )

    @setup.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name, value=name) for name in suggest_timezones(current)]

    @circle.command(name="show", description="Show this server's reading circle")
    async def show(self, interaction: discord.Interaction) -> None:
        circle = await self.service.require(guild_id_of(interaction))
        embed = circle_embed(circle, await self.service.next_start(circle), model_host(self.bot.settings))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @circle.command(name="pause", description="Stop posting until /circle resume (nothing is lost)")
    async def pause(self, interaction: discord.Interaction) -> None:
        await self.service.pause(actor_of(interaction), guild_id_of(interaction))
        await interaction.response.send_message(
            "Paused. No reading, prompt or poll goes out until /circle resume; the queue is kept.", ephemeral=True
        )

    @circle.command(name="resume", description="Start posting again, including posts that were waiting")
    async def resume(self, interaction: discord.Interaction) -> None:
        circle, next_start, released = await self.service.resume(actor_of(interaction), guild_id_of(interaction))
        waiting = f" {released} waiting post{'s' if released != 1 else ''} go out now or when due." if released else ""
        await interaction.response.send_message(
            f"Resumed.{waiting} The next reading goes out {local_time(next_start, circle.timezone)}.", ephemeral=True
        )

    @circle.command(name="plan", description="Change which posts go out on which day of the week")
    @app_commands.describe(
        prompt_days="Days after the reading post for a discussion prompt, e.g. 1,3 (none for no prompts)",
        convinced_poll_day="Day of the “which argument convinced you” poll (0 for none)",
        agreement_poll_day="Day of the agreement poll on the thesis (0 for none)",
        recap_day="Day of the recap (0 for none)",
    )
    async def plan(
        self,
        interaction: discord.Interaction,
        prompt_days: app_commands.Range[str, 0, 40] | None = None,
        convinced_poll_day: app_commands.Range[int, 0, 6] | None = None,
        agreement_poll_day: app_commands.Range[int, 0, 6] | None = None,
        recap_day: app_commands.Range[int, 0, 6] | None = None,
    ) -> None:
        current = (await self.service.require(guild_id_of(interaction))).plan
        plan = Plan(
            prompt_days=current.prompt_days if prompt_days is None else parse_days(prompt_days),
            convinced_poll_day=current.convinced_poll_day
            if convinced_poll_day is None
            else checked_day(convinced_poll_day, "convinced poll"),
            agreement_poll_day=current.agreement_poll_day
            if agreement_poll_day is None
            else checked_day(agreement_poll_day, "agreement poll"),
            recap_day=current.recap_day if recap_day is None else checked_day(recap_day, "recap"),
        )
        circle = await self.service.set_plan(actor_of(interaction), guild_id_of(interaction), plan)
        await interaction.response.send_message(
            f"From the next reading on, the week goes: {circle.plan.describe()}.", ephemeral=True
        )

    @circle.command(name="model", description="Whether the configured model may write this circle's prompts")
    @app_commands.describe(state="on: readings' text is sent to the model; off: the bot's own writer only")
    @app_commands.choices(state=[app_commands.Choice(name=v, value=v) for v in ("on", "off")])
    async def model(self, interaction: discord.Interaction, state: app_commands.Choice[str]) -> None:
        on = state.value == "on"
        circle = await self.service.set_model_writer(actor_of(interaction), guild_id_of(interaction), on)
        host = model_host(self.bot.settings)
        if host is None:
            text = (
                f"Saved ({state.value}). This bot has no model configured, so its own writer writes the prompts "
                "and no reading leaves it."
            )
        else:
            text = f"From the next /reading add on: {writer_note(circle, host)}"
        await interaction.response.send_message(text, ephemeral=True)

    @staticmethod
    def _check_bot_can_post(interaction: discord.Interaction, channel: CircleChannel) -> None:
        me = interaction.guild.me if interaction.guild else None
        if me is None:
            return
        missing = missing_in(channel, me)
        if missing:
            raise UserError(
                f"I can't work in {channel.mention}: I'm missing {', '.join(missing)} there. "
                "Give my role those permissions in that channel and run /circle setup again."
            )


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(Circles(bot))
