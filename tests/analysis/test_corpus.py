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
