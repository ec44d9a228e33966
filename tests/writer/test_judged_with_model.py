"""`python -m benchmarks.judged --writer llm`: the blind read's output, written by the configured model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.common import shared_root
from benchmarks.judged.selection import judged_paths
from tests.fakeopenai import FakeOpenAI, answer
from tests.writer.answers import GOOD, PROMPTS

ROOT = Path(__file__).resolve().parents[2]


def judged(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.judged", "--shared", str(shared_root(None)), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        timeout=120,
    )


def test_each_judged_reading_goes_to_the_model_once(tmp_path: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.then(answer(GOOD))
    env = {"LLM_BASE_URL": fake_openai.base_url, "LLM_MODEL": "fake-model", "LLM_TIMEOUT": "10"}
    result = judged("--writer", "llm", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    count = len(judged_paths(shared_root(None)))
    assert len(fake_openai.requests) == count
    assert result.stdout.count("-" * 100) == count
    # What is printed is the model's: its prompts where the checks let them through, never the embedded writer.
    assert "embedded writer" not in result.stdout and PROMPTS[1] in result.stdout


def test_without_model_settings_it_says_so_and_prints_nothing(tmp_path: Path) -> None:
    result = judged("--writer", "llm", cwd=tmp_path, env={})
    assert result.returncode == 2 and result.stdout == ""
    assert "LLM_BASE_URL" in result.stderr


def test_a_bad_setting_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = judged("--writer", "llm", cwd=tmp_path, env={"LLM_TIMEOUT": "soon"})
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
