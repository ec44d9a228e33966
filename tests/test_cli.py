"""The reading-circle command: help, run without a token, invite URL, database commands."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


def one_line_failure(result: subprocess.CompletedProcess) -> str:
    """A failed command: non-zero exit, exactly one line on stderr, no traceback; that line."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def a_database(path: Path) -> Path:
    assert cli("db", "upgrade", env={"DATABASE_PATH": str(path)}, cwd=path.parent).returncode == 0
    return path


def not_sqlite(path: Path) -> Path:
    path.write_text("these are my notes, not a database\n")
    return path


def truncated(path: Path) -> Path:
    a_database(path)
    with path.open("r+b") as handle:
        handle.truncate(1000)
    return path


def newer(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    return path


@pytest.mark.parametrize("command", ["upgrade", "backup"])
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
        (not_sqlite, "not a Reading Circle database"),
        (truncated, "not a Reading Circle database"),
        (lambda _p: Path("/dev/null"), "not a regular file"),
    ],
    ids=["folder", "not-sqlite", "truncated", "dev-null"],
)
def test_db_command_on_a_bad_database_is_one_line(tmp_path: Path, command: str, make, words: str) -> None:
    """db upgrade and db backup on a DATABASE_PATH that cannot be used: one line naming what is wrong."""
    path = make(tmp_path / "rc.db")
    args = ["db", command] + ([str(tmp_path / "copy.db")] if command == "backup" else [])
    assert words in one_line_failure(cli(*args, env={"DATABASE_PATH": str(path)}, cwd=tmp_path))


def test_db_upgrade_on_a_newer_database_is_one_line(tmp_path: Path) -> None:
    """(A backup copies a database of any version, so only upgrade refuses it.)"""
    path = newer(tmp_path / "rc.db")
    assert "newer than this version" in one_line_failure(cli("db", "upgrade", env={"DATABASE_PATH": str(path)}))


@pytest.mark.parametrize("command", ["upgrade", "backup"])
def test_db_command_on_a_locked_database_waits_then_says_so(tmp_path: Path, command: str) -> None:
    """Another process holding the write lock: the command waits busy_timeout (5 s), then one line."""
    path = tmp_path / "rc.db"
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("CREATE TABLE held (x INTEGER)")
        args = ["db", command] + ([str(tmp_path / "copy.db")] if command == "backup" else [])
        assert "locked by another process" in one_line_failure(cli(*args, env={"DATABASE_PATH": str(path)}))
    finally:
        holder.close()


def test_db_upgrade_on_a_read_only_database_is_one_line(tmp_path: Path) -> None:
    """A database the bot's user cannot write: one line saying so (as root, chattr +i stands in for chmod)."""
    path = tmp_path / "rc.db"
    with sqlite3.connect(path) as conn:  # schema version 0: upgrade has migrations to write
        conn.execute("CREATE TABLE notes (x INTEGER)")
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("running as root without chattr +i, so no file is read-only")
    else:
        path.chmod(0o444)
    try:
        line = one_line_failure(cli("db", "upgrade", env={"DATABASE_PATH": str(path)}, cwd=tmp_path))
        assert "read-only" in line
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize(
    ("target", "words"),
    [("folder", "not a regular file"), ("notes.txt", "not a database"), ("/dev/null", "not a regular file")],
)
def test_db_backup_to_a_bad_target_is_one_line(tmp_path: Path, target: str, words: str) -> None:
    """Backing up into a folder, over a text file or into /dev/null is refused, and the text file survives."""
    env = {"DATABASE_PATH": str(a_database(tmp_path / "rc.db"))}
    (tmp_path / "folder").mkdir()
    (tmp_path / "notes.txt").write_text("keep me\n")
    assert words in one_line_failure(cli("db", "backup", target, env=env, cwd=tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "keep me\n"


def test_db_backup_over_an_earlier_backup_replaces_it(tmp_path: Path) -> None:
    env = {"DATABASE_PATH": str(a_database(tmp_path / "rc.db"))}
    assert cli("db", "backup", "b.db", env=env, cwd=tmp_path).returncode == 0
    assert cli("db", "backup", "b.db", env=env, cwd=tmp_path).returncode == 0


def test_database_path_with_tilde_is_the_home_folder(tmp_path: Path) -> None:
    """No folder named "~" appears in the working directory."""
    work = tmp_path / "work"
    work.mkdir()
    result = cli("db", "upgrade", env={"DATABASE_PATH": "~/rc.db", "HOME": str(tmp_path)}, cwd=work)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rc.db").is_file() and not (work / "~").exists()


def test_env_file_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"DATABASE_PATH=caf\xe9.db\n")
    assert "not UTF-8" in one_line_failure(cli("db", "upgrade", cwd=tmp_path))


def test_nul_in_a_path_setting_is_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b'DATABASE_PATH="rc\\x00.db"\n'.replace(b"\\x00", b"\x00"))
    assert "NUL" in one_line_failure(cli("db", "upgrade", cwd=tmp_path))


@pytest.mark.parametrize("value", ["-5", "0", str(2**64)])
def test_invite_url_refuses_an_impossible_client_id(value: str) -> None:
    assert "not an application id" in one_line_failure(cli("invite-url", "--client-id", value))


def test_non_ascii_token_is_one_line(tmp_path: Path) -> None:
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ÄBCD"
    assert "DISCORD_TOKEN" in one_line_failure(cli("invite-url", env={"DISCORD_TOKEN": token}, cwd=tmp_path))


def test_run_on_a_damaged_database_is_one_line_without_voice_warnings(tmp_path: Path) -> None:
    """`run` checks the database before logging in: one line about the file, exit 2, nothing about voice."""
    path = not_sqlite(tmp_path / "rc.db")
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789ABCD"
    result = cli("run", env={"DISCORD_TOKEN": token, "DATABASE_PATH": str(path)}, cwd=tmp_path)
    assert result.returncode == 2
    assert "not a Reading Circle database" in one_line_failure(result)
