import re

from bot.analysis import analyse
from bot.analysis.compose import Material, compose
from bot.analysis.limits import problems
from bot.analysis.model import Argument, Span
from bot.analysis.naming import label, quote
from bot.ingest.model import Reading

ESSAY = """Should schools teach cooking

Many children today eat mostly processed food. In my opinion, schools must teach cooking to every child.

First, cooking is an essential life skill. For example, a student who can cook spends less money on takeaways.

Second, cooking lessons improve health because children learn what goes into their food. Studies show \
that they eat more vegetables.

Some people argue that parents should teach cooking at home. But many parents work long hours.

In conclusion, I believe cooking belongs in every school curriculum."""


def test_spans_are_verbatim():
    """Thesis, arguments and reasons are exact slices of the text at their offsets."""
    analysis = analyse(Reading(ESSAY))
    text = ESSAY
    assert analysis.thesis is not None
    assert text[analysis.thesis.start : analysis.thesis.end] == analysis.thesis.text
    for arg in analysis.arguments:
        assert text[arg.start : arg.end] == arg.text
        assert 0.0 <= arg.score <= 1.0
        for reason in arg.reason_spans:
            assert text[reason.start : reason.end] == reason.text
        assert arg.reasons == tuple(r.text for r in arg.reason_spans)


def test_thesis_is_the_stance():
    """The thesis is a stance from the introduction or conclusion, not background."""
    analysis = analyse(Reading(ESSAY))
    assert "cooking" in analysis.thesis.text
    assert analysis.thesis.text != "Many children today eat mostly processed food."


def test_reasons_found():
    """A "because" clause or a following "For example" sentence is given as a reason."""
    analysis = analyse(Reading(ESSAY))
    reasons = [r for a in analysis.arguments for r in a.reasons]
    assert any(r.startswith("because children learn") or r.startswith("For example") for r in reasons)


def test_leaning_sentence_merged_with_predecessor():
    """ "It is an empire in terminal decline" is quoted together with the sentence it leans on."""
    text = (
        "The United States no longer leads the world it built after the war. It is an empire in terminal "
        "decline.\n\nThe dollar will lose its status as the reserve currency. Weak leaders have squandered "
        "its alliances.\n\nWe must rebuild our institutions before it is too late."
    )
    analysis = analyse(Reading(text))
    passages = [a.text for a in analysis.arguments] + [analysis.thesis.text]
    assert not any(p.startswith("It is an empire") for p in passages)
    merged = [p for p in passages if "It is an empire in terminal decline." in p]
    assert all(p.startswith("The United States no longer leads") for p in merged)


def test_claims_spread_over_a_long_reading():
    """A long reading's claims come from all its sections, not only the opening."""
    paragraphs = []
    fillers = ["harbour", "library", "railway", "orchard", "factory", "hospital", "market", "bridge", "museum"]
    for i in range(180):
        topic = f"{fillers[i % 9]} {fillers[(i // 9) % 9]} number{i}"
        paragraphs.append(
            f"The {topic} policy must change because it harms group{i} badly. "
            f"Officials met on Tuesday to discuss the {topic} report in the hall. "
            f"The meeting lasted about two hours and ended at noon."
        )
    # make the opening look the most claim-like, so spreading has to overrule raw scores
    paragraphs[0] = "In my opinion, we must clearly reform everything now. " + paragraphs[0]
    text = "\n\n".join(paragraphs)
    analysis = analyse(Reading(text))
    positions = [a.start / len(text) for a in analysis.arguments]
    assert len(analysis.arguments) == 10
    assert min(positions) < 0.25 and max(positions) > 0.75
    assert sum(1 for p in positions if p > 0.5) >= 3
    # the meetings are news told, not claims: the policy claims fill every place
    assert not any(a.text.startswith("Officials met on Tuesday") for a in analysis.arguments)


def test_deterministic():
    """The same text gives the same analysis, every time."""
    assert analyse(Reading(ESSAY)) == analyse(Reading(ESSAY))


