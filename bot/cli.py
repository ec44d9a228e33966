"""``reading-circle``: run the bot, try the analysis offline, look after the database.

Imports are made inside each command so ``analyze`` and ``invite-url`` never load discord.py.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import sys
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from bot.config import ConfigError, Settings, configure_logging

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ConfigError as err:
        print(f"reading-circle: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `reading-circle analyze … | head`: the reader has all it wanted
        sys.stderr.close()  # nothing left to say, and Python's own flush at exit would complain
        return 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reading-circle",
        description="A Discord bot for reading circles. Settings come from the environment and .env.",
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = sub.add_parser("run", help="run the bot (needs DISCORD_TOKEN)")
    run.set_defaults(func=_run)

    analyze = sub.add_parser("analyze", help="find a reading's key arguments, prompts and polls, offline")
    analyze.add_argument(
        "sources", nargs="+", metavar="PATH_OR_URL", help="a file (txt, md, html, pdf, epub) or a link"
    )
    analyze.add_argument("--json", action="store_true", help="one JSON object per input per line")
    analyze.add_argument(
        "--writer",
        choices=("embedded", "llm"),
        default="embedded",
        help="who writes the prompts and polls: the embedded templates (default) or the model at LLM_BASE_URL, "
        "which sends the reading's text there and falls back to the templates",
    )
    analyze.set_defaults(func=_analyze)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(title="database commands", metavar="ACTION")
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations (the bot also does this at start)")
    upgrade.set_defaults(func=_db_upgrade)
    backup = db_sub.add_parser("backup", help="copy the database safely, even while the bot runs")
    backup.add_argument("file", type=Path, help="where to write the copy")
    backup.set_defaults(func=_db_backup)
    db.set_defaults(func=lambda _args: _help(db))

    invite = sub.add_parser("invite-url", help="print the link that adds the bot to a server")
    invite.add_argument("--client-id", type=int, help="the application id (default: read from DISCORD_TOKEN)")
    invite.set_defaults(func=_invite_url)

    report = sub.add_parser("report", help="print a circle's participation summary, offline (safe while the bot runs)")
    report.add_argument("--guild", type=int, required=True, help="the server id of the circle")
    report.add_argument("--weeks", type=int, help="the last N weeks (default 4; 0 or less: every week kept)")
    report.add_argument("--csv", type=Path, metavar="FILE", help="also write the member table as CSV")
    report.add_argument("--chart", type=Path, metavar="FILE.png", help="also draw weekly active members as PNG")
    report.set_defaults(func=_report)
    return parser


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, imported on use: analysing local files needs no event loop, and importing asyncio
    is a tenth of a short ``analyze`` run."""
    import asyncio

    return asyncio.run(coroutine)


def _run(_args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    token = settings.require_token()
    configure_logging(settings.log_level)
    from bot.app import run_until_stopped

    return _run_async(run_until_stopped(settings, token))


def _analyze(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    model = settings.require_model() if args.writer == "llm" else None
    if model is not None:
        configure_logging(settings.log_level)  # so a fallback to the embedded writer says why
    from bot.analysis import analyse
    from bot.analysis.export import as_json_line, as_preview
    from bot.ingest import ReadingError, fetch_url, is_link, load_file

    failed = 0
    for source in args.sources:
        try:
            if is_link(source):
                reading = _run_async(fetch_url(source, allow_private=settings.allow_private_urls))
            else:
                reading = load_file(source)
            result = analyse(reading)
        except ReadingError as err:
            print(f"{source}: {err}", file=sys.stderr)
            failed += 1
            continue
        except Exception as err:  # a bug must not stop the other sources; say it is one
            print(
                f"{source}: an internal error stopped this reading ({type(err).__name__}: {err}); please report it",
                file=sys.stderr,
            )
            failed += 1
            continue
        if model is not None:
            from bot.writer import write_with_model

            result = write_with_model(reading.text, reading.title, result, model)
        print(as_json_line(source, result) if args.json else as_preview(source, result), flush=True)
    return 1 if failed else 0


def _db_upgrade(_args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    from bot.storage.database import Database, DatabaseUnavailable

    async def upgrade() -> list[str]:
        db = await Database.open(settings.database_path, migrate=False)
        try:
            return await db.upgrade()
        finally:
            await db.close()

    try:
        applied = _run_async(upgrade())
    except DatabaseUnavailable as err:
        print(f"reading-circle: {err}", file=sys.stderr)
        return 1
    print(f"{settings.database_path}: " + (f"applied {', '.join(applied)}" if applied else "already up to date"))
    return 0


def _db_backup(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    from bot.storage.database import Database, DatabaseUnavailable

    if not settings.database_path.exists():
        print(f"reading-circle: no database at {settings.database_path} (set DATABASE_PATH)", file=sys.stderr)
        return 1
    if args.file.resolve() == settings.database_path.resolve():
        print("reading-circle: the backup file must not be the database itself", file=sys.stderr)
        return 2

    async def backup() -> None:
        db = await Database.open(settings.database_path, migrate=False)
        try:
            await db.backup(args.file)
        finally:
            await db.close()

    try:
        _run_async(backup())
    except DatabaseUnavailable as err:
        print(f"reading-circle: {err}", file=sys.stderr)
        return 1
    print(f"backed up {settings.database_path} to {args.file}")
    return 0


def _invite_url(args: argparse.Namespace) -> int:
    from bot.permissions import invite_url

    if args.client_id is not None and not 0 < args.client_id < 2**64:
        print(
            f"reading-circle: --client-id {args.client_id} is not an application id (a positive number "
            "from Developer Portal → your application → General Information)",
            file=sys.stderr,
        )
        return 2
    client_id = args.client_id or _application_id(Settings.from_env().discord_token)
    if client_id is None:
        print(
            "reading-circle: pass --client-id (Developer Portal → your application → General Information → "
            "Application ID) or set DISCORD_TOKEN",
            file=sys.stderr,
        )
        return 2
    print(invite_url(client_id))
    return 0


def _application_id(token: str | None) -> int | None:
    """A bot token's first part is its user id in base64, which for bots is the application id."""
    if not token:
        return None
    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return int(decoded) if decoded.isdigit() else None


def _report(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    from bot.errors import UserError
    from bot.reports.summary import DEFAULT_WEEKS, build_summary
    from bot.reports.text import summary_lines
    from bot.storage.participation import ParticipationStore, open_read_only

    weeks = DEFAULT_WEEKS if args.weeks is None else args.weeks if args.weeks > 0 else None

    async def summarise():  # a Summary; its module is imported lazily above
        db = await open_read_only(settings.database_path)
        try:
            return await build_summary(ParticipationStore(db), args.guild, weeks=weeks)
        finally:
            await db.close()

    try:
        summary = _run_async(summarise())
    except (FileNotFoundError, RuntimeError, UserError) as err:
        print(f"reading-circle: {err}", file=sys.stderr)
        return 1
    head, rows = summary_lines(summary, {})
    print("\n".join(head + rows))
    if args.csv:
        from bot.reports.csvfile import summary_csv

        args.csv.write_text(summary_csv(summary, {}), encoding="utf-8")
        print(f"wrote {args.csv}")
    if args.chart:
        from bot.reports.chart import weekly_chart_png

        args.chart.write_bytes(weekly_chart_png(summary))
        print(f"wrote {args.chart}")
    return 0
