"""The warning a manager gets when the shared invitation link is on but nobody can use it.

Someone asking for a personal link through the shared link chooses their organisation from
the partnership's active ones (``Partner.for_shared_link``, ADR 0037). With none, the
shared link's pages say it cannot be used yet. Turning the link on or opening a round with
it on is still allowed, but the manager is told at once, and the round page keeps saying so
(ADR 0034).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from assessments.models import Round

UNUSABLE_WARNING = (
    "Nobody can use the shared link yet: people who use it choose the "
    "organisation they work for, and the partnership has no active organisation. Add one on "
    "the partnership page."
)


def shared_link_unusable(round_: Round, *, enabled: bool | None = None) -> bool:
    """Whether the round's shared link is on (or would be, with ``enabled=True``) and the
    partnership has no active organisation. One query when the link is on."""
    on = round_.open_link_enabled if enabled is None else enabled
    return on and not round_.partnership.partners.for_shared_link().exists()


def warn_if_shared_link_unusable(request: HttpRequest, round_: Round) -> None:
    """Add ``UNUSABLE_WARNING`` to the next page's messages when ``shared_link_unusable``."""
    if shared_link_unusable(round_):
        messages.warning(request, UNUSABLE_WARNING)
