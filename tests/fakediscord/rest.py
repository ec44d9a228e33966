"""The REST routes the bot uses, stateful, answering with the shapes and error codes Discord uses.

Every request passes through :meth:`RestApi.handle`: parse (JSON or multipart with ``payload_json``),
record, validate against the spec and the limits in docs/ARCHITECTURE.md, then route. Anything without a
route answers 404 and is recorded as unhandled, so a test fails rather than a bot feature silently talking to nothing.
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from . import limits, validation
from .interactions import CallbackType, InteractionRecord
from .state import Attachment, Channel, ChannelType, Guild, Member, Message, MessageFlag, Perm

if TYPE_CHECKING:
    from .server import FakeDiscord

API_PREFIX = "/api/v10"
NONCE_WINDOW_S = 5 * 60
JSON_HEADERS = {"Content-Type": "application/json"}  # exactly this: discord.py compares the whole header


@dataclass
class Upload:
    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RequestRecord:
    """One REST call as the bot made it, kept for assertions and failure messages."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    uploads: list[Upload] = field(default_factory=list)
    status: int | None = None
    operation_id: str | None = None
    injected: bool = False  # answered by FakeDiscord.fail_next or the global rate limit, not by a route
    received_at: float = 0.0  # loop time the request arrived, before the fake's own work on it

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"


@dataclass
class Violation:
    """A request Discord would have refused; failing the test is the point."""

    request: RequestRecord
    errors: list[str]

    def __str__(self) -> str:
        return f"{self.request.method} {self.request.path}: " + "; ".join(self.errors)


class DiscordError(Exception):
    """Raised by a route to answer like Discord does: ``{"code": ..., "message": ...}``."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


class RefusedBody(Exception):
    """A body that passed the spec but breaks a rule Discord checks (empty message, double response)."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


Reply = tuple[int, Any]
Handler = Callable[["Call"], Awaitable[Reply]]


@dataclass
class Call:
    record: RequestRecord
    params: dict[str, str]

    @property
    def body(self) -> dict[str, Any]:
        return self.record.body if isinstance(self.record.body, dict) else {}

    def int(self, name: str) -> int:
        return int(self.params[name])


def unknown(what: str, code: int) -> DiscordError:
    return DiscordError(404, code, f"Unknown {what}")


