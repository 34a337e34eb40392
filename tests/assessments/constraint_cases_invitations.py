"""Constraint cases for actions, personal invitations and personal-link responses (part of
tests/assessments/test_constraints.py, which runs them)."""

from datetime import date

from assessments.models import (
    ActionItem,
    ActionStatus,
    PersonalInvitation,
    RespondentRole,
    Response,
    ResponseSet,
)
from tests.constraint_cases import (
    ConstraintCases,
    update,
)
from tests.factories import (
    ActionItemFactory,
    FrameworkFactory,
    PartnerFactory,
    RoundFactory,
    UserFactory,
)

DAY = date(2026, 3, 2)  # as in test_constraints.py

CASES = ConstraintCases()


# ActionItem ----------------------------------------------------------------------------------


def update_action(**fields):
    """An open action, then changed."""
    update(ActionItemFactory(), **fields)


CASES.add(
    ActionItem,
    "action_status_valid",
    write=update_action,
    bad={"unknown": {"status": "blocked"}, "empty": {"status": ""}},
    good={"dropped": {"status": ActionStatus.DROPPED}},
)
CASES.add(
    ActionItem,
    "action_completed_on_paired_with_done",
    write=update_action,
    bad={
        "done-without-date": {"status": ActionStatus.DONE, "completed_on": None},
        "in-progress-with-date": {"status": ActionStatus.IN_PROGRESS, "completed_on": DAY},
        "dropped-with-date": {"status": ActionStatus.DROPPED, "completed_on": DAY},
    },
    good={
        "done-with-date": {"status": ActionStatus.DONE, "completed_on": DAY},
        "open-without-date": {"status": ActionStatus.PLANNED, "completed_on": None},
    },
)

# Personal invitations ------------------------------------------------------------------------


def write_invitation(*, same_email=False, email_case="", role=RespondentRole.CLINICAL):
    round_ = RoundFactory()
    partner = PartnerFactory(partnership=round_.partnership)
    PersonalInvitation.objects.create(
        round=round_, name="A", email="sam@nhs.net", partner=partner, respondent_role=role
    )
    if same_email or email_case:
        PersonalInvitation.objects.create(
            round=round_,
            name="B",
            email=email_case or "sam@nhs.net",
            partner=partner,
            respondent_role=RespondentRole.CLINICAL,
        )


CASES.add(
    PersonalInvitation,
    "personal_invitation_one_per_email_per_round",
    write=write_invitation,
    bad={"same-email": {"same_email": True}},
    good={"other-email": {"email_case": "alex@nhs.net"}},
)
CASES.add(
    PersonalInvitation,
    "personal_invitation_role_valid",
    write=write_invitation,
    bad={"unknown-role": {"role": "boss"}, "empty-role": {"role": ""}},
    good={"community": {"role": RespondentRole.COMMUNITY}},
)


def write_personal_response(*, second=False, second_framework=False, with_account=False):
    round_ = RoundFactory()
    partner = PartnerFactory(partnership=round_.partnership)
    invitation = PersonalInvitation.objects.create(
        round=round_, name="A", email="sam@nhs.net", partner=partner, respondent_role="clinical"
    )
    framework = FrameworkFactory()
    Response.objects.create(
        round=round_,
        framework=framework,
        partner=partner,
        invitation=invitation,
        respondent=UserFactory() if with_account else None,
    )
    if second:
        Response.objects.create(
            round=round_,
            framework=FrameworkFactory() if second_framework else framework,
            partner=partner,
            invitation=invitation,
        )


CASES.add(
    Response,
    "response_one_per_personal_link_per_framework",
    write=write_personal_response,
    bad={"twice": {"second": True}},
    good={"other-questionnaire": {"second": True, "second_framework": True}},
)
CASES.add(
    Response,
    "response_personal_link_only_for_guests",
    write=write_personal_response,
    bad={"with-account": {"with_account": True}},
    good={"guest": {"with_account": False}},
)


# Guests' response sets (issue 11) ------------------------------------------------------------


def write_response_set(*, with_account=False, **fields):
    """A guest's response set (with ``fields``), and a response in it."""
    round_ = RoundFactory()
    response_set = ResponseSet.objects.create(round=round_, **fields)
    Response.objects.create(
        round=round_,
        framework=FrameworkFactory(),
        response_set=response_set,
        respondent=UserFactory() if with_account else None,
    )


CASES.add(
    ResponseSet,
    "response_set_respondent_role_valid",
    write=write_response_set,
    bad={"unknown": {"respondent_role": "surgeon"}},
    good={"none": {"respondent_role": ""}, "clinical": {"respondent_role": "clinical"}},
)
CASES.add(
    Response,
    "response_set_only_for_guests",
    write=write_response_set,
    bad={"with-account": {"with_account": True}},
    good={"guest": {"with_account": False}},
)
