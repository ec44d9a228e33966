"""The bot's side of the reading worker: start it, feed it, relay its progress, and kill it past the limits.

Every way a worker can end maps to one sentence for the organiser: its own answer (a result or the
reading's ``ReadingError``), the wall-clock limit (killed here), the memory cap (its ``MemoryError``, or
the OS killing it), or anything else (a crash, a line that is not ours), which is logged with the
worker's stderr under an error id the organiser can quote.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import secrets
import signal
import sys
import time
from typing import Any

from bot.ingest.errors import ReadingError
from bot.prepare import Prepared, Progress, Source, WorkerLimits, protocol

log = logging.getLogger(__name__)

#: The longest line read from the worker. A result carries the reading's text (at most 2,000,000
#: characters before normalising, see bot.ingest.limits) as UTF-8 JSON, plus its analysis.
MAX_LINE_BYTES = 32 * 1024 * 1024
#: The end of the worker's stderr kept for the log: a traceback's last frames and message.
STDERR_TAIL_BYTES = 16 * 1024
#: Seconds of CPU beyond the wall-clock limit at which an orphaned worker kills itself.
CPU_MARGIN_SECONDS = 5
#: Seconds a worker that has answered gets to exit, and its stderr to reach its end, before we stop waiting.
EXIT_GRACE_SECONDS = 2.0

_SHORTER = "Try a shorter piece, such as a single chapter or article."


class WorkerFault(Exception):
    """The worker ended without an answer we can read: a bug or a crash, never the reading's fault."""


async def run_worker(
    source: Source,
    *,
    title: str | None,
    author: str | None,
    limits: WorkerLimits,
    progress: Progress | None,
    model: dict[str, Any] | None,
) -> Prepared:
    request = protocol.Request(source, title, author, limits.allow_private_urls, model)
    payload = protocol.encode_request(request)
    stderr = _Tail(STDERR_TAIL_BYTES)
    proc: asyncio.subprocess.Process | None = None
    started = time.perf_counter()
    try:
        async with asyncio.timeout(limits.seconds):
            proc = await _spawn(limits)
            stderr.follow(proc.stderr)
            await _send_request(proc, payload)
            answer = await _read_answers(proc, progress)
            if answer is None:
                await proc.wait()  # its stdout is closed: it is ending, and how it ended is the answer
            else:  # it is shutting down; a worker slow to exit after answering is killed, not waited for
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(proc.wait(), EXIT_GRACE_SECONDS)
            await stderr.finish(EXIT_GRACE_SECONDS)
        prepared = _outcome(answer, proc.returncode, limits)
    except TimeoutError:
        raise _too_slow(limits) from None
    except WorkerFault as fault:
        error_id = secrets.token_hex(4)
        if proc is not None and proc.returncode is None:
            _kill(proc)
            await proc.wait()
        await stderr.finish(EXIT_GRACE_SECONDS)
        log.error("error %s in the reading worker: %s; its stderr ends:\n%s", error_id, fault, stderr.text())
        raise ReadingError(
            f"Something went wrong while reading that (error id `{error_id}`). Try again, or paste the text "
            "instead; if it keeps happening, tell the bot's operator the error id."
        ) from None
    finally:
        if proc is not None and proc.returncode is None:  # timed out, cancelled, or slow to exit after answering
            _kill(proc)
            await proc.wait()
        await stderr.close()
    log.info(
        "reading worker: %s of %d words prepared in %.2f s",
        type(source).__name__.lower(), prepared.analysis.words, time.perf_counter() - started,
    )
    if stderr.text():
        log.warning("the reading worker wrote to stderr:\n%s", stderr.text())
    return prepared


async def _spawn(limits: WorkerLimits) -> asyncio.subprocess.Process:
    """A fresh interpreter, never a fork: the bot has an event loop and database threads a fork would copy."""
    cpu_seconds = math.ceil(limits.seconds) + CPU_MARGIN_SECONDS
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.prepare.worker",
            "--memory-mb", str(limits.memory_mb), "--cpu-seconds", str(cpu_seconds),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            limit=MAX_LINE_BYTES,
            # its own process group, so a kill reaches anything it started; no Ctrl+C meant for the bot
            start_new_session=True,
            # glibc reserves 64 MB of address space per thread arena; two arenas keep the cap about the heap
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        )
    except OSError as exc:  # the host is out of processes or memory
        raise WorkerFault(f"could not start the worker: {exc}") from exc


