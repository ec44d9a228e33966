"""`reading-circle analyze --writer …` as a user runs it, and nothing changing when no model is configured."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.fakeopenai import FakeOpenAI, answer
from tests.writer.answers import GOOD, PROMPTS
from tests.writer.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def analyze(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a folder without a .env, so only ``env`` configures it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "analyze", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=60,
    )


def test_writer_llm_without_settings_is_one_line(tmp_path: Path) -> None:
    result = analyze("--writer", "llm", str(SAMPLE), cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "LLM_BASE_URL" in result.stderr and "LLM_MODEL" in result.stderr


def test_writer_llm_uses_the_configured_model(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.then(answer(GOOD))
    env = {"LLM_BASE_URL": fake_openai.base_url, "LLM_MODEL": "fake-model", "LLM_TIMEOUT": "10"}
    result = analyze("--writer", "llm", "--json", str(SAMPLE), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["writer"] == "model"
    assert [p["text"] for p in output["prompts"]] == PROMPTS
    assert len(fake_openai.requests) == 1


def test_without_a_model_nothing_changes(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    """LLM settings alone do not send anything: the model is used only when asked for (--writer llm here,
    the circle's switch in the bot); the default and --writer embedded print the same embedded analysis."""
    fake_openai.then(answer(GOOD))
    env = {"LLM_BASE_URL": fake_openai.base_url, "LLM_MODEL": "fake-model"}
    default = analyze("--json", str(SAMPLE), cwd=tmp_path)
    embedded = analyze("--json", "--writer", "embedded", str(SAMPLE), cwd=tmp_path, env=env)
    assert default.returncode == embedded.returncode == 0
    assert default.stdout == embedded.stdout
    assert json.loads(default.stdout)["writer"] == "embedded"
    assert fake_openai.requests == []
