"""The one permission check: may this user do this, in this partnership?"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnership_site.roles import (
    ROLE_PERMISSIONS,
    STAFF_PERMISSIONS,
    PartnershipRole,
    Permission,
)

if TYPE_CHECKING:
    from assessments.models import Partnership, Round


def roles_in(user, partnership: Partnership) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_partnership_roles", None)
    if cache is None:
        cache = {}
        user._partnership_roles = cache
    if partnership.pk not in cache:
        cache[partnership.pk] = _roles_query(user, partnership.pk)
    return cache[partnership.pk]


def _roles_query(user, partnership_id: int) -> set[str]:
    """The user's memberships in the partnership, plus the facilitator role if they facilitate
    a cohort it belongs to: one query (a UNION), as before cohorts existed."""
    from django.db.models import CharField, Value

    from assessments.models import Cohort, Membership

    memberships = (
        Membership.objects.filter(user=user, partnership_id=partnership_id)
        .order_by()
        .values_list("role", flat=True)
    )
    through_cohort = (
        Cohort.objects.filter(facilitators=user, partnerships=partnership_id)
        .order_by()
        .annotate(role=Value(PartnershipRole.FACILITATOR.value, output_field=CharField()))
        .values_list("role", flat=True)
    )
    return set(memberships.union(through_cohort))


def has_permission(user, permission: Permission, partnership: Partnership | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if permission in STAFF_PERMISSIONS:
        return user.is_staff
    if partnership is None:
        return False
    return any(permission in ROLE_PERMISSIONS[role] for role in roles_in(user, partnership))


def can_view_round_report(user, round_: Round) -> bool:
    """Results are released at close (disclosure control, ADR 0010): nobody sees a round's
    figures, comments or exports while it is open, so no figure can be compared before and
    after one person answers. Once closed, managers and facilitators see the report; members
    see it when the manager has made results visible to them."""
    from assessments.models import RoundStatus

    partnership = round_.partnership
    if round_.status != RoundStatus.CLOSED:
        return False
    if not has_permission(user, Permission.VIEW_REPORT, partnership):
        return False
    if roles_in(user, partnership) & {PartnershipRole.MANAGER, PartnershipRole.FACILITATOR}:
        return True
    return round_.results_visible_to_members


def can_read_comments(user, partnership: Partnership) -> bool:
    """Comments are written words: managers and members may read them in the report (grouped
    by partner, never by person); facilitators see figures only, never comment text."""
    return bool(roles_in(user, partnership) & {PartnershipRole.MANAGER, PartnershipRole.MEMBER})
