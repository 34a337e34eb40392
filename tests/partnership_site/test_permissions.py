"""The permission matrix: every role against every permission."""

import pytest
from django.contrib.auth.models import AnonymousUser

from assessments.models import Partnership
from partnership_site.permissions import has_permission
from partnership_site.roles import ROLE_PERMISSIONS, Permission, may_view_report
from tests.factories import PartnershipFactory

ROLES = ["manager", "member", "facilitator", "outsider", "admin_user"]
ALLOWED = {
    "manager": {
        Permission.VIEW_PARTNERSHIP,
        Permission.MANAGE_PARTNERSHIP,
        Permission.ANSWER_QUESTIONNAIRES,
        Permission.VIEW_REPORT,
        Permission.VIEW_WITHHELD_REPORT,
        Permission.READ_COMMENTS,
        Permission.VIEW_ACTIONS,
        Permission.PLAN_ACTIONS,
        Permission.SET_TARGETS,
        Permission.RECORD_CONSENSUS,
    },
    "member": {
        Permission.VIEW_PARTNERSHIP,
        Permission.ANSWER_QUESTIONNAIRES,
        Permission.VIEW_REPORT,
        Permission.READ_COMMENTS,
        Permission.VIEW_ACTIONS,
    },
    "facilitator": {
        Permission.VIEW_PARTNERSHIP,
        Permission.VIEW_REPORT,
        Permission.VIEW_WITHHELD_REPORT,
        Permission.VIEW_ACTIONS,
        Permission.RECORD_CONSENSUS,
    },
    "outsider": set(),
    "admin_user": {Permission.EDIT_FRAMEWORKS, Permission.MANAGE_COHORTS},
}


@pytest.mark.parametrize("permission", list(Permission))
@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_permission_matrix(request, role_user, permission, partnership):
    role = request.node.callspec.params["role_user"]
    assert has_permission(role_user, permission, partnership) is (permission in ALLOWED[role])


@pytest.mark.parametrize("role_user", ROLES, indirect=True)
def test_nobody_may_read_individual_answers(role_user, partnership):
    assert not has_permission(role_user, Permission.VIEW_INDIVIDUAL_ANSWERS, partnership)


def test_membership_of_one_partnership_gives_nothing_in_another(manager, db):
    other = PartnershipFactory()
    assert not any(has_permission(manager, p, other) for p in Permission)


def test_anonymous_and_inactive_users_have_no_permissions(manager, partnership):
    assert not has_permission(AnonymousUser(), Permission.VIEW_PARTNERSHIP, partnership)
    manager.is_active = False
    assert not has_permission(manager, Permission.VIEW_PARTNERSHIP, partnership)


def test_visible_to_lists_only_own_partnerships(manager, partnership, outsider):
    PartnershipFactory()
    assert list(Partnership.objects.visible_to(manager)) == [partnership]
    assert list(Partnership.objects.visible_to(outsider)) == []


@pytest.mark.parametrize("role", ["manager", "member", "facilitator"])
@pytest.mark.parametrize("visible_to_members", [True, False])
def test_nobody_may_view_an_open_round(role, visible_to_members):
    """Disclosure control (ADR 0010): no role holds VIEW_OPEN_ROUND, so no report while open."""
    assert not may_view_report({role}, released=False, visible_to_members=visible_to_members)


@pytest.mark.parametrize(
    ("role", "visible_to_members", "expected"),
    [
        ("manager", False, True),
        ("facilitator", False, True),
        ("member", False, False),
        ("member", True, True),
    ],
)
def test_closed_round_report_rule(role, visible_to_members, expected):
    assert may_view_report({role}, released=True, visible_to_members=visible_to_members) is (
        expected
    )


def test_no_role_may_see_open_rounds_or_individual_answers():
    for permissions in ROLE_PERMISSIONS.values():
        assert Permission.VIEW_OPEN_ROUND not in permissions
        assert Permission.VIEW_INDIVIDUAL_ANSWERS not in permissions
