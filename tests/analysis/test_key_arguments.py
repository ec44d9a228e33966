"""The key arguments are the author's own claims a reader would list: not news, figures, concessions, views set up
to be knocked down, or fragments; each span verbatim and readable alone."""

from bot.analysis import analyse
from bot.analysis.select import classify, stands_alone
from bot.ingest.model import Reading
from bot.text import as_sentence

EDITORIAL = (
    "Cities must stop selling their parks to developers.\n\n"
    "Last week, the council sold Elm Park to a property firm for £4 million. In 1961, the city valued the "
    "same land at £20,000. Since 2012, the council has sold nine parks.\n\n"
    "It is certainly true that councils need money. But a park sold is lost for good, and no budget hole "
    "justifies that.\n\n"
    "One of the purported benefits of selling parks was that the money would fund libraries. "
    "Apparently, we should celebrate trading green space for a new car park.\n\n"
    "Green space is essential to the health of a crowded city. Furthermore, Elm Park did more for public "
    "health than any clinic the sale could pay for.\n\n"
    "The council should put every sale to a public vote."
)


def _texts(text: str) -> list[str]:
    return [a.text for a in analyse(Reading(text)).arguments]


def test_news_figures_concessions_and_set_up_views_are_not_arguments():
    texts = _texts(EDITORIAL)
    assert texts, "the editorial's own claims are arguments"
    for background in ("Last week", "In 1961", "Since 2012"):
        assert not any(t.startswith(background) for t in texts)
    assert not any("certainly true" in t for t in texts)
    assert not any("purported" in t or "Apparently" in t for t in texts)


def test_a_second_sentence_that_reads_alone_is_its_own_argument():
    """ "But a park sold is lost for good…" reads alone once "But" is dropped: it is not glued to the
    concession before it, and it is shown from a capital."""
    texts = _texts(EDITORIAL)
    lost = [t for t in texts if "lost for good" in t]
    assert lost and all(t.startswith("a park sold") for t in lost)
    assert as_sentence(lost[0]).startswith("A park sold is lost for good")


def test_an_opening_connective_is_dropped_from_the_span_and_the_span_stays_verbatim():
    analysis = analyse(Reading(EDITORIAL))
    parks = [a for a in analysis.arguments if "any clinic" in a.text]
    assert parks and parks[0].text.startswith("Elm Park did more")
    for a in analysis.arguments:
        assert EDITORIAL[a.start : a.end] == a.text


def test_the_authors_arguable_claims_come_first():
    analysis = analyse(Reading(EDITORIAL))
    kinds = [a.kind for a in analysis.arguments]
    assert kinds and kinds[0] != "factual"


def test_a_story_with_few_claims_gets_fewer_arguments_not_padding():
    story = (
        "Vote for the library levy, because a town without books is poorer.\n\n"
        "My grandmother moved to the city in 1961. She worked in a shop on Mill Street for ten years. "
        "In 1971 she opened her own bakery on the corner. On Friday, 12 March 1975, 300 people queued for "
        "her bread.\n\nShe had learnt to read in the library on Mill Street. Last year the library closed."
    )
    analysis = analyse(Reading(story))
    assert len(analysis.arguments) < 5
    assert not any(t.startswith(("In 1971", "On Friday", "Last year")) for t in (a.text for a in analysis.arguments))


def test_judgements_worded_as_plain_statements_are_not_facts():
    assert classify("It would be an enormous tragedy if the legacy of the attack was less freedom.") == "evaluative"
    assert classify("President Obama is living in a fantasy world.") == "evaluative"
    assert classify("The council sold the park to a property firm.") == "factual"


def test_topic_announcements_and_fragments_do_not_stand_alone():
    assert not stands_alone("It is also a question of what a town wants to be.")
    assert not stands_alone("The Bolivian elections have significant implications for the region.")
    assert not stands_alone("There are other examples too.")
    assert not stands_alone("Or there could be more intensive two-year courses for mature students.")
    assert not stands_alone("But there can also be pitfalls for the unwary.")
    assert stands_alone("Libraries have significant implications for literacy, and towns that close them regret it.")


def test_grants_and_set_up_views_are_recognised_however_worded():
    from bot.analysis import lexicon

    for granted in (
        "It is certainly true that debt defaults take a huge toll.",
        "Admittedly, the scheme has cut waiting lists.",
        "I can see how some readers might find the cartoons insulting.",
        "Now, the US Congress is not exactly a body known for its restraint.",
        "There are, it is true, signs of a revival.",
    ):
        assert lexicon.GRANTS.search(granted), granted
    assert not lexicon.GRANTS.search("Although fees rose, universities must still widen access.")
    for set_up in (
        "One of the purported benefits of marketising higher education was choice.",
        "Apparently, we should celebrate a new car park.",
        "The school would have you believe that its course guarantees a job.",
    ):
        assert lexicon.SET_UP_VIEW.search(set_up), set_up