def test_prompts_kinds_and_limits():
    """An essay of arguable claims gets several distinct prompts, each a question that fits a message, each
    about the thesis, the other side or one of the arguments."""
    analysis = analyse(Reading(ESSAY))
    texts = [p.text for p in analysis.prompts]
    assert len(texts) >= 4 and len(set(texts)) == len(texts)
    assert all(t.endswith("?") and len(t) <= 1000 for t in texts)
    assert not problems(analysis.prompts, analysis.polls)
    assert not analysis.note


def test_prompts_embed_quotes_naturally():
    """Quoted claims lose their final full stop and leading connective, and are lower-cased mid-sentence."""
    assert quote("In conclusion, I believe that the schools must act.", mid_sentence=True) == "the schools must act"
    assert quote('He ignored "the bear."', mid_sentence=True) == 'He ignored "the bear"'
    assert quote("Argentina must pay.", mid_sentence=True) == "Argentina must pay"


def _long_claims(n: int) -> tuple[Argument, ...]:
    claim = (
        "Town {i} has the best school meals in the county because a generation that cannot feed itself will pay "
        "for processed food with its health and its money."
    )
    return tuple(Argument(claim.format(i=i), 0, len(claim), 0.9 - i / 100, "evaluative") for i in range(n))


def test_polls_within_limits_with_long_claims():
    """Long claims become numbered labels, each a whole clause of the claim with its subject and verb, never
    cut with "…"; the message lists them in full."""
    args = _long_claims(12)
    thesis = Span("Cooking " * 80 + "matters.", 0, 10)
    composition = compose(Material("Cooking", thesis, args))
    assert not problems(composition.prompts, composition.polls)
    convinced = composition.polls[1]
    assert 2 <= len(convinced.answers) <= 10
    for n, answer in enumerate(convinced.answers, 1):
        assert len(answer) <= 55
        assert answer.startswith(f"{n} · ")
        body = answer[len(f"{n} · ") :]
        assert body == f"Town {n - 1} has the best school meals in the county"
    assert convinced.message.count("\n") == len(convinced.answers)
    assert all(len(p.question) <= 300 for p in composition.polls)
    # A thesis no clause of which fits the question is not asked cut: the poll asks about the reading.
    assert composition.polls[0].question == "How far do you agree with the reading?"


def test_label_says_something():
    """A label keeps the key phrase of the claim, without connectives."""
    assert label(1, "Therefore, schools must teach cooking to every single child in the whole country.") == (
        "1 · Schools must teach cooking to every single child"
    )


def test_tiny_reading_still_composes():
    """Even a two-sentence reading gets five distinct prompts and two valid polls."""
    analysis = analyse(Reading("Schools must teach cooking. Children who cook eat better."))
    assert not problems(analysis.prompts, analysis.polls)


def test_no_mid_word_cuts_in_output():
    """Every ellipsis in prompts and polls follows a whole word of the source."""
    analysis = analyse(Reading(ESSAY * 3))
    pieces = [p.text for p in analysis.prompts] + [a for p in analysis.polls for a in p.answers]
    words = set(re.findall(r"\w+", ESSAY))
    for piece in pieces:
        for match in re.finditer(r"(\w+)…", piece):
            assert match.group(1) in words


LIBRARY = """A sample reading for trying the bot; written for this project.

When budgets tighten, the public library is often the first thing a council cuts. Every town should keep \
its public library open, and councils should fund it as basic infrastructure.

The second reason is that libraries build the habits that a democracy depends on. Children who borrow books \
become adults who read.

Critics say that the money would do more good elsewhere, in schools or in social care. Yet the comparison \
is misleading, because a library costs a small share of what either costs.

Because those services have moved online, the people least able to get online depend on the library more \
than before, not less.

So libraries are an essential service, and we should defend them as one."""


def test_byline_is_not_an_argument():
    """A byline or "written for" note under the title is never the thesis nor a top argument."""
    analysis = analyse(Reading(LIBRARY, title="Why Every Town Should Keep Its Public Library"))
    top = [analysis.thesis.text] + [a.text for a in analysis.arguments[:3]]
    assert not any("written for this project" in t for t in top)


