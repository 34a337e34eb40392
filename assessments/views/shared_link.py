"""The warning a manager gets when the shared invitation link is on but nobody can use it.

A guest on the shared link chooses their organisation from those with a "people asked"
number (``Partner.for_shared_link``, ADR 0010). With none, the guest pages say the link
cannot be used yet. Turning the link on or opening a round with it on is still allowed
(managers set organisations up in any order, and personal links work regardless), but the
manager is told at once, and the round page keeps saying so (ADR 0034).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest

from assessments.models import Round

UNUSABLE_WARNING = (
    "Nobody can answer through the shared link yet: people who use it choose their "
    "organisation, and only organisations with a number of people asked to answer can be "
    "chosen. No organisation has one. Give that number for each organisation on the "
    "partnership page (Change, next to the organisation)."
)


def shared_link_unusable(round_: Round, *, enabled: bool | None = None) -> bool:
    """Whether the round's shared link is on (or would be, with ``enabled=True``) and no
    active organisation has a "people asked" number. One query when the link is on."""
    on = round_.open_link_enabled if enabled is None else enabled
    return on and not round_.partnership.partners.for_shared_link().exists()


def warn_if_shared_link_unusable(request: HttpRequest, round_: Round) -> None:
    """Add ``UNUSABLE_WARNING`` to the next page's messages when ``shared_link_unusable``."""
    if shared_link_unusable(round_):
        messages.warning(request, UNUSABLE_WARNING)
