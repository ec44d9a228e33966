"""How often the thesis is the sentence a reader would pick, on labelled editorials.

    python -m benchmarks.editorials [--shared PATH] [--show] [--tune | --train]
    python -m benchmarks.editorials --add LABELS.jsonl ...   (validate new labels into the train set)

Labels, in three disjoint sets of ``../shared/datasets/editorials/`` (none of them a judged file,
``python -m benchmarks.judged --list``):

* ``labels/editorial_theses.jsonl`` (the default; every fourth editorial sorted by path, from the first) is
  for checking — never tune or fit on it;
* ``labels/editorial_theses_tune.jsonl`` (``--tune``; every fourth from the third) is for designing
  editorial rules and confirming a fit;
* ``labels/editorial_theses_train.jsonl`` (``--train``; 73 of the remaining editorials) is for fitting
  the thesis weights (``python -m benchmarks.fit --editorials train``).

Tune and check: the sentence that best states the author's central claim and up to two that restate it,
each copied verbatim, chosen by one reader in this project without looking at the system's output. Train:
two more readers (helper sessions given only the texts and a labelling brief, never the code or the bot's
output; about half the files each) chose the same plus three to five ``arguments`` — the author's own
claims that carry the piece, strongest first; their lines were kept only where every sentence is found
verbatim in its file (``--add``; a sentence that differs only in quotes or spacing is replaced by the
file's own sentence). Readers' judgements, not a gold standard: they make the weakest part of the analysis
measurable (AAEC has no editorials) and guard it against regressions.

Metrics: T@1 — the thesis covers a labelled sentence; T@3 — the thesis or one of the first two arguments
does ("covers" as in ``benchmarks.aaec``); A@5 (labels with ``arguments`` only) — the share of labelled
arguments, over all of them, covered by the thesis or one of the first five arguments. Baselines on the
same segmentation: the first sentence after the headline, and LexRank's top sentence.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from pathlib import Path

from benchmarks.aaec import lead, lexrank
from benchmarks.common import covers, shared_root
from benchmarks.corpus import load
from bot.analysis import analyse
from bot.analysis.segment import segment
from bot.ingest.model import Reading

LABELS = Path(__file__).with_name("labels") / "editorial_theses.jsonl"
TUNE_LABELS = Path(__file__).with_name("labels") / "editorial_theses_tune.jsonl"
TRAIN_LABELS = Path(__file__).with_name("labels") / "editorial_theses_train.jsonl"


def load_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _hit(passages: list[str], targets: list[str]) -> bool:
    return any(covers(p, t) for p in passages for t in targets)


def targets(label: dict) -> list[str]:
    """The sentences that count as the thesis: the labelled one and its restatements."""
    return [label["thesis"], *label["also"]]


def system(reading: Reading) -> list[str]:
    """The thesis, then the arguments in rank order."""
    analysis = analyse(reading)
    return ([analysis.thesis.text] if analysis.thesis else []) + [a.text for a in analysis.arguments]


def thesis_hits(root: Path, labels: Iterable[dict]) -> list[tuple[bool, bool]]:
    """(T@1, T@3) of the analysis for each label: what ``benchmarks.fit`` cross-validates on."""
    out = []
    for label in labels:
        ours = system(load(root / label["file"]))
        out.append((_hit(ours[:1], targets(label)), _hit(ours[:3], targets(label))))
    return out


def argument_hits(ours: list[str], label: dict) -> tuple[int, int]:
    """How many of the label's arguments the thesis or the first five arguments cover, and of how many."""
    wanted = label.get("arguments", [])
    return sum(any(covers(p, a) for p in ours[:6]) for a in wanted), len(wanted)


# A sentence of the labellers' that is not verbatim may differ from the text only in these.
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def verbatim(text: str, sentence: str) -> str | None:
    """``sentence`` as the file writes it: itself when found verbatim, else the one segment of ``text``
    equal to it up to quotes, dashes and spacing, else None."""
    if sentence and sentence in text:
        return sentence
    doc = segment(text)
    matches = [doc.span(s) for s in doc.segments if _normal(doc.span(s)) == _normal(sentence)]
    return matches[0] if len(matches) == 1 else None


