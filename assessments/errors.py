"""Named refusals from the assessments services (and models).

Every one is a ``django.core.exceptions.ValidationError``, so forms and older callers that
catch ``ValidationError`` keep working; views tell them apart by class, never by probing the
error's internals:

- ``InvalidInput``: something the person entered is wrong. May name fields (a dict); the
  page shows each message on its field.
- ``NotAllowedNow``: the request is well formed but the object's state forbids it (the
  round is closed or not open, the response is submitted, the link is withdrawn).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class ServiceError(ValidationError):
    """A service refused; the message(s) are for the person using the page."""


class InvalidInput(ServiceError):
    """What was entered is not acceptable (field messages when given as a dict)."""


class NotAllowedNow(ServiceError):
    """The object's current state forbids this (for example, a closed round)."""


class ClosedRoundError(NotAllowedNow):
    """Raised when anything tries to reopen or change a closed round (see ADR 0010)."""


def field_messages(error: ValidationError) -> dict[str | None, list[str]]:
    """The error's messages keyed by field name, with None for messages about the whole
    request. The one place that reads ValidationError's two shapes (dict or list)."""
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {None: list(error.messages)}
