"""Settings from the environment and ``.env``.

Every setting is read and checked here, once, so a mistake is reported as one line naming the variable and
the fix, instead of surfacing later as a traceback deep inside discord.py or sqlite3.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

DEFAULT_DATABASE = Path("data/reading_circle.db")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DEFAULT_LLM_TIMEOUT = 60.0
DEFAULT_LLM_MAX_TOKENS = 1500
DEFAULT_MISSED_GRACE_HOURS = 12.0
DEFAULT_WORKER_TIMEOUT_SECONDS = 90.0
DEFAULT_WORKER_MEMORY_MB = 1024
DEFAULT_RETENTION_DAYS = 365
TOKEN_HELP = (
    "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications "
    "(Bot → Reset Token), put DISCORD_TOKEN=... in .env (see .env.example), then run again. "
    "To try the reading analysis offline, no token needed: reading-circle analyze FILE_OR_URL "
    "(in a checkout: python3 dev.py cli analyze data/samples/libraries.md)"
)


class ConfigError(Exception):
    """A setting is missing or malformed; the message names it and says how to fix it."""


@dataclass(frozen=True, slots=True)
class Settings:
    discord_token: str | None = None
    database_path: Path = DEFAULT_DATABASE
    log_level: str = "INFO"
    dev_guild_id: int | None = None
    allow_private_urls: bool = False
    missed_grace_hours: float = DEFAULT_MISSED_GRACE_HOURS
    worker_timeout_seconds: float = DEFAULT_WORKER_TIMEOUT_SECONDS
    worker_memory_mb: int = DEFAULT_WORKER_MEMORY_MB
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = DEFAULT_LLM_TIMEOUT
    llm_max_tokens: int = DEFAULT_LLM_MAX_TOKENS
    message_content_intent: bool = False
    retention_days: int = DEFAULT_RETENTION_DAYS
    members_intent: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env") -> Settings:
        """Read settings; real environment variables win over ``.env`` so deployments can override it."""
        values: dict[str, str | None] = {}
        if env_file is not None:
            values.update(_read_env_file(Path(env_file)))
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            raw = values.get(name)
            if raw and "\x00" in raw:
                raise ConfigError(f"{name} contains a NUL character; remove it from .env or the environment.")
            return raw.strip() if raw and raw.strip() else None

        token = get("DISCORD_TOKEN")
        if token is not None and (len(token) < 50 or not token.isascii() or any(c.isspace() for c in token)):
            raise ConfigError(
                "DISCORD_TOKEN does not look like a bot token (expected about 70 characters, no spaces). "
                "Copy it again from the Bot page of your application in the Developer Portal."
            )
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL={level!r} is not one of {', '.join(LOG_LEVELS)}.")
        guild = get("DEV_GUILD_ID")
        # isdecimal() alone accepts "١٢٣" (Arabic-Indic digits); a snowflake must also fit SQLite's INTEGER.
        if guild is not None and not (
            guild.isascii() and guild.isdecimal() and 15 <= len(guild) <= 21 and int(guild) < 2**63
        ):
            raise ConfigError(
                f"DEV_GUILD_ID={guild!r} is not a server id. Turn on Developer Mode in Discord, right-click "
                "your server → Copy Server ID, or leave DEV_GUILD_ID empty to sync commands globally."
            )
        private = _flag(get("ALLOW_PRIVATE_URLS"), "ALLOW_PRIVATE_URLS")
        grace = _number(get("MISSED_GRACE_HOURS"), "MISSED_GRACE_HOURS", DEFAULT_MISSED_GRACE_HOURS, low=0, high=24 * 7)
        worker_seconds = _number(
            get("WORKER_TIMEOUT_SECONDS"), "WORKER_TIMEOUT_SECONDS", DEFAULT_WORKER_TIMEOUT_SECONDS, low=5, high=3600
        )
        worker_memory = _number(
            get("WORKER_MEMORY_MB"), "WORKER_MEMORY_MB", DEFAULT_WORKER_MEMORY_MB, low=256, high=65536
        )
        return cls(
            missed_grace_hours=grace,
            worker_timeout_seconds=worker_seconds,
            worker_memory_mb=int(worker_memory),
            discord_token=token,
            database_path=Path(get("DATABASE_PATH") or DEFAULT_DATABASE).expanduser(),
            log_level=level,
            dev_guild_id=int(guild) if guild else None,
            allow_private_urls=private,
            **_llm_settings(get),
            message_content_intent=_flag(get("MESSAGE_CONTENT_INTENT"), "MESSAGE_CONTENT_INTENT"),
            retention_days=_retention_days(get("RETENTION_DAYS")),
            members_intent=_flag(get("SERVER_MEMBERS_INTENT"), "SERVER_MEMBERS_INTENT"),
        )

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(TOKEN_HELP)
        return self.discord_token

    def require_model(self) -> ModelConfig:
        """The model writer's endpoint for a command that asked for it (``--writer llm``)."""
        if self.model is None:
            raise ConfigError("--writer llm needs LLM_BASE_URL and LLM_MODEL (see .env.example).")
        return self.model

    @property
    def model(self) -> ModelConfig | None:
        """The optional model writer's endpoint, or None when only the embedded writer is configured."""
        if not (self.llm_base_url and self.llm_model):
            return None
        return ModelConfig(self.llm_base_url, self.llm_model, self.llm_api_key, self.llm_timeout, self.llm_max_tokens)


