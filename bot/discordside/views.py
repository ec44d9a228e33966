"""What every ephemeral view and modal of the bot does the same way: an error reaches the member through
``report_error``, and an expired view has its buttons disabled, so a stale one cannot look pressable."""

from __future__ import annotations

import logging

import discord

from bot.discordside.replies import report_error

log = logging.getLogger(__name__)


class ExpiringView(discord.ui.View):
    """A view sent in answer to ``origin``; when it times out, the message says ``expired`` instead."""

    def __init__(self, origin: discord.Interaction, *, timeout: float, expired: str) -> None:
        super().__init__(timeout=timeout)
        self.origin = origin
        self._expired = expired

    def _enable(self, enabled: bool) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = not enabled

    async def on_timeout(self) -> None:
        self._enable(False)
        try:
            await self.origin.edit_original_response(content=self._expired, view=self)
        except discord.HTTPException:  # the message was deleted, or the token lapsed: nothing left to disable
            log.info("could not disable an expired %s", type(self).__name__, exc_info=True)

    async def on_error(self, interaction: discord.Interaction, error: Exception, _item: discord.ui.Item) -> None:
        await report_error(interaction, error)


class ReportingModal(discord.ui.Modal):
    """A modal whose failure reaches the member as one sentence, never as Discord's bare 'something went wrong'."""

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:  # type: ignore[override]
        await report_error(interaction, error)
