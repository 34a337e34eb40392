"""Archiving a partnership or a partner organisation: out of service, nothing lost.

Nothing that holds responses is ever deleted (``Response.round`` is PROTECT, so a round or
partnership with responses cannot be deleted anywhere, the admin included). A partnership
that is finished with is archived instead: ``Partnership.archived_at`` is set, every
service page treats it as not there (``PartnershipQuerySet.visible_to``, ``facilitated_by``
and "My partnerships" leave it out), and the admin still shows it and can restore it.

Only staff admins archive and restore (``Permission.EDIT_FRAMEWORKS`` is the staff
permission; actor None is a management command). A partnership with an open round is not
archived: people may be answering through its invitation link.

A partner organisation that holds responses cannot be removed (its answers are part of the
partnership's results); its managers archive it instead (``Partner.archived_at``). It then
leaves every choice people make (the guest's organisation, the members' form, the
personal-link paste) and the partnership's list of organisations, and keeps its responses,
history and report figures. Managers restore it the same way.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessments.errors import NotAllowedNow
from assessments.models import Partner, Partnership, RoundStatus
from assessments.services._checks import require
from partnership_site.roles import Permission


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


@transaction.atomic
def archive_partner(*, actor, partner: Partner) -> Partner:
    """Archive a partner organisation (no-op if already archived).

    Raises ``PermissionDenied`` for anyone but the partnership's managers, and
    ``NotAllowedNow`` while members of the partnership belong to it (change them first, so
    nobody answers for an organisation that is not offered).
    """
    require(actor, Permission.MANAGE_PARTNERSHIP, partner.partnership)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.archived_at is not None:
        return partner
    members = partner.memberships.count()
    if members:
        people = "1 member" if members == 1 else f"{members} members"
        raise NotAllowedNow(
            f"{people[0].upper()}{people[1:]} of this partnership belong to {partner.name}. "
            "Change those members' organisation first."
        )
    partner.archived_at = timezone.now()
    partner.save(update_fields=["archived_at"])
    return partner


@transaction.atomic
def restore_partner(*, actor, partner: Partner) -> Partner:
    """Offer an archived partner organisation again. Raises ``PermissionDenied``."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partner.partnership)
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    if partner.archived_at is not None:
        partner.archived_at = None
        partner.save(update_fields=["archived_at"])
    return partner