def validated(root: Path, label: dict) -> tuple[dict | None, list[str]]:
    """The label with every sentence verbatim from its file (fixed where only quotes or spacing differ),
    or None when its file or thesis cannot be found; and what was fixed or dropped."""
    path = root / label.get("file", "")
    if not label.get("file") or not path.is_file():
        return None, [f"{label.get('file')}: no such file"]
    text = load(path).text
    thesis = verbatim(text, label.get("thesis", ""))
    if thesis is None:
        return None, [f"{label['file']}: thesis not found: {label.get('thesis')!r}"]
    notes = [] if thesis == label["thesis"] else [f"{label['file']}: thesis fixed"]
    kept: dict[str, list[str]] = {}
    for field in ("also", "arguments"):
        kept[field] = []
        for sentence in label.get(field, []):
            found = verbatim(text, sentence)
            if found is None:
                notes.append(f"{label['file']}: {field} dropped: {sentence!r}")
            else:
                notes += [] if found == sentence else [f"{label['file']}: {field} fixed"]
                kept[field].append(found)
    return {"file": label["file"], "thesis": thesis, **kept, "note": label.get("note", "")}, notes


def add(root: Path, sources: list[Path]) -> None:
    """Append the valid lines of ``sources`` to the train labels, skipping files already labelled in any
    set; print what was fixed or dropped."""
    taken = {
        label["file"] for path in (LABELS, TUNE_LABELS, TRAIN_LABELS) if path.exists() for label in load_labels(path)
    }
    added = 0
    with TRAIN_LABELS.open("a", encoding="utf-8") as out:
        for source in sources:
            for raw in source.read_text(encoding="utf-8").splitlines():
                try:
                    label = json.loads(raw) if raw.strip() else None
                except json.JSONDecodeError:
                    print(f"{source.name}: not JSON, dropped: {raw[:80]!r}")
                    continue
                if label is None or label.get("file") in taken:
                    continue
                fixed, notes = validated(root, label)
                for note in notes:
                    print(f"{source.name}: {note}")
                if fixed is not None:
                    out.write(json.dumps(fixed, ensure_ascii=False) + "\n")
                    taken.add(fixed["file"])
                    added += 1
    print(f"added {added} labels to {TRAIN_LABELS.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Score the thesis against labelled editorials.")
    parser.add_argument("--shared", help="the shared data folder (default: ../shared or $READING_CIRCLE_SHARED)")
    parser.add_argument("--show", action="store_true", help="print each miss: our thesis and the label")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tune", action="store_true", help="the tuning labels (other editorials) instead")
    which.add_argument("--train", action="store_true", help="the training labels (other editorials) instead")
    which.add_argument("--add", nargs="+", type=Path, metavar="LABELS", help="validate labels into the train set")
    args = parser.parse_args()
    root = shared_root(args.shared) / "datasets" / "editorials"
    if args.add:
        add(root, args.add)
        return
    labels = load_labels(TRAIN_LABELS if args.train else TUNE_LABELS if args.tune else LABELS)
    totals = {"system": [0, 0], "lead": [0, 0], "lexrank": [0, 0]}
    arguments = [0, 0]
    for label in labels:
        reading = load(root / label["file"])
        ours = system(reading)
        # The headline is the first sentence of the text: the baselines start after it.
        rankings = {"system": ours[:3], "lead": lead(reading.text)[1:], "lexrank": lexrank(reading.text)}
        for name, ranked in rankings.items():
            totals[name][0] += _hit(ranked[:1], targets(label))
            totals[name][1] += _hit(ranked[:3], targets(label))
        arguments = [a + b for a, b in zip(arguments, argument_hits(ours, label), strict=True)]
        if args.show and not _hit(ours[:1], targets(label)):
            print(f"- {label['file']}\n    ours:  {ours[0] if ours else None}\n    label: {label['thesis']}")
    print(f"Editorials with a labelled thesis: {len(labels)}")
    print(f"{'ranker':<12} {'T@1':>6} {'T@3':>6}")
    for name, (top1, top3) in totals.items():
        print(f"{name:<12} {top1 / len(labels):>6.3f} {top3 / len(labels):>6.3f}")
    if arguments[1]:
        print(
            f"A@5 (labelled arguments covered by the thesis or top-5 arguments): {arguments[0] / arguments[1]:.3f}"
            f" ({arguments[0]} of {arguments[1]})"
        )


if __name__ == "__main__":
    main()
