"""Turn what an organiser gave (a link, an uploaded file, pasted text) into a reading and its analysis,
in a separate process that is killed past a wall-clock limit or a memory cap.

Why a process: a hostile or merely huge file can take minutes or gigabytes to parse, and in the bot's own
process that would stall the gateway heartbeat, every other command and every other circle. A thread
cannot be stopped and cannot be given a memory cap; a child process can be killed and given both.

The child (``python -m bot.prepare.worker``, see ``worker``) is started by ``supervisor``; this module
holds only the API and its small data classes. It imports nothing heavy on purpose: the child imports this
package before it can set its memory cap.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.analysis.model import Analysis
    from bot.ingest.model import Reading

__all__ = ["Link", "Pasted", "Prepared", "Progress", "Source", "Stored", "Upload", "WorkerLimits", "prepare"]


@dataclass(frozen=True, slots=True)
class Link:
    url: str


@dataclass(frozen=True, slots=True)
class Upload:
    data: bytes
    filename: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Pasted:
    text: str


@dataclass(frozen=True, slots=True)
class Stored:
    """A draft's text, read before: analysed again exactly as it is, never fetched or normalised again, so
    a rewrite sees the very text (and offsets) the organiser previewed."""

    text: str


Source = Link | Upload | Pasted | Stored


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """What one reading may cost. The defaults leave an honest 60,000-word PDF several times what it needs
    (the benchmark ``benchmarks.prepare`` prints the figures) while stopping files built to explode."""

    seconds: float = 90.0  # wall clock for the whole job (fetch + read + analyse), start-up included
    memory_mb: int = 1024  # address-space cap in the child (resource.RLIMIT_AS), POSIX only
    allow_private_urls: bool = False


@dataclass(frozen=True, slots=True)
class Prepared:
    reading: Reading  # title/author overridden when the organiser gave them
    analysis: Analysis


Progress = Callable[[str], Awaitable[None]]
"""Receives a short sentence for the organiser ("Reading the file…") as the worker reaches each step.
Awaited in order and within the time limit, so it should be quick; if it raises, the error is logged and
the reading goes on."""


async def prepare(
    source: Source,
    *,
    title: str | None = None,
    author: str | None = None,
    limits: WorkerLimits = WorkerLimits(),  # frozen, so one shared default is safe
    progress: Progress | None = None,
    model: dict[str, Any] | None = None,
) -> Prepared:
    """Fetch, read and analyse ``source`` in a worker process within ``limits``.

    Raises ``bot.ingest.ReadingError`` with one sentence for the organiser on any failure: the reading's
    own problem, the time limit, the memory cap, or a crash of the worker (whose details go to the log).
    Cancelling the call kills the worker. ``model`` holds the optional model writer's settings; without it
    the embedded analysis writes the prompts and polls.
    """
    from bot.prepare.supervisor import run_worker

    return await run_worker(source, title=title, author=author, limits=limits, progress=progress, model=model)
