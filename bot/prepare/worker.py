"""The reading worker: ``python -m bot.prepare.worker --memory-mb N --cpu-seconds S``.

Reads one request (see ``protocol``) from stdin, fetches or reads the source, analyses it and answers on
stdout. It caps its own address space and CPU time before anything else, before even reading the request,
so everything heavy it later imports or parses counts against the cap. The CPU cap is a backstop for a
worker orphaned by a bot that died: CPU seconds never outrun wall seconds, so while the bot lives its
wall-clock limit always strikes first.

Only this process ever sees the organiser's file, so a parser that hangs or explodes takes down nothing but
itself; the bot reads the outcome from the lines written here and from how the process ended.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bot.prepare import Link, Pasted, Stored, Upload, protocol

if TYPE_CHECKING:
    from bot.analysis.model import Analysis
    from bot.ingest.model import Reading

#: Read by the worker only, so tests can make it misbehave without a real hostile file:
#: ``hang:PIDFILE`` (start a child, write both pids, then sleep), ``hang-escaped:PIDFILE`` (the same with a
#: child that leaves the worker's process group), ``allocate`` (allocate until refused),
#: ``killed`` (die by SIGKILL, as the OS kills a process out of memory), ``crash`` (raise an unexpected
#: exception), ``garbage`` (answer a line that is not JSON).
TEST_HOOK = "READING_CIRCLE_WORKER_TEST_HOOK"

Send = Callable[[bytes], None]


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    _set_limits(args.memory_mb, args.cpu_seconds)
    send = _protocol_channel()
    out_of_memory = protocol.message(protocol.OUT_OF_MEMORY, True)  # built now: no allocation needed later
    try:
        _work(send)
    except MemoryError:
        send(out_of_memory)
        return 1
    except Exception:
        traceback.print_exc()  # the bot logs the worker's stderr and tells the organiser it went wrong
        return 1
    return 0


def _work(send: Send) -> None:
    from bot.ingest import ReadingError

    request = protocol.decode_request(sys.stdin.buffer.read())
    _run_test_hook(send)
    try:
        reading = _read(request, send)
        send(protocol.message(protocol.PROGRESS, "Finding the arguments…"))
        from bot.analysis import analyse
        from bot.readings import has_arguable_claim

        analysis = analyse(reading)
    except ReadingError as err:
        send(protocol.message(protocol.ERROR, str(err)))
        return
    if request.model is not None and has_arguable_claim(analysis):  # else the draft keeps no prompts to write
        analysis = _write_with_model(reading, analysis, request.model, send)
    from bot.analysis.serialize import analysis_to_dict, reading_to_dict

    result = {"reading": reading_to_dict(reading), "analysis": analysis_to_dict(analysis)}
    send(protocol.message(protocol.RESULT, result))


def _read(request: protocol.Request, send: Send) -> Reading:
    """The source as a Reading, with the organiser's title and author in place of the ones found."""
    import dataclasses

    from bot import ingest
    from bot.ingest.normalise import clean_inline

    title, author = clean_inline(request.title), clean_inline(request.author)
    match request.source:
        case Link(url):
            send(protocol.message(protocol.PROGRESS, "Fetching the link…"))
            import asyncio

            reading = asyncio.run(ingest.fetch_url(url, allow_private=request.allow_private_urls))
        case Upload(data, filename, content_type):
            send(protocol.message(protocol.PROGRESS, "Reading the file…"))
            reading = ingest.from_bytes(data, filename=filename, content_type=content_type, source=filename)
        case Pasted(text):
            send(protocol.message(protocol.PROGRESS, "Reading the text…"))
            reading = ingest.from_text(text, title=title)
        case Stored(text):
            from bot.ingest.model import Reading

            reading = Reading(text)
    return dataclasses.replace(reading, title=title or reading.title, author=author or reading.author)


def _write_with_model(reading: Reading, analysis: Analysis, config: dict[str, Any], send: Send) -> Analysis:
    """The optional model writer (``bot.writer``), given ``dataclasses.asdict(settings.model)``. It falls
    back to the embedded analysis by itself (one log line on stderr) and never takes longer than its
    timeout; anything it still raises keeps the embedded analysis too."""
    from bot.config import ModelConfig
    from bot.writer import write_with_model

    send(protocol.message(protocol.PROGRESS, "Writing the prompts…"))
    try:
        return write_with_model(reading.text, reading.title, analysis, ModelConfig(**config))
    except MemoryError:
        raise
    except Exception:  # the embedded analysis is the fallback for any failure of the model
        traceback.print_exc()
        return analysis


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.prepare.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--cpu-seconds", type=int, required=True)
    return parser.parse_args(argv)


def _set_limits(memory_mb: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the bot's wall-clock limit is the only bound
        return
    _lower(resource, resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    _lower(resource, resource.RLIMIT_CPU, cpu_seconds)


def _lower(resource: Any, which: int, value: int) -> None:
    """Soft and hard limit both, so nothing in the worker can raise it again; never above an existing hard limit."""
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(which, (value, value))


def _protocol_channel() -> Send:
    """A private copy of stdout for the answers; fd 1 then points at stderr, so a library that prints
    cannot corrupt them."""
    fd = os.dup(sys.stdout.fileno())
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def send(line: bytes) -> None:
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view) :]

    return send


def _run_test_hook(send: Send) -> None:
    hook = os.environ.get(TEST_HOOK)
    if not hook:
        return
    name, _, argument = hook.partition(":")
    if name in ("hang", "hang-escaped"):
        import subprocess
        import time

        helper = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=name == "hang-escaped"
        )
        with open(f"{argument}.tmp", "w", encoding="ascii") as handle:
            handle.write(f"{os.getpid()} {helper.pid}\n")
        os.replace(f"{argument}.tmp", argument)  # whole or absent for a test polling for it
        time.sleep(600)
    elif name == "allocate":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    elif name == "killed":
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
    elif name == "crash":
        raise RuntimeError("test hook: an unexpected failure")
    elif name == "garbage":
        send(b"this is not JSON\n")


if __name__ == "__main__":
    sys.exit(main())
