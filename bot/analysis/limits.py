"""What generated prompts and polls must satisfy to be postable; used to validate a backend's output,
by the corpus check and by tests."""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis.model import Poll, Prompt

# A reading with few arguable claims gets fewer prompts rather than padding (the analysis says so), but
# never fewer than a question about its central claim and one from the other side.
MIN_PROMPTS = 2
MAX_PROMPTS = 6
# The agreement poll on the thesis is always there; "which argument convinced you" needs two arguable claims.
MIN_POLLS = 1
MESSAGE_LIMIT = 2000  # Discord's limit on a message's content
# Generated text (a prompt, the list beside a poll) is posted inside a message the Discord side may frame
# with a heading or a line about the week: it keeps this margin free for that framing.
POSTED_TEXT_LIMIT = MESSAGE_LIMIT - 100
POLL_QUESTION_LIMIT = 300
POLL_ANSWER_LIMIT = 55
POLL_MIN_ANSWERS = 2
POLL_MAX_ANSWERS = 10


def problems(prompts: Sequence[Prompt], polls: Sequence[Poll]) -> list[str]:
    """Human-readable reasons the prompts and polls cannot be posted as they are; empty when fine."""
    out = []
    if len(prompts) < MIN_PROMPTS:
        out.append(f"only {len(prompts)} prompts")
    if len(prompts) > MAX_PROMPTS:
        out.append(f"{len(prompts)} prompts, more than a week's thread can take")
    if len({p.text for p in prompts}) != len(prompts):
        out.append("duplicate prompts")
    for p in prompts:
        if not p.text.rstrip().endswith("?"):
            out.append(f"prompt does not end with '?': {p.text[:60]!r}")
        if len(p.text) > POSTED_TEXT_LIMIT:
            out.append(f"prompt longer than a message: {len(p.text)}")
    if len(polls) < MIN_POLLS:
        out.append(f"only {len(polls)} polls")
    for poll in polls:
        if not poll.question or len(poll.question) > POLL_QUESTION_LIMIT:
            out.append(f"poll question of {len(poll.question)} chars")
        if not POLL_MIN_ANSWERS <= len(poll.answers) <= POLL_MAX_ANSWERS:
            out.append(f"poll with {len(poll.answers)} answers")
        if len(set(poll.answers)) != len(poll.answers):
            out.append("duplicate poll answers")
        for answer in poll.answers:
            if not answer or len(answer) > POLL_ANSWER_LIMIT:
                out.append(f"poll answer of {len(answer)} chars: {answer!r}")
        if len(poll.message) > POSTED_TEXT_LIMIT:
            out.append(f"poll message of {len(poll.message)} chars")
    return out
