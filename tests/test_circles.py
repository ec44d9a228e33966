"""Circle rules: who may set up, time zones, times, and what a re-run keeps."""

from datetime import UTC, datetime

import pytest

from bot.circles import Actor, configure, may_moderate, may_organise, parse_time
from bot.errors import PermissionDenied, UserError
from bot.timezones import parse_timezone, suggest_timezones

NOW = datetime(2026, 11, 29, tzinfo=UTC)
ADMIN = Actor(user_id=1, role_ids=frozenset(), manage_guild=True)
MEMBER = Actor(user_id=2, role_ids=frozenset({50}), manage_guild=False)


def setup(actor: Actor = ADMIN, existing=None, **options):
    return configure(existing, actor, guild_id=10, channel_id=20, now=NOW, **{"timezone": "Europe/Berlin", **options})


def test_first_setup_uses_defaults() -> None:
    """Weekday and time default to Monday 18:00 when left out."""
    circle = setup()
    assert (circle.weekday, circle.post_time, circle.timezone, circle.created_by) == (0, "18:00", "Europe/Berlin", 1)


def test_member_without_permission_is_refused() -> None:
    """Without Manage Server and with no circle yet, nobody else may set up."""
    with pytest.raises(PermissionDenied):
        setup(MEMBER)


def test_organiser_role_may_change_existing_circle() -> None:
    """Holders of the circle's organiser role may re-run setup; options left out keep their value."""
    first = setup(organiser_role_id=50, weekday=4, post_time="9:05")
    again = setup(MEMBER, existing=first, timezone="asia/tokyo")
    assert again.timezone == "Asia/Tokyo"
    assert (again.weekday, again.post_time, again.organiser_role_id) == (4, "09:05", 50)
    assert may_organise(MEMBER, first) and may_moderate(MEMBER, first)


def test_moderator_role_moderates_but_does_not_organise() -> None:
    """The moderator role grants summaries, not set-up."""
    circle = setup(moderator_role_id=50)
    assert may_moderate(MEMBER, circle) and not may_organise(MEMBER, circle)


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "Europe/Berlin/Mitte", "../../etc/passwd"])
def test_unknown_time_zone_is_a_user_error(bad: str) -> None:
    """A zone zoneinfo does not know is rejected with a message naming the format."""
    with pytest.raises(UserError, match="time zone"):
        parse_timezone(bad)


def test_time_zone_error_suggests_close_names() -> None:
    """A near miss suggests the zone the organiser probably meant."""
    with pytest.raises(UserError, match="America/New_York"):
        parse_timezone("New_York")


@pytest.mark.parametrize(
    ("raw", "expected"), [("18:30", "18:30"), ("8:05", "08:05"), (" 23.59 ", "23:59"), ("7h00", "07:00")]
)
def test_times_normalise(raw: str, expected: str) -> None:
    """Common ways of writing a 24-hour time are accepted."""
    assert parse_time(raw) == expected


@pytest.mark.parametrize("bad", ["24:00", "18:60", "6pm", "noon", "1830"])
def test_bad_times_are_user_errors(bad: str) -> None:
    """Anything else is refused with the expected format."""
    with pytest.raises(UserError, match="HH:MM"):
        parse_time(bad)


def test_suggestions_rank_prefix_then_city() -> None:
    """Autocomplete puts full-name matches first, finds cities, and caps at Discord's 25."""
    assert suggest_timezones("Europe/Ber")[0] == "Europe/Berlin"
    assert "America/Argentina/Buenos_Aires" in suggest_timezones("buenos")
    assert len(suggest_timezones("")) == 25
