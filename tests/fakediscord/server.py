"""FakeDiscord: the aiohttp server (REST, gateway, CDN) plus the helpers a test drives it with.

A test builds a world (guilds, roles, members, channels), starts the real bot against this server, then
acts as Discord users would (slash commands, buttons, modals, messages, poll votes). Each action returns
once the bot has finished handling it, known without sleeping: the gateway asks the client for a
heartbeat, whose sequence number proves the event was read, then the harness waits for the handler
tasks discord.py started for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from . import limits, validation
from .gateway import Gateway
from .interactions import (
    InteractionRecord,
    InteractionResult,
    InteractionType,
    command_data,
    modal_submission,
    new_record,
)
from .rest import API_PREFIX, RequestRecord, RestApi, Upload, Violation, attachments_from_uploads
from .state import (
    BOT_DEFAULT,
    Attachment,
    Channel,
    ChannelType,
    Guild,
    Member,
    Message,
    Overwrite,
    Perm,
    Role,
    State,
    User,
    as_int_permissions,
)
from .waiting import DEFAULT_TIMEOUT, FakeDiscordTimeout, Signal, handler_tasks, settle


@contextlib.contextmanager
def pointed_at(api_base: str, gateway_url: str) -> Iterator[None]:
    """Point discord.py at a fake Discord by its URLs, which is all a bot in another process has of it."""
    import discord.gateway
    import discord.http
    import yarl

    old = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old


class SpecMissingWarning(UserWarning):
    """Validation against Discord's OpenAPI spec was skipped because the file is absent."""


@dataclass
class World:
    """The default world most tests need: one guild, its people, roles, and the circle channel."""

    guild: Guild
    owner: Member
    organiser_role: Role
    moderator_role: Role
    organiser: Member
    moderator: Member
    member: Member
    channel: Channel


@dataclass
class _Expectation:
    kind: str
    match: str | None
    met: bool = False

    def accepts(self, text: str) -> bool:
        return self.match is None or self.match in text


