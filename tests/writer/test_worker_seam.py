"""The reading worker process hands the analysis to the model writer when it is given model settings."""

from __future__ import annotations

import dataclasses

from bot.config import ModelConfig
from bot.ingest.model import Reading
from bot.prepare import Pasted, prepare
from tests.fakeopenai import FakeOpenAI, answer
from tests.writer.answers import GOOD, PROMPTS


async def test_worker_writes_with_the_model(fake_openai: FakeOpenAI, reading: Reading) -> None:
    fake_openai.then(answer(GOOD))
    model = dataclasses.asdict(ModelConfig(fake_openai.base_url, "fake-model", timeout=10))
    prepared = await prepare(Pasted(reading.text), title=reading.title, model=model)
    assert prepared.analysis.writer == "model"
    assert [p.text for p in prepared.analysis.prompts] == PROMPTS
    assert len(fake_openai.requests) == 1


async def test_worker_keeps_the_embedded_analysis_when_the_model_fails(reading: Reading) -> None:
    model = dataclasses.asdict(ModelConfig("http://127.0.0.1:9/v1", "fake-model", timeout=5))
    with_model = await prepare(Pasted(reading.text), title=reading.title, model=model)
    without = await prepare(Pasted(reading.text), title=reading.title)
    assert with_model.analysis == without.analysis
    assert with_model.analysis.writer == "embedded"
