"""Which readings the blind reader judges: a rule, so the set is the same on every machine."""

from __future__ import annotations

import hashlib
from pathlib import Path

from benchmarks.editorials import LABELS, TUNE_LABELS, load_labels

SIZE = 12
BOLIVIA = Path("readings") / "victory-in-bolivia.txt"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.name.encode("utf-8")).hexdigest()


def judged_editorials(root: Path) -> list[Path]:
    """The SIZE editorials outside both thesis label sets whose file names hash lowest."""
    labelled = {label["file"] for label in load_labels(LABELS) + load_labels(TUNE_LABELS)}
    editorials = root / "datasets" / "editorials"
    free = [p for p in editorials.glob("*/*.txt") if p.relative_to(editorials).as_posix() not in labelled]
    return sorted(sorted(free, key=_digest)[:SIZE])


def judged_paths(root: Path) -> list[Path]:
    """The judged editorials, then the Bolivia reading (when the shared data has it)."""
    bolivia = root / BOLIVIA
    return judged_editorials(root) + ([bolivia] if bolivia.is_file() else [])
