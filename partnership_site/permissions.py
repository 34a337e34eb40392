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
        cache[partnership.pk] = set(
            partnership.memberships.filter(user=user).values_list("role", flat=True)
        )
    return cache[partnership.pk]


def has_permission(user, permission: Permission, partnership: Partnership | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if permission in STAFF_PERMISSIONS:
        return user.is_staff
    if partnership is None:
        return False
    return any(permission in ROLE_PERMISSIONS[role] for role in roles_in(user, partnership))


def can_view_round_report(user, round_: Round) -> bool:
    """Managers and facilitators see a round's report once it opens; members see it when it
    has closed and the manager has made results visible to them."""
    from assessments.models import RoundStatus

    partnership = round_.partnership
    if round_.status == RoundStatus.DRAFT:
        return False
    if not has_permission(user, Permission.VIEW_REPORT, partnership):
        return False
    if roles_in(user, partnership) & {PartnershipRole.MANAGER, PartnershipRole.FACILITATOR}:
        return True
    return round_.status == RoundStatus.CLOSED and round_.results_visible_to_members
