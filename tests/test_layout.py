"""Architecture rules that keep the core testable and `analyze` light."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_discord_side_imports_discord() -> None:
    """bot/ is Discord-free except bot/app.py and bot/discordside/, so its rules are tested without a client."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if path.relative_to(ROOT).as_posix() != "bot/app.py"
        and "discordside" not in path.parts
        and "discord" in imported_modules(path)
    ]
    assert offenders == []


def test_cogs_never_import_the_app() -> None:
    """bot/app.py loads the cogs; a cog importing it back would make a cycle (shared code is bot.discordside)."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "cogs").rglob("*.py")
        if any(
            isinstance(node, ast.ImportFrom) and node.module == "bot.app"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


def test_no_sql_outside_storage() -> None:
    """Only bot/storage/ talks to the database."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "cogs")
        for path in (ROOT / folder).rglob("*.py")
        if "storage" not in path.parts and {"aiosqlite", "sqlite3"} & imported_modules(path)
    ]
    assert offenders == []


def test_analyze_path_loads_no_heavy_modules() -> None:
    """Analysing a local file imports neither discord.py nor the web and PDF stacks, nor (with no model
    configured) the model writer and its HTTP client."""
    code = (
        "import sys; from bot.cli import main; main(['analyze', '--json', 'data/samples/libraries.md']);"
        "heavy = {'discord', 'aiohttp', 'trafilatura', 'lxml', 'pypdf', 'aiosqlite', 'bot.writer', 'http.client'}"
        " & set(sys.modules);"
        "print(sorted(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
