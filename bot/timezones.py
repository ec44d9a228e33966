"""Time zone names organisers can pick, validated with zoneinfo so a typo never reaches the schedule."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import UserError

_SUGGESTION_LIMIT = 25  # Discord shows at most 25 autocomplete choices


@cache
def _names() -> tuple[str, ...]:
    # Legacy aliases ("US/Pacific", "EST5EDT") stay valid input but are not suggested.
    return tuple(sorted(n for n in available_timezones() if "/" in n and not n.startswith(("Etc/", "US/"))))


@cache
def _by_lower_name() -> dict[str, str]:
    # available_timezones() walks the zone database on disk (~11 ms); the answer does not change while we run.
    return {n.lower(): n for n in available_timezones()}


def parse_timezone(name: str) -> ZoneInfo:
    """The zone for an IANA name, case-insensitively; a ``UserError`` that suggests a fix otherwise."""
    cleaned = name.strip().replace(" ", "_")
    canonical = _by_lower_name().get(cleaned.lower())
    if canonical:
        try:
            return ZoneInfo(canonical)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    hint = suggest_timezones(cleaned, limit=3)
    also = f" Did you mean {', '.join(hint)}?" if hint else ""
    raise UserError(
        f"“{name.strip()[:100]}” is not a time zone I know. Use an IANA name like Europe/Berlin or "
        f"America/New_York (start typing and pick from the list).{also}"
    )


def suggest_timezones(query: str, limit: int = _SUGGESTION_LIMIT) -> list[str]:
    """Zones for autocomplete: full-name prefix first, then city prefix, then anywhere in the name."""
    q = query.strip().replace(" ", "_").lower()
    names = _names()
    if not q:
        return list(names[:limit])
    prefix = [n for n in names if n.lower().startswith(q)]
    city = [n for n in names if n.rsplit("/", 1)[-1].lower().startswith(q) and n not in prefix]
    seen = set(prefix) | set(city)
    anywhere = [n for n in names if q in n.lower() and n not in seen]
    return (prefix + city + anywhere)[:limit]
