"""Archiving a partnership: taking it out of service without losing anything.

Nothing that holds responses is ever deleted (``Response.round`` is PROTECT, so a round or
partnership with responses cannot be deleted anywhere, the admin included). A partnership
that is finished with is archived instead: ``Partnership.archived_at`` is set, every
service page treats it as not there (``PartnershipQuerySet.visible_to``, ``facilitated_by``
and "My partnerships" leave it out), and the admin still shows it and can restore it.

Only staff admins archive and restore (``Permission.EDIT_FRAMEWORKS`` is the staff
permission; actor None is a management command). A partnership with an open round is not
archived: people may be answering through its invitation link.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.models import Partnership, RoundStatus


def _require_staff(actor) -> None:
    if actor is not None and not (actor.is_active and actor.is_staff):
        raise PermissionDenied("Only the service's administrators can archive partnerships.")


@transaction.atomic
def archive_partnership(*, actor, partnership: Partnership) -> Partnership:
    """Archive the partnership (no-op if already archived).

    Raises PermissionDenied for a non-staff actor, ValidationError while a round is open.
    """
    _require_staff(actor)
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.archived_at is not None:
        return partnership
    if partnership.rounds.filter(status=RoundStatus.OPEN).exists():
        raise ValidationError(
            f"{partnership.name} has an open round. Close the round before archiving the "
            "partnership, so nobody is part-way through answering."
        )
    partnership.archived_at = timezone.now()
    partnership.save(update_fields=["archived_at"])
    return partnership


@transaction.atomic
def restore_partnership(*, actor, partnership: Partnership) -> Partnership:
    """Bring an archived partnership back into service. Raises PermissionDenied."""
    _require_staff(actor)
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.archived_at is not None:
        partnership.archived_at = None
        partnership.save(update_fields=["archived_at"])
    return partnership
