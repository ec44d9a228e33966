"""Stage 5: turn the thesis and claims into discussion prompts and polls that fit Discord.

The rules live in three modules, each built on the one before: ``naming`` (how a claim is named),
``prompts`` (a week's questions) and ``polls``; this one puts a week together from them.

A prompt names a claim by its core (``naming.core``): the main clause in the author's words, at most
CORE_WORDS words, as reported speech ("the author says councils must…") or a short quotation; a claim with
no such core gets no prompt of its own rather than a long or cut quote. Poll questions quote a claim whole
(``naming.quote``): leading connectives and stance frames are dropped, a common first word is lower-cased
when the quote continues a sentence, and the final full stop is removed. The wordings live in ``frames``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.alternatives import Alternatives, Calls
from bot.analysis.model import Argument, Poll, Prompt, Span
from bot.analysis.polls import agreement_poll, alternatives_poll, convinced_poll, proposals_poll, second_claim_poll
from bot.analysis.prompts import arguable_claims, thesis_arguable, week_prompts


@dataclass(frozen=True, slots=True)
class Material:
    """What composing needs: the reading's title, its thesis and its ranked claims."""

    title: str | None
    thesis: Span | None
    arguments: tuple[Argument, ...]
    # Words the reading itself writes in lower case: a quote's capitalised first word is lowered only
    # if it is one of these, so "Rather" becomes "rather" but "Argentina" stays.
    lowercase_words: frozenset[str] = frozenset()
    # A view the reading reports in order to answer it ("Critics say…"): the other side, in its own words.
    counter: str | None = None
    # A choice between courses of action the reading sets out ("either X or Y"): a poll of real alternatives.
    alternatives: Alternatives | None = None
    # The courses of action the reading calls for ("must purge the army, nationalise the mines and…").
    calls: Calls | None = None


@dataclass(frozen=True, slots=True)
class Composition:
    prompts: tuple[Prompt, ...]
    polls: tuple[Poll, ...]
    # For the organiser, when the reading gave less to work with than usual ("add your own prompts").
    note: str = ""


FEW_CLAIMS = 3  # a reading with fewer arguable claims (thesis included) gets fewer prompts and a note


def compose(material: Material) -> Composition:
    """Prompts about the reading's arguable claims (fewer when it has few, with a note saying so), an
    agreement poll on the thesis, a poll of the alternatives the reading sets out when it names a choice
    (else of the things it calls for, when it calls for two or more), or else, with two or more arguable
    claims a label can name, a poll on which convinced most, or else how convinced members are by one further
    claim, preferably one no prompt asked about: one or two polls, and each claim asked about once a week."""
    claims = arguable_claims(material)
    prompts = week_prompts(material, claims)
    polls = [agreement_poll(material, claims, prompts)]
    # A week takes one or two polls: the first of these that the reading gives is the second.
    if material.alternatives is not None:
        polls.append(alternatives_poll(material.alternatives, material.lowercase_words))
    elif (proposals := proposals_poll(material, claims)) is not None:
        polls.append(proposals)
    elif (convinced := convinced_poll(material, claims)) is not None:
        polls.append(convinced)
    else:
        conviction, prompts = second_claim_poll(material, [i for i in claims if i != polls[0].argument], prompts)
        polls.extend([conviction] if conviction is not None else [])
    arguable_count = len(claims) + (material.thesis is not None and thesis_arguable(material.thesis.text))
    note = ""
    if arguable_count < FEW_CLAIMS or len(prompts) < FEW_CLAIMS:
        # Said of what the analysis found, not of the reading: a piece full of contestable claims the
        # analysis could not quote briefly would make "the reading makes few claims" false.
        note = (
            f"Only {len(prompts)} prompts: the analysis found few of the author's own claims it could quote "
            "briefly and ask about: add your own questions."
        )
    return Composition(tuple(prompts), tuple(polls), note)