def test_reported_opposing_view_is_not_an_argument_but_feeds_the_steelman():
    """ "Critics say…" is not one of the reading's arguments; the steelman prompt quotes it as the other side."""
    analysis = analyse(Reading(LIBRARY))
    assert not any(a.text.startswith("Critics say") for a in analysis.arguments[:4])
    counter = [p.text for p in analysis.prompts if "the money would do more good" in p.text.lower()]
    assert len(counter) == 1
    assert "Critics say" not in counter[0]  # the prompt names the other side itself


def test_reason_never_overlaps_its_claim_except_as_a_proper_part():
    """A reason is outside its claim's span or a proper sub-span of it (its own "because" clause)."""
    for reading in (Reading(LIBRARY), Reading(ESSAY)):
        for arg in analyse(reading).arguments:
            for r in arg.reason_spans:
                outside = r.end <= arg.start or r.start >= arg.end
                inside = arg.start <= r.start and r.end <= arg.end and (r.end - r.start) < (arg.end - arg.start)
                assert outside or inside, (arg.text, r.text)
                assert r.text != arg.text


def test_labels_and_quotes_drop_discourse_scaffolding():
    """Labels and quotes start at the claim, not at "The second reason is that" or "It is clear that"."""
    claim = "The second reason is that libraries build the habits that a democracy depends on."
    assert label(5, claim) == "5 · Libraries build the habits that a democracy…"
    assert quote("It is clear that councils must fund libraries.") == "Councils must fund libraries"
    assert quote("To sum up, libraries matter to every town.", mid_sentence=True) == "libraries matter to every town"
    long_because = (
        "Because those services have moved online, the people least able to get online depend on the "
        "library more than before, not less."
    )
    assert label(4, long_because).startswith("4 · The people least able to get online depend")
    for text in (claim, long_because):
        body = label(1, text)[len("1 · ") :].rstrip("…")
        assert body[1:] in text  # a verbatim part of the claim, bar the capital letter


def test_thesis_is_never_a_question_a_quotation_or_across_paragraphs():
    """The thesis is a statement of the reading's own: no question, no quotation, no paragraph break."""
    text = (
        "Why can't we shape the places we live in ourselves?\n\n"
        "“We must never let the planners decide everything for us,” the mayor said at the meeting.\n\n"
        "That is the heart of it. Cities should give residents a real say over how their streets change.\n\n"
        "In short, we must hand neighbourhoods the power to plan their own streets."
    )
    analysis = analyse(Reading(text, title="Let residents plan their streets"))
    thesis = analysis.thesis
    assert thesis is not None
    assert not thesis.text.rstrip().endswith("?")
    assert "mayor said" not in thesis.text
    assert "\n\n" not in thesis.text


def test_thesis_never_opens_on_a_reference_to_an_earlier_sentence():
    """A thesis opening "Which is why…" or "In so doing…" comes with the sentence it refers to, or not at all."""
    text = (
        "Three branches closed last spring after the council halved the budget.\n\n"
        "Which is why I believe the town must fund its libraries as essential infrastructure.\n\n"
        "Volunteers kept one branch open for a while, and readers came back. "
        "In so doing, they surely proved that every town should keep its library."
    )
    thesis = analyse(Reading(text, title="Keep the libraries open")).thesis
    assert thesis is not None
    assert not thesis.text.startswith(("Which is why", "In so doing"))


def test_labels_never_carry_an_unbalanced_bracket_or_quote():
    """A poll label never starts inside a parenthesis or keeps a stray bracket or quotation mark."""
    claim = (
        "If you want evidence that our media is broken (or, more unsettlingly, working just as it's intended), "
        "look no further than the staggering whiteness of the 2015 Oscar nominations."
    )
    for text in (claim, "(or, more unsettlingly, working just as it's intended) the nominations say it all."):
        answer = label(3, text)
        body = answer.split(" · ", 1)[1]
        assert len(answer) <= 55
        assert not re.search(r"[()\[\]\"“”]", body), answer
    assert label(3, claim).startswith("3 · Look no further")