class FakeDiscord:
    """A fake Discord for one test; see the module docstring for how waiting works."""

    def __init__(
        self,
        *,
        token: str | None = "fake-token",
        spec_path: Path | None = validation.SPEC_PATH,
        timeout: float = DEFAULT_TIMEOUT,
        guild_ready_timeout: float = 0.05,
    ) -> None:
        self.token = token
        self.timeout = timeout
        self.guild_ready_timeout = guild_ready_timeout
        self.interaction_deadline = 3.0
        self.spec = validation.load_spec(spec_path) if spec_path is not None else None
        self.spec_path = spec_path
        self.state = State(cdn_base="")
        self.gateway = Gateway(self)
        self.rest = RestApi(self)
        self.changed = Signal()
        self.requests: list[RequestRecord] = []
        self.violations: list[Violation] = []
        self.unhandled: list[RequestRecord] = []
        self.errors: list[tuple[RequestRecord, dict[str, Any]]] = []
        self.nonce_hits: list[Message] = []
        self.global_limit: limits.GlobalRateLimit | None = None
        self.faults: list[limits.Fault] = []
        self.holds: list[limits.Hold] = []
        self.invalid = limits.InvalidRequests()
        self.clock: Any = None
        self._clock_tasks: set[asyncio.Task[None]] = set()
        self.crashes: list[tuple[RequestRecord, str]] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        self.modals: list[tuple[InteractionRecord, dict[str, Any]]] = []
        self._expectations: list[_Expectation] = []
        self.reported_problems: list[str] = []  # already shown as the test's failure; not repeated at teardown
        self._pending_events: list[tuple[str, Callable[[], dict[str, Any]]]] = []
        self._unsettled: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway/", self.gateway.handle)
        app.router.add_get("/cdn/attachments/{channel}/{attachment}/{filename}", self._serve_attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        # Discord's edge accepts every connection; aiohttp's default listen backlog (128) does not: 500 commands
        # answered at once open that many connections, and those past the backlog were dropped and retried by
        # the client's TCP a second later (the load benchmark's latencies stepped up by 1 s).
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.state.cdn_base = f"{self.base_url}/cdn"
        if self.spec is None:
            warnings.warn(
                f"Discord OpenAPI spec not found at {self.spec_path}: REST bodies are NOT validated against it "
                "(the limits in docs/ARCHITECTURE.md are still checked)",
                SpecMissingWarning,
                stacklevel=2,
            )

    async def close(self) -> None:
        for task in self._clock_tasks:
            task.cancel()
        await asyncio.gather(*self._clock_tasks, return_exceptions=True)
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    def patch_discord(self) -> contextlib.AbstractContextManager[None]:
        """Point discord.py at this server until the block ends (the ``fake`` pytest fixture holds it for a test)."""
        return pointed_at(self.api_base, self.gateway_url)

    def loop_time(self) -> float:
        return asyncio.get_running_loop().time()

    async def _serve_attachment(self, request: web.Request) -> web.Response:
        attachment = self.state.attachments.get(int(request.match_info["attachment"]))
        if attachment is None or attachment.filename != request.match_info["filename"]:
            return web.Response(status=404, text="not found")
        return web.Response(body=attachment.data, content_type=attachment.content_type or "application/octet-stream")

    # --- world building (synchronous; events reach a connected bot before the next action) --------

    def add_guild(
        self, name: str = "Reading Room", *, owner: str = "owner", bot_permissions: Any = BOT_DEFAULT
    ) -> Guild:
        guild = self.state.add_guild(
            name, owner=self.state.create_user(owner), bot_permissions=as_int_permissions(bot_permissions)
        )
        self._queue("GUILD_CREATE", lambda: self.state.guild_payload(guild, full=True))
        return guild

    def add_role(self, guild: Guild, name: str, permissions: Any = 0) -> Role:
        role = self.state.add_role(guild, name, as_int_permissions(permissions))
        self._queue("GUILD_ROLE_CREATE", lambda: {"guild_id": str(guild.id), "role": role.payload()})
        return role

    def add_member(
        self, guild: Guild, name: str, *, roles: tuple[Role, ...] | list[Role] = (), permissions: Any = None
    ) -> Member:
        """Add a member; ``permissions`` gives them a personal role with exactly those extra bits."""
        roles = list(roles)
        if permissions is not None:
            roles.append(self.add_role(guild, f"{name} permissions", permissions))
        member = self.state.add_member(guild, self.state.create_user(name), roles)
        self._queue("GUILD_MEMBER_ADD", lambda: member.payload() | {"guild_id": str(guild.id)})
        return member

    def add_channel(
        self, guild: Guild, name: str, *, type: int = ChannelType.TEXT, parent: Channel | None = None
    ) -> Channel:
        channel = self.state.add_channel(guild, name, type=type, parent_id=parent.id if parent else None)
        self._queue("CHANNEL_CREATE", channel.payload)
        return channel

    def add_attachment(
        self, filename: str, data: bytes, *, content_type: str | None = None, description: str | None = None
    ) -> Attachment:
        """Register a file as if a user had uploaded it for an attachment option (see ``invoke``)."""
        return self.state.add_attachment(filename, data, content_type=content_type, description=description)

    def build_default_world(self) -> World:
        guild = self.add_guild("Reading Room", owner="olivia-owner")
        organiser_role = self.add_role(guild, "Organiser")
        moderator_role = self.add_role(guild, "Moderator")
        return World(
            guild=guild,
            owner=guild.members[guild.owner_id],
            organiser_role=organiser_role,
            moderator_role=moderator_role,
            organiser=self.add_member(guild, "oscar-organiser", roles=[organiser_role]),
            moderator=self.add_member(guild, "mona-moderator", roles=[moderator_role]),
            member=self.add_member(guild, "max-member"),
            channel=self.add_channel(guild, "reading-circle"),
        )

    def _queue(self, event: str, payload: Callable[[], dict[str, Any]]) -> None:
        """Queue a world-building event; its payload is built at delivery, so later tweaks are included."""
        if self.gateway.live:
            self._pending_events.append((event, payload))

    async def flush(self) -> None:
        """Deliver queued world-building events and wait until the bot has processed them."""
        events, self._pending_events = self._pending_events, []
        for event, payload in events:
            await self.gateway.dispatch(event, payload())
        if events:
            await self.gateway.barrier(self.timeout)

    # --- virtual time -----------------------------------------------------------------------------

    def use_clock(self, clock: Any) -> None:
        """Run Discord's own timers on the test clock the bot uses (tests/clock.py FakeClock).

        Polls then end when virtual time reaches their expiry (MESSAGE_UPDATE with the final results),
        the ``enforce_nonce`` window is measured in virtual time, and the clock settles the fake after
        each wake-up (``settle``) unless it was given another hook.
        """
        self.clock = clock
        self.state.now = clock.now
        if getattr(clock, "settle", None) is None:
            clock.settle = self.settle

    def now(self) -> datetime:
        """Discord's idea of now: the test clock's when one is in use, else the wall clock."""
        return self.state.now()

    async def settle(self, timeout: float | None = None) -> None:
        """Deliver pending events and wait until the bot has handled every event sent so far."""
        timeout = self._timeout(timeout)
        await self.flush()
        before = set(self._unsettled)
        await self.gateway.barrier(timeout)
        await settle(before, timeout=timeout, what="the events sent so far")

    def _end_poll_on_time(self, message: Message) -> None:
        async def end_when_due() -> None:
            assert message.poll is not None
            await self.clock.sleep_until(message.poll.expiry)
            if not message.poll.finalized and not message.deleted:
                await self.end_poll(message)

        task = asyncio.create_task(end_when_due(), name=f"fake-discord: poll {message.id} expiry")
        self._clock_tasks.add(task)
        task.add_done_callback(self._clock_tasks.discard)

    # --- rate limits and failures (see limits.py) ------------------------------------------------

    def set_global_rate(self, rate: int | None, *, window: float = 1.0) -> None:
        """Answer 429 past ``rate`` requests in a rolling ``window`` seconds (Discord: 50 a second); None lifts it."""
        self.global_limit = limits.GlobalRateLimit(rate, window) if rate else None

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        code: int | None = None,
        message: str | None = None,
        *,
        times: int = 1,
        retry_after: float = 1.0,
    ) -> limits.Fault:
        """Make the next ``times`` requests matching ``method`` ("*" for any) and ``path_regex`` fail.

        Code and message default to Discord's for the status (403 → 50013 Missing Permissions, 404 →
        10003 Unknown Channel); a 429 carries ``retry_after`` and a route's scope. Paths are as the API
        sees them, without /api/v10 (``r"/channels/\\d+/messages$"``). A failure set up but never reached
        fails the test, since the test then did not exercise what it meant to.
        """
        fault = limits.make_fault(method, path_regex, status, code, message, times=times, retry_after=retry_after)
        self.faults.append(fault)
        return fault

    def hold_next(self, method: str, path_regex: str) -> limits.Hold:
        """Do the next request matching ``method`` and ``path_regex``, then hold its answer until
        ``hold.release()``; ``await hold.reached.wait()`` to know the work is done (see limits.Hold)."""
        hold = limits.Hold(method.upper(), re.compile(path_regex))
        self.holds.append(hold)
        return hold

    async def hold_answer(self, method: str, path: str) -> None:
        """Called by the REST routes after doing a request's work, before answering it."""
        for hold in self.holds:
            if hold.matches(method, path):
                hold.reached.set()
                await hold.released.wait()
                return

    @property
    def invalid_requests(self) -> int:
        """401, 403 and 429 answers so far: Discord bans a bot at 10,000 in 10 minutes."""
        return self.invalid.total

    @property
    def rate_limited(self) -> int:
        """429 answers so far (global, or injected for a route)."""
        return self.invalid.rate_limited

    # --- what the REST routes call --------------------------------------------------------------

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send a gateway event to the connected bot (respecting its intents)."""
        return await self.gateway.dispatch(event, data)

    async def post_bot_message(
        self,
        channel: Channel,
        body: dict[str, Any],
        uploads: list[Upload],
        *,
        interaction: InteractionRecord | None = None,
        type: int = 0,
        message_id: int | None = None,
    ) -> Message:
        extra: dict[str, Any] = {"type": type}
        if interaction is not None:
            extra |= {
                "webhook_id": self.state.application_id,
                "application_id": self.state.application_id,
                "interaction_metadata": {
                    "id": str(interaction.id),
                    "type": interaction.type,
                    "user": interaction.user.payload(),
                    "authorizing_integration_owners": {"0": str(channel.guild_id)},
                    **({"name": interaction.name} if interaction.type == InteractionType.APPLICATION_COMMAND else {}),
                },
            }
        message = self.state.create_message(channel, self.state.bot_user, body, message_id=message_id, **extra)
        message.attachments = attachments_from_uploads(self, channel.id, body, uploads)
        if message.poll is not None and self.clock is not None:
            self._end_poll_on_time(message)
        if not message.ephemeral:
            bot_member = self.state.member_of(channel.guild_id, self.state.bot_user)
            await self.dispatch("MESSAGE_CREATE", message.payload(member=bot_member))
        return message

    async def edit_bot_message(self, message: Message, body: dict[str, Any], uploads: list[Upload]) -> None:
        new_files = attachments_from_uploads(self, message.channel_id, body, uploads)
        self.state.edit_message(message, body, new_files)
        if not message.ephemeral:
            await self.dispatch("MESSAGE_UPDATE", message.payload(thread=self.state.thread_of(message)))

    async def delete_message(self, message: Message) -> None:
        message.deleted = True
        if not message.ephemeral:
            await self.dispatch(
                "MESSAGE_DELETE",
                {"id": str(message.id), "channel_id": str(message.channel_id), "guild_id": str(message.guild_id)},
            )

    async def create_thread(
        self, parent: Channel, body: dict[str, Any], *, type: int, starter: Message | None = None
    ) -> Channel:
        thread = self.state.create_thread(
            parent,
            body.get("name") or "thread",
            owner=self.state.bot_user,
            type=type,
            auto_archive_duration=body.get("auto_archive_duration"),
            starter=starter,
        )
        await self.dispatch("THREAD_CREATE", thread.payload() | {"newly_created": True})
        return thread

    async def create_forum_post(self, forum: Channel, body: dict[str, Any], uploads: list[Upload]) -> Channel:
        """A forum post is a public thread whose first message shares its id, as Discord makes it."""
        thread = self.state.create_thread(
            forum,
            body["name"],
            owner=self.state.bot_user,
            type=ChannelType.PUBLIC_THREAD,
            auto_archive_duration=body.get("auto_archive_duration"),
        )
        thread.starter_message_id = thread.id
        await self.dispatch("THREAD_CREATE", thread.payload() | {"newly_created": True})
        await self.post_bot_message(thread, body["message"], uploads, message_id=thread.id)
        thread.message_count -= 1  # Discord's message_count leaves out a thread's first message
        return thread

    async def end_poll(self, message: Message) -> None:
        if message.poll is None:
            raise ValueError(f"message {message.id} has no poll")
        message.poll.finalized = True
        message.poll.expiry = min(message.poll.expiry, self.now())
        await self.dispatch("MESSAGE_UPDATE", message.payload(thread=self.state.thread_of(message)))

    # --- acting as users ------------------------------------------------------------------------

    def _require_bot(self) -> None:
        if not self.gateway.live:
            raise FakeDiscordTimeout("no bot is connected to the fake gateway (start it with running_bot first)")

    def _guild_for(self, channel: Channel | None, guild: Guild | None) -> tuple[Guild, Channel]:
        if channel is None:
            guild = guild or next(iter(self.state.guilds.values()))
            channel = next(c for c in (self.state.channels[i] for i in guild.channel_ids) if c.type == 0)
        return self.state.guilds[channel.guild_id], channel

    async def _run_interaction(
        self, record: InteractionRecord, *, settle_tasks: bool, timeout: float | None
    ) -> InteractionResult:
        timeout = self._timeout(timeout)
        await self.flush()
        self._require_bot()
        before = asyncio.all_tasks()
        await self._send_interaction(record)
        await self.gateway.barrier(timeout)
        what = f"interaction {record.name!r}"
        if settle_tasks:
            await settle(before, timeout=timeout, what=what, also=self._unsettled)
            self._unsettled = {t for t in self._unsettled if not t.done()}
        else:
            self._unsettled |= handler_tasks(exclude=before)
        if record.expired:
            raise FakeDiscordTimeout(f"the bot answered {what} too late; Discord had already dropped it")
        if not record.answered and settle_tasks:
            raise FakeDiscordTimeout(
                f"the bot finished handling {what} without answering it (users would see 'The application "
                "did not respond'); look for an exception in the log output"
            )
        await self.changed.wait_until(
            lambda: record.answered or record.expired,
            timeout=self.interaction_deadline,
            what=f"the bot to answer {what} (Discord allows {self.interaction_deadline:g} s)",
        )
        if record.expired:
            raise FakeDiscordTimeout(f"the bot answered {what} too late; Discord had already dropped it")
        return InteractionResult(self, record)

    async def _send_interaction(self, record: InteractionRecord) -> None:
        self.interactions[record.id] = record
        self.interactions_by_token[record.token] = record
        record.dispatched_at = self.loop_time()
        await self.gateway.dispatch("INTERACTION_CREATE", record.payload)

    async def invoke(
        self,
        command: str,
        *,
        member: Member,
        channel: Channel | None = None,
        guild: Guild | None = None,
        options: dict[str, Any] | None = None,
        settle: bool = True,
        timeout: float | None = None,
        ignore_default_permissions: bool = False,
    ) -> InteractionResult:
        """Run a slash command as ``member`` typed it, e.g. ``invoke("circle setup", options={...})``.

        Options are typed from the command the bot synced: pass strings, numbers, or fake objects
        (Channel, Role, Member, Attachment) for entity options; a choice may be given by name or value.
        ``settle=False`` returns after the first answer, for handlers that wait on a later event.
        """
        record = self._command_record(command, member, channel, guild, options, ignore_default_permissions)
        return await self._run_interaction(record, settle_tasks=settle, timeout=timeout)

    def _command_record(
        self,
        command: str,
        member: Member,
        channel: Channel | None,
        guild: Guild | None,
        options: dict[str, Any] | None,
        ignore_default_permissions: bool,
    ) -> InteractionRecord:
        guild, channel = self._guild_for(channel, guild)
        definition = self._command(guild, command)
        self._check_default_permissions(guild, member, definition, command, ignore_default_permissions)
        data = command_data(self.state, guild, member, definition, command.split(), options or {})
        return new_record(
            InteractionType.APPLICATION_COMMAND,
            command,
            member=member,
            channel=channel,
            payload_data=data,
            state=self.state,
        )

    async def autocomplete(
        self,
        command: str,
        *,
        member: Member,
        focused: str,
        options: dict[str, Any],
        channel: Channel | None = None,
        guild: Guild | None = None,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """The choices the bot offers while ``member`` types ``options[focused]``."""
        guild, channel = self._guild_for(channel, guild)
        definition = self._command(guild, command)
        data = command_data(self.state, guild, member, definition, command.split(), options, focused=focused)
        record = new_record(
            InteractionType.AUTOCOMPLETE,
            f"{command} [{focused}]",
            member=member,
            channel=channel,
            payload_data=data,
            state=self.state,
        )
        result = await self._run_interaction(record, settle_tasks=True, timeout=timeout)
        return result.choices

    async def press_button(
        self,
        message: Message | InteractionResult,
        custom_id: str,
        *,
        member: Member,
        settle: bool = True,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Click a button on a message the bot sent (an interaction result stands for its message)."""
        return await self._component(message, custom_id, member=member, values=None, settle=settle, timeout=timeout)

    async def select(
        self,
        message: Message | InteractionResult,
        custom_id: str,
        values: list[str],
        *,
        member: Member,
        settle: bool = True,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Pick ``values`` in a select menu on a message the bot sent."""
        return await self._component(message, custom_id, member=member, values=values, settle=settle, timeout=timeout)

    async def _component(
        self,
        message: Message | InteractionResult,
        custom_id: str,
        *,
        member: Member,
        values: list[str] | None,
        settle: bool,
        timeout: float | None,
    ) -> InteractionResult:
        if isinstance(message, InteractionResult):
            if message.original is None:
                raise AssertionError(f"{message!r} has no message to click on")
            message = message.original
        component = message.find_component(custom_id)
        if component.get("disabled"):
            raise AssertionError(f"component {custom_id!r} is disabled; Discord would not let anyone click it")
        if (
            message.ephemeral
            and message.interaction_metadata
            and int(message.interaction_metadata["user"]["id"]) != member.id
        ):
            raise AssertionError("only the user who received an ephemeral message can use its components")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = list(values)
        channel = self.state.channels[message.channel_id]
        bot_member = self.state.member_of(channel.guild_id, self.state.bot_user)
        record = new_record(
            InteractionType.MESSAGE_COMPONENT,
            custom_id,
            member=member,
            channel=channel,
            payload_data=data,
            state=self.state,
            extra={"message": message.payload(member=bot_member, thread=self.state.thread_of(message))},
        )
        record.source_message_id = message.id
        return await self._run_interaction(record, settle_tasks=settle, timeout=timeout)

    async def submit_modal(
        self,
        custom_id: str,
        values: dict[str, Any],
        *,
        member: Member | None = None,
        settle: bool = True,
        timeout: float | None = None,
    ) -> InteractionResult:
        """Fill in and submit the modal the bot last opened with this custom id."""
        for opener, modal in reversed(self.modals):
            if modal.get("custom_id") == custom_id and (member is None or opener.user.id == member.id):
                break
        else:
            opened = [m.get("custom_id") for _, m in self.modals]
            raise AssertionError(f"the bot never opened a modal {custom_id!r} (opened: {opened})")
        guild = self.state.guilds[opener.guild_id or 0]
        submitter = member or guild.members[opener.user.id]
        channel = self.state.channels[opener.channel_id]
        data = {"custom_id": custom_id, "components": modal_submission(modal, values)}
        extra: dict[str, Any] = {}
        if opener.source_message_id is not None:
            source = self.state.messages[opener.source_message_id]
            extra["message"] = source.payload(thread=self.state.thread_of(source))
        record = new_record(
            InteractionType.MODAL_SUBMIT,
            custom_id,
            member=submitter,
            channel=channel,
            payload_data=data,
            state=self.state,
            extra=extra,
        )
        record.source_message_id = opener.source_message_id
        return await self._run_interaction(record, settle_tasks=settle, timeout=timeout)

    async def post_message(
        self,
        channel: Channel,
        member: Member,
        content: str,
        *,
        mentions: list[Member] | None = None,
        reply_to: Message | None = None,
        timeout: float | None = None,
    ) -> Message:
        """A member writes in a channel or thread (a reply when ``reply_to`` is given); returns after the
        bot's listeners have run."""
        timeout = self._timeout(timeout)
        await self.flush()
        self._require_bot()
        message, payload = self._member_message(channel, member, content, mentions, reply_to)
        await self._event_and_settle("MESSAGE_CREATE", payload, timeout=timeout, what=f"message {message.id}")
        return message

    def _member_message(
        self, channel: Channel, member: Member, content: str, mentions: list[Member] | None, reply_to: Message | None
    ) -> tuple[Message, dict[str, Any]]:
        body: dict[str, Any] = {"content": content}
        extra: dict[str, Any] = {}
        if reply_to is not None:
            body["message_reference"] = {
                "type": 0,
                "message_id": str(reply_to.id),
                "channel_id": str(reply_to.channel_id),
                "guild_id": str(reply_to.guild_id),
            }
            extra["type"] = 19  # REPLY
        message = self.state.create_message(channel, member.user, body, **extra)
        payload = message.payload(member=member)
        payload["mentions"] = [m.user.payload() | {"member": m.payload(with_user=False)} for m in mentions or []]
        return message, payload

    async def vote(self, message: Message, answer_id: int, *, member: Member, timeout: float | None = None) -> None:
        """Vote in a poll; a second vote on a single-choice poll moves the vote, as the client does."""
        timeout = self._timeout(timeout)
        await self.flush()
        self._require_bot()
        for event, payload in self._vote_events(message, answer_id, member):
            await self._event_and_settle(event, payload, timeout=timeout, what=f"a vote on message {message.id}")

    def _vote_events(self, message: Message, answer_id: int, member: Member) -> list[tuple[str, dict[str, Any]]]:
        """Record a vote and return the gateway events it makes: none when it is already there, a removal
        first when it moves a single-choice vote."""
        poll = message.poll
        if poll is None:
            raise AssertionError(f"message {message.id} has no poll")
        if poll.finalized:
            raise AssertionError("the poll has ended; Discord no longer accepts votes")
        answer = poll.answer(answer_id)
        if member.id in answer.voters:
            return []
        events = []
        if not poll.allow_multiselect:
            for other in poll.answers:
                if member.id in other.voters:
                    other.voters.remove(member.id)
                    events.append(("MESSAGE_POLL_VOTE_REMOVE", self._vote_payload(message, other.answer_id, member)))
        answer.voters.append(member.id)
        events.append(("MESSAGE_POLL_VOTE_ADD", self._vote_payload(message, answer_id, member)))
        return events

    async def unvote(self, message: Message, answer_id: int, *, member: Member, timeout: float | None = None) -> None:
        """Take back a poll vote."""
        timeout = self._timeout(timeout)
        if message.poll is None:
            raise AssertionError(f"message {message.id} has no poll")
        answer = message.poll.answer(answer_id)
        if member.id not in answer.voters:
            return
        answer.voters.remove(member.id)
        await self._event_and_settle(
            "MESSAGE_POLL_VOTE_REMOVE",
            self._vote_payload(message, answer_id, member),
            timeout=timeout,
            what=f"a vote removal on message {message.id}",
        )

    # --- load: many actions without waiting for each (benchmarks/load.py) ----------------------------
    #
    # Each user action above waits for the bot to finish before it returns: right for a test, too slow for
    # thousands of events a second. These send and return; ``await fake.settle()`` is then the one barrier.

    async def send_message(
        self, channel: Channel, member: Member, content: str, *, reply_to: Message | None = None
    ) -> Message:
        """``post_message`` without waiting for the bot's listeners."""
        self._require_bot()
        message, payload = self._member_message(channel, member, content, None, reply_to)
        await self.gateway.dispatch("MESSAGE_CREATE", payload)
        return message

    async def send_vote(self, message: Message, answer_id: int, *, member: Member) -> None:
        """``vote`` without waiting for the bot's listeners."""
        self._require_bot()
        for event, payload in self._vote_events(message, answer_id, member):
            await self.gateway.dispatch(event, payload)

    async def send_command(
        self,
        command: str,
        *,
        member: Member,
        channel: Channel | None = None,
        options: dict[str, Any] | None = None,
    ) -> InteractionResult:
        """``invoke`` without waiting: the result fills in as the bot answers (``result.record.answered_at``
        says when the first answer arrived, on the loop clock ``dispatched_at`` uses)."""
        self._require_bot()
        record = self._command_record(command, member, channel, None, options, False)
        await self._send_interaction(record)
        return InteractionResult(self, record)

    @staticmethod
    def _vote_payload(message: Message, answer_id: int, member: Member) -> dict[str, Any]:
        return {
            "user_id": str(member.id),
            "channel_id": str(message.channel_id),
            "message_id": str(message.id),
            "guild_id": str(message.guild_id),
            "answer_id": answer_id,
        }

    async def delete_channel(self, channel: Channel, *, timeout: float | None = None) -> None:
        """Delete a channel (its threads go with it) or a thread; the bot's later requests get 404 10003."""
        await self.flush()
        self.state.delete_channel(channel)
        if channel.is_thread:
            event = "THREAD_DELETE"
            data = {
                "id": str(channel.id),
                "guild_id": str(channel.guild_id),
                "parent_id": str(channel.parent_id),
                "type": int(channel.type),
            }
        else:
            event, data = "CHANNEL_DELETE", channel.payload()
        await self._event_and_settle(
            event, data, timeout=self._timeout(timeout), what=f"the deletion of #{channel.name}"
        )

    async def set_permissions(
        self,
        channel: Channel,
        target: Role | Member,
        *,
        allow: Any = 0,
        deny: Any = 0,
        timeout: float | None = None,
    ) -> None:
        """Set (or, with neither ``allow`` nor ``deny``, remove) a channel's overwrite for a role or member.

        ``fake.set_permissions(channel, fake.bot_role(guild), deny=Perm.SEND_MESSAGES)`` takes the bot's
        right to post there: its requests answer 403 50013 and ``permissions_for`` in the bot agrees.
        """
        await self.flush()
        allow, deny = as_int_permissions(allow), as_int_permissions(deny)
        if allow or deny:
            kind = 1 if isinstance(target, Member) else 0
            channel.overwrites[target.id] = Overwrite(target.id, kind, allow, deny)
        else:
            channel.overwrites.pop(target.id, None)
        await self._event_and_settle(
            "CHANNEL_UPDATE", channel.payload(), timeout=self._timeout(timeout), what=f"an overwrite on #{channel.name}"
        )

    async def edit_role(self, role: Role, *, permissions: Any, timeout: float | None = None) -> None:
        """Change a role's permissions, as a server admin would (GUILD_ROLE_UPDATE)."""
        await self.flush()
        role.permissions = as_int_permissions(permissions)
        await self._event_and_settle(
            "GUILD_ROLE_UPDATE",
            {"guild_id": str(role.guild_id), "role": role.payload()},
            timeout=self._timeout(timeout),
            what=f"an edit of role {role.name!r}",
        )

    def bot_role(self, guild: Guild) -> Role:
        """The role Discord made for the bot when it joined (managed, tagged with the bot's id)."""
        return next(r for r in guild.roles.values() if r.bot_id == self.state.bot_user.id)

    def _timeout(self, timeout: float | None) -> float:
        return self.timeout if timeout is None else timeout

    async def expire_poll(self, message: Message, *, timeout: float | None = None) -> None:
        """End a poll as Discord does when its time is up."""
        before = asyncio.all_tasks()
        await self.end_poll(message)
        timeout = self._timeout(timeout)
        await self.gateway.barrier(timeout)
        await settle(before, timeout=timeout, what="the poll ending")

    async def _event_and_settle(self, event: str, data: dict[str, Any], *, timeout: float, what: str) -> None:
        before = asyncio.all_tasks()
        await self.gateway.dispatch(event, data)
        await self.gateway.barrier(timeout)
        await settle(before, timeout=timeout, what=what, also=self._unsettled)
        self._unsettled = {t for t in self._unsettled if not t.done()}
        self.changed.notify()

    # --- reading what the bot did ---------------------------------------------------------------

    def _command(self, guild: Guild, command: str) -> dict[str, Any]:
        name = command.split()[0].lstrip("/")
        definition = self.state.find_command(guild.id, name)
        if definition is None:
            known = sorted({*self.state.global_commands, *self.state.guild_commands.get(guild.id, {})})
            raise AssertionError(f"the bot has not synced a command /{name} for this guild; synced: {known}")
        return definition

    def _check_default_permissions(
        self, guild: Guild, member: Member, definition: dict[str, Any], command: str, ignore: bool
    ) -> None:
        required = definition.get("default_member_permissions")
        if required is None or ignore:
            return
        needed = int(required)
        if self.state.permissions(guild, member) & needed != needed:
            raise AssertionError(
                f"Discord would not show /{command} to {member.name}: it needs permissions {Perm(needed)!r} by "
                "default (pass ignore_default_permissions=True to model a server override)"
            )

    def commands(self, guild: Guild | None = None) -> list[dict[str, Any]]:
        """The commands the bot synced (globally, or for one guild)."""
        if guild is None:
            return list(self.state.global_commands.values())
        return list(self.state.guild_commands.get(guild.id, {}).values())

    def messages(self, channel: Channel, *, include_ephemeral: bool = False) -> list[Message]:
        """Messages in a channel or thread, oldest first; ephemeral responses only when asked for."""
        return [m for m in self.state.channel_messages(channel.id) if include_ephemeral or not m.ephemeral]

    def bot_messages(self, channel: Channel) -> list[Message]:
        return [m for m in self.messages(channel) if m.author.id == self.state.bot_user.id]

    def threads(self, channel: Channel | None = None) -> list[Channel]:
        threads = [c for c in self.state.channels.values() if c.is_thread]
        return [t for t in threads if channel is None or t.parent_id == channel.id]

    @property
    def last_interaction(self) -> InteractionResult:
        if not self.interactions:
            raise AssertionError("no interaction has been sent yet")
        return InteractionResult(self, list(self.interactions.values())[-1])

    @property
    def bot_user(self) -> User:
        return self.state.bot_user

    async def wait_until(self, predicate: Callable[[], object], what: str, *, timeout: float | None = None) -> None:
        """Wait for a condition on the fake's state that the bot brings about on its own schedule."""
        await self.changed.wait_until(predicate, timeout=self._timeout(timeout), what=what)

    # --- problems -------------------------------------------------------------------------------

    def expect_violation(self, match: str | None = None) -> None:
        """Declare that this test provokes a spec or limit violation (containing ``match``)."""
        self._expectations.append(_Expectation("violation", match))

    def expect_unhandled(self, match: str | None = None) -> None:
        """Declare that this test calls a route the fake does not implement."""
        self._expectations.append(_Expectation("unhandled", match))

    def problems(self) -> list[str]:
        """Everything that should fail the test: unexpected violations/unhandled routes, unmet expectations."""
        found = [f"the fake itself crashed on {record}:\n{trace}" for record, trace in self.crashes]
        for kind, items in (
            ("violation", [str(v) for v in self.violations]),
            ("unhandled", [str(r) for r in self.unhandled]),
        ):
            expectations = [e for e in self._expectations if e.kind == kind]
            for text in items:
                accepted = [e for e in expectations if e.accepts(text)]
                for e in accepted:
                    e.met = True
                if not accepted:
                    label = "Discord would refuse" if kind == "violation" else "route not implemented by the fake"
                    found.append(f"{label}: {text}")
        for e in self._expectations:
            if not e.met:
                found.append(f"expected a {e.kind}{f' matching {e.match!r}' if e.match else ''}, but none happened")
        found += [f"{fault} was set up but no request matched it" for fault in self.faults if not fault.hits]
        found += [f"{hold} was set up but no request matched it" for hold in self.holds if not hold.reached.is_set()]
        if self.invalid.would_ban:
            found.append(
                f"Discord would ban the bot: {self.invalid.peak} invalid requests (401/403/429) within "
                f"{limits.BAN_WINDOW_S / 60:g} minutes (the limit is {limits.BAN_THRESHOLD})"
            )
        return found
