"""One JSON POST to a chat-completions endpoint that cannot outlast its deadline.

The standard library's ``http.client`` rather than an HTTP package: the writer runs synchronously inside
the analysis worker process, makes one request per reading, and needs nothing a library would add. A
socket timeout bounds each read, not the whole call (a server dripping a byte a second keeps every read
alive), and nothing bounds a DNS lookup; so the exchange runs in a thread the caller waits on only until
the deadline, each read in it is given only the time left, and at the deadline its socket is shut so the
thread ends as well.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

MAX_ANSWER_BYTES = 1_000_000  # a chat completion of a few thousand tokens is a few kilobytes
CHUNK = 16_384


class ModelUnavailable(Exception):
    """The endpoint gave no usable answer; ``str(err)`` says why in a few words for the one log line."""


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: bytes
    retry_after: float | None  # seconds the server asked us to wait (429), if it said


def post_json(url: str, payload: dict, api_key: str | None, deadline: float) -> Reply:
    """POST ``payload`` to ``url`` and read the whole answer before ``deadline`` (a ``time.monotonic()``
    value), or raise ``ModelUnavailable``."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise ModelUnavailable("no time left")
    exchange = _Exchange(url, payload, api_key, deadline)
    worker = threading.Thread(target=exchange.run, name="model-writer-request", daemon=True)
    worker.start()
    worker.join(left)
    if worker.is_alive():
        exchange.cut_off()
        raise ModelUnavailable("timed out")
    if isinstance(exchange.outcome, Reply):
        return exchange.outcome
    raise exchange.outcome or ModelUnavailable("no answer")


class _Exchange:
    """The request and its answer, run in a thread of its own so the caller can stop waiting for it."""

    def __init__(self, url: str, payload: dict, api_key: str | None, deadline: float) -> None:
        self._url = urlsplit(url)
        self._body = json.dumps(payload).encode()
        self._headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self._headers["Authorization"] = f"Bearer {api_key}"
        self._deadline = deadline
        # The socket itself, kept apart from the connection: http.client hands it to the response (and
        # clears ``connection.sock``) when the server will close the connection after answering.
        self._opened: list[socket.socket] = []
        self.outcome: Reply | ModelUnavailable | None = None

    def cut_off(self) -> None:
        """End a read still waiting in the thread (called from the caller's thread at the deadline)."""
        for sock in self._opened:
            with contextlib.suppress(OSError):  # already closed: nothing left to cut
                sock.shutdown(socket.SHUT_RDWR)

    def run(self) -> None:
        try:
            self.outcome = self._exchange()
        except ModelUnavailable as err:
            self.outcome = err
        except Exception as err:  # anything else a broken server provokes still means "no answer"
            self.outcome = ModelUnavailable(f"unexpected {type(err).__name__}")

    def _exchange(self) -> Reply:
        parts = self._url
        left = self._deadline - time.monotonic()
        connection_type = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_type(parts.hostname or "", parts.port, timeout=max(left, 0.001))
        try:
            connection.connect()
            if connection.sock is not None:
                self._opened.append(connection.sock)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            connection.request("POST", path, self._body, self._headers)
            response = connection.getresponse()
            body = _read_all(self._opened, response, self._deadline)
            return Reply(response.status, body, _retry_after(response.getheader("Retry-After")))
        except TimeoutError as err:
            raise ModelUnavailable("timed out") from err
        except ssl.SSLError as err:
            raise ModelUnavailable(f"TLS failed ({err.reason or err})") from err
        except (OSError, http.client.HTTPException) as err:
            reason = getattr(err, "strerror", None) or type(err).__name__
            raise ModelUnavailable(f"connection failed ({reason})") from err
        finally:
            connection.close()


def _read_all(opened: list[socket.socket], response: http.client.HTTPResponse, deadline: float) -> bytes:
    """The body, read a chunk at a time, each read allowed only the time left."""
    chunks: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        for sock in opened:
            sock.settimeout(left)
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise ModelUnavailable(f"answer larger than {MAX_ANSWER_BYTES:,} bytes")
        chunks.append(chunk)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None
