"""The permission matrix: every role against every permission."""

import pytest

from partnership_site.permissions import has_permission
from partnership_site.roles import Permission

ROLES = ["manager", "member", "facilitator", "outsider", "admin_user"]
ALLOWED = {
    "manager": {
        Permission.VIEW_PARTNERSHIP,
        Permission.MANAGE_PARTNERSHIP,
        Permission.ANSWER_QUESTIONNAIRES,
        Permission.VIEW_REPORT,
    },
    "member": {
        Permission.VIEW_PARTNERSHIP,
        Permission.ANSWER_QUESTIONNAIRES,
        Permission.VIEW_REPORT,
    },
    "facilitator": {Permission.VIEW_PARTNERSHIP, Permission.VIEW_REPORT},
    "outsider": set(),
    "admin_user": {Permission.EDIT_FRAMEWORKS},
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
    from tests.factories import PartnershipFactory

    other = PartnershipFactory()
    assert not any(has_permission(manager, p, other) for p in Permission)


def test_anonymous_and_inactive_users_have_no_permissions(manager, partnership):
    from django.contrib.auth.models import AnonymousUser

    assert not has_permission(AnonymousUser(), Permission.VIEW_PARTNERSHIP, partnership)
    manager.is_active = False
    assert not has_permission(manager, Permission.VIEW_PARTNERSHIP, partnership)


def test_visible_to_lists_only_own_partnerships(manager, partnership, outsider):
    from assessments.models import Partnership
    from tests.factories import PartnershipFactory

    PartnershipFactory()
    assert list(Partnership.objects.visible_to(manager)) == [partnership]
    assert list(Partnership.objects.visible_to(outsider)) == []
