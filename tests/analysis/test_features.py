from bot.analysis.features import extract
from bot.analysis.segment import segment


def _features(text: str) -> dict[str, object]:
    doc = segment(text)
    return {doc.span(s): f for s, f in zip(doc.segments, extract(doc), strict=True)}


def test_an_authors_bio_and_a_book_credit_are_not_sentences_of_the_reading():
    """Bios and credits at the foot of a column are furniture: never eligible as a claim or thesis."""
    features = _features(
        "Cities must fund their libraries.\n\n"
        "Dan Schneider is executive director of the American Conservative Union. Jane Roe's new book, Reading "
        "Rooms, is published by Faber. Mike Pence is a model of humility and restraint."
    )
    assert not features["Dan Schneider is executive director of the American Conservative Union."].eligible
    assert not features["Jane Roe's new book, Reading Rooms, is published by Faber."].eligible
    assert features["Mike Pence is a model of humility and restraint."].eligible


def test_reports_and_first_person_are_read_outside_quotation_marks():
    """ "I'd rather die standing" inside a quotation is the speaker's first person, not the writer's; "To
    quote…" and "called it…" report someone else; "Having said that" reports nobody."""
    features = _features(
        'As the editor told Le Monde in 2011: "I\'d rather die standing than live on my knees." To quote the '
        "campaign slogan, change will be the order of the day. The minister called it a triumph. Having said "
        "that, the law must change."
    )
    quoted = features['As the editor told Le Monde in 2011: "I\'d rather die standing than live on my knees."']
    assert quoted.reported and not quoted.first_person
    assert features["To quote the campaign slogan, change will be the order of the day."].reported
    assert features["The minister called it a triumph."].reported
    assert not features["Having said that, the law must change."].reported


def test_an_extraposed_it_does_not_lean_on_the_sentence_before():
    """ "It would be both good politics and good policy to close the loophole" stands on its own; "It is an
    empire in decline" needs its predecessor."""
    features = _features(
        "Congress voted again. It would be both good politics and good policy to close the loophole. "
        "America built the order. It is an empire in decline."
    )
    assert not features["It would be both good politics and good policy to close the loophole."].leans
    assert features["It is an empire in decline."].leans
