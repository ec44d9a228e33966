"""Settings from the environment and ``.env``.

Every setting is read and checked here, once, so a mistake is reported as one line naming the variable and
the fix, instead of surfacing later as a traceback deep inside discord.py or sqlite3.
"""

from __future__ import annotations

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
    message_content_intent: bool = False
    retention_days: int = 365

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *, env_file: str | Path | None = ".env") -> Settings:
        """Read settings; real environment variables win over ``.env`` so deployments can override it."""
        values: dict[str, str | None] = {}
        if env_file is not None and Path(env_file).is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            raw = values.get(name)
            return raw.strip() if raw and raw.strip() else None

        token = get("DISCORD_TOKEN")
        if token is not None and (len(token) < 50 or any(c.isspace() for c in token)):
            raise ConfigError(
                "DISCORD_TOKEN does not look like a bot token (expected about 70 characters, no spaces). "
                "Copy it again from the Bot page of your application in the Developer Portal."
            )
        level = (get("LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise ConfigError(f"LOG_LEVEL={level!r} is not one of {', '.join(LOG_LEVELS)}.")
        guild = get("DEV_GUILD_ID")
        if guild is not None and not (guild.isdigit() and 15 <= len(guild) <= 21):
            raise ConfigError(
                f"DEV_GUILD_ID={guild!r} is not a server id. Turn on Developer Mode in Discord, right-click "
                "your server → Copy Server ID, or leave DEV_GUILD_ID empty to sync commands globally."
            )
        private = (get("ALLOW_PRIVATE_URLS") or "false").lower()
        if private not in ("true", "false", "1", "0", "yes", "no"):
            raise ConfigError(f"ALLOW_PRIVATE_URLS={private!r} must be true or false.")
        return cls(
            discord_token=token,
            database_path=Path(get("DATABASE_PATH") or DEFAULT_DATABASE),
            log_level=level,
            dev_guild_id=int(guild) if guild else None,
            allow_private_urls=private in ("true", "1", "yes"),
            message_content_intent=_flag(get("MESSAGE_CONTENT_INTENT"), "MESSAGE_CONTENT_INTENT"),
            retention_days=_retention_days(get("RETENTION_DAYS")),
        )

    def require_token(self) -> str:
        if not self.discord_token:
            raise ConfigError(TOKEN_HELP)
        return self.discord_token


def _flag(raw: str | None, name: str) -> bool:
    value = (raw or "false").lower()
    if value not in ("true", "false", "1", "0", "yes", "no"):
        raise ConfigError(f"{name}={value!r} must be true or false.")
    return value in ("true", "1", "yes")


def _retention_days(raw: str | None) -> int:
    if raw is None:
        return 365
    if not raw.isdigit() or not 1 <= int(raw) <= 36500:
        raise ConfigError(f"RETENTION_DAYS={raw!r} must be a whole number of days from 1 to 36500 (default 365).")
    return int(raw)


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)-8s %(name)s: %(message)s")
