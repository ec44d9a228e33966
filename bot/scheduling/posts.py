"""What each post of the week says, built from the stored reading: pure functions from data to ``Outgoing``.

Text from a reading or an organiser is cut to Discord's limits at word boundaries (``bot.text.shorten``);
the publisher sends all of it with mentions disabled, so "@everyone" in a reading pings nobody.
"""

from __future__ import annotations

from bot.analysis.limits import MESSAGE_LIMIT, POLL_ANSWER_LIMIT, POLL_QUESTION_LIMIT
from bot.analysis.model import Poll
from bot.publishing import Card, Field, FileSpec, Outgoing, PollResult, PollSpec
from bot.readings import CircleReading
from bot.text import as_sentence, escape_markdown, fit, literal, shorten

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_LIMIT = 1024
THREAD_NAME_LIMIT = 100
EMBED_TOTAL_LIMIT = 6000
MAX_ARGUMENT_FIELDS = 5


def thread_name(reading: CircleReading) -> str:
    return shorten(reading.title, THREAD_NAME_LIMIT)


def reading_card(reading: CircleReading) -> Card:
    """The reading post's embed: what to read, how long it takes, and what the reading argues."""
    analysis = reading.analysis
    lines = [f"About {reading.minutes} min · {reading.words:,} words"]
    if analysis.thesis is not None and reading.has_arguments:
        lines += ["", "**The reading argues**", shorten(analysis.thesis.text, 1500)]
    fields = tuple(
        Field(f"Key argument {n}", shorten(as_sentence(argument.text), FIELD_LIMIT))
        for n, argument in enumerate(analysis.arguments[:MAX_ARGUMENT_FIELDS], 1)
    )
    card = Card(
        title=shorten(reading.title, TITLE_LIMIT),
        description=fit("\n".join(lines), DESCRIPTION_LIMIT),
        url=reading.url,
        author=shorten(reading.author, TITLE_LIMIT) if reading.author else None,
        fields=fields,
        footer="Discuss in the thread below · prompts and polls follow through the week",
    )
    while _embed_size(card) > EMBED_TOTAL_LIMIT and card.fields:
        card = Card(card.title, card.description, card.url, card.author, card.fields[:-1], card.footer)
    return card


def _embed_size(card: Card) -> int:
    return sum(
        len(part or "")
        for part in (card.title, card.description, card.author, card.footer, *(f.name + f.value for f in card.fields))
    )


def reading_post(reading: CircleReading, nonce: str, *, member_role: int | None, file: bytes | None) -> Outgoing:
    ping = f"<@&{member_role}> " if member_role else ""
    where = "Read it at the link above" if reading.url else "The reading is attached" if file else "Read it below"
    title = literal(reading.title, 300)
    content = f"{ping}This week’s reading: **{title}**. {where}, then join the thread."
    attached = None
    if file is not None and reading.filename:
        attached = FileSpec(reading.filename, file)
    elif reading.url is None:
        attached = FileSpec(_text_filename(reading.title), reading.text.encode("utf-8"))
    return Outgoing(nonce=nonce, content=content, card=reading_card(reading), file=attached, ping_role=member_role)


def _text_filename(title: str) -> str:
    stem = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")
    return f"{'-'.join(filter(None, stem.split('-')))[:60] or 'reading'}.txt"


def prompt_post(text: str, nonce: str) -> Outgoing:
    return Outgoing(nonce=nonce, content=shorten(text, MESSAGE_LIMIT))


def poll_post(poll: Poll, hours: int, nonce: str) -> Outgoing:
    spec = PollSpec(
        question=shorten(poll.question, POLL_QUESTION_LIMIT),
        answers=tuple(shorten(a, POLL_ANSWER_LIMIT) for a in poll.answers),
        hours=hours,
    )
    return Outgoing(nonce=nonce, content=fit(poll.message, MESSAGE_LIMIT), poll=spec)


def recap_post(reading: CircleReading, results: list[PollResult], members: int, nonce: str) -> Outgoing:
    """One message, starting with "Recap", with each poll's result and how many members took part."""
    lines = [f"Recap of **{literal(reading.title, 200)}**"]
    for result in results:
        total = sum(count for _, count in result.counts)
        lines += [
            "",
            f"**{escape_markdown(shorten(result.question, POLL_QUESTION_LIMIT))}**"
            + ("" if result.finalized else " (still open)"),
        ]
        if total == 0:
            lines.append("No votes.")
            continue
        for answer, count in sorted(result.counts, key=lambda c: -c[1]):
            votes = f"{count} vote{'s' if count != 1 else ''} ({round(100 * count / total)}%)"
            lines.append(f"{escape_markdown(answer)} — {votes}")
    lines += ["", _took_part(members)]
    return Outgoing(nonce=nonce, content=fit("\n".join(lines), MESSAGE_LIMIT))


def _took_part(members: int) -> str:
    if members == 0:
        return "Nobody took part in the thread or the polls this week; the next reading comes at the usual time."
    who = "1 member" if members == 1 else f"{members} members"
    return f"{who} took part in the thread and the polls this week. Thank you!"
