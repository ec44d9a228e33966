"""The event loop the bot runs on: uvloop where it is installed (Linux, macOS), asyncio's own elsewhere.

In the load burst of ``benchmarks.load`` the bot needs about one core for a second, most of it discord.py
turning gateway frames into objects, so what the loop itself costs per wake-up, socket read and callback
shows in the tail; uvloop (libuv, in C) is a drop-in replacement that discord.py and aiohttp run on. The
figures it was kept for are in docs/RELIABILITY.md ("a busy evening"). Windows has no uvloop, and the
default loop is correct everywhere, so it stays optional.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's ``new_event_loop`` when uvloop can be imported, else ``None`` (asyncio's default loop)."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run(coroutine: Coroutine[Any, Any, T], *, fast: bool = True) -> T:
    """``asyncio.run`` on uvloop when available; ``fast=False`` keeps asyncio's loop (for comparisons)."""
    with asyncio.Runner(loop_factory=loop_factory() if fast else None) as runner:
        return runner.run(coroutine)