async def _send_request(proc: asyncio.subprocess.Process, payload: bytes) -> None:
    assert proc.stdin is not None
    try:
        proc.stdin.write(payload)
        await proc.stdin.drain()
        proc.stdin.close()
        await proc.stdin.wait_closed()
    except (BrokenPipeError, ConnectionResetError):
        pass  # it died before reading everything; how it ended says why


async def _read_answers(proc: asyncio.subprocess.Process, progress: Progress | None) -> dict[str, Any] | None:
    """Relay progress lines; return the final answer, or ``None`` when the worker ended without one."""
    assert proc.stdout is not None
    while True:
        try:
            line = await proc.stdout.readline()
        except ValueError as exc:  # a line beyond MAX_LINE_BYTES
            raise WorkerFault(f"an answer line longer than {MAX_LINE_BYTES} bytes") from exc
        if not line:
            return None
        try:
            answer = json.loads(line)
        except ValueError:
            raise WorkerFault(f"a line that is not JSON: {line[:200]!r}") from None
        if not isinstance(answer, dict) or len(answer) != 1:
            raise WorkerFault(f"an answer that is not one key and its value: {line[:200]!r}")
        if protocol.PROGRESS in answer:
            await _tell(progress, answer[protocol.PROGRESS])
            continue
        return answer


async def _tell(progress: Progress | None, sentence: Any) -> None:
    """Progress is a courtesy: a failure to show it (say, Discord refusing an edit) never fails the reading."""
    if progress is None or not isinstance(sentence, str):
        return
    try:
        await progress(sentence)
    except Exception:
        log.warning("could not show reading progress %r", sentence, exc_info=True)


def _outcome(answer: dict[str, Any] | None, returncode: int | None, limits: WorkerLimits) -> Prepared:
    if answer is not None and protocol.RESULT in answer:
        return _prepared(answer[protocol.RESULT])
    if answer is not None and protocol.ERROR in answer and isinstance(answer[protocol.ERROR], str):
        raise ReadingError(answer[protocol.ERROR])
    out_of_memory = answer is not None and protocol.OUT_OF_MEMORY in answer
    if out_of_memory or (answer is None and returncode == -signal.SIGKILL):  # SIGKILL not ours: the OOM killer
        raise ReadingError(
            f"That reading needed more memory than I allow ({limits.memory_mb} MB), so I stopped. {_SHORTER}"
        )
    if answer is None and returncode == -getattr(signal, "SIGXCPU", -1):
        raise _too_slow(limits)  # the worker's own CPU backstop struck before the wall clock
    if answer is None:
        raise WorkerFault(f"the worker ended with exit status {returncode} and no answer")
    raise WorkerFault(f"an answer of an unknown kind: {sorted(answer)}")


def _too_slow(limits: WorkerLimits) -> ReadingError:
    return ReadingError(
        f"That reading took longer than {limits.seconds:g} seconds to read, so I stopped. {_SHORTER}"
    )


def _prepared(result: Any) -> Prepared:
    from bot.analysis.serialize import SerializedFormError, analysis_from_dict, reading_from_dict

    try:
        return Prepared(reading_from_dict(result["reading"]), analysis_from_dict(result["analysis"]))
    except (SerializedFormError, KeyError, TypeError) as exc:
        raise WorkerFault(f"a result that is not a reading and its analysis: {exc}") from exc


def _kill(proc: asyncio.subprocess.Process) -> None:
    try:
        if hasattr(os, "killpg"):
            proc.kill()  # the worker is its group's leader (start_new_session)
        else:
            proc.kill()
    except ProcessLookupError:
        pass


class _Tail:
    """The last bytes a stream wrote, read concurrently so a chatty worker never blocks on a full pipe."""

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._data = bytearray()
        self._task: asyncio.Task[None] | None = None

    def follow(self, stream: asyncio.StreamReader | None) -> None:
        if stream is not None:
            self._task = asyncio.create_task(self._drain(stream))

    async def _drain(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(64 * 1024):
            self._data += chunk
            del self._data[: -self._keep]

    async def finish(self, grace: float) -> None:
        """Wait a little for the stream's end: a grandchild the worker started may hold it open."""
        if self._task is not None:
            await asyncio.wait({self._task}, timeout=grace)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.wait({self._task})

    def text(self) -> str:
        return self._data.decode("utf-8", "replace").strip()
