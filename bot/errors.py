"""Errors whose message is meant for the member who caused them.

The app-command error handler shows a ``UserError`` as it is (ephemeral) and anything else as a short
apology with an error id, so only the second kind needs a look in the logs.
"""


class UserError(Exception):
    """Bad input or a refused action: ``str(err)`` is a complete sentence the member can act on."""


class PermissionDenied(UserError):
    """The member lacks the role or permission an action needs."""
