"""Rate limits, injected failures and the invalid-request count, answered and kept as Discord does.

- The global limit: at most N requests in any rolling window (Discord: 50 a second per bot; interaction
  callbacks and their webhooks are exempt). Past it Discord answers 429 with ``"global": true`` and the
  headers discord.py reads; discord.py then holds every request until ``retry_after`` has passed and
  retries (a 429 without a ``Via`` header it takes for a Cloudflare ban and raises instead, so the fake
  sends one, as Discord's edge does).
- Injected failures (``FakeDiscord.fail_next``): the next matching requests answer a chosen error, so a
  test can show what the bot does with a missing permission, a deleted channel, an outage or a route's
  rate limit. They are what a test asked for, never a "violation".
- Invalid requests: every 401, 403 and 429 answer (injected or not, as Discord counts them). Discord bans
  a bot that makes 10,000 in 10 minutes; the fake reports that as a problem failing the test.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

INVALID_STATUSES = (401, 403, 429)
BAN_THRESHOLD = 10_000
BAN_WINDOW_S = 600.0
RATE_LIMITED = "You are being rate limited."
# Paths Discord leaves out of the global limit: interaction responses and their follow-up webhooks.
GLOBAL_EXEMPT_PREFIXES = ("/interactions/", "/webhooks/")

DEFAULT_ERRORS = {
    400: (50035, "Invalid Form Body"),
    401: (0, "401: Unauthorized"),
    403: (50013, "Missing Permissions"),
    404: (10003, "Unknown Channel"),
    429: (0, RATE_LIMITED),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
    503: (0, "503: Service Unavailable"),
    504: (0, "504: Gateway Timeout"),
}


@dataclass
class Answer:
    """A complete error answer: status, JSON body and the headers that go with it."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def rate_limited(retry_after: float, *, scope: str) -> Answer:
    """A 429 as Discord sends it; ``scope`` is "global", "user" (a route's bucket) or "shared"."""
    is_global = scope == "global"
    headers = {
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Scope": scope,
        "Via": "1.1 google",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    body = {"message": RATE_LIMITED, "retry_after": round(retry_after, 3), "global": is_global, "code": 0}
    return Answer(429, body, headers)


class GlobalRateLimit:
    """At most ``rate`` requests in any rolling ``window`` seconds; only requests let through count."""

    def __init__(self, rate: int, window: float = 1.0) -> None:
        if rate < 1 or window <= 0:
            raise ValueError(f"a global rate limit needs rate >= 1 and window > 0, not {rate}/{window}")
        self.rate = rate
        self.window = window
        self._times: deque[float] = deque()

    def check(self, now: float) -> float | None:
        """Admit a request at ``now`` (None) or say how many seconds until one would be admitted."""
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()
        if len(self._times) >= self.rate:
            return self._times[0] + self.window - now
        self._times.append(now)
        return None


@dataclass
class Fault:
    """Answer the next ``remaining`` requests matching ``method`` and ``path`` with an error."""

    method: str
    path: re.Pattern[str]
    status: int
    code: int
    message: str
    remaining: int
    retry_after: float
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and self.method in (method, "*") and self.path.search(path) is not None

    def answer(self) -> Answer:
        self.remaining -= 1
        self.hits += 1
        if self.status == 429:
            limited = rate_limited(self.retry_after, scope="user")
            limited.body["code"] = self.code
            return limited
        return Answer(self.status, {"code": self.code, "message": self.message})

    def __str__(self) -> str:
        return f"fail_next({self.method} {self.path.pattern!r} → {self.status} {self.code})"


@dataclass
class Hold:
    """The next request matching ``method`` and ``path`` is done (the message stored, say), then its answer
    waits for ``release()``: a test can kill the bot between Discord accepting a request and the bot
    hearing so, which is where a crash could make a post twice."""

    method: str
    path: re.Pattern[str]
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def matches(self, method: str, path: str) -> bool:
        return not self.reached.is_set() and self.method == method and self.path.search(path) is not None

    def release(self) -> None:
        self.released.set()

    def __str__(self) -> str:
        return f"hold_next({self.method} {self.path.pattern!r})"


def make_fault(
    method: str,
    path_regex: str,
    status: int,
    code: int | None,
    message: str | None,
    *,
    times: int,
    retry_after: float,
) -> Fault:
    default_code, default_message = DEFAULT_ERRORS.get(status, (0, f"{status}: Error"))
    return Fault(
        method=method.upper(),
        path=re.compile(path_regex),
        status=status,
        code=default_code if code is None else code,
        message=default_message if message is None else message,
        remaining=times,
        retry_after=retry_after,
    )


class InvalidRequests:
    """Counts 401/403/429 answers and notices when a rolling 10 minutes would get the bot banned."""

    def __init__(self) -> None:
        self.total = 0
        self.rate_limited = 0
        self.peak = 0  # the most in any rolling ban window
        self._recent: deque[float] = deque()

    def record(self, status: int, now: float) -> None:
        if status not in INVALID_STATUSES:
            return
        self.total += 1
        self.rate_limited += status == 429
        self._recent.append(now)
        while self._recent[0] <= now - BAN_WINDOW_S:
            self._recent.popleft()
        self.peak = max(self.peak, len(self._recent))

    @property
    def would_ban(self) -> bool:
        return self.peak >= BAN_THRESHOLD
