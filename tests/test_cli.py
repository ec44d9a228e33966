"""The reading-circle command: help, run without a token, invite URL, database commands."""

import subprocess
import sys
from pathlib import Path

from bot.permissions import REQUIRED_PERMISSIONS, invite_url, permission_value

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    base = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=cwd,
        timeout=60,
    )


def test_help_lists_commands() -> None:
    """--help names every command."""
    out = cli("--help").stdout
    for command in ("run", "analyze", "db", "invite-url"):
        assert command in out


def test_run_without_token_explains_itself(tmp_path: Path) -> None:
    """No token: non-zero exit, one clear line, no traceback, a pointer to analyze."""
    result = cli("run", cwd=tmp_path)
    assert result.returncode != 0
    assert "DISCORD_TOKEN" in result.stderr and "reading-circle analyze" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_invite_url_has_scopes_and_exact_permissions() -> None:
    """The invite asks for both scopes and exactly the permissions listed in code."""
    url = invite_url(1234)
    assert "scope=bot+applications.commands" in url
    assert f"permissions={permission_value()}" in url
    assert permission_value() == sum(REQUIRED_PERMISSIONS.values())
    result = cli("invite-url", "--client-id", "1234")
    assert result.stdout.strip() == url


def test_invite_url_reads_application_id_from_token(tmp_path: Path) -> None:
    """A bot token's first part encodes the application id."""
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ABCD"
    assert "client_id=123456789012345678" in cli("invite-url", env={"DISCORD_TOKEN": token}, cwd=tmp_path).stdout


def test_db_upgrade_and_backup(tmp_path: Path) -> None:
    """db upgrade creates the schema once; db backup writes a copy."""
    env = {"DATABASE_PATH": str(tmp_path / "rc.db")}
    assert "applied" in cli("db", "upgrade", env=env, cwd=tmp_path).stdout
    assert "up to date" in cli("db", "upgrade", env=env, cwd=tmp_path).stdout
    result = cli("db", "backup", str(tmp_path / "b.db"), env=env, cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "b.db").is_file()


def test_db_backup_without_database_fails_cleanly(tmp_path: Path) -> None:
    """Backing up a database that does not exist is one line, not a traceback."""
    result = cli("db", "backup", "x.db", env={"DATABASE_PATH": str(tmp_path / "none.db")}, cwd=tmp_path)
    assert result.returncode == 1 and "no database" in result.stderr and "Traceback" not in result.stderr