def test_poll_question_quotes_a_readable_thesis():
    """A long thesis is quoted in a poll question by a short clause, or the question goes without it."""
    thesis_text = (
        "Representation is humanisation, and we have an inexpressible amount of ground to make up if we want to "
        "begin to establish gay people and trans people and disabled people as fully realised human beings - not "
        "tropes, morality tales, or comic relief - in the public consciousness."
    )
    args = tuple(
        Argument(text=f"Claim number {n} is a claim about the screen.", start=0, end=1, score=0.5, kind="factual")
        for n in range(3)
    )
    polls = compose(Material(None, Span(thesis_text, 0, len(thesis_text)), args)).polls
    # Too long for the 300-character question by a little: the dashed aside goes, the sentence stays whole.
    assert polls[0].question == f"How far do you agree that “{thesis_text[:-1]}”?".replace(
        " - not tropes, morality tales, or comic relief -", ""
    )
    short = "Representation is humanisation, and we have ground to make up."
    asked = compose(Material(None, Span(short, 0, len(short)), args)).polls[0].question
    assert asked == f"How far do you agree that “{short[:-1]}”?"
    # Claims of fact are not offered as arguments: no "convinced you most" poll without two arguable claims.
    assert len(polls) == 1


def test_prompts_quote_long_claims_briefly():
    """A very long claim is quoted in at most ~200 characters, cut at a word, and prompts stay short."""
    long_claim = (
        "Although the council has spent years promising otherwise, the city must now rebuild every one of its "
        "branch libraries, because the buildings are failing, the collections are ageing, the staff are "
        "exhausted, the children who rely on them have nowhere else to go after school, and the cost of doing "
        "nothing grows with every winter that passes without repairs to their roofs and windows."
    )
    args = tuple(
        Argument(text=t, start=0, end=1, score=0.5, kind="normative")
        for t in (long_claim, long_claim.replace("branch", "central"), "Libraries are cheap to run well.")
    )
    thesis = Span("The city must rebuild its libraries.", 0, 10)
    for prompt in compose(Material(None, thesis, args)).prompts:
        assert len(prompt.text) < 400, prompt.text
        for quoted in re.findall(r"“([^”]*)”", prompt.text):
            assert len(quoted) <= 200
            if quoted.endswith("…"):
                assert re.findall(r"\w+", quoted)[-1] in re.findall(r"\w+", long_claim)


COLUMN = """Forget the bad science about dating

INDIANAPOLIS - Dating advice from laboratories is mostly wrong, and we should stop treating it as science.

Researchers claim that eating dessert on a date makes a second date more likely. The study is flawed, because \
it ignores who chose the dessert. Plus, a meal on a first date is a poor idea for anyone who is nervous.

And then there's the pheromone industry, which sells sprays that do nothing for humans.

Instead, here are some better rules for a first date:

Meet somewhere public and leave when you want to. Talk about the other person's interests, not your ex.

Good dating advice is common sense, and common sense does not need a laboratory to prove it.

Jane Doe's new book, Dating Without Data, is published by Faber (£18.99)."""


def test_columns_furniture_is_never_an_argument():
    """A credit line under the piece and a sentence that only introduces a list are not arguments, and no
    passage runs across a paragraph break on a bare "And…"."""
    analysis = analyse(Reading(COLUMN))
    passages = [analysis.thesis.text] + [a.text for a in analysis.arguments]
    assert not any("is published by" in p for p in passages)
    assert not any(p.rstrip(".").endswith(":") for p in passages)
    assert not any("\n" in p for p in passages)
    assert all(p.startswith("And then there's the pheromone industry") for p in passages if "pheromone" in p)


