"""How often the thesis is the sentence a reader would pick, on labelled editorials.

    python -m benchmarks.editorials [--shared PATH] [--show] [--tune]

Labels: for every fourth editorial in ``../shared/datasets/editorials/`` (sorted by path), the sentence that
best states the author's central claim and up to two that restate it, each copied verbatim, chosen by one
reader in this project without looking at the system's output. Two disjoint sets:
``labels/editorial_theses_tune.jsonl`` (from the third file on; ``--tune``) is for designing editorial rules,
``labels/editorial_theses.jsonl`` (from the first; the default) is for checking them — do not tune on it.
One reader's judgement, not a gold standard: it makes the weakest part of the analysis measurable (AAEC has
no editorials) and guards it against regressions.

Metrics: T@1 — the thesis covers a labelled sentence; T@3 — the thesis or one of the first two arguments
does ("covers" as in ``benchmarks.aaec``). Baselines on the same segmentation: the first sentence after
the headline, and LexRank's top sentence.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmarks.aaec import lead, lexrank
from benchmarks.common import covers, shared_root
from benchmarks.corpus import load
from bot.analysis import analyse

LABELS = Path(__file__).with_name("labels") / "editorial_theses.jsonl"
TUNE_LABELS = Path(__file__).with_name("labels") / "editorial_theses_tune.jsonl"


def load_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _hit(passages: list[str], targets: list[str]) -> bool:
    return any(covers(p, t) for p in passages for t in targets)


def main() -> None:
    parser = argparse.ArgumentParser(description="Score the thesis against labelled editorials.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--show", action="store_true", help="print each miss: our thesis and the label")
    parser.add_argument("--tune", action="store_true", help="the tuning labels (other editorials) instead")
    args = parser.parse_args()
    root = shared_root(args.shared) / "datasets" / "editorials"
    labels = load_labels(TUNE_LABELS if args.tune else LABELS)
    totals = {"system": [0, 0], "lead": [0, 0], "lexrank": [0, 0]}
    for label in labels:
        reading = load(root / label["file"])
        targets = [label["thesis"], *label["also"]]
        analysis = analyse(reading)
        ours = ([analysis.thesis.text] if analysis.thesis else []) + [a.text for a in analysis.arguments[:2]]
        # The headline is the first sentence of the text: the baselines start after it.
        rankings = {"system": ours, "lead": lead(reading.text)[1:], "lexrank": lexrank(reading.text)}
        for name, ranked in rankings.items():
            totals[name][0] += _hit(ranked[:1], targets)
            totals[name][1] += _hit(ranked[:3], targets)
        if args.show and not _hit(ours[:1], targets):
            print(f"- {label['file']}\n    ours:  {ours[0] if ours else None}\n    label: {label['thesis']}")
    print(f"Editorials with a labelled thesis: {len(labels)}")
    print(f"{'ranker':<12} {'T@1':>6} {'T@3':>6}")
    for name, (top1, top3) in totals.items():
        print(f"{name:<12} {top1 / len(labels):>6.3f} {top3 / len(labels):>6.3f}")


if __name__ == "__main__":
    main()
