"""Writes to partnerships, their partner organisations and members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import (
    Membership,
    Partner,
    Partnership,
)
from assessments.services._checks import require
from partnership_site.roles import PartnershipRole, Permission


@transaction.atomic
def create_partnership(
    *, actor, name: str, kind: str, population: int | None = None, region: str = ""
) -> Partnership:
    """Create a partnership; the person who creates it becomes its manager."""
    partnership = Partnership(name=name, kind=kind, population=population, region=region)
    partnership.full_clean()
    partnership.save()
    if actor is not None:
        Membership.objects.create(user=actor, partnership=partnership, role=PartnershipRole.MANAGER)
    return partnership


@transaction.atomic
def add_partner(
    *, actor, partnership: Partnership, name: str, organisation_type: str, ods_code: str = ""
) -> Partner:
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    partner = Partner(
        partnership=partnership,
        name=name,
        organisation_type=organisation_type,
        ods_code=ods_code.strip().upper(),
    )
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def add_member(
    *, actor, partnership: Partnership, user, role: str, partner: Partner | None = None
) -> Membership:
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    if partner is not None and partner.partnership_id != partnership.pk:
        raise ValidationError({"partner": "Choose an organisation in this partnership."})
    membership, _ = Membership.objects.update_or_create(
        user=user, partnership=partnership, defaults={"role": role, "partner": partner}
    )
    return membership
