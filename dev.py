#!/usr/bin/env python3
"""Set-up and run in one step on a fresh machine: ``python3 dev.py run`` or ``python3 dev.py test``.

Creates ``.venv`` and installs the project into it when it is missing or ``pyproject.toml`` changed since
the last install, then runs the bot or the tests from there. Only the standard library is used here, since
nothing else is installed yet when it first runs.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
# The tested set of every dependency's version (see README, "Dependencies"): installs use it as constraints,
# so pyproject.toml keeps the ranges a user's own install may take, and CI gets exactly what was tested.
LOCK = ROOT / "requirements.lock"
NO_TESTS_COLLECTED = 5


def ensure_installed(extras: str) -> None:
    stamp = VENV / f".installed-{extras or 'base'}"
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + (LOCK.read_bytes() if LOCK.is_file() else b"")
    ).hexdigest()
    if stamp.is_file() and stamp.read_text() == digest and PYTHON.exists():
        return
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 the machine has
        sys.exit(f"Reading Circle needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"creating {VENV.relative_to(ROOT)} …", flush=True)
        venv.create(VENV, with_pip=True)
    target = f".[{extras}]" if extras else "."
    print(f"installing {target} into .venv …", flush=True)
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    constraints = ["-c", str(LOCK)] if LOCK.is_file() else []
    subprocess.run([PYTHON, "-m", "pip", "install", "--quiet", *constraints, "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "lint", "cli"}:
        print(__doc__.strip().splitlines()[0])
        print("usage: python3 dev.py run | test [pytest args] | lint | cli ARGS (any reading-circle command)")
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure_installed("")
        return subprocess.call([PYTHON, "-m", "bot", "run", *rest], cwd=ROOT)
    if command == "cli":
        ensure_installed("")
        return subprocess.call([PYTHON, "-m", "bot", *rest], cwd=ROOT)
    ensure_installed("dev")
    if command == "lint":  # ruff's rules, ruff's formatting, and the type checker (its files are in pyproject)
        checks = (["ruff", "check", "."], ["ruff", "format", "--check", "."], ["mypy"])
        return max(subprocess.call([PYTHON, "-m", *check], cwd=ROOT) for check in checks)
    code = subprocess.call([PYTHON, "-m", "pytest", *rest], cwd=ROOT)
    if code == NO_TESTS_COLLECTED:
        print("pytest collected no tests (exit 5); treating that as success for the selection given")
        return 0
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
