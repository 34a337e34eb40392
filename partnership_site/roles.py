"""Every role in the service, and what each may do. The one place roles are listed."""

from enum import StrEnum

from django.db import models


class PartnershipRole(models.TextChoices):
    """A person's role within one partnership (held through a Membership)."""

    MANAGER = "manager", "Partnership manager"
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class Permission(StrEnum):
    VIEW_PARTNERSHIP = "view_partnership"
    MANAGE_PARTNERSHIP = "manage_partnership"
    ANSWER_QUESTIONNAIRES = "answer_questionnaires"
    VIEW_REPORT = "view_report"
    VIEW_INDIVIDUAL_ANSWERS = "view_individual_answers"
    EDIT_FRAMEWORKS = "edit_frameworks"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    PartnershipRole.MANAGER: frozenset(
        {
            Permission.VIEW_PARTNERSHIP,
            Permission.MANAGE_PARTNERSHIP,
            Permission.ANSWER_QUESTIONNAIRES,
            Permission.VIEW_REPORT,
        }
    ),
    PartnershipRole.MEMBER: frozenset(
        {Permission.VIEW_PARTNERSHIP, Permission.ANSWER_QUESTIONNAIRES, Permission.VIEW_REPORT}
    ),
    # Facilitators see aggregates only: never who said what.
    PartnershipRole.FACILITATOR: frozenset({Permission.VIEW_PARTNERSHIP, Permission.VIEW_REPORT}),
}

# Site-wide: staff users are the framework-library admins.
STAFF_PERMISSIONS: frozenset[Permission] = frozenset({Permission.EDIT_FRAMEWORKS})

# No role, not even a manager, may read another person's individual answers.
assert all(Permission.VIEW_INDIVIDUAL_ANSWERS not in p for p in ROLE_PERMISSIONS.values())
