"""The one permission check: may this user do this, in this partnership?

Roles come from one query (``assessments.models.role_grants``: memberships plus cohort
facilitation, a UNION), cached on the user object for the request; a loader may instead
read them with its row (``with_roles``, ``remember_roles``: ADR 0040). What each role may do is
the table in ``partnership_site.roles``; the report rule (figures only once a round has
closed, ADR 0010) is ``roles.may_view_report``. Views reach objects through the loaders in
``partnership_site.loaders``, which call these checks.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from assessments.models import ActionItem, Cohort, Membership, Partnership, Round
from assessments.models.partnerships import role_grants, role_sources
from partnership_site.roles import (
    OWN_ACCESS_ROLES,
    ROLE_PERMISSIONS,
    STAFF_PERMISSIONS,
    PartnershipRole,
    Permission,
    may_view_report,
)

_CACHE = "_partnership_roles"


def _cache(user) -> dict[int, set[str]]:
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE, cache)
    return cache


def roles_in(user, partnership: Partnership) -> set[str]:
    """The user's roles (``PartnershipRole`` values) in the partnership: one query, cached."""
    if not user.is_authenticated:
        return set()
    cache = _cache(user)
    if partnership.pk not in cache:
        cache[partnership.pk] = {
            role for _, role in role_grants(user, partnership_id=partnership.pk)
        }
    return cache[partnership.pk]


# Aliases of what ``with_roles`` annotates: the role held through a membership (a person has
# at most one membership per partnership: the constraint ``membership_unique``), a flag for
# the facilitator role through a cohort, and two flags for ``is_facilitator``.
_HELD = "roles_held_directly"
_THROUGH_COHORT = "roles_held_through_cohort"
_FACILITATES = ("roles_facilitates_directly", "roles_facilitates_a_cohort")


def with_roles(queryset: QuerySet, user, *, partnership: str = "partnership_id") -> QuerySet:
    """``queryset`` with the user's roles in each row's partnership (the field named by
    ``partnership``), and whether they are a facilitator anywhere, in the same query: the
    membership's role as a scalar subquery and three EXISTS flags. The rows a loader reads
    then answer ``roles_in`` and ``is_facilitator`` without a query of their own
    (``remember_roles``). The roles are ``role_grants``' own sources (``role_sources``), so
    the rule is the same."""
    if not user.is_authenticated:
        return queryset
    direct, through_cohort = role_sources(user, partnership_id=OuterRef(partnership))
    direct_facilitator, cohorts = _facilitator_sources(user)
    return queryset.annotate(
        **{_HELD: Subquery(direct.values("role")[:1])},
        **{_THROUGH_COHORT: Exists(through_cohort)},
        **dict(zip(_FACILITATES, (Exists(direct_facilitator), Exists(cohorts)), strict=True)),
    )


def remember_roles(user, row, partnership_id: int) -> None:
    """Prime ``roles_in`` (and ``is_facilitator``) from a row read through ``with_roles``;
    rows read without it are ignored."""
    if not user.is_authenticated or not hasattr(row, _THROUGH_COHORT):
        return
    held = getattr(row, _HELD)
    roles = set() if held is None else {held}
    if getattr(row, _THROUGH_COHORT):
        roles.add(PartnershipRole.FACILITATOR.value)
    _cache(user)[partnership_id] = roles
    setattr(user, _FACILITATOR_CACHE, any(getattr(row, alias) for alias in _FACILITATES))


def roles_by_partnership(user) -> dict[int, set[str]]:
    """The user's roles in every partnership in which they hold one (one query), keyed by
    partnership id; primes the cache ``roles_in`` reads."""
    if not user.is_authenticated:
        return {}
    found: dict[int, set[str]] = defaultdict(set)
    for partnership_id, role in role_grants(user):
        found[partnership_id].add(role)
    _cache(user).update(found)
    return dict(found)


def has_permission(user, permission: Permission, partnership: Partnership | None = None) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if permission in STAFF_PERMISSIONS:
        return user.is_staff
    if partnership is None:
        return False
    return any(permission in ROLE_PERMISSIONS[role] for role in roles_in(user, partnership))


