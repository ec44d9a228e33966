"""/reading add, queue, remove, move, skip, post-now, current and archive."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.circles import Circle
from bot.discordside.client import ReadingCircleBot
from bot.discordside.preview import PREVIEW_TEXT, PreviewView, preview_embeds
from bot.discordside.replies import NO_PINGS, actor_of, guild_id_of, local_time
from bot.discordside.views import ReportingModal
from bot.errors import UserError
from bot.ingest import ReadingError
from bot.ingest.limits import MAX_UPLOAD_BYTES, size_text
from bot.prepare import Link, Pasted, Source, Upload, prepare
from bot.services.writing import model_for, worker_limits
from bot.text import fit, literal, shorten

PASTE_LIMIT = 4000  # a modal's text field
ADDS_PER_MINUTE = 3  # /reading add per member: enough to queue a few readings in a row, not to flood workers


class PasteModal(ReportingModal, title="Paste the reading"):
    text: discord.ui.TextInput[PasteModal] = discord.ui.TextInput(
        label="The reading's text", style=discord.TextStyle.paragraph, min_length=1, max_length=PASTE_LIMIT
    )

    def __init__(self, cog: Readings, title: str, author: str | None) -> None:
        super().__init__()
        self.cog, self.reading_title, self.author = cog, title, author

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.cog.preview(interaction, Pasted(self.text.value), self.reading_title, self.author)


class Readings(commands.Cog):
    reading = app_commands.Group(name="reading", description="The circle's readings", guild_only=True)

    def __init__(self, bot: ReadingCircleBot) -> None:
        self.bot = bot
        self.service = bot.services.readings

    # --- adding ---------------------------------------------------------------------------------

    @reading.command(name="add", description="Add a reading from a link, a file or pasted text, then preview it")
    # Each preview reads and analyses the reading in a worker process: a few a minute per member.
    @app_commands.checks.cooldown(ADDS_PER_MINUTE, 60, key=lambda i: (i.guild_id, i.user.id))
    @app_commands.describe(
        title="The reading's title as members will see it",
        author="Who wrote it",
        url="A link to an article, a PDF or an EPUB",
        file="A PDF, EPUB, HTML, Markdown or text file",
        text="The reading's text, pasted (leave out url and file to get a larger box)",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        title: app_commands.Range[str, 1, 200],
        author: app_commands.Range[str, 1, 200] | None = None,
        url: app_commands.Range[str, 1, 2000] | None = None,
        file: discord.Attachment | None = None,
        text: app_commands.Range[str, 1, 6000] | None = None,
    ) -> None:
        circle = await self.service.organising(actor_of(interaction), guild_id_of(interaction), "add readings")
        given = [x for x in (url, file, text) if x is not None]
        if len(given) > 1:
            raise UserError("Give one of url, file or text, not several. Nothing was added.")
        if not given:
            await interaction.response.send_modal(PasteModal(self, title, author))
            return
        source: Source
        if file is not None:
            if file.size > MAX_UPLOAD_BYTES:
                raise UserError(
                    f"That file is {size_text(file.size)}; I read files up to {size_text(MAX_UPLOAD_BYTES)}. "
                    "Upload a single chapter or article instead."
                )
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.edit_original_response(content="Downloading the file…")
            try:
                data = await file.read()
            except discord.HTTPException as err:
                raise UserError("I could not download that file from Discord; please upload it again.") from err
            source = Upload(data, file.filename, file.content_type)
        else:
            source = Link(url.strip()) if url else Pasted(text or "")
        await self.preview(
            interaction,
            source,
            title,
            author,
            url=url.strip() if url else None,
            filename=file.filename if file else None,
            circle=circle,
        )

    async def preview(
        self,
        interaction: discord.Interaction,
        source: Source,
        title: str,
        author: str | None,
        *,
        url: str | None = None,
        filename: str | None = None,
        circle: Circle | None = None,
    ) -> None:
        """Read and analyse in the worker (progress shown as it goes), store a draft, show the preview.

        ``circle`` is given when the caller has just checked the organiser (/reading add with a link or a
        file); a pasted text's modal may be submitted minutes after /reading add, so it is checked again."""
        if not interaction.response.is_done():
            await interaction.response.defer(ephemeral=True, thinking=True)

        async def progress(sentence: str) -> None:
            await interaction.edit_original_response(content=sentence)

        settings = self.bot.settings
        if circle is None:
            circle = await self.service.organising(actor_of(interaction), guild_id_of(interaction), "add readings")
        model = model_for(settings, circle)
        limits = worker_limits(settings, model)
        try:
            prepared = await prepare(source, title=title, author=author, limits=limits, progress=progress, model=model)
        except ReadingError as err:
            raise UserError(f"{err} Nothing was added.") from err
        reading, analysis = prepared.reading, prepared.analysis
        draft = await self.service.add_draft(
            actor_of(interaction),
            guild_id_of(interaction),
            title=title,
            author=author or reading.author,
            text=reading.text,
            words=reading.words,
            minutes=reading.reading_minutes,
            analysis=analysis,
            url=url,
            filename=filename,
            file=source.data if isinstance(source, Upload) else None,
        )
        view = PreviewView(
            self.service, draft, actor_of(interaction), interaction, settings if model is not None else None
        )
        await interaction.edit_original_response(
            content=PREVIEW_TEXT,
            embeds=preview_embeds(draft),
            view=view,
        )

    # --- the queue ------------------------------------------------------------------------------

    @reading.command(name="queue", description="The readings to come, with the date each will be posted")
    async def queue(self, interaction: discord.Interaction) -> None:
        circle, scheduled = await self.service.queue(guild_id_of(interaction))
        if not scheduled:
            text = "Nothing is queued. Organisers can add a reading with /reading add."
        else:
            lines = [
                f"{s.reading.position}. **{literal(s.reading.title, 120)}** — "
                + (local_time(s.when, circle.timezone) if s.when else "paused")
                for s in scheduled
            ]
            text = fit("Coming up:\n" + "\n".join(lines), 2000)
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @reading.command(name="remove", description="Take a reading off the queue")
    @app_commands.describe(reading="The queued reading (start typing its title)")
    async def remove(self, interaction: discord.Interaction, reading: str) -> None:
        removed = await self.service.remove(actor_of(interaction), guild_id_of(interaction), _reading_id(reading))
        await interaction.response.send_message(
            f"Removed **{literal(removed.title, 200)}** from the queue.", ephemeral=True, allowed_mentions=NO_PINGS
        )

    @reading.command(name="move", description="Move a queued reading to another place in the queue")
    @app_commands.describe(reading="The queued reading (start typing its title)", position="1 is next")
    async def move(
        self, interaction: discord.Interaction, reading: str, position: app_commands.Range[int, 1, 1000]
    ) -> None:
        scheduled = await self.service.move(
            actor_of(interaction), guild_id_of(interaction), _reading_id(reading), position
        )
        lines = [f"{s.reading.position}. {literal(s.reading.title, 120)}" for s in scheduled]
        await interaction.response.send_message(
            fit("The queue is now:\n" + "\n".join(lines), 2000), ephemeral=True, allowed_mentions=NO_PINGS
        )

    @remove.autocomplete("reading")
    @move.autocomplete("reading")
    async def reading_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        found = await self.service.suggestions(interaction.guild_id or 0, current)
        return [app_commands.Choice(name=shorten(f"{r.position}. {r.title}", 100), value=str(r.id)) for r in found]

    @reading.command(name="skip", description="Skip the next week: no reading then, the queue waits a week")
    async def skip(self, interaction: discord.Interaction) -> None:
        guild_id = guild_id_of(interaction)
        skipped = await self.service.skip(actor_of(interaction), guild_id)
        circle = await self.bot.services.circles.require(guild_id)
        await interaction.response.send_message(
            f"Skipped the week of {local_time(skipped, circle.timezone)}. The queue moves on a week.", ephemeral=True
        )

    @reading.command(name="post-now", description="Start the next reading's week now")
    async def post_now(self, interaction: discord.Interaction) -> None:
        reading = await self.service.post_now(actor_of(interaction), guild_id_of(interaction))
        await interaction.response.send_message(
            f"Posting **{literal(reading.title, 200)}** now; its prompts and polls follow through the week.",
            ephemeral=True,
            allowed_mentions=NO_PINGS,
        )

    # --- for everyone -----------------------------------------------------------------------------

    @reading.command(name="current", description="This week's reading and its thread")
    async def current(self, interaction: discord.Interaction) -> None:
        found = await self.service.current(guild_id_of(interaction))
        if found is None:
            raise UserError("No reading's week is running right now. /reading queue shows what comes next.")
        reading, week = found
        where = f" Discuss it in <#{week.thread_id}>." if week.thread_id else ""
        link = f" {reading.url}" if reading.url else ""
        await interaction.response.send_message(
            f"This week: **{literal(reading.title, 200)}**{link}.{where}", ephemeral=True, allowed_mentions=NO_PINGS
        )

    @reading.command(name="archive", description="Readings the circle has read")
    async def archive(self, interaction: discord.Interaction) -> None:
        readings = await self.service.archive(guild_id_of(interaction))
        if not readings:
            text = "The circle has not read anything yet."
        else:
            lines = [f"• **{literal(r.title, 120)}**" + (f" — {r.url}" if r.url else "") for r in readings]
            text = fit("Read so far (newest first):\n" + "\n".join(lines), 2000)
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)


def _reading_id(value: str) -> int:
    if not value.strip().isdigit():
        raise UserError("Pick the reading from the list that appears as you type its title.")
    return int(value)


async def setup(bot: ReadingCircleBot) -> None:
    await bot.add_cog(Readings(bot))
