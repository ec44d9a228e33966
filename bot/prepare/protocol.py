"""What the bot and its reading worker say to each other: one JSON request on stdin, JSON lines on stdout.

Kept apart from both ends so each side reads the other's format from the same place. Standard library
only: the worker imports it before its memory cap is set.

Lines from the worker, one JSON object each, in this order:
    {"progress": "Reading the file…"}          any number, forwarded to the organiser as they come
    {"result": {"reading": …, "analysis": …}}  or
    {"error": "That file has no readable text."} or
    {"out_of_memory": true}                     the memory cap was hit; the bot words the sentence
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from bot.prepare import Link, Pasted, Source, Stored, Upload

PROGRESS = "progress"
RESULT = "result"
ERROR = "error"
OUT_OF_MEMORY = "out_of_memory"


@dataclass(frozen=True, slots=True)
class Request:
    source: Source
    title: str | None = None
    author: str | None = None
    allow_private_urls: bool = False
    model: dict[str, Any] | None = None  # the optional model writer's settings; None: embedded analysis only


def encode_request(request: Request) -> bytes:
    return json.dumps(
        {
            "source": _source_to_dict(request.source),
            "title": request.title,
            "author": request.author,
            "allow_private_urls": request.allow_private_urls,
            "model": request.model,
        },
        ensure_ascii=False,
    ).encode()


def decode_request(raw: bytes) -> Request:
    """Raises ``ValueError`` on anything but a request ``encode_request`` could have written."""
    try:
        data = json.loads(raw)
        return Request(
            source=_source_from_dict(data["source"]),
            title=data["title"],
            author=data["author"],
            allow_private_urls=bool(data["allow_private_urls"]),
            model=data["model"],
        )
    except (KeyError, TypeError, binascii.Error) as exc:
        raise ValueError(f"malformed worker request: {exc!r}") from exc


def message(kind: str, value: Any) -> bytes:
    """One line from the worker."""
    return json.dumps({kind: value}, ensure_ascii=False).encode() + b"\n"


def _source_to_dict(source: Source) -> dict[str, Any]:
    match source:
        case Link(url):
            return {"kind": "link", "url": url}
        case Upload(data, filename, content_type):
            return {
                "kind": "upload",
                "data": base64.b64encode(data).decode("ascii"),
                "filename": filename,
                "content_type": content_type,
            }
        case Pasted(text):
            return {"kind": "pasted", "text": text}
        case Stored(text):
            return {"kind": "stored", "text": text}
    raise TypeError(f"not a reading source: {source!r}")


def _source_from_dict(data: dict[str, Any]) -> Source:
    kind = data["kind"]
    if kind == "link":
        return Link(data["url"])
    if kind == "upload":
        return Upload(base64.b64decode(data["data"], validate=True), data["filename"], data["content_type"])
    if kind == "pasted":
        return Pasted(data["text"])
    if kind == "stored":
        return Stored(data["text"])
    raise ValueError(f"unknown source kind {kind!r}")
