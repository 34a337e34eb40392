"""Loaders: how views reach a partnership or a round, checking access on the way.

Every view that takes a partnership or round id loads it here, so the rule is the same
everywhere (``partnership_site.permissions``):

- 404 if the user holds no role in the partnership (``visible_to``): we do not confirm that
  a partnership they cannot see exists;
- 403 if they hold a role but not the permission asked for.

``load_round(..., permission=Permission.VIEW_REPORT)`` applies the full report rule
(``can_view_round_report``: closed rounds only, members only when results are visible).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import ActionItem, Cohort, Partnership, Round
from assessments.selectors.actions import action_in
from partnership_site.permissions import (
    can_edit_action,
    can_move_partnership,
    can_open_cohort,
    can_view_round_report,
    has_permission,
    remember_roles,
    with_roles,
)
from partnership_site.roles import Permission

# What a 403 says, by the permission that was missing.
DENIED = {
    Permission.MANAGE_PARTNERSHIP: "Only the partnership's managers can do this.",
    Permission.ANSWER_QUESTIONNAIRES: "Your role in this partnership does not answer "
    "questionnaires.",
    Permission.VIEW_REPORT: "The results of this round are not available to you yet.",
    Permission.PLAN_ACTIONS: "Only the partnership's managers can add actions.",
    Permission.SET_TARGETS: "Only the partnership's managers can set targets.",
    Permission.RECORD_CONSENSUS: "Only the partnership's managers and facilitators can "
    "record what the partnership agreed.",
}


def _check(request, permission: Permission, partnership: Partnership) -> None:
    # Holding any role is what makes a partnership visible, and every role may view it:
    # VIEW_PARTNERSHIP needs no second query.
    if permission == Permission.VIEW_PARTNERSHIP:
        return
    if not has_permission(request.user, permission, partnership):
        raise PermissionDenied(DENIED.get(permission, "You do not have permission to do this."))


def load_partnership(
    request, pk: int, *, permission: Permission = Permission.VIEW_PARTNERSHIP
) -> Partnership:
    """The partnership ``pk`` if visible to the user (else 404) and they hold
    ``permission`` in it (else 403)."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=pk)
    _check(request, permission, partnership)
    return partnership


def load_round(request, pk: int, *, permission: Permission = Permission.VIEW_PARTNERSHIP) -> Round:
    """The round ``pk`` (with its partnership) if its partnership is visible to the user
    (else 404) and they hold ``permission`` (else 403). For ``VIEW_REPORT`` the whole report
    rule applies: see ``permissions.can_view_round_report``. One query: the user's roles in
    the partnership come with the round (``permissions.with_roles``)."""
    user = request.user
    round_ = get_object_or_404(
        with_roles(Round.objects.visible_to(user).select_related("partnership"), user), pk=pk
    )
    remember_roles(user, round_, round_.partnership_id)
    if permission == Permission.VIEW_REPORT:
        if not can_view_round_report(request.user, round_):
            raise PermissionDenied(DENIED[Permission.VIEW_REPORT])
    else:
        _check(request, permission, round_.partnership)
    return round_


def require_permission(request, permission: Permission, partnership: Partnership) -> None:
    """403 unless the user holds ``permission`` in ``partnership`` (already loaded)."""
    _check(request, permission, partnership)


def load_facilitated_cohort(request, pk: int) -> Cohort:
    """A cohort the user facilitates (404 for anyone else)."""
    return get_object_or_404(Cohort.objects.facilitated_by(request.user), pk=pk)


def load_cohort(request, pk: int) -> Cohort:
    """A cohort the user may open: admins any, facilitators their own (404 for anyone else,
    so a cohort's existence is not confirmed)."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if not can_open_cohort(request.user, cohort):
        raise Http404("No such cohort.")
    return cohort


def load_cohort_partnership(request, cohort: Cohort, pk: int) -> Partnership:
    """A partnership in ``cohort`` the user may take out of it (404 if not in the cohort;
    403 if they may not move it)."""
    partnership = get_object_or_404(cohort.partnerships.all(), pk=pk)
    if not can_move_partnership(request.user, cohort, partnership):
        raise PermissionDenied(
            "Only admins, and the cohort's facilitators for partnerships that have given "
            "them access, can change which partnerships are in a cohort."
        )
    return partnership


def load_action(request, pk: int, action_pk: int, *, edit: bool = False) -> ActionItem:
    """Action ``action_pk`` of partnership ``pk``: 404 unless the partnership is visible and
    the action is in it; 403 without VIEW_ACTIONS, or with ``edit`` unless the user may
    change it (``permissions.can_edit_action``: managers and the action's owner)."""
    partnership = load_partnership(request, pk, permission=Permission.VIEW_ACTIONS)
    action = action_in(partnership, action_pk)
    if edit and not can_edit_action(request.user, action):
        raise PermissionDenied(
            "Only the partnership's managers and the action's owner can change it."
        )
    return action
