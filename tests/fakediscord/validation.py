"""Checks every REST body the bot sends, as Discord would, before the fake acts on it.

Two layers: Discord's official OpenAPI document (shared/discord-api/openapi.json), and the documented
limits it states more loosely than Discord enforces them (docs/ARCHITECTURE.md, "Discord limits the output
keeps"). A failure becomes
Discord's own 400 answer, code 50035 "Invalid Form Body", with the nested ``errors`` tree discord.py
flattens into its exception text, so the bot sees exactly what production would show it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_URI = "urn:discord-openapi"
# tests/fakediscord/validation.py → parents[2] is the project root; shared/ sits beside it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = PROJECT_ROOT.parent / "shared" / "discord-api" / "openapi.json"

MESSAGE_CONTENT_MAX = 2000
EMBED_TOTAL_MAX = 6000
POLL_QUESTION_MAX = 300
POLL_ANSWER_MAX = 55
POLL_ANSWERS_RANGE = (1, 10)
POLL_HOURS_RANGE = (1, 768)
THREAD_NAME_RANGE = (1, 100)
AUTO_ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)

# Operations whose body is a message (or carries one) and so gets the message limits.
MESSAGE_OPERATIONS = {
    "create_message",
    "update_message",
    "execute_webhook",
    "update_webhook_message",
    "update_original_webhook_message",
}
THREAD_OPERATIONS = {"create_thread_from_message", "create_thread", "update_channel"}

# The same operations found without the spec, so the the limits in docs/ARCHITECTURE.md hold even when it is absent.
_LIMITED_ROUTES = [
    ("POST", r"/channels/\d+/messages", "create_message"),
    ("PATCH", r"/channels/\d+/messages/\d+", "update_message"),
    ("POST", r"/channels/\d+/messages/\d+/threads", "create_thread_from_message"),
    ("POST", r"/channels/\d+/threads", "create_thread"),
    ("PATCH", r"/channels/\d+", "update_channel"),
    ("POST", r"/webhooks/\d+/[^/]+", "execute_webhook"),
    ("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", "update_original_webhook_message"),
    ("PATCH", r"/webhooks/\d+/[^/]+/messages/\d+", "update_webhook_message"),
    ("POST", r"/interactions/\d+/[^/]+/callback", "create_interaction_response"),
]


def limits_operation(method: str, path: str) -> str | None:
    for route_method, pattern, operation_id in _LIMITED_ROUTES:
        if route_method == method and re.fullmatch(pattern, path):
            return operation_id
    return None


@dataclass(frozen=True)
class FieldError:
    """One complaint about one place in a body; ``path`` is the JSON path Discord would report."""

    path: tuple[str | int, ...]
    code: str
    message: str

    def __str__(self) -> str:
        where = ".".join(str(p) for p in self.path) or "<body>"
        return f"{where}: {self.message} ({self.code})"


@dataclass
class Operation:
    operation_id: str
    method: str
    template: str
    pattern: re.Pattern[str]
    body_schemas: dict[str, dict[str, Any]] = field(default_factory=dict)


class Spec:
    """The OpenAPI document, its operations indexed for matching, and a validator cache."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        _relax_where_discord_is_looser(document)
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry: Registry = Registry().with_resource(SPEC_URI, resource)
        self.operations: list[Operation] = []
        for template, item in document.get("paths", {}).items():
            regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
            for method, op in item.items():
                if method == "parameters" or not isinstance(op, dict):
                    continue
                operation = Operation(
                    operation_id=op.get("operationId", f"{method} {template}"),
                    method=method.upper(),
                    template=template,
                    pattern=re.compile(regex),
                )
                for content_type in (op.get("requestBody") or {}).get("content", {}):
                    pointer = "/".join(
                        _escape_pointer(p)
                        for p in ("paths", template, method, "requestBody", "content", content_type, "schema")
                    )
                    operation.body_schemas[content_type] = {"$ref": f"{SPEC_URI}#/{pointer}"}
                self.operations.append(operation)
        # Literal segments beat parameters: /messages/@original before /messages/{message_id}.
        self.operations.sort(key=lambda o: (o.template.count("{"), -len(o.template)))
        self._validators: dict[tuple[str, str, str], Draft202012Validator] = {}

    def match(self, method: str, path: str) -> Operation | None:
        for operation in self.operations:
            if operation.method == method and operation.pattern.match(path):
                return operation
        return None

    def validator(self, operation: Operation, content_type: str) -> Draft202012Validator | None:
        schema = operation.body_schemas.get(content_type) or operation.body_schemas.get("application/json")
        if schema is None:
            return None
        key = (operation.method, operation.template, content_type)
        if key not in self._validators:
            self._validators[key] = Draft202012Validator(schema, registry=self.registry)
        return self._validators[key]


