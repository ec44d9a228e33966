"""The bot's event loop: uvloop where it is installed, asyncio's own when asked or when it is missing."""

from __future__ import annotations

import asyncio
import importlib.util
import sys

import pytest

from bot import eventloop


async def loop_module() -> str:
    await asyncio.sleep(0)
    return type(asyncio.get_running_loop()).__module__.split(".")[0]


@pytest.mark.skipif(importlib.util.find_spec("uvloop") is None, reason="uvloop is not installed (Windows)")
def test_runs_on_uvloop_where_installed() -> None:
    assert eventloop.run(loop_module()) == "uvloop"


def test_asyncio_loop_when_asked() -> None:
    """What ``benchmarks.load --loop asyncio`` compares against."""
    assert eventloop.run(loop_module(), fast=False) == "asyncio"


def test_asyncio_loop_without_uvloop(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: the import fails, and the default loop runs the coroutine."""
    monkeypatch.setitem(sys.modules, "uvloop", None)
    assert eventloop.run(loop_module()) == "asyncio"
