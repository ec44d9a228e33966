"""What the code imports is declared, and what trafilatura's fallback needs at run time is installed."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from bot.ingest import from_bytes
from tests.ingest.builders import make_fallback_page

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def test_every_third_party_import_is_declared() -> None:
    """aiohttp, yarl and lxml were imported but came only through other packages' requirements."""
    declared = {_name(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    modules = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("cogs/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - {"bot", "cogs"}
    distributions = packages_distributions()
    undeclared = {m for m in third_party if not {_name(d) for d in distributions.get(m, [m])} & declared}
    assert not undeclared


def test_lxml_html_clean_is_installed() -> None:
    """jusText, trafilatura's fallback, imports it; lxml 5.2+ no longer contains it."""
    from lxml.html.clean import Cleaner

    assert Cleaner


def test_page_that_needs_trafilaturas_fallback_is_read() -> None:
    """trafilatura's precise pass finds nothing here without its fallback (so the fallback, and with it
    lxml.html.clean, is imported); the reading has every sentence of the page."""
    import trafilatura

    page = make_fallback_page()
    assert trafilatura.bare_extraction(page, fast=True, favor_precision=True, with_metadata=True) is None
    reading = from_bytes(page.encode(), filename="page.html")
    assert "Sentence number 0 " in reading.text and "Sentence number 11 " in reading.text
