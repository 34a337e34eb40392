"""Partnerships, their partners and members, assessment rounds, responses and actions.

One module per concept; everything is re-exported here, so ``from assessments.models import
Round`` keeps working (and migrations' ``assessments.models.new_token`` still resolves).
"""

from assessments.models.actions import FINISHED_STATUSES, ActionItem, ActionNote
from assessments.models.choices import (
    NO_ROLE_LABEL,
    ROLE_LABELS,
    ActionStatus,
    OrganisationType,
    PartnershipKind,
    RespondentRole,
    ResponseStatus,
    RoundStatus,
)
from assessments.models.invitations import PersonalInvitation
from assessments.models.membership_invitations import (
    INVITATION_VALID_DAYS,
    MembershipInvitation,
)
from assessments.models.partnerships import (
    Cohort,
    Membership,
    Partner,
    Partnership,
    PartnershipQuerySet,
)
from assessments.models.reminders import ReminderKind, ReminderSent
from assessments.models.responses import Answer, Response, ResponseSet
from assessments.models.results import RoundResult
from assessments.models.rounds import (
    DEFAULT_ANONYMITY_THRESHOLD,
    DEFAULT_REMIND_DAYS_BEFORE,
    LEGACY_MIN_ANONYMITY_THRESHOLD,
    MAX_REMIND_DAYS_BEFORE,
    MIN_ANONYMITY_THRESHOLD,
    ClosedRoundError,
    Round,
    RoundFramework,
)
from assessments.models.targets import ConsensusRecord, DimensionTarget
from assessments.models.tokens import hash_token, new_token

__all__ = [
    "NO_ROLE_LABEL",
    "ROLE_LABELS",
    "DEFAULT_ANONYMITY_THRESHOLD",
    "DEFAULT_REMIND_DAYS_BEFORE",
    "INVITATION_VALID_DAYS",
    "MAX_REMIND_DAYS_BEFORE",
    "MembershipInvitation",
    "ReminderKind",
    "ReminderSent",
    "LEGACY_MIN_ANONYMITY_THRESHOLD",
    "MIN_ANONYMITY_THRESHOLD",
    "FINISHED_STATUSES",
    "ActionItem",
    "ActionNote",
    "ConsensusRecord",
    "DimensionTarget",
    "ActionStatus",
    "Answer",
    "RoundResult",
    "ClosedRoundError",
    "Cohort",
    "Membership",
    "OrganisationType",
    "Partner",
    "Partnership",
    "PartnershipKind",
    "PartnershipQuerySet",
    "PersonalInvitation",
    "RespondentRole",
    "Response",
    "ResponseSet",
    "ResponseStatus",
    "Round",
    "RoundFramework",
    "RoundStatus",
    "hash_token",
    "new_token",
]