def _read_env_file(path: Path) -> dict[str, str | None]:
    """The ``.env`` file's values, or a ``ConfigError`` saying why it cannot be read; no file is no values."""
    if not path.exists():
        return {}
    if not path.is_file():
        raise ConfigError(f"{path} is not a file; settings are read from a text file of NAME=value lines.")
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as err:
        raise ConfigError(f"cannot read {path} ({err.strerror or err}); check its permissions.") from err
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ConfigError(f"{path} is not UTF-8 text (line {line}); save it again as UTF-8.") from err
    return dict(dotenv_values(stream=io.StringIO(text)))


def _number(raw: str | None, name: str, default: float, *, low: float, high: float) -> float:
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # also false for nan
        raise ConfigError(f"{name}={raw!r} must be a number from {low:g} to {high:g} (default {default:g}).")
    return value


def _flag(raw: str | None, name: str) -> bool:
    value = (raw or "false").lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ConfigError(f"{name}={value!r} must be true or false.")
    return value in ("true", "1", "yes")


def _retention_days(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_RETENTION_DAYS
    if not raw.isdigit() or not 1 <= int(raw) <= 36500:
        raise ConfigError(
            f"RETENTION_DAYS={raw!r} must be a whole number of days from 1 to 36500 (default {DEFAULT_RETENTION_DAYS})."
        )
    return int(raw)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")


@dataclass(frozen=True, slots=True)
class ModelConfig:
    """Where the optional model writer sends its one request per reading, and how long and much it may take.

    A plain picklable value, so the analysis worker process can be handed it.
    """

    base_url: str  # an OpenAI-compatible base, e.g. http://localhost:11434/v1; /chat/completions is appended
    model: str
    api_key: str | None = None
    timeout: float = DEFAULT_LLM_TIMEOUT  # seconds for the whole call, retries included
    max_tokens: int = DEFAULT_LLM_MAX_TOKENS  # the cap on the model's answer per reading

    @property
    def host(self) -> str:
        """Where readings are sent (host, and port when one is given), to show or log. Never the whole address:
        a user name or password in it is not for the circle, nor for the log, to see."""
        parts = urlsplit(self.base_url)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def _llm_settings(get: Callable[[str], str | None]) -> dict[str, Any]:
    """LLM_* settings: both LLM_BASE_URL and LLM_MODEL, or neither (the embedded writer only)."""
    base, model = get("LLM_BASE_URL"), get("LLM_MODEL")
    if base is not None:
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(
                f"LLM_BASE_URL={base!r} is not an http(s) address. Give the base of an OpenAI-compatible API, "
                "e.g. http://localhost:11434/v1 for Ollama or https://api.openai.com/v1."
            )
        base = base.rstrip("/").removesuffix("/chat/completions")
    if (base is None) != (model is None):
        missing = "LLM_MODEL" if model is None else "LLM_BASE_URL"
        raise ConfigError(
            f"{missing} is not set: the model writer needs both LLM_BASE_URL and LLM_MODEL "
            "(or neither, for the embedded writer only)."
        )
    return {
        "llm_base_url": base,
        "llm_model": model,
        "llm_api_key": get("LLM_API_KEY"),
        "llm_timeout": _number(get("LLM_TIMEOUT"), "LLM_TIMEOUT", DEFAULT_LLM_TIMEOUT, low=1, high=600),
        "llm_max_tokens": int(
            _number(get("LLM_MAX_TOKENS"), "LLM_MAX_TOKENS", DEFAULT_LLM_MAX_TOKENS, low=256, high=32768)
        ),
    }
