from bot.text import is_cut_at_word_boundary, shorten


def test_short_text_is_unchanged():
    """Text within the limit comes back as is (whitespace collapsed)."""
    assert shorten("Schools  must\nteach cooking", 40) == "Schools must teach cooking"


def test_cut_at_word_boundary_with_ellipsis():
    """A long text is cut after a whole word and ends with an ellipsis."""
    out = shorten("Schools must teach cooking to every child", 20)
    assert out == "Schools must teach…"
    assert len(out) <= 20


def test_never_cuts_mid_word():
    """Every limit gives a whole-word prefix."""
    text = "The ruling class is not infallible, and its weaknesses must be seized on."
    for limit in range(5, len(text) + 2):
        out = shorten(text, limit)
        assert len(out) <= limit
        assert is_cut_at_word_boundary(out, text), (limit, out)


def test_dangling_punctuation_is_dropped():
    """No comma or opening quote is left hanging before the ellipsis."""
    assert shorten("First, second, third fourth", 15) == "First, second…"
    assert shorten('He said "no way" loudly', 11) == "He said…"


def test_exact_boundary_keeps_last_word():
    """When the cut falls right before a space the last word is kept whole."""
    assert shorten("alpha beta gamma", 11) == "alpha beta…"