def report_visible(roles, round_: Round) -> bool:
    """Whether holders of ``roles`` may read this round's report: ``roles.may_view_report``
    applied to the round's state (released only once closed; members only if the manager has
    not withheld results)."""
    return may_view_report(
        roles,
        released=round_.results_released,
        visible_to_members=round_.results_visible_to_members,
    )


def can_view_round_report(user, round_: Round) -> bool:
    """Results are released at close (disclosure control, ADR 0010): nobody sees a round's
    figures, comments or exports while it is open, so no figure can be compared before and
    after one person answers. Once closed, managers and facilitators see the report; members
    see it when the manager has made results visible to them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return report_visible(roles_in(user, round_.partnership), round_)


def can_read_comments(user, partnership: Partnership) -> bool:
    """Comments are written words: managers and members may read them in the report (grouped
    by partner, never by person); facilitators see figures only, never comment text."""
    return has_permission(user, Permission.READ_COMMENTS, partnership)


# -- Cohorts ----------------------------------------------------------------------------


def can_open_cohort(user, cohort: Cohort) -> bool:
    """Admins open every cohort; a facilitator opens the cohorts they facilitate."""
    if not user.is_authenticated or not user.is_active:
        return False
    if has_permission(user, Permission.MANAGE_COHORTS):
        return True
    return cohort.facilitators.filter(pk=user.pk).exists()


def partnerships_movable(user, cohort: Cohort) -> QuerySet:
    """The partnerships ``user`` may put in or take out of ``cohort`` (issue 17):

    - admins (``Permission.MANAGE_COHORTS``): any partnership not archived;
    - the cohort's facilitators: partnerships that have given them access of their own, a
      membership as manager or facilitator (``roles.OWN_ACCESS_ROLES``). Being in a cohort
      gives every one of its facilitators a facilitator's view of a partnership, so a
      facilitator may never add a partnership that has not chosen them;
    - anyone else: none.
    """
    if not can_open_cohort(user, cohort):
        return Partnership.objects.none()
    active = Partnership.objects.active()
    if has_permission(user, Permission.MANAGE_COHORTS):
        return active
    own = Membership.objects.filter(user=user, role__in=OWN_ACCESS_ROLES)
    return active.filter(pk__in=own.values("partnership_id"))


def can_move_partnership(user, cohort: Cohort, partnership: Partnership) -> bool:
    return partnerships_movable(user, cohort).filter(pk=partnership.pk).exists()


_FACILITATOR_CACHE = "_is_facilitator"


def is_facilitator(user) -> bool:
    """Whether the facilitator dashboard is for this user: they facilitate a cohort, or hold
    the facilitator role in a partnership not archived. One query, cached on the user."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, _FACILITATOR_CACHE, None)
    if cached is None:
        direct, cohorts = _facilitator_sources(user)
        cached = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .filter(Exists(direct) | Exists(cohorts))
            .exists()
        )
        setattr(user, _FACILITATOR_CACHE, cached)
    return cached


def _facilitator_sources(user) -> tuple[QuerySet, QuerySet]:
    """What makes ``user`` a facilitator: the facilitator role held directly in a
    partnership not archived, or a cohort they facilitate."""
    direct = Membership.objects.filter(
        user=user, role=PartnershipRole.FACILITATOR, partnership__archived_at__isnull=True
    )
    return direct, Cohort.facilitators.through.objects.filter(user=user)


def note_facilitator(user) -> None:
    """Record that this user is a facilitator (a page that has just checked it, such as the
    dashboard), so the header's ``is_facilitator`` asks the database nothing more."""
    setattr(user, _FACILITATOR_CACHE, True)


def can_edit_action(user, action: ActionItem) -> bool:
    """Managers (PLAN_ACTIONS) change any action in their partnership; an action's owner
    changes their own while they are still a manager or member of the partnership (an owner
    who has left keeps the action, but no longer edits it)."""
    if has_permission(user, Permission.PLAN_ACTIONS, action.partnership):
        return True
    if action.owner_user_id is None or action.owner_user_id != user.pk:
        return False
    held = roles_in(user, action.partnership)
    return bool(held & {PartnershipRole.MANAGER, PartnershipRole.MEMBER})
