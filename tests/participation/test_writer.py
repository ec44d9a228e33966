"""The batching writer: flushed by size, by time, on request and on close; bounded; robust to a bad batch."""

from __future__ import annotations

import asyncio

import pytest

from bot.participation.writer import BatchWriter, WriterClosed


class Recorder:
    """A sink that records batches, optionally slow or failing."""

    def __init__(self, *, delay: float = 0.0, fail_on: int | None = None) -> None:
        self.batches: list[list[int]] = []
        self.delay = delay
        self.fail_on = fail_on

    async def __call__(self, batch: list[int]) -> None:
        await asyncio.sleep(self.delay)
        if self.fail_on is not None and self.fail_on in batch:
            raise RuntimeError("disk full")
        self.batches.append(batch)


async def test_a_burst_is_written_in_few_batches() -> None:
    sink = Recorder()
    writer = BatchWriter(sink, flush_at=100, max_delay=60, max_pending=1000)
    for n in range(1000):
        await writer.put(n)
    await writer.close()
    assert [n for batch in sink.batches for n in batch] == list(range(1000))
    assert len(sink.batches) <= 10


async def test_size_triggers_a_write_without_waiting_for_the_delay() -> None:
    sink = Recorder()
    writer = BatchWriter(sink, flush_at=5, max_delay=60, max_pending=100)
    for n in range(5):
        await writer.put(n)
    async with asyncio.timeout(2):
        while not sink.batches:
            await asyncio.sleep(0.01)
    assert sink.batches == [[0, 1, 2, 3, 4]]
    await writer.close()


async def test_time_triggers_a_write_of_a_small_batch() -> None:
    sink = Recorder()
    writer = BatchWriter(sink, flush_at=100, max_delay=0.05, max_pending=1000)
    await writer.put(1)
    await asyncio.sleep(0.01)
    assert sink.batches == []  # not yet due
    async with asyncio.timeout(2):
        while not sink.batches:
            await asyncio.sleep(0.01)
    assert sink.batches == [[1]]
    await writer.close()


async def test_flush_waits_for_everything_put_before_it() -> None:
    sink = Recorder(delay=0.01)
    writer = BatchWriter(sink, flush_at=100, max_delay=60, max_pending=1000)
    for n in range(3):
        await writer.put(n)
    await writer.flush()
    assert sink.batches == [[0, 1, 2]]
    assert writer.pending == 0
    await writer.close()


async def test_pending_never_exceeds_max_pending() -> None:
    """The crash bound: a slow database makes producers wait instead of piling events up."""
    sink = Recorder(delay=0.02)
    writer = BatchWriter(sink, flush_at=10, max_delay=60, max_pending=25)
    highest = 0
    for n in range(200):
        await writer.put(n)
        highest = max(highest, writer.pending)
    await writer.close()
    assert highest <= 25
    assert sum(len(batch) for batch in sink.batches) == 200


async def test_a_failing_batch_is_logged_and_the_writer_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    sink = Recorder(fail_on=1)
    writer = BatchWriter(sink, flush_at=2, max_delay=60, max_pending=10)
    await writer.put(0)
    await writer.put(1)
    await writer.flush()  # returns even though the batch failed
    await writer.put(2)
    await writer.put(3)
    await writer.close()
    assert sink.batches == [[2, 3]]
    assert writer.failed == 2
    assert "could not write 2 participation events" in caplog.text


async def test_put_after_close_is_refused() -> None:
    writer = BatchWriter(Recorder())
    await writer.close()
    with pytest.raises(WriterClosed):
        await writer.put(1)
