"""Participation on the Discord side: the listeners that log it, the moderators' summaries, the members'
own stats and privacy commands. The rules, storage and reports live in ``bot.participation`` and
``bot.reports``; this module only turns gateway events and interactions into their calls.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.circles import Circle, may_moderate
from bot.discordside.client import ReadingCircleBot
from bot.discordside.replies import NO_PINGS, actor_of, guild_id_of, respond_ephemeral
from bot.discordside.views import ExpiringView
from bot.errors import PermissionDenied, UserError
from bot.participation.rules import Author
from bot.participation.service import ParticipationService
from bot.reports.csvfile import display_name, rows_csv, summary_csv
from bot.reports.jsonfile import summary_json
from bot.reports.summary import DEFAULT_WEEKS, Summary, inactive_members
from bot.reports.text import MESSAGE_LIMIT, member_message, summary_message

log = logging.getLogger(__name__)
LOGGED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
NAME_LOOKUPS = 1000  # members whose display names are asked of Discord per command (100 per gateway request)
REFUSED = "Participation summaries are for the circle's moderators and organisers; you can see your own with /me stats."
NEEDS_MEMBERS_INTENT = (
    "I can't see who holds the member role: Discord only tells a bot that with the Server Members intent. "
    "The bot's operator can set SERVER_MEMBERS_INTENT=true and turn the intent on in the Developer Portal."
)
Weeks = app_commands.Range[int, 1, 520]
CONFIRM_SECONDS = 300  # how long the /privacy delete button waits (an interaction token lasts 15 minutes)
EXPIRED = "This confirmation expired; nothing was deleted. Run /privacy delete again if you still want to."
CHART_NICENESS = 10  # added to the chart worker's niceness: the event loop gets the CPU first


class Participation(commands.Cog):
    participation = app_commands.Group(
        name="participation", description="Moderators: who takes part in the reading circle", guild_only=True
    )
    me = app_commands.Group(name="me", description="Your own participation", guild_only=True)
    privacy = app_commands.Group(
        name="privacy", description="What the bot logs about you, and turning it off", guild_only=True
    )

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot
        self.service = bot.services.participation
        self._charts: ProcessPoolExecutor | None = None

    async def cog_unload(self) -> None:
        if self._charts is not None:
            await asyncio.to_thread(self._charts.shutdown, cancel_futures=True)

    async def _chart(self, summary: Summary) -> bytes:
        """The summary's chart, drawn in a worker process. matplotlib holds the GIL while it draws (~50 ms a
        chart, ~0.3 s for its first import): in a thread that starves the event loop, and every other
        member's command waited for it (benchmarks/load.py, 100 commands in a second during 2,000 messages a
        second: p99 to the first response 0.8–1.1 s with charts in threads, 0.07 s with this worker). One worker,
        started on the first chart (``chart_pool``), so charts queue behind each other and not in front of the
        event loop."""
        from bot.reports.chart import weekly_chart_png  # matplotlib only when a chart is drawn

        if self._charts is None:
            self._charts = chart_pool()
        return await asyncio.get_running_loop().run_in_executor(self._charts, weekly_chart_png, summary)

    # --- logging: raw gateway events, so threads and polls outside the cache count ---------------------

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        guild_id = getattr(message.guild, "id", None) or getattr(message.channel, "guild_id", None)
        if guild_id is None or message.type not in LOGGED_TYPES:
            return
        reference = message.reference
        reply_to = reference.message_id if reference is not None and message.type is discord.MessageType.reply else None
        await self.service.message_posted(
            guild_id=guild_id,
            channel_id=message.channel.id,
            message_id=message.id,
            author=Author(message.author.id, bot=message.author.bot, webhook=message.webhook_id is not None),
            created_at=message.created_at,
            reply_to=reply_to,
            content=message.content,
        )

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.service.message_deleted(payload.message_id)

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        for message_id in payload.message_ids:
            await self.service.message_deleted(message_id)

    @commands.Cog.listener()
    async def on_raw_poll_vote_add(self, payload: discord.RawPollVoteActionEvent) -> None:
        if payload.guild_id is None:
            return
        user = self.bot.get_user(payload.user_id)
        await self.service.vote_added(
            guild_id=payload.guild_id,
            poll_message_id=payload.message_id,
            answer_id=payload.answer_id,
            voter=Author(payload.user_id, bot=bool(user and user.bot)),
        )

    @commands.Cog.listener()
    async def on_raw_poll_vote_remove(self, payload: discord.RawPollVoteActionEvent) -> None:
        if payload.guild_id is None:
            return
        await self.service.vote_removed(
            guild_id=payload.guild_id,
            poll_message_id=payload.message_id,
            answer_id=payload.answer_id,
            user_id=payload.user_id,
        )

    # --- moderators -----------------------------------------------------------------------------------

    async def _moderated_circle(self, interaction: discord.Interaction) -> Circle:
        """The circle, when the one asking may see everyone's participation; otherwise a refusal that says
        nothing about anyone (not even whether there is anything to see)."""
        circle = await self.bot.services.circles.get(guild_id_of(interaction))
        if not may_moderate(actor_of(interaction), circle):
            raise PermissionDenied(REFUSED)
        if circle is None:
            raise UserError("This server has no reading circle yet, so there is no participation to show.")
        return circle

    @participation.command(name="summary", description="Each member's participation, with a CSV and a chart")
    @app_commands.describe(weeks=f"How many recent weeks (default {DEFAULT_WEEKS})")
    async def summary(self, interaction: discord.Interaction, weeks: Weeks = DEFAULT_WEEKS) -> None:
        circle = await self._moderated_circle(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        role = role_member_ids(self.bot, interaction.guild, circle)
        summary = await self.service.summary(
            circle.guild_id, weeks=weeks, role_size=None if role is None else len(role)
        )
        names = await display_names(interaction.guild, [m.user_id for m in summary.members])
        chart = await self._chart(summary)
        files = [
            _file(summary_csv(summary, names), "participation.csv"),
            discord.File(io.BytesIO(chart), "participation.png"),
        ]
        await interaction.followup.send(
            summary_message(summary, names), files=files, ephemeral=True, allowed_mentions=NO_PINGS
        )

    @participation.command(name="member", description="One member's participation")
    @app_commands.describe(user="The member", weeks=f"How many recent weeks (default {DEFAULT_WEEKS})")
    async def member(
        self, interaction: discord.Interaction, user: discord.Member, weeks: Weeks = DEFAULT_WEEKS
    ) -> None:
        circle = await self._moderated_circle(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)  # a busy queue can delay the reads
        stats = await self.service.member_stats(circle.guild_id, user.id, recent_weeks=weeks)
        recent = stats.recent
        last = (
            f"In the last {recent.weeks} week(s): {recent.thread_messages} thread message(s), "
            f"{recent.prompts_answered} prompt(s) answered, {recent.poll_votes} poll vote(s), "
            f"active in {recent.weeks_active}."
            if recent.weeks_active
            else f"No activity in the last {recent.weeks} week(s)."
        )
        await respond_ephemeral(interaction, f"{member_message(stats, user.display_name)}\n{last}")

    @participation.command(name="inactive", description="Members of the circle's role with no activity")
    @app_commands.describe(weeks=f"How many recent weeks (default {DEFAULT_WEEKS})")
    async def inactive(self, interaction: discord.Interaction, weeks: Weeks = DEFAULT_WEEKS) -> None:
        circle = await self._moderated_circle(interaction)
        role = role_member_ids(self.bot, interaction.guild, circle)
        if role is None:
            raise UserError(NEEDS_MEMBERS_INTENT)
        await interaction.response.defer(ephemeral=True, thinking=True)  # the summary, then names from Discord
        summary = await self.service.summary(circle.guild_id, weeks=weeks, role_size=len(role))
        quiet = inactive_members(summary, role, self.service.opted_out(circle.guild_id))
        names = await display_names(interaction.guild, quiet)
        head = f"{len(quiet)} of {len(role)} member(s) took no part in the last {len(summary.weeks)} week(s)"
        await respond_ephemeral(interaction, fitted(head, [display_name(user, names) for user in quiet]))

    @participation.command(name="export", description="The participation table as a CSV or JSON file")
    @app_commands.describe(format="csv (default) or json", weeks=f"How many recent weeks (default {DEFAULT_WEEKS})")
    async def export(
        self, interaction: discord.Interaction, format: Literal["csv", "json"] = "csv", weeks: Weeks = DEFAULT_WEEKS
    ) -> None:
        circle = await self._moderated_circle(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        summary = await self.service.summary(circle.guild_id, weeks=weeks)
        names = await display_names(interaction.guild, [m.user_id for m in summary.members])
        body = summary_csv(summary, names) if format == "csv" else summary_json(summary, names)
        await interaction.followup.send(
            f"Participation of {len(summary.members)} member(s) over {len(summary.weeks)} week(s).",
            file=_file(body, f"participation.{format}"),
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )

    # --- members ---------------------------------------------------------------------------------------

    @me.command(name="stats", description="Your own participation and streak of weeks")
    async def stats(self, interaction: discord.Interaction) -> None:
        if self.service.writer.pending:
            # The stats wait for the queued events to be written (a member expects the message they just
            # posted to count), and on a busy evening that is a batch or two: acknowledge first. With 500
            # commands in a second during 2,000 messages a second, waiting before the first response put
            # /me stats at the tail of the load benchmark's latencies.
            await interaction.response.defer(ephemeral=True, thinking=True)
        stats = await self.service.member_stats(guild_id_of(interaction), interaction.user.id)
        await respond_ephemeral(interaction, member_message(stats, "You"))

    @privacy.command(name="status", description="Whether you are logged, and how many rows are kept about you")
    async def status(self, interaction: discord.Interaction) -> None:
        status = await self.service.status(guild_id_of(interaction), interaction.user.id)
        state = (
            f"You opted out on {status.opted_out_since:%Y-%m-%d}: nothing new is logged about you."
            if status.opted_out_since
            else "Your messages in reading threads and your poll votes are logged (who, when, where; never text)."
        )
        await respond_ephemeral(interaction, f"{state} {status.rows} row(s) are kept about you here.")

    @privacy.command(name="opt-out", description="Stop logging your participation in this server")
    async def opt_out(self, interaction: discord.Interaction) -> None:
        await self.service.opt_out(guild_id_of(interaction), interaction.user.id)
        await respond_ephemeral(
            interaction, "Done: nothing new is logged about you here. Your past rows stay until /privacy delete."
        )

    @privacy.command(name="opt-in", description="Log your participation again")
    async def opt_in(self, interaction: discord.Interaction) -> None:
        await self.service.opt_in(guild_id_of(interaction), interaction.user.id)
        await respond_ephemeral(interaction, "Done: your participation is logged again from now on.")

    @privacy.command(name="export", description="Every row kept about you, as a file")
    @app_commands.describe(format="csv (default) or json")
    async def privacy_export(self, interaction: discord.Interaction, format: Literal["csv", "json"] = "csv") -> None:
        rows = await self.service.export(guild_id_of(interaction), interaction.user.id)
        body = rows_csv(rows) if format == "csv" else json.dumps(rows, indent=1)
        await respond_ephemeral(
            interaction, f"{len(rows)} row(s) are kept about you here.", file=_file(body, f"my-participation.{format}")
        )

    @privacy.command(name="delete", description="Delete every participation row about you in this server")
    async def delete(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        view = ConfirmDelete(self.service, guild_id, interaction.user.id, interaction)
        await respond_ephemeral(
            interaction,
            "Delete every participation row about you in this server? This cannot be undone.",
            view=view,
        )


class ConfirmDelete(ExpiringView):
    """The one step between asking and deleting. It is sent ephemeral, and Discord lets only the member who
    received an ephemeral message use its buttons, so no one else can confirm (tests/fakediscord holds the
    same rule). When it expires its buttons are disabled, so a stale one cannot look pressable."""

    def __init__(self, service: ParticipationService, guild_id: int, user_id: int, origin: discord.Interaction) -> None:
        super().__init__(origin, timeout=CONFIRM_SECONDS, expired=EXPIRED)
        self.service = service
        self.guild_id = guild_id
        self.user_id = user_id

    @discord.ui.button(label="Delete my data", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        removed = await self.service.delete_member(self.guild_id, self.user_id)
        self.stop()
        await interaction.response.edit_message(
            content=f"Deleted {removed} row(s) about you. Summaries no longer show you.", view=None
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        self.stop()
        await interaction.response.edit_message(content="Nothing was deleted.", view=None)


def chart_pool() -> ProcessPoolExecutor:
    """One worker process for charts, spawned (forking a process with threads running is unsafe) and
    niced: its import of matplotlib and ~50 ms a chart would otherwise take a core from the event loop
    when a burst of summaries comes with a busy evening's messages (benchmarks/load.py on 2 cores, no
    message cache: p99 to the first response 177–207 ms in 3 of 4 runs niced, the fourth 704 ms; 226–991
    ms in 3 runs not). A member waits a little longer for a chart they were already told is coming,
    rather than everyone waiting for their first answer."""
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=os.nice,
        initargs=(CHART_NICENESS,),
    )


def role_member_ids(bot: commands.Bot, guild: discord.Guild | None, circle: Circle) -> list[int] | None:
    """The people holding the circle's member role (everyone, without one), or None when the bot cannot
    know: without the Server Members intent Discord sends no member list, so the cache holds nobody."""
    if guild is None or not bot.intents.members:
        return None
    role = guild.get_role(circle.member_role_id) if circle.member_role_id else guild.default_role
    return [member.id for member in role.members if not member.bot] if role else []


async def display_names(guild: discord.Guild | None, user_ids: list[int]) -> dict[int, str]:
    """Display names from the cache, then asked of Discord by id (allowed without the Server Members
    intent, 100 at a time) for the first ``NAME_LOOKUPS``; anyone else is shown by id."""
    if guild is None:
        return {}
    names: dict[int, str] = {}
    missing = []
    for user_id in user_ids:
        member = guild.get_member(user_id)
        if member is not None:
            names[user_id] = member.display_name
        else:
            missing.append(user_id)
    missing = missing[:NAME_LOOKUPS]
    for start in range(0, len(missing), 100):
        try:
            found = await guild.query_members(user_ids=missing[start : start + 100], limit=100, cache=False)
        except (TimeoutError, discord.ClientException, discord.HTTPException):
            log.warning("could not look up member names in guild %s", guild.id, exc_info=True)
            break
        names.update({member.id: member.display_name for member in found})
    return names


def fitted(head: str, lines: list[str], limit: int = MESSAGE_LIMIT) -> str:
    """``head`` and as many lines as fit in a message, saying how many did not."""
    text = head + (":" if lines else ".")
    for shown, line in enumerate(lines):
        more = f"\n… and {len(lines) - shown} more."
        if len(text) + len(line) + 3 + len(more) > limit:
            return text + more
        text += f"\n• {line}"
    return text


def _file(text: str, name: str) -> discord.File:
    return discord.File(io.BytesIO(text.encode("utf-8")), name)


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(Participation(bot))
