"""/prompt add and /poll add: the organiser's own prompt or poll in the current reading's thread."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordside.client import ReadingCircleBot
from bot.discordside.replies import NO_PINGS, actor_of, guild_id_of
from bot.text import literal


class Prompts(commands.Cog):
    prompt = app_commands.Group(name="prompt", description="Discussion prompts", guild_only=True)
    poll = app_commands.Group(name="poll", description="Polls", guild_only=True)

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.service = bot.services.readings

    @prompt.command(name="add", description="Post your own prompt in this week's thread now")
    @app_commands.describe(text="The question for the circle")
    async def add_prompt(self, interaction: discord.Interaction, text: app_commands.Range[str, 1, 2000]) -> None:
        reading = await self.service.add_prompt(actor_of(interaction), guild_id_of(interaction), text)
        await interaction.response.send_message(
            f"Your prompt is going out in the thread of **{literal(reading.title, 200)}**.",
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )

    @poll.command(name="add", description="Post your own poll in this week's thread now")
    @app_commands.describe(
        question="The poll's question", answers="2 to 10 answers separated by |", hours="How long it runs (default 24)"
    )
    async def add_poll(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 300],
        answers: app_commands.Range[str, 3, 600],
        hours: app_commands.Range[int, 1, 768] = 24,
    ) -> None:
        reading = await self.service.add_poll(actor_of(interaction), guild_id_of(interaction), question, answers, hours)
        await interaction.response.send_message(
            f"Your poll is going out in the thread of **{literal(reading.title, 200)}**.",
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(Prompts(bot))
