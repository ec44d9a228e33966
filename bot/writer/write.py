"""The model writer: one request, everything checked, the embedded writer behind it.

Synchronous on purpose: it runs inside the analysis worker process, off the bot's event loop. Whatever
goes wrong (no answer in time, a refusal, an answer that is not JSON, nothing in it that passes the
checks) the embedded analysis is returned unchanged, with one log line saying why; the call never takes
longer than ``ModelConfig.timeout``.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time

from bot.analysis.compose import Composition, Material, compose
from bot.analysis.limits import MIN_PROMPTS, problems
from bot.analysis.model import Analysis, Prompt
from bot.analysis.pipeline import lowercase_words
from bot.analysis.polls import AGREEMENT_SCALE
from bot.config import ModelConfig
from bot.writer.ask import MODEL_PROMPTS, Candidates, answer_content, chat_request
from bot.writer.checks import Checked, Checker
from bot.writer.transport import ModelUnavailable, post_json

log = logging.getLogger(__name__)

MIN_ATTEMPT_SECONDS = 1.0  # a retry after a 429 is made only if at least this much time is left for it
ERROR_CHARS = 160  # of the server's own error message, in the log line


def write_with_model(reading_text: str, title: str | None, embedded: Analysis, config: ModelConfig) -> Analysis:
    """The analysis with the model's choice of thesis and arguments and its prompts and polls, checked
    and filled from the embedded writer where short (``writer="model"``); or ``embedded`` itself when
    the model gave nothing usable."""
    deadline = time.monotonic() + config.timeout
    where = f"model writer ({config.model} at {config.host})"
    candidates = Candidates.of(embedded)
    if not len(candidates):
        log.info("%s: the analysis found no passages to choose from; using the embedded prompts and polls", where)
        return embedded
    try:
        answer = _ask(reading_text, title, candidates, config, deadline)
    except ModelUnavailable as err:
        log.warning("%s: %s; using the embedded prompts and polls", where, err)
        return embedded
    checked = Checker(reading_text, candidates).check(answer)
    if not checked.prompts and not checked.polls:
        log.warning(
            "%s: nothing usable in the answer (%s); using the embedded prompts and polls", where, checked.summary()
        )
        return embedded
    result = _filled(reading_text, title, embedded, checked)
    unfit = problems(result.prompts, result.polls)
    if unfit:  # cannot happen while the checks are right; never post it anyway
        log.warning("%s: %s; using the embedded prompts and polls", where, "; ".join(unfit))
        return embedded
    if checked.dropped or len(result.prompts) > len(checked.prompts):
        log.info("%s: %s; the embedded writer filled in", where, checked.summary())
    return result


def _ask(text: str, title: str | None, candidates: Candidates, config: ModelConfig, deadline: float) -> dict:
    """The model's JSON answer. Asks with a JSON schema first; a server that refuses the schema (400
    naming it) is asked again in JSON mode, and one 429 is retried after its Retry-After if that fits the
    deadline."""
    url = f"{config.base_url}/chat/completions"
    schema, retried = True, False
    while True:
        reply = post_json(url, chat_request(text, title, candidates, config, schema=schema), config.api_key, deadline)
        if reply.status == 200:
            try:
                return answer_content(reply.body)
            except ValueError as err:
                raise ModelUnavailable(str(err)) from err
        if reply.status == 400 and schema and _about_format(reply.body):
            schema = False
            continue
        wait = reply.retry_after
        if reply.status == 429 and not retried and wait is not None:
            if time.monotonic() + wait + MIN_ATTEMPT_SECONDS <= deadline:
                retried = True
                time.sleep(wait)
                continue
            raise ModelUnavailable(f"HTTP 429, asked to wait {wait:.0f} s, past the timeout")
        raise ModelUnavailable(f"HTTP {reply.status}{_server_message(reply.body)}")


def _about_format(body: bytes) -> bool:
    """A 400 that blames the structured-output request rather than the rest of it."""
    text = body.decode("utf-8", "replace").lower()
    return any(word in text for word in ("response_format", "json_schema", "json schema", "structured output"))


def _server_message(body: bytes) -> str:
    """The error message an OpenAI-compatible server puts in its body, cut short for the log."""
    try:
        error = json.loads(body).get("error")
        message = error.get("message") if isinstance(error, dict) else error
    except (ValueError, AttributeError):
        return ""
    return f" ({' '.join(str(message).split())[:ERROR_CHARS]})" if message else ""


def _filled(text: str, title: str | None, embedded: Analysis, checked: Checked) -> Analysis:
    """The checked answer, its prompts topped up from the embedded writer when the model gave fewer than
    it was asked for (to no more than the embedded writer itself gives). When the model chose other
    passages, the embedded writer composes afresh about those, so a filled-in prompt never talks about a
    passage the analysis no longer shows. The week posts one poll with alternatives (the first that is not
    the agreement scale: the model's) and the agreement poll on the thesis, which the embedded writer adds."""
    if checked.thesis == embedded.thesis and checked.arguments == embedded.arguments:
        spare = Composition(embedded.prompts, embedded.polls, embedded.note)
    else:
        spare = compose(Material(title, checked.thesis, checked.arguments, lowercase_words(text)))
    wanted = max(MIN_PROMPTS, min(MODEL_PROMPTS, len(spare.prompts)))
    prompts = _topped_up(checked.prompts, spare.prompts, wanted)
    agreement = [p for p in spare.polls if p.answers == AGREEMENT_SCALE]
    polls = [*checked.polls, *agreement] if checked.polls else list(spare.polls)
    return dataclasses.replace(
        embedded,
        thesis=checked.thesis,
        arguments=checked.arguments,
        prompts=tuple(prompts),
        polls=tuple(polls),
        writer="model",
        # "only N prompts: add your own" stays true only while there are still N
        note=spare.note if len(prompts) == len(spare.prompts) else "",
    )


def _topped_up(kept: list[Prompt], spare: tuple[Prompt, ...], minimum: int) -> list[Prompt]:
    """``kept``, then prompts of ``spare`` that are not already there, until there are ``minimum``."""
    out = list(kept)
    seen = {p.text.casefold() for p in out}
    for prompt in spare:
        if len(out) >= minimum:
            break
        if prompt.text.casefold() not in seen:
            seen.add(prompt.text.casefold())
            out.append(prompt)
    return out
