"""The participation settings: word counts off by default, retention in days."""

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings


def test_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env({}, env_file=tmp_path / "missing.env")
    assert settings.message_content_intent is False
    assert settings.retention_days == 365


def test_values_and_errors(tmp_path: Path) -> None:
    settings = Settings.from_env({"MESSAGE_CONTENT_INTENT": "true", "RETENTION_DAYS": "90"}, env_file=None)
    assert settings.message_content_intent is True
    assert settings.retention_days == 90
    with pytest.raises(ConfigError, match="RETENTION_DAYS"):
        Settings.from_env({"RETENTION_DAYS": "a year"}, env_file=None)
    with pytest.raises(ConfigError, match="MESSAGE_CONTENT_INTENT"):
        Settings.from_env({"MESSAGE_CONTENT_INTENT": "maybe"}, env_file=None)
