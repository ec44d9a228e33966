"""``bot.publishing.Publisher`` on discord.py: the only place the scheduler's posts meet Discord.

Every message goes out with mentions disabled except the one role a reading post may ping, and with the
job's nonce (discord.py then sets ``enforce_nonce``), so Discord keeps one message however often a job is
retried. Discord's failures are translated into the three kinds the runner acts on.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import TYPE_CHECKING, Literal

import aiohttp
import discord

from bot.discordside.permissions import missing_in
from bot.pacing import Pacer
from bot.publishing import ChannelKind, Outgoing, PollResult, PublishError, Sent

if TYPE_CHECKING:
    from discord.ext import commands

THREAD_EXISTS = 160004
WEEK_OF_MINUTES: Literal[10080] = 10080  # threads stay open the whole week
REQUESTS_PER_SECOND = 40  # under Discord's global 50, leaving room for interaction follow-ups and listeners


class DiscordPublisher:
    def __init__(self, client: commands.Bot, pacer: Pacer | None = None) -> None:
        self.client = client
        self.pacer = pacer or Pacer(REQUESTS_PER_SECOND, burst=5)  # any one second: at most 45 requests

    @contextlib.asynccontextmanager
    async def _translated(self, channel_id: int) -> AsyncIterator[None]:
        """Paces the request(s) inside, and turns Discord's failures into the runner's three kinds."""
        await self.pacer.wait()
        try:
            yield
        except discord.Forbidden as err:
            raise PublishError("forbidden", self._forbidden_text(channel_id, err)) from err
        except discord.NotFound as err:
            raise PublishError("missing", f"the channel or thread <#{channel_id}> no longer exists") from err
        except discord.HTTPException as err:
            raise PublishError("transient", f"Discord answered {err.status} ({err.text or 'no details'})") from err
        except (TimeoutError, aiohttp.ClientError, OSError) as err:
            raise PublishError("transient", f"could not reach Discord ({type(err).__name__})") from err

    def _forbidden_text(self, channel_id: int, err: discord.Forbidden) -> str:
        channel = self.client.get_channel(channel_id)
        guild = getattr(channel, "guild", None)
        if channel is not None and guild is not None and guild.me is not None:
            missing = missing_in(channel, guild.me)  # type: ignore[arg-type]
            if missing:
                return f"I'm missing {', '.join(missing)} in <#{channel_id}>"
        return f"Discord refused me in <#{channel_id}> ({err.text or 'missing permissions'})"

    async def _channel(self, channel_id: int) -> discord.abc.GuildChannel | discord.Thread:
        channel = self.client.get_channel(channel_id)
        if channel is None:
            async with self._translated(channel_id):
                channel = await self.client.fetch_channel(channel_id)
        return channel  # type: ignore[return-value]

    async def channel_kind(self, channel_id: int) -> ChannelKind:
        channel = await self._channel(channel_id)
        return "forum" if isinstance(channel, discord.ForumChannel) else "text"

    @staticmethod
    def _parts(m: Outgoing) -> dict[str, object]:
        parts: dict[str, object] = {
            "content": m.content or None,
            "allowed_mentions": discord.AllowedMentions(
                everyone=False, users=False, roles=[discord.Object(m.ping_role)]
            )
            if m.ping_role
            else discord.AllowedMentions.none(),
        }
        if m.card is not None:
            embed = discord.Embed(
                title=m.card.title, description=m.card.description or None, url=m.card.url, colour=0x5865F2
            )
            if m.card.author:
                embed.set_author(name=m.card.author)
            for f in m.card.fields:
                embed.add_field(name=f.name, value=f.value, inline=False)
            if m.card.footer:
                embed.set_footer(text=m.card.footer)
            parts["embed"] = embed
        if m.file is not None:
            parts["file"] = discord.File(io.BytesIO(m.file.data), filename=m.file.filename)
        if m.poll is not None:
            poll = discord.Poll(question=m.poll.question, duration=timedelta(hours=m.poll.hours))
            for answer in m.poll.answers:
                poll.add_answer(text=answer)
            parts["poll"] = poll
        return parts

    async def post(self, channel_id: int, message: Outgoing) -> Sent:
        target = self.client.get_partial_messageable(channel_id)
        async with self._translated(channel_id):
            sent = await target.send(nonce=message.nonce, **self._parts(message))  # type: ignore[call-overload]
        return Sent(channel_id, sent.id)

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        channel = await self._channel(channel_id)
        partial = channel.get_partial_message(message_id)  # type: ignore[union-attr]
        async with self._translated(channel_id):
            try:
                thread = await partial.create_thread(name=name, auto_archive_duration=WEEK_OF_MINUTES)
                return thread.id
            except discord.HTTPException as err:
                if err.code != THREAD_EXISTS:
                    raise
            message = await partial.fetch()
            return message.thread.id if message.thread else message_id  # a message's thread shares its id

    async def post_forum(self, forum_id: int, name: str, message: Outgoing) -> Sent:
        forum = await self._channel(forum_id)
        assert isinstance(forum, discord.ForumChannel)
        me = self.client.user.id if self.client.user else None
        for thread in forum.threads:  # a retry after a crash finds the post it made (forum posts take no nonce)
            if thread.owner_id == me and thread.name == name and not thread.archived:
                return Sent(forum_id, thread.id, thread.id)
        parts = self._parts(message)
        async with self._translated(forum_id):
            created = await forum.create_thread(name=name, auto_archive_duration=WEEK_OF_MINUTES, **parts)  # type: ignore[call-overload]
        return Sent(forum_id, created.message.id, created.thread.id)

    async def poll_result(self, channel_id: int, message_id: int) -> PollResult:
        async with self._translated(channel_id):
            message = await self.client.get_partial_messageable(channel_id).fetch_message(message_id)
        poll = message.poll
        if poll is None:
            raise PublishError("missing", f"message {message_id} has no poll")
        counts = tuple((a.text, a.vote_count) for a in poll.answers)
        return PollResult(
            poll.question if isinstance(poll.question, str) else str(poll.question), counts, poll.is_finalised()
        )

    async def notify(self, channel_id: int, text: str) -> None:
        async with self._translated(channel_id):
            await self.client.get_partial_messageable(channel_id).send(
                text[:2000], allowed_mentions=discord.AllowedMentions.none()
            )
