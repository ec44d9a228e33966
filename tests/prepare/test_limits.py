"""The worker's limits and failures, made to happen through a test hook the worker alone reads.

Every test checks that no process of the worker outlives ``prepare``: neither the worker (not even as a
zombie) nor a process it started.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import textwrap
from pathlib import Path

import pytest

from bot.prepare import Pasted, WorkerLimits, prepare
from bot.prepare.worker import TEST_HOOK
from tests.prepare.conftest import ESSAY, FAST, Recorder

FAULT = re.compile(
    r"Something went wrong while reading that \(error id `([0-9a-f]{8})`\)\. Try again, or paste the text instead"
)


def _state(pid: int) -> str | None:
    """A process's state letter from /proc ("S", "R", "Z" for a zombie), or None once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def _pids(pidfile: Path) -> list[int]:
    return [int(p) for p in pidfile.read_text().split()]


def _assert_gone(worker: int, helper: int) -> None:
    assert _state(worker) is None, "the worker was not reaped"
    # the helper's parent (the worker) is dead; whoever adopted it may reap it later, but it must be dead
    assert _state(helper) in (None, "Z"), "a process the worker started survived it"


pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")


async def test_a_hanging_worker_is_killed_at_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pidfile = tmp_path / "pids"
    monkeypatch.setenv(TEST_HOOK, f"hang:{pidfile}")
    limits = WorkerLimits(seconds=2, memory_mb=FAST.memory_mb)
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=limits)
    assert str(caught.value).startswith("That reading took longer than 2 seconds to read, so I stopped.")
    _assert_gone(*_pids(pidfile))


async def test_cancelling_prepare_kills_the_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pidfile = tmp_path / "pids"
    monkeypatch.setenv(TEST_HOOK, f"hang:{pidfile}")
    task = asyncio.create_task(prepare(Pasted(ESSAY), limits=FAST))
    async with asyncio.timeout(FAST.seconds):
        while not pidfile.exists():
            await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    _assert_gone(*_pids(pidfile))


async def test_the_memory_cap_stops_a_worker_that_allocates_too_much(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_HOOK, "allocate")
    limits = WorkerLimits(seconds=FAST.seconds, memory_mb=300)
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=limits)
    assert str(caught.value).startswith("That reading needed more memory than I allow (300 MB), so I stopped.")


async def test_a_worker_killed_by_the_system_is_reported_as_out_of_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """The OOM killer sends SIGKILL; the bot did not, so memory is the likely cause."""
    monkeypatch.setenv(TEST_HOOK, "killed")
    with pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=FAST)
    assert str(caught.value).startswith(f"That reading needed more memory than I allow ({FAST.memory_mb} MB)")


@pytest.mark.parametrize(
    ("hook", "logged"),
    [("crash", "RuntimeError: test hook: an unexpected failure"), ("garbage", "a line that is not JSON")],
)
async def test_a_crash_or_foreign_output_is_an_error_id_and_a_log_entry(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, hook: str, logged: str
) -> None:
    monkeypatch.setenv(TEST_HOOK, hook)
    with caplog.at_level(logging.ERROR, logger="bot.prepare.supervisor"), pytest.raises(Exception) as caught:
        await prepare(Pasted(ESSAY), limits=FAST)
    match = FAULT.match(str(caught.value))
    assert match, str(caught.value)
    [record] = [r for r in caplog.records if r.name == "bot.prepare.supervisor"]
    assert f"error {match.group(1)} in the reading worker" in record.getMessage()
    assert logged in record.getMessage()


async def test_a_failing_progress_callback_does_not_fail_the_reading(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[str] = []

    async def broken(sentence: str) -> None:
        seen.append(sentence)
        raise RuntimeError("Discord refused the edit")

    prepared = await prepare(Pasted(ESSAY), limits=FAST, progress=broken)
    assert prepared.analysis.arguments
    assert seen == ["Reading the text…", "Finding the arguments…"]
    assert "could not show reading progress" in caplog.text


async def test_model_settings_without_the_model_writer_keep_the_embedded_analysis(
    caplog: pytest.LogCaptureFixture, told: Recorder
) -> None:
    prepared = await prepare(Pasted(ESSAY), limits=FAST, progress=told, model={"endpoint": "http://127.0.0.1:9"})
    assert prepared.analysis.writer == "embedded"
    assert told.said == ["Reading the text…", "Finding the arguments…"]
    assert "bot.analysis.llm is absent" in caplog.text


async def test_model_settings_reach_the_model_writer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, told: Recorder
) -> None:
    """A stand-in ``bot.analysis.llm`` (registered by a sitecustomize only the worker loads) receives the
    reading, its title, the embedded analysis and the settings, and its analysis is the result."""
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent('''
        import dataclasses, sys, types

        def write_with_model(reading_text, title, embedded, config):
            from bot.analysis.model import Prompt
            prompt = Prompt(f"{title}: {len(reading_text.split())} words, {config['model']}?", None)
            return dataclasses.replace(embedded, prompts=(prompt,), writer="model")

        llm = types.ModuleType("bot.analysis.llm")
        llm.write_with_model = write_with_model
        sys.modules["bot.analysis.llm"] = llm
    '''))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    prepared = await prepare(
        Pasted(ESSAY), title="Libraries", limits=FAST, progress=told, model={"model": "tiny"}
    )
    assert told.said == ["Reading the text…", "Finding the arguments…", "Writing the prompts…"]
    assert prepared.analysis.writer == "model"
    assert [p.text for p in prepared.analysis.prompts] == [f"Libraries: {prepared.reading.words} words, tiny?"]
