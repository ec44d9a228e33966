"""Settings from the environment and ``.env``.

Every setting is read and checked here, once, so a mistake is reported as one line naming the variable and
the fix, instead of surfacing later as a traceback deep inside discord.py or sqlite3.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_DATABASE = Path("data/reading_circle.db")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
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
    missed_grace_hours: float = 12.0
    worker_timeout_seconds: float = 90.0
    worker_memory_mb: int = 1024

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
        private = (get("ALLOW_PRIVATE_URLS") or "false").lower()
        if private not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigError(f"ALLOW_PRIVATE_URLS={private!r} must be true or false.")
        grace = _number(get("MISSED_GRACE_HOURS"), "MISSED_GRACE_HOURS", 12.0, low=0, high=24 * 7)
        worker_seconds = _number(get("WORKER_TIMEOUT_SECONDS"), "WORKER_TIMEOUT_SECONDS", 90.0, low=5, high=3600)
        worker_memory = _number(get("WORKER_MEMORY_MB"), "WORKER_MEMORY_MB", 1024, low=256, high=65536)
        return cls(
            missed_grace_hours=grace,
            worker_timeout_seconds=worker_seconds,
            worker_memory_mb=int(worker_memory),
            discord_token=token,
            database_path=Path(get("DATABASE_PATH") or DEFAULT_DATABASE).expanduser(),
            log_level=level,
            dev_guild_id=int(guild) if guild else None,
            allow_private_urls=private in ("true", "1", "yes"),
        )

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(TOKEN_HELP)
        return self.discord_token


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


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")
