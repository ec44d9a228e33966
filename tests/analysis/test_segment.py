from bot.analysis.segment import segment


def spans(text: str) -> list[str]:
    doc = segment(text)
    return [doc.span(s) for s in doc.segments]


def test_quotes_stay_with_their_sentence():
    """A quotation with a full stop inside does not split the sentence that holds it."""
    assert spans("He said, \"She told me 'no.' Then she left.\" We went home.") == [
        "He said, \"She told me 'no.' Then she left.\"",
        "We went home.",
    ]


def test_nested_curly_quotes():
    """Curly nested quotes are kept in one sentence."""
    text = "“She said ‘I won’t go.’ He agreed.” Then they left."
    assert spans(text) == ["“She said ‘I won’t go.’ He agreed.”", "Then they left."]


def test_abbreviations_do_not_end_sentences():
    """Mr., U.S. and e.g. are not sentence ends."""
    text = "Mr. Smith moved to the U.S. in 2010, e.g. to work. He stayed."
    assert spans(text) == ["Mr. Smith moved to the U.S. in 2010, e.g. to work.", "He stayed."]


def test_hard_wrapped_lines_keep_offsets():
    """Single newlines inside a paragraph are spaces for splitting, and offsets still index the original."""
    text = "The old order is\nfailing fast. A new one\nis not yet born."
    doc = segment(text)
    assert [doc.span(s) for s in doc.segments] == ["The old order is\nfailing fast.", "A new one\nis not yet born."]
    assert all(text[s.start : s.end] == doc.span(s) for s in doc.segments)


def test_heading_without_full_stop_is_its_own_segment():
    """A short unpunctuated line is a heading, never glued to the next sentence."""
    doc = segment("Why cooking matters\nSchools must teach cooking. It saves money.")
    assert [(s.role, doc.span(s)) for s in doc.segments] == [
        ("heading", "Why cooking matters"),
        ("sentence", "Schools must teach cooking."),
        ("sentence", "It saves money."),
    ]


def test_title_paragraph_is_a_heading():
    """A one-line paragraph without terminal punctuation (an essay title) is a heading."""
    doc = segment("Advance in transportation and communication\n\nTechnology helps us. It is good.")
    assert doc.segments[0].role == "heading"
    assert doc.paragraphs[0].is_heading


def test_list_items_are_separate_segments():
    """Bullets and numbered items are each their own segment, wrapped continuations included."""
    doc = segment(
        "We need three things:\n- better pay\n- shorter hours that\n  leave time to rest\n1. fair rules\n2) respect"
    )
    items = [doc.span(s) for s in doc.segments if s.role == "item"]
    assert items == ["- better pay", "- shorter hours that\n  leave time to rest", "1. fair rules", "2) respect"]


def test_contractions_are_verbatim():
    """Contractions and odd source spacing survive exactly as written."""
    text = "It isn't fair and we shouldn't pretend otherwise. Australia ’ s money is gone."
    assert spans(text) == ["It isn't fair and we shouldn't pretend otherwise.", "Australia ’ s money is gone."]


def test_long_paragraph_is_split_and_linear():
    """A paragraph of hundreds of sentences splits into all of them with exact offsets."""
    text = " ".join(f"Sentence number {i} makes a point about cooking." for i in range(400))
    doc = segment(text)
    assert len(doc.segments) == 400
    assert all(text[s.start : s.end] == doc.span(s) for s in doc.segments)


def test_paragraph_indices():
    """Segments know their paragraph; blank lines separate paragraphs."""
    doc = segment("One. Two.\n\nThree.")
    assert [s.paragraph for s in doc.segments] == [0, 0, 1]


def test_a_run_of_short_unpunctuated_paragraphs_is_a_list_not_headings():
    """Ingestion drops bullets, so a list arrives as short lines each on its own paragraph: three or more in a
    row are list items (claims may be among them); a lone short line above prose is still a heading."""
    text = (
        "What a town loses\n\n"
        "Libraries matter for three reasons.\n\n"
        "They give everyone a quiet place to work\n\n"
        "They teach children to read for pleasure\n\n"
        "They cost far less than they return\n\n"
        "Closing one saves little."
    )
    roles = [s.role for s in segment(text).segments]
    assert roles == ["heading", "sentence", "item", "item", "item", "sentence"]
