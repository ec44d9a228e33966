"""Settings: defaults, .env, and one-line errors for bad values."""

import os
from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE, ConfigError, ModelConfig, Settings

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ABCD"


def test_defaults_without_any_setting(tmp_path: Path) -> None:
    """With nothing set the bot can still analyse offline: no token, default database."""
    settings = Settings.from_env({}, env_file=tmp_path / "missing.env")
    assert settings.discord_token is None
    assert settings.database_path == DEFAULT_DATABASE
    assert settings.log_level == "INFO"
    assert settings.dev_guild_id is None
    assert settings.allow_private_urls is False


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    """Values come from .env, but a real environment variable overrides the file."""
    env = tmp_path / ".env"
    env.write_text(
        f"DISCORD_TOKEN={TOKEN}\nDATABASE_PATH=/tmp/a.db\nLOG_LEVEL=debug\nDEV_GUILD_ID=123456789012345678\n"
    )
    settings = Settings.from_env({"DATABASE_PATH": "/tmp/b.db"}, env_file=env)
    assert settings.discord_token == TOKEN
    assert settings.database_path == Path("/tmp/b.db")
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild_id == 123456789012345678


@pytest.mark.parametrize(
    ("name", "value", "mentioned"),
    [
        ("LOG_LEVEL", "loud", "LOG_LEVEL"),
        ("DEV_GUILD_ID", "my-server", "DEV_GUILD_ID"),
        ("DISCORD_TOKEN", "Bot abc", "DISCORD_TOKEN"),
        ("ALLOW_PRIVATE_URLS", "maybe", "ALLOW_PRIVATE_URLS"),
    ],
)
def test_malformed_setting_names_itself(tmp_path: Path, name: str, value: str, mentioned: str) -> None:
    """A bad value raises one ConfigError naming the variable."""
    with pytest.raises(ConfigError, match=mentioned):
        Settings.from_env({name: value}, env_file=None)


def test_missing_token_explains_how_to_get_one() -> None:
    """Asking for the token when there is none says where to get it and how to try analyze offline."""
    with pytest.raises(ConfigError) as err:
        Settings().require_token()
    assert "developers/applications" in str(err.value)
    assert "reading-circle analyze" in str(err.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEV_GUILD_ID", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧"),  # Arabic-Indic digits: isdigit() but not a snowflake
        ("DEV_GUILD_ID", "²" * 18),  # digits that int() cannot even read
        ("DEV_GUILD_ID", str(2**64 + 1)),  # above what a snowflake (and SQLite) holds
        ("DISCORD_TOKEN", "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ÄBCD"),
        ("DATABASE_PATH", "data/rc\x00.db"),
    ],
)
def test_hostile_setting_is_one_config_error(name: str, value: str) -> None:
    """Values that used to reach int(), base64 or sqlite as tracebacks are refused here, naming the setting."""
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value}, env_file=None)


def test_database_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DATABASE_PATH=~/rc.db means the home folder, not a folder named "~" in the working directory."""
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Settings.from_env({"DATABASE_PATH": "~/rc.db"}, env_file=None).database_path == tmp_path / "rc.db"


def test_env_file_not_utf8_is_one_config_error(tmp_path: Path) -> None:
    """A .env saved in Latin-1 says which line to fix instead of raising UnicodeDecodeError."""
    env = tmp_path / ".env"
    env.write_bytes(b"LOG_LEVEL=INFO\nDATABASE_PATH=/tmp/caf\xe9.db\n")
    with pytest.raises(ConfigError, match=r"not UTF-8 text \(line 2\)"):
        Settings.from_env({}, env_file=env)


def test_env_file_that_is_a_folder_is_one_config_error(tmp_path: Path) -> None:
    (tmp_path / ".env").mkdir()
    with pytest.raises(ConfigError, match="is not a file"):
        Settings.from_env({}, env_file=tmp_path / ".env")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_unreadable_env_file_is_one_config_error(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("LOG_LEVEL=INFO\n")
    env.chmod(0)
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.from_env({}, env_file=env)


def test_model_writer_is_off_unless_configured(tmp_path: Path) -> None:
    """No LLM_* settings: the embedded writer only."""
    assert Settings.from_env({}, env_file=tmp_path / "missing.env").model is None


def test_model_writer_settings(tmp_path: Path) -> None:
    """Base URL and model turn the writer on; a pasted /chat/completions is taken off the base."""
    env = tmp_path / ".env"
    env.write_text("LLM_BASE_URL=http://localhost:11434/v1/chat/completions\nLLM_MODEL=llama3.2\nLLM_TIMEOUT=20.5\n")
    model = Settings.from_env({"LLM_API_KEY": "sk-x", "LLM_MAX_TOKENS": "800"}, env_file=env).model
    assert model == ModelConfig("http://localhost:11434/v1", "llama3.2", "sk-x", 20.5, 800)


@pytest.mark.parametrize(
    ("values", "mentioned"),
    [
        ({"LLM_BASE_URL": "localhost:11434", "LLM_MODEL": "m"}, "LLM_BASE_URL"),
        ({"LLM_BASE_URL": "ftp://example.org/v1", "LLM_MODEL": "m"}, "LLM_BASE_URL"),
        ({"LLM_BASE_URL": "http://localhost:11434/v1"}, "LLM_MODEL"),
        ({"LLM_MODEL": "llama3.2"}, "LLM_BASE_URL"),
        ({"LLM_TIMEOUT": "soon"}, "LLM_TIMEOUT"),
        ({"LLM_TIMEOUT": "0"}, "LLM_TIMEOUT"),
        ({"LLM_TIMEOUT": "nan"}, "LLM_TIMEOUT"),
        ({"LLM_MAX_TOKENS": "lots"}, "LLM_MAX_TOKENS"),
        ({"LLM_MAX_TOKENS": "10"}, "LLM_MAX_TOKENS"),
    ],
)
def test_malformed_model_setting_names_itself(values: dict[str, str], mentioned: str) -> None:
    with pytest.raises(ConfigError, match=mentioned) as err:
        Settings.from_env(values, env_file=None)
    assert "\n" not in str(err.value)
