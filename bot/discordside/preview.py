"""The organiser's ephemeral preview of a reading: what the week will post, with Queue it / Edit prompts /
Discard, and, when a model writer is configured and the circle allows it, Rewrite with the model / Use the
embedded prompts. Only the organiser who asked may press them (the service checks it again), and the
buttons are disabled when the preview expires."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import discord

from bot.analysis.limits import POLL_QUESTION_LIMIT
from bot.circles import Actor
from bot.config import Settings
from bot.discordside.replies import actor_of, local_time
from bot.discordside.views import ExpiringView, ReportingModal
from bot.readings import CircleReading
from bot.services.readings import ReadingService
from bot.text import as_sentence, fit, literal, shorten

PREVIEW_SECONDS = 15 * 60 - 10  # an interaction token lives 15 minutes; disable the buttons just before
MODAL_FIELD_LIMIT = 4000
PREVIEW_TEXT = "Here is what the week would post. Queue it, edit the prompts, or discard it."
EXPIRED = "This preview expired. Run /reading add again to queue the reading."
WRITERS = {"model": "the model", "embedded": "the embedded writer"}


def writer_line(writer: str) -> str:
    """Who wrote what the preview shows, so the organiser knows whether a model was involved."""
    return f"Prompts and polls written by {WRITERS.get(writer, f'the {writer} writer')}."


def preview_embeds(reading: CircleReading) -> list[discord.Embed]:
    analysis = reading.analysis
    head = discord.Embed(title=shorten(reading.title, 256), url=reading.url, colour=0x5865F2)
    if reading.author:
        head.set_author(name=shorten(reading.author, 256))
    lines = [f"About {reading.minutes} min · {reading.words:,} words", writer_line(analysis.writer)]
    if not reading.has_arguments:
        lines += [
            "",
            "**I found no arguable claim in this text** (no thesis, no arguments), so I will not quote fragments "
            "of it. Press **Edit prompts** and write the prompts members should discuss.",
        ]
    if analysis.thesis and reading.has_arguments:
        lines += ["", "**Thesis**", shorten(analysis.thesis.text, 900)]
    if analysis.arguments:
        lines += ["", "**Key arguments**"]
        lines += [f"{n}. {shorten(as_sentence(a.text), 280)}" for n, a in enumerate(analysis.arguments[:5], 1)]
    head.description = fit("\n".join(lines), 4000)
    week = discord.Embed(title="What the week will post", colour=0x5865F2)
    prompts = "\n".join(f"{n}. {shorten(p.text, 300)}" for n, p in enumerate(analysis.prompts, 1))
    week.add_field(name="Prompts (in order, one per prompt day)", value=fit(prompts or "none yet", 1024), inline=False)
    for poll in analysis.polls:
        answers = " · ".join(poll.answers)
        week.add_field(name=shorten(f"Poll: {poll.question}", 256), value=fit(answers, 1024), inline=False)
    return [head, week]


class EditModal(ReportingModal, title="Edit prompts and polls"):
    def __init__(self, reading: CircleReading, on_submit: Callable[[discord.Interaction, str, str], Awaitable[None]]):
        super().__init__(timeout=PREVIEW_SECONDS)
        self._submit = on_submit
        self.prompts: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Prompts, one per line",
            style=discord.TextStyle.paragraph,
            default=fit("\n".join(p.text for p in reading.analysis.prompts), MODAL_FIELD_LIMIT),
            max_length=MODAL_FIELD_LIMIT,
            required=True,
        )
        self.questions: discord.ui.TextInput[EditModal] = discord.ui.TextInput(
            label="Poll questions, one per line, in order",
            style=discord.TextStyle.paragraph,
            default="\n".join(shorten(p.question, POLL_QUESTION_LIMIT) for p in reading.analysis.polls),
            max_length=MODAL_FIELD_LIMIT,
            required=bool(reading.analysis.polls),
        )
        self.add_item(self.prompts)
        self.add_item(self.questions)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self._submit(interaction, self.prompts.value, self.questions.value)


class PreviewView(ExpiringView):
    def __init__(
        self,
        service: ReadingService,
        reading: CircleReading,
        owner: Actor,
        origin: discord.Interaction,
        settings: Settings | None = None,
    ):
        """``settings`` (which name the model the service rewrites with) are given only when a model writer
        is configured and the circle allows it; without them, or for a text with no arguable claim (whose
        prompts the organiser writes), the preview has no rewrite buttons."""
        super().__init__(origin, timeout=PREVIEW_SECONDS, expired=EXPIRED)
        self.service = service
        self.reading = reading
        self.owner = owner
        self._settings = settings
        if settings is None or not reading.has_arguments:
            self.remove_item(self.rewrite_with_model)
            self.remove_item(self.use_embedded)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner.user_id:
            return True
        await interaction.response.send_message(
            "Only the organiser who added this reading can use these buttons.", ephemeral=True
        )
        return False

    @discord.ui.button(label="Queue it", style=discord.ButtonStyle.success)
    async def queue_it(self, interaction: discord.Interaction, _: discord.ui.Button[PreviewView]) -> None:
        scheduled = await self.service.queue_draft(actor_of(interaction), self._id)
        when = local_time(scheduled.when, scheduled.timezone) if scheduled.when else "when the circle is resumed"
        position = scheduled.reading.position
        self.stop()
        await interaction.response.edit_message(
            content=f"Queued **{literal(self.reading.title, 200)}** at position {position}: it will be posted {when}.",
            embeds=[],
            view=None,
        )

    @discord.ui.button(label="Edit prompts", style=discord.ButtonStyle.primary)
    async def edit_prompts(self, interaction: discord.Interaction, _: discord.ui.Button[PreviewView]) -> None:
        async def submitted(modal_interaction: discord.Interaction, prompts: str, questions: str) -> None:
            self.reading = await self.service.edit_draft(actor_of(modal_interaction), self._id, prompts, questions)
            await modal_interaction.response.edit_message(
                content="Edited. Check the preview, then queue it.", embeds=preview_embeds(self.reading), view=self
            )

        await interaction.response.send_modal(EditModal(self.reading, submitted))

    @discord.ui.button(label="Rewrite with the model", style=discord.ButtonStyle.primary)
    async def rewrite_with_model(self, interaction: discord.Interaction, _: discord.ui.Button[PreviewView]) -> None:
        await self._write_again(interaction, with_model=True)

    @discord.ui.button(label="Use the embedded prompts", style=discord.ButtonStyle.secondary)
    async def use_embedded(self, interaction: discord.Interaction, _: discord.ui.Button[PreviewView]) -> None:
        await self._write_again(interaction, with_model=False)

    async def _write_again(self, interaction: discord.Interaction, *, with_model: bool) -> None:
        """Rewrite in the worker (up to its time limit), the buttons disabled meanwhile; whatever happens,
        the preview comes back with its buttons, showing what is stored."""
        assert self._settings is not None
        self._enable(False)
        await interaction.response.edit_message(content="Writing the prompts again…", view=self)

        async def progress(sentence: str) -> None:
            await interaction.edit_original_response(content=sentence)

        content = PREVIEW_TEXT
        try:
            self.reading = await self.service.rewrite_draft(
                actor_of(interaction), self._id, self._settings, with_model=with_model, progress=progress
            )
            content = _rewritten(with_model, self.reading.analysis.writer)
        finally:
            self._enable(True)
            await interaction.edit_original_response(content=content, embeds=preview_embeds(self.reading), view=self)

    @discord.ui.button(label="Discard", style=discord.ButtonStyle.secondary)
    async def discard(self, interaction: discord.Interaction, _: discord.ui.Button[PreviewView]) -> None:
        await self.service.discard_draft(actor_of(interaction), self._id)
        self.stop()
        await interaction.response.edit_message(content="Discarded; nothing was queued.", embeds=[], view=None)

    @property
    def _id(self) -> int:
        assert self.reading.id is not None
        return self.reading.id


def _rewritten(with_model: bool, writer: str) -> str:
    if not with_model:
        return "Back to the embedded prompts. Check the preview, then queue it."
    if writer == "model":
        return "Rewritten by the model. Check the preview, then queue it."
    return "The model gave nothing usable in time, so these are the embedded prompts. Check them, then queue it."
