"""What the Discord side calls: record what members do, and let members see, export and erase their data.

Listeners hand over ids and times; the service drops what must not be logged (bots, webhooks, opted-out
members), queues the rest for the batching writer, and answers the privacy commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock, SystemClock
from bot.participation.events import Event, MessageDeleted, MessagePosted, VoteAdded, VoteRemoved
from bot.participation.rules import Author, epoch_ms, is_logged, word_count
from bot.participation.writer import BatchWriter
from bot.reports.summary import DEFAULT_WEEKS, MemberStats, Summary, build_summary, member_stats
from bot.storage.database import DatabaseBusy
from bot.storage.participation import ParticipationStore


@dataclass(frozen=True, slots=True)
class PrivacyStatus:
    opted_out_since: datetime | None
    rows: int

    @property
    def opted_out(self) -> bool:
        return self.opted_out_since is not None


class ParticipationService:
    def __init__(
        self,
        store: ParticipationStore,
        *,
        content_intent: bool = False,
        clock: Clock | None = None,
        flush_at: int = 500,
        max_delay: float = 1.0,
        max_pending: int = 5000,
    ) -> None:
        self._store = store
        self._content_intent = content_intent
        self._clock = clock or SystemClock()
        self._opted_out: dict[int, set[int]] = {}
        self.writer: BatchWriter[Event] = BatchWriter(
            self._write,
            flush_at=flush_at,
            max_delay=max_delay,
            max_pending=max_pending,
            transient=(DatabaseBusy,),  # a backup holding the lock: keep the batch, write it when it lets go
        )

    async def start(self) -> None:
        """Load the opt-outs; call once before the listeners start."""
        self._opted_out = await self._store.opt_outs()

    async def close(self) -> None:
        """Write what is queued; call on shutdown before the database closes."""
        await self.writer.close()

    async def message_posted(
        self,
        *,
        guild_id: int,
        channel_id: int,
        message_id: int,
        author: Author,
        created_at: datetime,
        reply_to: int | None = None,
        content: str | None = None,
    ) -> bool:
        """A message in a server; returns whether it was queued. Whether it is about a week (in a week's
        thread, or a reply to a prompt) is decided when it is written, against the committed weeks."""
        if not is_logged(author, self._opted_out.get(guild_id, ())):
            return False
        words = word_count(content, content_intent=self._content_intent)
        await self.writer.put(
            MessagePosted(guild_id, channel_id, message_id, author.user_id, epoch_ms(created_at), reply_to, words)
        )
        return True

    async def message_deleted(self, message_id: int) -> None:
        """A deleted message takes its event with it (if it had one)."""
        await self.writer.put(MessageDeleted(message_id))

    async def vote_added(
        self, *, guild_id: int, poll_message_id: int, answer_id: int, voter: Author, at: datetime | None = None
    ) -> bool:
        """A poll vote (raw gateway event, so polls older than the cache count too); returns whether queued."""
        if not is_logged(voter, self._opted_out.get(guild_id, ())):
            return False
        when = epoch_ms(at or self._clock.now())
        await self.writer.put(VoteAdded(guild_id, voter.user_id, poll_message_id, answer_id, when))
        return True

    async def vote_removed(self, *, guild_id: int, poll_message_id: int, answer_id: int, user_id: int) -> None:
        """A vote taken back cancels the vote it was."""
        await self.writer.put(VoteRemoved(guild_id, user_id, poll_message_id, answer_id))

    async def opt_out(self, guild_id: int, user_id: int) -> None:
        """Stop logging this member in this server, from now on (their past rows stay until they delete)."""
        self._opted_out.setdefault(guild_id, set()).add(user_id)
        await self._store.set_opt_out(guild_id, user_id, epoch_ms(self._clock.now()))

    async def opt_in(self, guild_id: int, user_id: int) -> None:
        self._opted_out.get(guild_id, set()).discard(user_id)
        await self._store.clear_opt_out(guild_id, user_id)

    async def status(self, guild_id: int, user_id: int) -> PrivacyStatus:
        await self.writer.flush()
        since = await self._store.opted_out_since(guild_id, user_id)
        return PrivacyStatus(since, await self._store.member_row_count(guild_id, user_id))

    async def export(self, guild_id: int, user_id: int) -> list[dict[str, Any]]:
        """The member's own rows, including what was queued a moment ago."""
        await self.writer.flush()
        return await self._store.member_rows(guild_id, user_id)

    async def delete_member(self, guild_id: int, user_id: int) -> int:
        """Remove every row about the member in this server (the opt-out, if any, stays so logging stays
        off); returns how many rows went. Queued events are written first so none survives the delete."""
        await self.writer.flush()
        return await self._store.delete_member(guild_id, user_id)

    async def purge(self, retention_days: int) -> int:
        """Remove events older than the retention period; the scheduler calls this daily."""
        await self.writer.flush()
        cutoff = self._clock.now() - timedelta(days=retention_days)
        return await self._store.purge_before(epoch_ms(cutoff))

    def opted_out(self, guild_id: int) -> frozenset[int]:
        """Who asked not to be logged in this server (the inactive list leaves them out)."""
        return frozenset(self._opted_out.get(guild_id, ()))

    async def summary(
        self, guild_id: int, *, weeks: int | None = DEFAULT_WEEKS, role_size: int | None = None
    ) -> Summary:
        """The circle's summary, counting what was queued a moment ago (a moderator who just watched a
        member post expects to see it)."""
        await self.writer.flush()
        return await build_summary(self._store, guild_id, weeks=weeks, role_size=role_size)

    async def member_stats(self, guild_id: int, user_id: int, *, recent_weeks: int = DEFAULT_WEEKS) -> MemberStats:
        await self.writer.flush()
        return await member_stats(self._store, guild_id, user_id, recent_weeks=recent_weeks)

    async def _write(self, batch: list[Event]) -> None:
        # Filtered again here: a member may have opted out while their event waited in the queue.
        kept = [event for event in batch if not _by_opted_out(event, self._opted_out)]
        if kept:
            await self._store.write(kept)


def _by_opted_out(event: Event, opted_out: dict[int, set[int]]) -> bool:
    if isinstance(event, MessagePosted | VoteAdded):
        return event.user_id in opted_out.get(event.guild_id, ())
    return False