class RestApi:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.state = fake.state
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.nonces: dict[tuple[int, int, str], tuple[int, datetime]] = {}
        r = self.route
        r("GET", "/users/@me", self.get_me)
        r("GET", "/oauth2/applications/@me", self.get_application)
        r("GET", "/applications/@me", self.get_application)
        r("GET", "/gateway", self.get_gateway)
        r("GET", "/gateway/bot", self.get_gateway)
        for prefix in ("/applications/{app}", "/applications/{app}/guilds/{guild}"):
            r("GET", prefix + "/commands", self.list_commands)
            r("PUT", prefix + "/commands", self.put_commands)
            r("POST", prefix + "/commands", self.post_command)
            r("GET", prefix + "/commands/{command}", self.get_command)
            r("DELETE", prefix + "/commands/{command}", self.delete_command)
        r("POST", "/interactions/{interaction}/{token}/callback", self.interaction_callback)
        r("POST", "/webhooks/{app}/{token}", self.execute_webhook)
        for message in ("@original", "{message}"):
            r("GET", "/webhooks/{app}/{token}/messages/" + message, self.get_webhook_message)
            r("PATCH", "/webhooks/{app}/{token}/messages/" + message, self.edit_webhook_message)
            r("DELETE", "/webhooks/{app}/{token}/messages/" + message, self.delete_webhook_message)
        r("GET", "/channels/{channel}", self.get_channel)
        r("PATCH", "/channels/{channel}", self.edit_channel)
        r("GET", "/channels/{channel}/messages", self.list_messages)
        r("POST", "/channels/{channel}/messages", self.create_message)
        r("GET", "/channels/{channel}/messages/{message}", self.get_message)
        r("PATCH", "/channels/{channel}/messages/{message}", self.edit_message)
        r("DELETE", "/channels/{channel}/messages/{message}", self.delete_message)
        r("POST", "/channels/{channel}/messages/{message}/threads", self.thread_from_message)
        r("POST", "/channels/{channel}/threads", self.thread_without_message)
        r("PUT", "/channels/{channel}/thread-members/@me", self.join_thread)
        r("POST", "/channels/{channel}/typing", self.typing)
        r("POST", "/channels/{channel}/polls/{message}/expire", self.expire_poll)
        r("GET", "/channels/{channel}/polls/{message}/answers/{answer}", self.poll_voters)
        r("GET", "/guilds/{guild}", self.get_guild)
        r("GET", "/guilds/{guild}/channels", self.get_guild_channels)
        r("GET", "/guilds/{guild}/roles", self.get_roles)
        r("GET", "/guilds/{guild}/members", self.list_members)
        r("GET", "/guilds/{guild}/members/{user}", self.get_member)
        r("GET", "/guilds/{guild}/threads/active", self.active_threads)

    def route(self, method: str, template: str, handler: Handler) -> None:
        # ids are digits (so /messages/pins is not /messages/{message}); only tokens are free text
        regex = re.sub(
            r"\\\{(\w+)\\\}", lambda m: f"(?P<{m[1]}>{'[^/]+' if m[1] == 'token' else '[0-9]+'})", re.escape(template)
        )
        self.routes.append((method, re.compile(f"^{regex}$"), handler))

    # --- the pipeline ---------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.Response:
        path = request.path[len(API_PREFIX) :] or "/"
        fake = self.fake
        record = RequestRecord(request.method, path, dict(request.query), None, received_at=fake.loop_time())
        fake.requests.append(record)
        headers = JSON_HEADERS
        try:
            record.body, record.uploads = await _read_body(request)
            result = await self._dispatch(request, record)
            if isinstance(result, limits.Answer):
                status, data, headers = result.status, result.body, JSON_HEADERS | result.headers
            else:
                status, data = result
        except DiscordError as exc:
            status, data = exc.status, {"code": exc.code, "message": exc.message}
            fake.errors.append((record, data))
        except RefusedBody as exc:
            status, data = exc.status, {"code": exc.code, "message": exc.message}
            fake.violations.append(Violation(record, [f"{exc.message} (code {exc.code})"]))
        except Exception as exc:  # a bug in the fake: fail the test, but answer so the bot does not retry
            fake.crashes.append((record, "".join(traceback.format_exception(exc))))
            status, data = 503, {"code": 0, "message": f"fake Discord crashed: {exc!r}"}
        record.status = status
        fake.invalid.record(status, fake.loop_time())
        fake.changed.notify()
        if data is None:
            return web.Response(status=status)
        return web.Response(status=status, body=json.dumps(data).encode(), headers=headers)

    async def _dispatch(self, request: web.Request, record: RequestRecord) -> Reply | limits.Answer:
        fake = self.fake
        public = record.path.startswith(("/interactions/", "/webhooks/", "/gateway"))
        if not public and not _authorised(request, fake.token):
            return 401, {"code": 0, "message": "401: Unauthorized"}
        if fake.global_limit is not None and not record.path.startswith(limits.GLOBAL_EXEMPT_PREFIXES):
            retry_after = fake.global_limit.check(fake.loop_time())
            if retry_after is not None:
                record.injected = True
                return limits.rate_limited(retry_after, scope="global")
        errors = self._validate(request, record)
        if errors:
            fake.violations.append(Violation(record, [str(e) for e in errors]))
            return 400, validation.discord_error_body(errors)
        for fault in fake.faults:
            if fault.matches(record.method, record.path):
                record.injected = True
                return fault.answer()
        for method, pattern, handler in self.routes:
            match = pattern.match(record.path)
            if method == record.method and match:
                reply = await handler(Call(record, match.groupdict()))
                await fake.hold_answer(record.method, record.path)
                return reply
        fake.unhandled.append(record)
        return 404, {"code": 0, "message": "404: Not Found"}

    def _validate(self, request: web.Request, record: RequestRecord) -> list[validation.FieldError]:
        spec = self.fake.spec
        operation = spec.match(record.method, record.path) if spec is not None else None
        record.operation_id = (
            operation.operation_id if operation else validation.limits_operation(record.method, record.path)
        )
        if record.body is None:
            return []
        errors: list[validation.FieldError] = []
        if spec is not None and operation is not None:
            multipart = record.uploads or request.content_type.startswith("multipart/")
            content_type = "multipart/form-data" if multipart else "application/json"
            errors = validation.schema_errors(spec, operation, content_type, record.body)
        flagged = {e.path for e in errors}  # the spec already said it: do not report the field twice
        extra = validation.design_errors(record.operation_id or "", record.body)
        return errors + [e for e in extra if e.path not in flagged]

    # --- identity ------------------------------------------------------------------------------

    async def get_me(self, call: Call) -> Reply:
        return 200, self.state.bot_user.payload() | {"verified": True, "mfa_enabled": False}

    async def get_application(self, call: Call) -> Reply:
        state = self.state
        return 200, {
            "id": str(state.application_id),
            "name": state.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot": state.bot_user.payload(),
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": state.app_owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "approximate_guild_count": len(state.guilds),
        }

    async def get_gateway(self, call: Call) -> Reply:
        data: dict[str, Any] = {"url": self.fake.gateway_url}
        if call.record.path.endswith("/bot"):
            data |= {
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
            }
        return 200, data

    # --- application commands ------------------------------------------------------------------

    def _scope(self, call: Call) -> int | None:
        if int(call.params["app"]) != self.state.application_id:
            raise DiscordError(403, 50001, "Missing Access")
        if "guild" in call.params:
            guild_id = call.int("guild")
            if guild_id not in self.state.guilds:
                raise DiscordError(403, 50001, "Missing Access")
            return guild_id
        return None

    def _commands(self, guild_id: int | None) -> dict[str, dict[str, Any]]:
        return self.state.global_commands if guild_id is None else self.state.guild_commands.get(guild_id, {})

    async def list_commands(self, call: Call) -> Reply:
        return 200, list(self._commands(self._scope(call)).values())

    async def put_commands(self, call: Call) -> Reply:
        guild_id = self._scope(call)
        return 200, self.state.store_commands(guild_id, list(call.record.body or []))

    async def post_command(self, call: Call) -> Reply:
        return 201, self.state.upsert_command(self._scope(call), call.body)

    def _find_command(self, call: Call) -> dict[str, Any]:
        for command in self._commands(self._scope(call)).values():
            if command["id"] == call.params["command"]:
                return command
        raise unknown("application command", 10063)

    async def get_command(self, call: Call) -> Reply:
        return 200, self._find_command(call)

    async def delete_command(self, call: Call) -> Reply:
        command = self._find_command(call)
        del self._commands(self._scope(call))[command["name"]]
        return 204, None

    # --- interactions ---------------------------------------------------------------------------

    def _interaction(self, call: Call) -> InteractionRecord:
        record = self.fake.interactions.get(int(call.params["interaction"]))
        if record is None or record.token != call.params["token"]:
            raise unknown("interaction", 10062)
        return record

    async def interaction_callback(self, call: Call) -> Reply:
        record = self._interaction(call)
        fake = self.fake
        if record.answered:
            raise RefusedBody(400, 40060, "Interaction has already been acknowledged.")
        late = call.record.received_at - record.dispatched_at
        if late > fake.interaction_deadline:
            record.expired = True
            raise RefusedBody(
                404,
                10062,
                f"Unknown interaction (answered after {late:.1f} s; Discord allows "
                f"{fake.interaction_deadline:g} s: defer long work)",
            )
        record.answered_at = call.record.received_at
        body = call.body
        kind = body.get("type")
        data = body.get("data") or {}
        channel = self.state.channels[record.channel_id]
        ephemeral = bool(int(data.get("flags") or 0) & MessageFlag.EPHEMERAL)
        message: Message | None = None
        if kind == CallbackType.MESSAGE:
            _require_message_body(data, call.record.uploads)
            message = await fake.post_bot_message(
                channel, data, call.record.uploads, interaction=record, type=20 if record.type == 2 else 0
            )
            record.original_message_id = message.id
        elif kind == CallbackType.DEFERRED_MESSAGE:
            flags = MessageFlag.LOADING | (MessageFlag.EPHEMERAL if ephemeral else 0)
            message = await fake.post_bot_message(
                channel, {"flags": int(flags)}, [], interaction=record, type=20 if record.type == 2 else 0
            )
            record.original_message_id = message.id
        elif kind in (CallbackType.DEFERRED_UPDATE, CallbackType.UPDATE_MESSAGE):
            if record.source_message_id is None:
                raise DiscordError(400, 40004, "Interaction callback type is only valid for component interactions")
            record.original_message_id = record.source_message_id
            if kind == CallbackType.UPDATE_MESSAGE:
                message = self.state.messages[record.source_message_id]
                await fake.edit_bot_message(message, data, call.record.uploads)
        elif kind not in (CallbackType.AUTOCOMPLETE_RESULT, CallbackType.MODAL):
            raise DiscordError(400, 50035, f"Interaction callback type {kind} is not supported by the fake")
        elif kind == CallbackType.MODAL:
            fake.modals.append((record, data))
        record.response_type = kind
        record.response_data = data
        interaction_info: dict[str, Any] = {
            "id": str(record.id),
            "type": record.type,
            "activity_instance_id": None,
            "response_message_id": str(record.original_message_id) if record.original_message_id else None,
            "response_message_loading": kind == CallbackType.DEFERRED_MESSAGE,
            "response_message_ephemeral": ephemeral,
        }
        resource: dict[str, Any] = {"type": kind}
        if message is not None and kind in (CallbackType.MESSAGE, CallbackType.UPDATE_MESSAGE):
            resource["message"] = self._message_payload(message)
        if call.record.query.get("with_response") in ("1", "true", "True"):
            return 200, {"interaction": interaction_info, "resource": resource}
        return 204, None

    def _token_record(self, call: Call) -> InteractionRecord:
        if int(call.params["app"]) != self.state.application_id:
            raise unknown("Webhook", 10015)
        record = self.fake.interactions_by_token.get(call.params["token"])
        if record is None:
            raise unknown("Webhook", 10015)
        return record

    def _webhook_message(self, call: Call) -> tuple[InteractionRecord, Message]:
        record = self._token_record(call)
        if "message" in call.params:
            mid = int(call.params["message"])
            if mid != record.original_message_id and mid not in record.followup_ids:
                raise unknown("Message", 10008)
        else:
            if record.original_message_id is None:
                raise unknown("Message", 10008)
            mid = record.original_message_id
        message = self.state.messages.get(mid)
        if message is None or message.deleted:
            raise unknown("Message", 10008)
        return record, message

    async def execute_webhook(self, call: Call) -> Reply:
        record = self._token_record(call)
        if not record.answered:
            raise RefusedBody(404, 10015, "Unknown Webhook (follow-up sent before the interaction was answered)")
        _require_message_body(call.body, call.record.uploads)
        channel = self.state.channels[record.channel_id]
        message = await self.fake.post_bot_message(channel, call.body, call.record.uploads, interaction=record, type=0)
        record.followup_ids.append(message.id)
        if call.record.query.get("wait") in ("true", "1", "True"):
            return 200, self._message_payload(message)
        return 204, None

    async def get_webhook_message(self, call: Call) -> Reply:
        _, message = self._webhook_message(call)
        return 200, self._message_payload(message)

    async def edit_webhook_message(self, call: Call) -> Reply:
        _, message = self._webhook_message(call)
        await self.fake.edit_bot_message(message, call.body, call.record.uploads)
        return 200, self._message_payload(message)

    async def delete_webhook_message(self, call: Call) -> Reply:
        _, message = self._webhook_message(call)
        await self.fake.delete_message(message)
        return 204, None

    # --- channels and messages ------------------------------------------------------------------

    def _channel(self, call: Call, *needed: int) -> Channel:
        """The channel in the path, if it exists and the bot may see it and has ``needed`` there."""
        channel = self.state.channels.get(call.int("channel"))
        if channel is None:
            raise unknown("Channel", 10003)
        self._require(channel, *needed)
        return channel

    def _require(self, channel: Channel, *needed: int) -> None:
        have = self.state.channel_permissions(channel, self._bot_member(channel))
        if not have & Perm.VIEW_CHANNEL:
            raise DiscordError(403, 50001, "Missing Access")
        if any(not have & p for p in needed):
            raise DiscordError(403, 50013, "Missing Permissions")

    def _message(self, call: Call, *needed: int) -> Message:
        channel = self._channel(call, *needed)
        message = self.state.messages.get(call.int("message"))
        if message is None or message.deleted or message.channel_id != channel.id:
            raise unknown("Message", 10008)
        return message

    def _bot_member(self, channel: Channel) -> Member:
        member = self.state.member_of(channel.guild_id, self.state.bot_user)
        assert member is not None, "the bot is in every guild of the fake"
        return member

    def _message_payload(self, message: Message) -> dict[str, Any]:
        return message.payload(thread=self.state.thread_of(message))

    async def get_channel(self, call: Call) -> Reply:
        return 200, self._channel(call).payload()

    async def edit_channel(self, call: Call) -> Reply:
        """Rename a channel or thread, or archive/lock a thread (what a weekly cycle does to last week's)."""
        channel = self._channel(call)
        body = call.body
        if not channel.is_thread:
            self._require(channel, Perm.MANAGE_CHANNELS)
        elif body.get("locked") is not None or channel.owner_id != self.state.bot_user.id:
            self._require(channel, Perm.MANAGE_THREADS)
        for key in ("name", "topic", "archived", "locked", "auto_archive_duration"):
            if key in body and body[key] is not None:
                setattr(channel, key, body[key])
        event = "THREAD_UPDATE" if channel.is_thread else "CHANNEL_UPDATE"
        await self.fake.dispatch(event, channel.payload())
        self.fake.changed.notify()
        return 200, channel.payload()

    async def list_messages(self, call: Call) -> Reply:
        channel = self._channel(call)
        if not self.state.channel_permissions(channel, self._bot_member(channel)) & Perm.READ_MESSAGE_HISTORY:
            return 200, []  # Discord shows no history to a member without Read Message History
        query = call.record.query
        messages = [m for m in self.state.channel_messages(channel.id) if not m.ephemeral]
        limit = int(query.get("limit", 50))
        if "before" in query:
            messages = [m for m in messages if m.id < int(query["before"])][-limit:]
        elif "after" in query:
            messages = [m for m in messages if m.id > int(query["after"])][:limit]
        elif "around" in query:
            around = int(query["around"])
            older = [m for m in messages if m.id <= around][-(limit // 2 + 1) :]
            newer = [m for m in messages if m.id > around][: limit - len(older)]
            messages = older + newer
        else:
            messages = messages[-limit:]
        return 200, [self._message_payload(m) for m in reversed(messages)]  # newest first, as Discord

    async def create_message(self, call: Call) -> Reply:
        channel = self._channel(call)
        if channel.type in (ChannelType.FORUM, ChannelType.CATEGORY):
            raise RefusedBody(400, 50008, "Cannot send messages in a non-text channel (a forum takes posts: threads)")
        body = call.body
        self._require(channel, *_send_permissions(channel, body, call.record.uploads))
        _require_message_body(body, call.record.uploads)
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            key = (channel.id, self.state.bot_user.id, str(nonce))
            seen = self.nonces.get(key)
            if seen is not None and (self.fake.now() - seen[1]).total_seconds() < NONCE_WINDOW_S:
                existing = self.state.messages[seen[0]]
                self.fake.nonce_hits.append(existing)
                return 200, self._message_payload(existing)
        message = await self.fake.post_bot_message(channel, body, call.record.uploads)
        if nonce is not None and body.get("enforce_nonce"):
            self.nonces[(channel.id, self.state.bot_user.id, str(nonce))] = (message.id, self.fake.now())
        return 200, self._message_payload(message)

    async def get_message(self, call: Call) -> Reply:
        return 200, self._message_payload(self._message(call, Perm.READ_MESSAGE_HISTORY))

    async def edit_message(self, call: Call) -> Reply:
        message = self._message(call)
        if message.author.id != self.state.bot_user.id and set(call.body) - {"flags"}:
            raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
        if message.poll is not None and call.body.get("poll"):
            raise RefusedBody(400, 50035, "Invalid Form Body (a poll cannot be edited)")
        await self.fake.edit_bot_message(message, call.body, call.record.uploads)
        return 200, self._message_payload(message)

    async def delete_message(self, call: Call) -> Reply:
        message = self._message(call)
        if message.author.id != self.state.bot_user.id:
            self._require(self.state.channels[message.channel_id], Perm.MANAGE_MESSAGES)
        await self.fake.delete_message(message)
        return 204, None

    async def thread_from_message(self, call: Call) -> Reply:
        message = self._message(call, Perm.CREATE_PUBLIC_THREADS)
        parent = self._channel(call)
        if parent.is_thread:
            raise DiscordError(400, 50024, "Cannot execute action on this channel type")
        if message.thread_id is not None:
            raise DiscordError(400, 160004, "A thread has already been created for this message")
        thread = await self.fake.create_thread(parent, call.body, type=ChannelType.PUBLIC_THREAD, starter=message)
        return 201, thread.payload()

    async def thread_without_message(self, call: Call) -> Reply:
        parent = self._channel(call)
        if parent.is_thread:
            raise DiscordError(400, 50024, "Cannot execute action on this channel type")
        if parent.type == ChannelType.FORUM:
            message = call.body.get("message")
            if not isinstance(message, dict):
                raise RefusedBody(400, 50035, "Invalid Form Body (a forum post needs a message)")
            _require_message_body(message, call.record.uploads)
            self._require(parent, *_send_permissions(parent, message, call.record.uploads))
            thread = await self.fake.create_forum_post(parent, call.body, call.record.uploads)
            return 201, thread.payload() | {"message": self._message_payload(self.state.messages[thread.id])}
        kind = int(call.body.get("type") or ChannelType.PRIVATE_THREAD)
        needed = Perm.CREATE_PRIVATE_THREADS if kind == ChannelType.PRIVATE_THREAD else Perm.CREATE_PUBLIC_THREADS
        self._require(parent, needed)
        thread = await self.fake.create_thread(parent, call.body, type=kind)
        return 201, thread.payload()

    async def join_thread(self, call: Call) -> Reply:
        self._channel(call)
        return 204, None

    async def typing(self, call: Call) -> Reply:
        self._channel(call, Perm.SEND_MESSAGES)
        return 204, None

    async def expire_poll(self, call: Call) -> Reply:
        message = self._message(call)
        if message.poll is None:
            raise DiscordError(400, 520001, "Message has no poll")
        if message.author.id != self.state.bot_user.id:
            raise DiscordError(403, 50013, "Missing Permissions")
        await self.fake.end_poll(message)
        return 200, self._message_payload(message)

    async def poll_voters(self, call: Call) -> Reply:
        message = self._message(call, Perm.READ_MESSAGE_HISTORY)
        if message.poll is None:
            raise DiscordError(400, 520001, "Message has no poll")
        try:
            answer = message.poll.answer(call.int("answer"))
        except KeyError:
            raise unknown("answer", 10018) from None
        query = call.record.query
        voters = sorted(answer.voters)
        if "after" in query:
            voters = [v for v in voters if v > int(query["after"])]
        voters = voters[: int(query.get("limit", 25))]
        return 200, {"users": [self.state.users[v].payload() for v in voters]}

    # --- guilds ---------------------------------------------------------------------------------

    def _guild(self, call: Call) -> Guild:
        guild = self.state.guilds.get(call.int("guild"))
        if guild is None:
            raise unknown("Guild", 10004)
        return guild

    async def get_guild(self, call: Call) -> Reply:
        guild = self._guild(call)
        data = self.state.guild_payload(guild, full=False)
        if call.record.query.get("with_counts") in ("true", "1"):
            data |= {"approximate_member_count": len(guild.members), "approximate_presence_count": 0}
        return 200, data

    async def get_guild_channels(self, call: Call) -> Reply:
        guild = self._guild(call)
        return 200, [self.state.channels[c].payload() for c in guild.channel_ids]

    async def get_roles(self, call: Call) -> Reply:
        return 200, [r.payload() for r in self._guild(call).roles.values()]

    async def list_members(self, call: Call) -> Reply:
        guild = self._guild(call)
        members = sorted(guild.members.values(), key=lambda m: m.id)
        after = int(call.record.query.get("after", 0))
        limit = int(call.record.query.get("limit", 1))
        return 200, [m.payload() for m in members if m.id > after][:limit]

    async def get_member(self, call: Call) -> Reply:
        member = self._guild(call).members.get(call.int("user"))
        if member is None:
            raise unknown("Member", 10007)
        return 200, member.payload()

    async def active_threads(self, call: Call) -> Reply:
        guild = self._guild(call)
        threads = [c for c in self.state.channels.values() if c.guild_id == guild.id and c.is_thread and not c.archived]
        return 200, {"threads": [t.payload() for t in threads], "members": []}


def _authorised(request: web.Request, token: str | None) -> bool:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bot "):
        return False
    return token is None or header == f"Bot {token}"


def _send_permissions(channel: Channel, body: dict[str, Any], uploads: list[Upload]) -> list[int]:
    """What posting this body needs where it goes (a forum post needs Send Messages: "Create Posts")."""
    needed = [Perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else Perm.SEND_MESSAGES]
    if uploads:
        needed.append(Perm.ATTACH_FILES)
    if body.get("poll"):
        needed.append(Perm.SEND_POLLS)
    return needed


def _require_message_body(body: dict[str, Any], uploads: list[Upload]) -> None:
    if not any(body.get(k) for k in ("content", "embeds", "poll", "components", "sticker_ids")) and not uploads:
        raise RefusedBody(400, 50006, "Cannot send an empty message")


async def _read_body(request: web.Request) -> tuple[Any, list[Upload]]:
    if not request.can_read_body:
        return None, []
    if request.content_type.startswith("multipart/"):
        body: Any = {}
        uploads: list[Upload] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):  # nested multipart: Discord has none
                continue
            if part.name == "payload_json":
                body = json.loads(await part.text())
            else:
                uploads.append(
                    Upload(
                        field=part.name or "",
                        filename=part.filename or part.name or "file",
                        content_type=part.headers.get("Content-Type"),
                        data=bytes(await part.read()),
                    )
                )
        return body, uploads
    raw = await request.read()
    if not raw:
        return None, []
    return json.loads(raw), []


def attachments_from_uploads(
    fake: FakeDiscord, channel_id: int, body: dict[str, Any], uploads: list[Upload]
) -> list[Attachment]:
    """Turn multipart files into stored attachments, using ``attachments[n]`` metadata when given."""
    described = {str(a.get("id")): a for a in body.get("attachments") or [] if isinstance(a, dict)}
    out: list[Attachment] = []
    for upload in uploads:
        index = upload.field.removeprefix("files[").removesuffix("]")
        meta = described.get(index, {})
        out.append(
            fake.state.add_attachment(
                meta.get("filename") or upload.filename,
                upload.data,
                channel_id=channel_id,
                content_type=upload.content_type if upload.content_type != "application/octet-stream" else None,
                description=meta.get("description"),
            )
        )
    return out
