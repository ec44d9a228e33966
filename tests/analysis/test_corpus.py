from benchmarks.corpus import check, load
from bot.analysis import analyse


def test_shared_readings_pass_checks(shared):
    """The shared readings and a sample of editorials pass the corpus checks."""
    paths = (
        sorted((shared / "readings").glob("*.txt")) + sorted((shared / "datasets" / "editorials").glob("*/*.txt"))[::17]
    )
    assert paths
    for path in paths:
        reading = load(path)
        assert check(reading, analyse(reading)) == [], path.name


def test_editorial_labels_are_verbatim_sentences_of_their_files(shared):
    """Every labelled thesis (and restatement) of benchmarks.editorials occurs word for word in its file, so
    the benchmark measures the analysis rather than typos in the labels."""
    from benchmarks.editorials import LABELS, TUNE_LABELS, load_labels

    check, tune = load_labels(LABELS), load_labels(TUNE_LABELS)
    assert len(check) >= 40 and len(tune) >= 40
    assert not {label["file"] for label in check} & {label["file"] for label in tune}
    for label in check + tune:
        text = (shared / "datasets" / "editorials" / label["file"]).read_text(encoding="utf-8")
        for sentence in [label["thesis"], *label["also"]]:
            assert sentence and sentence in text, (label["file"], sentence)
