"""Writes to partnerships, their partner organisations and members."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.errors import InvalidInput, NotAllowedNow
from assessments.icbs import ICBS
from assessments.models import (
    Membership,
    Partner,
    Partnership,
)
from assessments.services._checks import require
from partnership_site.roles import PartnershipRole, Permission

ODS_CODE_PATTERN = re.compile(r"[A-Z0-9]{3,10}")
ODS_CODE_ERROR = "Enter an ODS code of 3 to 10 letters and numbers, like F81001, or leave it empty."


def normalise_ods_code(value: str) -> str:
    """Upper-case an ODS code and check it is 3 to 10 letters and digits (or empty)."""
    code = (value or "").strip().upper()
    if code and not ODS_CODE_PATTERN.fullmatch(code):
        raise InvalidInput({"ods_code": ODS_CODE_ERROR})
    return code


def _check_partnership_name(name: str, *, exclude: Partnership | None = None) -> None:
    others = Partnership.objects.filter(name__iexact=name.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise InvalidInput(
            {"name": "There is already a partnership with this name. Choose a different name."}
        )


def _place(partnership: Partnership, icb: str, region: str | None) -> None:
    """Set the ICB (an ODS code from assessments/icbs.py, or "") and what is shown for it:
    the ICB's name, or, with no ICB, ``region`` (None keeps the text already there)."""
    partnership.icb = icb
    if icb in ICBS:
        partnership.region = ICBS[icb].short_name
    elif region is not None:
        partnership.region = region.strip()


@transaction.atomic
def create_partnership(
    *,
    actor,
    name: str,
    kind: str,
    population: int | None = None,
    icb: str = "",
    region: str = "",
) -> Partnership:
    """Create a partnership; the person who creates it becomes its manager. ``icb``: the
    ODS code of its integrated care board (ValidationError if not one of the 42)."""
    _check_partnership_name(name)
    partnership = Partnership(name=name.strip(), kind=kind, population=population)
    _place(partnership, icb, region)
    partnership.full_clean()
    partnership.save()
    if actor is not None:
        Membership.objects.create(user=actor, partnership=partnership, role=PartnershipRole.MANAGER)
    return partnership


@transaction.atomic
def update_partnership(
    *,
    actor,
    partnership: Partnership,
    name: str,
    kind: str,
    population: int | None = None,
    icb: str = "",
    region: str | None = None,
) -> Partnership:
    """Change a partnership's details. Without an ``icb``, text from before ICBs were chosen
    from a list stays unless ``region`` replaces it."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    _check_partnership_name(name, exclude=partnership)
    partnership.name = name.strip()
    partnership.kind = kind
    partnership.population = population
    _place(partnership, icb, region)
    partnership.full_clean()
    partnership.save()
    return partnership


# Names the reports give to groups: an organisation cannot take one (it would be mistaken
# for the merged group in reports and downloads).
RESERVED_GROUP_NAMES = frozenset({"other partners", "other roles", "no organisation given"})


def _check_partner_name(partnership: Partnership, name: str, *, exclude: Partner | None = None):
    if name.strip().casefold() in RESERVED_GROUP_NAMES:
        raise InvalidInput(
            {"name": f"“{name.strip()}” is what reports call a group of organisations. "
                     "Choose the organisation's own name."}
        )  # fmt: skip
    others = partnership.partners.filter(name__iexact=name.strip())
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise InvalidInput({"name": "This partnership already has an organisation with this name."})


@transaction.atomic
def add_partner(
    *,
    actor,
    partnership: Partnership,
    name: str,
    organisation_type: str,
    ods_code: str = "",
    people_invited: int | None = None,
) -> Partner:
    """Add a partner organisation. ``people_invited`` (how many are asked to answer, if
    known) is the denominator of its response rate."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    _check_partner_name(partnership, name)
    partner = Partner(
        partnership=partnership,
        name=name.strip(),
        organisation_type=organisation_type,
        ods_code=normalise_ods_code(ods_code),
        people_invited=people_invited,
    )
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def update_partner(
    *,
    actor,
    partner: Partner,
    name: str,
    organisation_type: str,
    ods_code: str = "",
    people_invited: int | None = None,
) -> Partner:
    require(actor, Permission.MANAGE_PARTNERSHIP, partner.partnership)
    _check_partner_name(partner.partnership, name, exclude=partner)
    partner.name = name.strip()
    partner.organisation_type = organisation_type
    partner.ods_code = normalise_ods_code(ods_code)
    partner.people_invited = people_invited
    partner.full_clean()
    partner.save()
    return partner


