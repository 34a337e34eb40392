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
    # See a closed round's report even when the manager has withheld it from members.
    VIEW_WITHHELD_REPORT = "view_withheld_report"
    # Read respondents' written comments (grouped by partner, never by person).
    READ_COMMENTS = "read_comments"
    # See a round's figures while it is still open. Held by no role: results are released
    # at close (disclosure control, ADR 0010).
    VIEW_OPEN_ROUND = "view_open_round"
    VIEW_INDIVIDUAL_ANSWERS = "view_individual_answers"
    EDIT_FRAMEWORKS = "edit_frameworks"
    # Put any partnership in or out of any cohort.
    MANAGE_COHORTS = "manage_cohorts"
    # The action plan: read it; create actions and change any of them (an action's owner
    # may also change their own: permissions.can_edit_action).
    VIEW_ACTIONS = "view_actions"
    PLAN_ACTIONS = "plan_actions"
    # The score the partnership aims for in each dimension by its next round.
    SET_TARGETS = "set_targets"
    # Record the position partners agreed at a consensus workshop on a closed round.
    RECORD_CONSENSUS = "record_consensus"


ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    PartnershipRole.MANAGER: frozenset(
        {
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
        }
    ),
    PartnershipRole.MEMBER: frozenset(
        {
            Permission.VIEW_PARTNERSHIP,
            Permission.ANSWER_QUESTIONNAIRES,
            Permission.VIEW_REPORT,
            Permission.READ_COMMENTS,
            Permission.VIEW_ACTIONS,
        }
    ),
    # Facilitators see aggregates only: never who said what, and never comment text.
    # They read the action plan and may run a consensus workshop (figures only).
    PartnershipRole.FACILITATOR: frozenset(
        {
            Permission.VIEW_PARTNERSHIP,
            Permission.VIEW_REPORT,
            Permission.VIEW_WITHHELD_REPORT,
            Permission.VIEW_ACTIONS,
            Permission.RECORD_CONSENSUS,
        }
    ),
}

# Site-wide: staff users are the framework-library and cohort admins.
STAFF_PERMISSIONS: frozenset[Permission] = frozenset(
    {Permission.EDIT_FRAMEWORKS, Permission.MANAGE_COHORTS}
)

# The roles through which a partnership gives a person access of its own (a membership,
# not a cohort): a cohort's facilitator may put such a partnership in or out of the cohort.
OWN_ACCESS_ROLES = frozenset({PartnershipRole.MANAGER, PartnershipRole.FACILITATOR})

# No role, not even a manager, may read another person's individual answers, nor see a
# round's figures before it closes (disclosure control, ADR 0010).
NEVER_GRANTED: frozenset[Permission] = frozenset(
    {Permission.VIEW_INDIVIDUAL_ANSWERS, Permission.VIEW_OPEN_ROUND}
)
assert all(not (NEVER_GRANTED & p) for p in ROLE_PERMISSIONS.values())
# Holding any role makes a partnership visible, so every role must be allowed to view it.
assert all(Permission.VIEW_PARTNERSHIP in p for p in ROLE_PERMISSIONS.values())


def roles_with(permission: Permission) -> list[str]:
    """The partnership roles that grant ``permission`` (for queries over memberships), in the
    order of ``ROLE_PERMISSIONS``."""
    return [role for role, granted in ROLE_PERMISSIONS.items() if permission in granted]


def permissions_of(roles) -> frozenset[Permission]:
    """Everything the given roles (``PartnershipRole`` values) allow, together."""
    return frozenset().union(*(ROLE_PERMISSIONS[role] for role in roles))


def may_view_report(roles, *, released: bool, visible_to_members: bool) -> bool:
    """The report rule, pure: figures only once a round is released (closed) unless a role
    holds VIEW_OPEN_ROUND (none does); then VIEW_REPORT, plus VIEW_WITHHELD_REPORT if the
    manager has withheld results from members (ADR 0010)."""
    granted = permissions_of(roles)
    if not released and Permission.VIEW_OPEN_ROUND not in granted:
        return False
    if Permission.VIEW_REPORT not in granted:
        return False
    return visible_to_members or Permission.VIEW_WITHHELD_REPORT in granted
