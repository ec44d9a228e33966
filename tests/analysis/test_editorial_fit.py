"""The editorial train labels and the thesis fit on them (benchmarks.editorials, benchmarks.fit)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.editorials import LABELS, TRAIN_LABELS, TUNE_LABELS, load_labels, validated
from benchmarks.fit import Setting, cross_validate_editorials, editorial_rows, fit, fit_choice
from benchmarks.judged.selection import judged_paths
from bot.analysis import rank


def test_train_labels_are_verbatim_and_apart_from_tune_check_and_judged(shared):
    """What the thesis weights are fitted on is found word for word in its files, and shares no editorial
    with the sets that confirm and check the fit, nor with the blind reader's."""
    train = load_labels(TRAIN_LABELS)
    assert len(train) >= 70
    files = {label["file"] for label in train}
    assert len(files) == len(train)
    assert not files & {label["file"] for label in load_labels(LABELS) + load_labels(TUNE_LABELS)}
    editorials = shared / "datasets" / "editorials"
    judged = {p.resolve() for p in judged_paths(shared)}
    for label in train:
        path = editorials / label["file"]
        assert path.resolve() not in judged, label["file"]
        text = path.read_text(encoding="utf-8")
        assert label["arguments"], label["file"]
        for sentence in [label["thesis"], *label["also"], *label["arguments"]]:
            assert sentence and sentence in text, (label["file"], sentence)


def _editorial(root: Path) -> str:
    (root / "guardian").mkdir(parents=True)
    (root / "guardian" / "a.txt").write_text(
        "Parks matter\n\nThe city closed two parks in May. We must reopen them “before summer”.\n\n"
        "Children need somewhere to play.\n",
        encoding="utf-8",
    )
    return "guardian/a.txt"


def test_a_label_differing_only_in_quotes_is_fixed_and_a_missing_sentence_dropped(tmp_path):
    file = _editorial(tmp_path)
    label = {
        "file": file,
        "thesis": 'We must reopen them "before summer".',
        "also": [],
        "arguments": ["Children need somewhere to play.", "Parks are cheap."],
        "note": "",
    }
    fixed, notes = validated(tmp_path, label)
    assert fixed is not None
    assert fixed["thesis"] == "We must reopen them “before summer”."
    assert fixed["arguments"] == ["Children need somewhere to play."]
    assert any("dropped" in note for note in notes)


def test_a_label_whose_file_or_thesis_is_missing_is_refused(tmp_path):
    file = _editorial(tmp_path)
    assert validated(tmp_path, {"file": "guardian/b.txt", "thesis": "x", "also": []})[0] is None
    assert validated(tmp_path, {"file": file, "thesis": "Parks are cheap.", "also": []})[0] is None


def test_counting_a_row_twice_is_the_same_as_giving_it_twice():
    xs = [[1.0, 1.0], [1.0, 0.0], [1.0, 1.0], [1.0, 0.0], [1.0, 0.0]]
    ys = [1, 0, 0, 1, 0]
    weighted = fit(xs, ys, l2=1.0, row_weights=[2.0, 1.0, 1.0, 1.0, 1.0])
    repeated = fit([xs[0], *xs], [ys[0], *ys], l2=1.0)
    assert weighted == pytest.approx(repeated)


def test_the_choice_fit_learns_what_marks_the_chosen_segment_and_keeps_the_bias():
    """One text = one choice: the feature the labelled segment has and the others lack gets a positive
    weight, one the others have a negative one, and the bias (equal across a text) keeps the prior."""
    groups = [
        ([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [1, 0, 0], [0.0, 0.0, 0.0]),
        ([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 0.0, 0.0]], [0, 1, 0, 0], [0.0] * 4),
    ]
    bias, marked, other = fit_choice(groups, [1.0, 1.0], prior=[-4.0, 0.0, 0.0], l2=0.5)
    assert bias == pytest.approx(-4.0)
    assert marked > 1.0 > 0 > other


def test_cross_validation_scores_every_editorial_held_out_and_restores_the_weights(shared):
    root = shared / "datasets" / "editorials"
    labels = load_labels(TRAIN_LABELS)[:4]
    rows = editorial_rows(root, labels)
    assert all(any(ys) for _, ys in rows)  # every labelled thesis is found among the segments
    before = dict(rank.THESIS_WEIGHTS)
    hits = cross_validate_editorials(root, labels, rows, [], 2, Setting(False, 1.0, 10.0))
    assert len(hits) == 4
    assert all(top3 or not top1 for top1, top3 in hits)
    assert before == rank.THESIS_WEIGHTS


def test_train_labels_file_is_one_json_object_per_line():
    for line in TRAIN_LABELS.read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"file", "thesis", "also", "arguments", "note"}