def partner_removal_problem(partner: Partner) -> str:
    """Why this partner cannot be removed, in plain words; empty if it can be."""
    responses = partner.responses.count()
    members = partner.memberships.count()
    if responses:
        answers = "1 response" if responses == 1 else f"{responses} responses"
        return (
            f"{partner.name} cannot be removed because people from it have given {answers}. "
            "Removing it would change the partnership's results, so it stays."
        )
    actions = partner.actions.count()
    if actions:
        named = "1 action names" if actions == 1 else f"{actions} actions name"
        return (
            f"{partner.name} cannot be removed because {named} it in the action plan. "
            "Change those actions first."
        )
    if members:
        people = "1 member" if members == 1 else f"{members} members"
        return (
            f"{partner.name} cannot be removed because {people} of this partnership "
            "belong to it. Change or remove those members first."
        )
    return ""


@transaction.atomic
def remove_partner(*, actor, partner: Partner) -> None:
    """Delete a partner organisation that nobody's response or membership refers to."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partner.partnership)
    # Lock the partner so nobody starts a response for it while we check.
    Partner.objects.select_for_update().filter(pk=partner.pk).first()
    problem = partner_removal_problem(partner)
    if problem:
        raise NotAllowedNow(problem)
    partner.delete()


def _check_partner_belongs(partnership: Partnership, partner: Partner | None) -> None:
    if partner is not None and partner.partnership_id != partnership.pk:
        raise InvalidInput({"partner": "Choose an organisation in this partnership."})


def _lock(partnership: Partnership) -> None:
    """Serialise changes to a partnership's members, so two managers cannot both step down."""
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()


def _check_keeps_a_manager(actor, membership: Membership, new_role: str | None) -> None:
    """Refuse to remove or demote the partnership's last manager."""
    if membership.role != PartnershipRole.MANAGER or new_role == PartnershipRole.MANAGER:
        return
    others = (
        Membership.objects.filter(partnership_id=membership.partnership_id)
        .filter(role=PartnershipRole.MANAGER)
        .exclude(pk=membership.pk)
    )
    if others.exists():
        return
    doing = "remove" if new_role is None else "change the role of"
    if actor is not None and actor.pk == membership.user_id:
        raise NotAllowedNow(
            f"You are the only manager of {membership.partnership}, so you cannot {doing} "
            "yourself. Make someone else a manager first."
        )
    name = membership.user.get_full_name() or membership.user.get_username()
    raise NotAllowedNow(
        f"{name} is the only manager of {membership.partnership}, so you cannot "
        f"{doing} them. Make someone else a manager first."
    )


def last_manager_problem(actor, membership: Membership, new_role: str | None) -> str:
    """Why this change would leave the partnership with no manager; empty if it would not.

    ``new_role`` None means removing the member.
    """
    try:
        _check_keeps_a_manager(actor, membership, new_role)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


@transaction.atomic
def add_member(
    *, actor, partnership: Partnership, user, role: str, partner: Partner | None = None
) -> Membership:
    """Give a person a role in a partnership (or change the role they already have)."""
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    _check_partner_belongs(partnership, partner)
    _lock(partnership)
    membership = Membership.objects.filter(user=user, partnership=partnership).first()
    if membership is None:
        membership = Membership(user=user, partnership=partnership)
    else:
        _check_keeps_a_manager(actor, membership, role)
    membership.role = role
    membership.partner = partner
    membership.full_clean(validate_unique=False)
    membership.save()
    return membership


@transaction.atomic
def update_member(
    *, actor, membership: Membership, role: str, partner: Partner | None = None
) -> Membership:
    """Change a member's role or organisation."""
    partnership = membership.partnership
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    _check_partner_belongs(partnership, partner)
    _lock(partnership)
    membership = Membership.objects.select_related("user", "partnership").get(pk=membership.pk)
    _check_keeps_a_manager(actor, membership, role)
    membership.role = role
    membership.partner = partner
    membership.full_clean()
    membership.save(update_fields=["role", "partner"])
    return membership


@transaction.atomic
def remove_member(*, actor, membership: Membership) -> None:
    """Take a person out of a partnership. Their submitted responses stay in the results."""
    partnership = membership.partnership
    require(actor, Permission.MANAGE_PARTNERSHIP, partnership)
    _lock(partnership)
    membership = Membership.objects.select_related("user", "partnership").get(pk=membership.pk)
    _check_keeps_a_manager(actor, membership, None)
    membership.delete()