def test_dateline_is_left_out_of_the_passage():
    """ "INDIANAPOLIS - " says where a story was filed: the passage starts after it, still verbatim."""
    analysis = analyse(Reading(COLUMN))
    passages = [analysis.thesis, *analysis.arguments]
    opening = [p for p in passages if "Dating advice from laboratories" in p.text]
    assert opening and opening[0].text.startswith("Dating advice from laboratories")
    assert COLUMN[opening[0].start : opening[0].end] == opening[0].text


def test_labels_keep_possessives_and_concessive_however():
    """A plural possessive keeps its apostrophe in a label; "However careful I am" is not a connective."""
    assert label(2, "The latest use of scientists' time, they found, is to show that dessert helps.").startswith(
        "2 · The latest use of scientists' time"
    )
    assert label(1, "The 'experts' say so.") == "1 · The experts say so"
    assert quote("However careful I am, the phone still rings.") == "However careful I am, the phone still rings"
    assert quote("However, the phone still rings at night.") == "The phone still rings at night"


def test_thesis_is_never_a_report_of_what_someone_said():
    """ "Roe argued that cities should…" reports another's claim; "Having said that" reports nobody's."""
    text = (
        "Cities should ban cars\n\n"
        "Traffic in city centres has doubled in twenty years. Having said that, cities should ban cars from "
        "their centres, as the streets belong to people.\n\n"
        "Buses are cheaper to run per passenger than any other transport. Cycle lanes are cheap to build.\n\n"
        "In conclusion, the economist Jane Roe argued that cities should ban cars from their centres."
    )
    thesis = analyse(Reading(text)).thesis
    assert thesis is not None and thesis.text.startswith("Having said that, cities should ban cars")


def test_labels_end_where_a_clause_ends_and_drop_the_readings_own_numbering():
    """A long claim is labelled by its first clause when that fits; "3)" and "1 \\." numbering goes; "So long
    as" is a condition, not a connective to strip."""
    assert label(1, "Chris Kyle was not a warmonger; he was a patriot who did a terrible job for his country.") == (
        "1 · Chris Kyle was not a warmonger"
    )
    assert label(2, "3) Don't be too self-deprecating.") == "2 · Don't be too self-deprecating"
    assert label(3, "1 \\. Marriage is hard.") == "3 · Marriage is hard"
    assert quote("So long as Putin rules, Russia will stay poor.").startswith("So long as Putin")


PHONES = (
    "Phones should stay in our pockets\n\nMost of us carry a phone everywhere. Answering a call at dinner used to "
    "be rude, and it should be rude again.\n\nA call interrupts the person in front of you. A text can wait an "
    "hour.\n\nIn conclusion, {}"
)


def test_thesis_is_never_an_example_nor_ends_on_a_reference_outside_it():
    """ "…, for example at dinner." illustrates; "…better than that." needs the sentence before it."""
    for ending in ("we should keep our phones in our pockets, for example at dinner.", "a phone is better than that."):
        thesis = analyse(Reading(PHONES.format(ending))).thesis
        assert thesis is not None and thesis.text.startswith("Answering a call at dinner"), ending


def test_thesis_is_never_a_fragment_of_a_few_words():
    """ "Pockets, not phones!" closes the piece with a flourish; it says too little to argue about."""
    text = PHONES.replace("In conclusion, {}", "Pockets, not phones!")
    thesis = analyse(Reading(text)).thesis
    assert thesis is not None and thesis.text.startswith("Answering a call at dinner")


def test_claim_kinds_by_their_strongest_marker():
    """What ought to be, what will be, what causes what, what is good or bad, what is; an inferring "must"
    ("it must be infuriating") is not a demand."""
    from bot.analysis.select import classify

    assert classify("Congress must act to limit the damage.") == "normative"
    assert classify("The practice must be stopped at once.") == "normative"
    assert classify("For a government with a revenue problem, it must be infuriating to forgo billions.") != (
        "normative"
    )
    assert classify("They must have known about the risks.") != "normative"
    assert classify("Prices will rise next year.") == "predictive"
    assert classify("Cheap oil leads to more driving.") == "causal"
    assert classify("This is a terrible law.") == "evaluative"
    assert classify("The law was passed in 2014.") == "factual"
