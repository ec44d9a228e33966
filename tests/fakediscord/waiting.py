"""Waiting on the bot without sleeping: a change signal, a timeout with a readable message, task settling."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

DEFAULT_TIMEOUT = 5.0

# Tasks discord.py starts to run bot code for one incoming event. Waiting for them to finish is how the
# harness knows the bot has done everything an event asked of it. View timeouts and tasks.loop loops
# are left out on purpose: they run for minutes and belong to no single event.
HANDLER_TASK_PREFIXES = (
    "discord.py: on_",
    "CommandTree-invoker",
    "discord-ui-view-dispatch-",
    "discord-ui-modal-dispatch-",
    "discord-ui-dynamic-item-",
)


class FakeDiscordTimeout(AssertionError):
    """The bot did not do something in time; the message says what was awaited and what was seen."""


class Signal:
    """Wakes every waiter when anything in the fake changes, so waits re-check their condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_until(
        self, predicate: Callable[[], object], *, timeout: float, what: str | Callable[[], str]
    ) -> None:
        try:
            async with asyncio.timeout(timeout):
                while not predicate():
                    await self._event.wait()
        except TimeoutError:
            detail = what() if callable(what) else what
            raise FakeDiscordTimeout(f"timed out after {timeout:g} s waiting for {detail}") from None


def is_handler_task(task: asyncio.Task[object]) -> bool:
    return task.get_name().startswith(HANDLER_TASK_PREFIXES)


def handler_tasks(exclude: Iterable[asyncio.Task[object]] = ()) -> set[asyncio.Task[object]]:
    excluded = set(exclude)
    return {t for t in asyncio.all_tasks() if t not in excluded and is_handler_task(t) and not t.done()}


async def settle(
    before: set[asyncio.Task[object]], *, timeout: float, what: str, also: Iterable[asyncio.Task[object]] = ()
) -> None:
    """Wait until every handler task started since ``before`` (and those they start) has finished.

    ``also`` carries tasks from earlier actions that were not settled then (a command waiting on a
    view): a button press that releases them is only done when they are.
    """
    seen = set(before)
    pending = {t for t in also if not t.done()}
    try:
        async with asyncio.timeout(timeout):
            while True:
                fresh = handler_tasks(exclude=seen)
                seen |= fresh
                pending = {t for t in pending | fresh if not t.done()}
                if not pending:
                    return
                await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    except TimeoutError:
        names = ", ".join(sorted(t.get_name() for t in pending if not t.done()))
        raise FakeDiscordTimeout(
            f"timed out after {timeout:g} s waiting for the bot to finish handling {what}; still running: "
            f"{names}. If the handler waits for a later event on purpose (e.g. view.wait()), pass settle=False."
        ) from None
