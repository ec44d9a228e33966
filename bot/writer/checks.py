"""Everything the model returns is checked before use; what fails is repaired or dropped.

A model's answer is untrusted text that will be posted to a Discord channel: it may quote words the reading
never says, ping everyone (a reading can carry a prompt injection), break Discord's limits or point at
passages that do not exist, or carry a link. Each rule below either repairs an item (a long poll answer is cut at a word
boundary) or drops it with a short reason, and the caller fills whatever is missing from the embedded
writer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.analysis.limits import MAX_PROMPTS, POLL_ANSWER_LIMIT, POLL_MAX_ANSWERS, POLL_MIN_ANSWERS, POLL_QUESTION_LIMIT
from bot.analysis.model import Argument, Poll, Prompt, Span
from bot.analysis.naming import DASHED_ASIDE  # the embedded writer's own elision
from bot.analysis.prompts import PROMPT_LIMIT
from bot.text import shorten
from bot.writer.ask import Candidates

MAX_POLLS = 2  # the week posts one poll with alternatives; a second is kept as the organiser's spare
MIN_ARGUMENTS = 3
MIN_PROMPT_WORDS = 4

# Discord pings: @everyone, @here, users <@1> / <@!1>, roles <@&1>; channel links <#1> are refused too.
MENTION = re.compile(r"@(?:everyone|here)\b|<(?:@[!&]?|#)\d+>", re.IGNORECASE)
# A prompt needs no link, and one the model adds may lead anywhere (an injected invite, say).
LINK = re.compile(r"https?://|www\.|discord(?:app)?\.(?:gg|com/invite)/", re.IGNORECASE)
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"|«([^»]*)»")
_ELLIPSIS = re.compile(r"…|\.\.\.")
_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " "})
_NOT_WORD = re.compile(r"[^\w]+")


def _fold(text: str) -> str:
    """Case, quote-mark style and spacing set aside: a quote still counts as verbatim when the model
    lower-cases its first word or straightens its apostrophes."""
    return _SPACE.sub(" ", text.translate(_FOLD)).lower()


@dataclass(slots=True)
class Checked:
    """What survives of the model's answer, and why the rest did not (reason → count)."""

    thesis: Span | None
    arguments: tuple[Argument, ...]
    prompts: list[Prompt] = field(default_factory=list)
    polls: list[Poll] = field(default_factory=list)
    offered_prompts: int = 0
    offered_polls: int = 0
    dropped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One clause for the log line: what was kept and the reasons for what was not."""
        reasons = ", ".join(f"{reason} ×{n}" if n > 1 else reason for reason, n in self.dropped.most_common())
        kept = f"kept {len(self.prompts)} of {self.offered_prompts} prompts"
        kept += f", {len(self.polls)} of {self.offered_polls} polls"
        return f"{kept}; dropped: {reasons}" if reasons else kept


class Checker:
    def __init__(self, reading_text: str, candidates: Candidates) -> None:
        # The reading as it is, and as the embedded writer quotes it: without dash-delimited asides ("a good
        # man - a husband and father - was fired"). A model's quote is held to the same standard.
        self._readings = (_fold(reading_text), _fold(DASHED_ASIDE.sub(" ", reading_text)))
        self._candidates = candidates

    def check(self, answer: dict[str, Any]) -> Checked:
        """The model's choice of passages and the prompts and polls that pass every rule."""
        candidates = self._candidates
        dropped: Counter[str] = Counter()
        thesis_number = answer.get("thesis")
        if not _is_number(thesis_number, len(candidates)):
            if thesis_number is not None:
                dropped["a thesis number out of range"] += 1
            thesis_number = 0 if candidates.thesis is not None else None
        open_numbers = [n for n in range(candidates.first_argument, len(candidates)) if n != thesis_number]
        chosen: list[int] = []
        raw_arguments = answer.get("arguments")
        for n in raw_arguments if isinstance(raw_arguments, list) else ():
            if _is_number(n, len(candidates)) and n in open_numbers and n not in chosen:
                chosen.append(n)
            else:
                dropped["an argument number out of range or repeated"] += 1
        # Too few chosen: the embedded ranking fills in, in its own order.
        for n in open_numbers:
            if len(chosen) >= min(MIN_ARGUMENTS, len(open_numbers)):
                break
            if n not in chosen:
                chosen.append(n)
        checked = Checked(
            candidates.span(thesis_number) if thesis_number is not None else None,
            tuple(candidates.arguments[n - candidates.first_argument] for n in chosen),
            dropped=dropped,
        )

        def about(value: Any) -> int | None:
            """A candidate's number as an index into the chosen arguments; None for the thesis or anything
            that is not one of them."""
            return chosen.index(value) if _is_number(value, len(candidates)) and value in chosen else None

        prompts = answer.get("prompts")
        for item in prompts if isinstance(prompts, list) else ():
            checked.offered_prompts += 1
            text = item.get("text") if isinstance(item, dict) else None
            problem = self._prompt_problem(text, checked.prompts)
            if problem:
                checked.dropped[problem] += 1
            elif len(checked.prompts) < MAX_PROMPTS:
                checked.prompts.append(Prompt(_flat(str(text)), about(item.get("about"))))
        polls = answer.get("polls")
        for item in polls if isinstance(polls, list) else ():
            checked.offered_polls += 1
            poll = self._poll(item, checked.dropped)
            if poll is not None and len(checked.polls) < MAX_POLLS:
                checked.polls.append(Poll(poll[0], poll[1], about(item.get("about"))))
        return checked

    def _prompt_problem(self, text: Any, kept: list[Prompt]) -> str | None:
        if not isinstance(text, str) or not text.strip():
            return "not text"
        text = _flat(text)
        if MENTION.search(text):
            return "a mention"
        if LINK.search(text):
            return "a link"
        if not text.endswith("?"):
            return "no question mark"
        if len(text) > PROMPT_LIMIT:
            return "too long"
        if len(text.split()) < MIN_PROMPT_WORDS:
            return "too short"
        if not self.quotes_verbatim(text):
            return "a quote not in the reading"
        if any(_same(text, p.text) for p in kept):
            return "a duplicate"
        return None

    def _poll(self, item: Any, dropped: Counter[str]) -> tuple[str, tuple[str, ...]] | None:
        """The poll's question and answers, repaired where they can be, or None (reason counted)."""
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            dropped["a poll that is not one"] += 1
            return None
        question = _flat(item["question"])
        if MENTION.search(question) or LINK.search(question):
            dropped["a mention" if MENTION.search(question) else "a link"] += 1
            return None
        if not question or len(question) > POLL_QUESTION_LIMIT:
            dropped["a poll question too long"] += 1
            return None
        if not self.quotes_verbatim(question):
            dropped["a quote not in the reading"] += 1
            return None
        answers: list[str] = []
        raw = item.get("answers")
        for value in raw if isinstance(raw, list) else ():
            answer = shorten(value, POLL_ANSWER_LIMIT) if isinstance(value, str) and value.strip() else ""
            if answer and not MENTION.search(answer) and not LINK.search(answer) and self.quotes_verbatim(answer):
                if not any(_same(answer, a) for a in answers):
                    answers.append(answer)
            else:
                dropped["an unusable poll answer"] += 1
        if len(answers) < POLL_MIN_ANSWERS:
            dropped["a poll without two usable answers"] += 1
            return None
        return question, tuple(answers[:POLL_MAX_ANSWERS])

    def quotes_verbatim(self, text: str) -> bool:
        """Every passage ``text`` puts in quotation marks is in the reading, piece by piece around an
        ellipsis, ignoring case, quote-mark style, spacing and the punctuation at a piece's ends."""
        for match in _QUOTED.finditer(text):
            quoted = next(group for group in match.groups() if group is not None)
            for piece in _ELLIPSIS.split(quoted):
                piece = _fold(piece).strip(" .,;:!?'\"-—–")
                if piece and not any(piece in reading for reading in self._readings):
                    return False
        return True


def _is_number(value: Any, count: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < count


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _same(a: str, b: str) -> bool:
    """The same question up to case, punctuation and spacing."""
    return _NOT_WORD.sub(" ", a.lower()).strip() == _NOT_WORD.sub(" ", b.lower()).strip()
