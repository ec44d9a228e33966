"""A claim's core: what it says of what, in the author's words, short enough to name inside a question."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.naming import CLAUSE_WORDS, CORE_WORDS, core


def test_openers_stance_frames_and_hanging_clauses_go():
    assert core("Of course, I think that councils must fund libraries.") == "Councils must fund libraries"
    assert core("Furthermore, it is clear that the minimum wage must rise.") == "The minimum wage must rise"
    assert (
        core("Although the budget is tight, councils must fund libraries because children need them.")
        == "Councils must fund libraries"
    )
    assert core("Schools should teach cooking, such as baking bread and making soup.") == "Schools should teach cooking"
    assert core("Make no mistake: the strike will win.") == "The strike will win"


def test_asides_in_brackets_between_dashes_and_after_which_go():
    assert core("The plan (announced in May) will fail within a year.") == "The plan will fail within a year"
    assert (
        core("Councils must fund libraries - the one public space left - as basic infrastructure.")
        == "Councils must fund libraries as basic infrastructure"
    )
    assert (
        core("The council, which has cut every branch since 2010, must reopen the libraries.")
        == "The council must reopen the libraries"
    )


def test_of_a_concession_and_a_point_the_core_is_the_point():
    assert (
        core("Elections matter, but elections alone cannot overthrow the power of capital.")
        == "Elections alone cannot overthrow the power of capital"
    )


def test_a_core_that_points_outside_itself_is_none_but_a_forward_it_is_kept():
    assert core("It is a slow march, but a steady one.") is None
    assert core("They are personal, not collective.") is None
    assert core("This makes perfect sense and is good policy.") is None
    assert (
        core("It is time to adopt a new approach to world peace.")
        == "It is time to adopt a new approach to world peace"
    )


def test_a_question_or_a_condition_alone_is_not_a_core():
    assert core("Is the president trying to sabotage the campaign?") is None
    assert core("Even after the minister resigned.") is None
    assert core("If the unions hold firm.") is None
    assert (
        core("Even after the minister resigned, the department kept its old rules.")
        == "The department kept its old rules"
    )


def test_a_long_claim_is_cut_at_a_clause_not_mid_phrase():
    claim = (
        "Furthermore, it is clear that the minimum wage must rise to meet the cost of living in every region of "
        "the country, including the rural north where rents are lowest."
    )
    named = core(claim)
    assert named == "The minimum wage must rise to meet the cost of living"


_WORDS = st.sampled_from(
    [
        "the",
        "council",
        "must",
        "fund",
        "libraries",
        "because",
        "children",
        "need",
        "them",
        "and",
        "it",
        "is",
        "clear",
        "that",
        "we",
        "should",
        "act",
        "now",
        ",",
        "but",
        "although",
        "which",
        "-",
        "(",
        ")",
        "in",
        "every",
        "town",
        "will",
        "fail",
        "this",
        "they",
        "schools",
        "teach",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_a_core_is_short_and_taken_word_for_word_from_the_claim(words):
    claim = " ".join(words).replace(" ,", ",") + "."
    named = core(claim)
    if named is None:
        return
    assert 3 <= len(named.split()) <= CLAUSE_WORDS
    # Only a whole sentence that no shorter cut names whole; brackets aside (a bracket without its partner
    # keeps the side of it that holds more of the sentence, by design).
    if len(named.split()) > CORE_WORDS and not set("()[]") & set(claim):
        assert named.lower().split() == claim.lower().rstrip(".").split()
    assert named.split()[0].lower() not in {"it", "this", "they", "that", "these", "those"} or named.startswith("It ")
    # Every word of the core occurs in the claim, in the same order (asides may be left out between them).
    remaining = iter(claim.lower().replace(",", " ").replace(".", " ").split())
    assert all(w.strip(",.").lower() in remaining for w in named.split() if w.strip(",."))


def test_a_trailing_modifier_or_purpose_is_left_out_and_the_clause_kept():
    # A participle that modifies the noun before it is cut off with what it needs.
    assert (
        core(
            "The ousting of Morales was backed by Christian fascist groups motivated by an intense hatred of "
            "the indigenous people, who form the majority of the country."
        )
        == "The ousting of Morales was backed by Christian fascist groups"
    )
    # "forces" after an article is a noun, not "force X to…"; a purpose tail may be dropped.
    assert (
        core(
            "The newly elected government of Luis Arce, a former minister of the economy, must purge the army "
            "and the state forces in order to restore its credibility in the eyes of the Bolivian people."
        )
        == "The newly elected government of Luis Arce must purge the army and the state forces"
    )


def test_a_long_subject_loses_its_place_and_time_and_the_claim_its_as_well_as_tail():
    assert (
        core(
            "The victory of the Movement for Socialism (MAS) in the Bolivian general election in October is a "
            "great result for the popular forces in Bolivia as well as anti-imperialist forces in Latin America."
        )
        == "The victory of the Movement for Socialism is a great result for the popular forces"
    )


def test_a_final_adverb_a_stance_verb_before_and_a_listed_point_are_no_obstacle():
    assert core("The council must build homes again.") == "The council must build homes again"
    assert core("Second, I believe all human beings are born with the capacity for good.") == (
        "All human beings are born with the capacity for good"
    )
    assert core("One: the strikers will win their claim.") == "The strikers will win their claim"
    assert core("Third, government spending has fallen a lot more than people think.") == (
        "Government spending has fallen a lot more than people think"
    )


def test_verbs_of_argument_count_as_finite():
    assert core("Austerity budgets constitute a betrayal of working people.") == (
        "Austerity budgets constitute a betrayal of working people"
    )
    assert core("Bullies tend to target the weak and vulnerable.") == "Bullies tend to target the weak and vulnerable"


def test_what_still_gets_no_core():
    # A noun phrase with a relative clause that has no "that": the verb after "they" is the clause's own.
    assert core("A supposedly fun thing they will never do again.") is None
    # "again" that hangs on a cut is still no end.
    assert core("The Black Lives Matter movement is a testament that, once again, the police have failed.") is None
    # A verb that needs a preposition after its object, cut before it.
    named = core("Councils must focus their gaze and their budgets on the poorest streets of every town in the north.")
    assert named is None or "on the poorest" in named
    # A past form after a name is the clause's verb, not a modifier to cut off.
    assert (
        core(
            "The EEOC determined there was reasonable cause to believe the Phillipsburg School District discriminated "
            "against Walt Tutka, a substitute teacher."
        )
        != "The EEOC determined there was reasonable cause to believe the Phillipsburg School District"
    )


def test_a_sentence_too_long_only_for_its_opening_is_named_from_its_main_clause():
    assert core("Today, the spectre of Grexit is more threatening to the Greeks than to the rest of Europe.") == (
        "The spectre of Grexit is more threatening to the Greeks than to the rest of Europe"
    )
    # Not when the opening is a list the clause continues, or names the person a pronoun in the clause points at.
    assert (
        core(
            "There is evidence that the trust ignored the warnings of its own doctors at an early stage, failed to "
            "seek advice, and has been unduly influencing the board."
        )
        is None
    )
    assert (
        core(
            "Whether one supports the governor or not, most people would agree the state is more divided than it was "
            "when he took office."
        )
        is None
    )


def test_a_cut_may_stop_before_a_second_clause_with_its_own_subject():
    assert (
        core(
            "Too often too many feel justified in taking and destroying the property of others instead of working "
            "and building for themselves."
        )
        == "Too often too many feel justified in taking and destroying the property of others"
    )
    assert (
        core(
            "Police officers in America have a more dangerous job than many people realize and they behave "
            "remarkably well under these circumstances."
        )
        == "Police officers in America have a more dangerous job than many people realize"
    )
    assert core(
        "Young people, around whom our lives should revolve, have been airbrushed from the planning system."
    ) == ("Young people have been airbrushed from the planning system")


def test_openings_of_one_adverb_or_an_aside_and_a_titled_appositive_go():
    assert core("As talks drag on, clearly, additional leverage from Congress is necessary.") == (
        "Additional leverage from Congress is necessary"
    )
    assert core(
        "Arrogance aside, the professor's persistent threats of legal action constitute a campaign of bullying."
    ) == ("The professor's persistent threats of legal action constitute a campaign of bullying")
    assert core("Even now, the newspaper that published the cartoons must boost security.") == (
        "The newspaper that published the cartoons must boost security"
    )
    assert core("Nigel Farage, leader of the UK Independence Party, must answer for the poster.") == (
        "Nigel Farage must answer for the poster"
    )
    # A comma inside the subject is no opening: "In their place a more generous, positive … country".
    assert core("In their place a more generous, positive and compassionate country will emerge.") is None