def _relax_where_discord_is_looser(document: dict[str, Any]) -> None:
    """Align the spec with what Discord accepts where it is stricter than the live API.

    Snowflakes: the spec wants strings, but Discord takes integers too, and discord.py sends the ids of
    new uploads (``attachments[].id``) as integers 0..n, so the strict form would refuse every upload.
    """
    schemas = document.get("components", {}).get("schemas", {})
    snowflake = schemas.get("SnowflakeType")
    if snowflake is not None and "anyOf" not in snowflake:
        schemas["SnowflakeType"] = {"anyOf": [snowflake, {"type": "integer", "minimum": 0}]}


def _escape_pointer(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


@functools.cache
def load_spec(path: Path = SPEC_PATH) -> Spec | None:
    """Read and index the spec once per process: it is 1.2 MB and every request needs it."""
    if not path.is_file():
        return None
    return Spec(json.loads(path.read_text(encoding="utf-8")))


def schema_errors(spec: Spec, operation: Operation, content_type: str, body: Any) -> list[FieldError]:
    validator = spec.validator(operation, content_type)
    if validator is None:
        return []
    return [_to_field_error(e) for e in _leaf_errors(validator.iter_errors(body))]


def _leaf_errors(errors: Iterable[ValidationError]) -> Iterable[ValidationError]:
    """For anyOf/oneOf failures, report the branch that came closest rather than "not valid under any"."""
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            # the branch with the fewest complaints, its deepest complaint first
            by_branch: dict[int, list[ValidationError]] = {}
            for sub in error.context:
                by_branch.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
            branch = min(by_branch.values(), key=_branch_rank)
            yield from _leaf_errors(branch)
        else:
            yield error


def _branch_rank(errors: list[ValidationError]) -> tuple[bool, int, int]:
    """Prefer the branch whose discriminator (``type``) matched, then the one with fewest, deepest errors."""
    wrong_kind = any(e.validator in ("enum", "const") and list(e.relative_path) == ["type"] for e in errors)
    return wrong_kind, len(errors), -max(len(e.path) for e in errors)


def _to_field_error(error: ValidationError) -> FieldError:
    value = error.validator_value
    codes = {
        "maxLength": ("BASE_TYPE_MAX_LENGTH", f"Must be {value} or fewer in length."),
        "minLength": ("BASE_TYPE_MIN_LENGTH", f"Must be {value} or more in length."),
        "maxItems": ("BASE_TYPE_MAX_LENGTH", f"Must be {value} or fewer in length."),
        "minItems": ("BASE_TYPE_MIN_LENGTH", f"Must be {value} or more in length."),
        "maximum": ("NUMBER_TYPE_MAX", f"int value should be less than or equal to {value}."),
        "minimum": ("NUMBER_TYPE_MIN", f"int value should be greater than or equal to {value}."),
        "required": ("BASE_TYPE_REQUIRED", "This field is required"),
        "type": ("BASE_TYPE_BAD_TYPE", f"Must be of type {value}."),
        "enum": ("BASE_TYPE_CHOICES", f"Value must be one of {value}."),
        "const": ("BASE_TYPE_CHOICES", f"Value must be one of ({value!r},)."),
    }
    code, message = codes.get(str(error.validator), ("INVALID", error.message))
    path: tuple[str | int, ...] = tuple(error.absolute_path)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        path += tuple(missing[:1])
    return FieldError(path, code, f"{message} [spec: {error.message[:200]}]")


# --- the limits docs/ARCHITECTURE.md lists that the spec leaves looser --------------------------------------


def design_errors(operation_id: str, body: Any) -> list[FieldError]:
    if not isinstance(body, dict):
        return []
    if operation_id == "create_interaction_response":
        data = body.get("data")
        if body.get("type") in (4, 7) and isinstance(data, dict):
            return [FieldError(("data", *e.path), e.code, e.message) for e in _message_errors(data)]
        return []
    if operation_id in MESSAGE_OPERATIONS:
        return _message_errors(body)
    if operation_id in THREAD_OPERATIONS:
        errors = _thread_errors(body, require_name=operation_id != "update_channel")
        if operation_id == "create_thread" and isinstance(body.get("message"), dict):  # a forum post
            errors += [FieldError(("message", *e.path), e.code, e.message) for e in _message_errors(body["message"])]
        return errors
    return []


def _too_long(path: tuple[str | int, ...], value: Any, limit: int) -> list[FieldError]:
    if isinstance(value, str) and len(value) > limit:
        return [FieldError(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")]
    return []


def _message_errors(body: dict[str, Any]) -> list[FieldError]:
    errors = _too_long(("content",), body.get("content"), MESSAGE_CONTENT_MAX)
    embeds = body.get("embeds") or []
    total = 0
    for i, embed in enumerate(embeds):
        if not isinstance(embed, dict):
            continue
        at = ("embeds", i)
        errors += _too_long((*at, "title"), embed.get("title"), 256)
        errors += _too_long((*at, "description"), embed.get("description"), 4096)
        fields = embed.get("fields") or []
        if len(fields) > 25:
            errors.append(FieldError((*at, "fields"), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length."))
        for j, f in enumerate(fields):
            errors += _too_long((*at, "fields", j, "name"), f.get("name"), 256)
            errors += _too_long((*at, "fields", j, "value"), f.get("value"), 1024)
            total += len(f.get("name") or "") + len(f.get("value") or "")
        footer = embed.get("footer") or {}
        author = embed.get("author") or {}
        errors += _too_long((*at, "footer", "text"), footer.get("text"), 2048)
        errors += _too_long((*at, "author", "name"), author.get("name"), 256)
        total += sum(len(x or "") for x in (embed.get("title"), embed.get("description")))
        total += len(footer.get("text") or "") + len(author.get("name") or "")
    if total > EMBED_TOTAL_MAX:
        errors.append(
            FieldError(("embeds",), "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}")
        )
    poll = body.get("poll")
    if isinstance(poll, dict):
        errors += _poll_errors(poll)
    return errors


def _poll_errors(poll: dict[str, Any]) -> list[FieldError]:
    errors = _too_long(("poll", "question", "text"), (poll.get("question") or {}).get("text"), POLL_QUESTION_MAX)
    answers = poll.get("answers") or []
    low, high = POLL_ANSWERS_RANGE
    if not low <= len(answers) <= high:
        errors.append(
            FieldError(("poll", "answers"), "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length.")
        )
    for i, answer in enumerate(answers):
        text = ((answer or {}).get("poll_media") or {}).get("text")
        errors += _too_long(("poll", "answers", i, "poll_media", "text"), text, POLL_ANSWER_MAX)
    duration = poll.get("duration")
    low, high = POLL_HOURS_RANGE
    # discord.py sends hours as a float (24.0); JSON Schema and Discord count 24.0 as a whole number
    whole = isinstance(duration, int | float) and not isinstance(duration, bool) and float(duration).is_integer()
    if duration is not None and (not whole or not low <= duration <= high):
        errors.append(
            FieldError(
                ("poll", "duration"), "NUMBER_TYPE_MAX", f"Must be a whole number of hours from {low} to {high}."
            )
        )
    return errors


def _thread_errors(body: dict[str, Any], *, require_name: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    name = body.get("name")
    low, high = THREAD_NAME_RANGE
    if (name is not None or require_name) and not (isinstance(name, str) and low <= len(name) <= high):
        errors.append(FieldError(("name",), "BASE_TYPE_BAD_LENGTH", f"Must be between {low} and {high} in length."))
    duration = body.get("auto_archive_duration")
    if duration is not None and duration not in AUTO_ARCHIVE_DURATIONS:
        errors.append(
            FieldError(
                ("auto_archive_duration",), "BASE_TYPE_CHOICES", f"Value must be one of {AUTO_ARCHIVE_DURATIONS}."
            )
        )
    return errors


def discord_error_body(errors: list[FieldError]) -> dict[str, Any]:
    """Nest errors the way Discord does: {"a": {"0": {"b": {"_errors": [...]}}}}."""
    tree: dict[str, Any] = {}
    for error in errors:
        node = tree
        for part in error.path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": error.code, "message": error.message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": tree}
