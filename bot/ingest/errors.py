"""The one error type ingestion raises, so callers show a member one clear sentence."""

from bot.errors import UserError


class ReadingError(UserError):
    """A reading could not be turned into text; ``str(err)`` is written for the member who supplied it."""
