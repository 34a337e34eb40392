"""Every database constraint on the assessment models rejects bad rows.

Each case writes rows straight to the database (factory saves, ``objects.create()``,
``QuerySet.update()``), so model validation never runs and the database itself must refuse the
bad row. Each case also writes at least one good row, usually the boundary value, so an
over-strict constraint fails too. The machinery lives in ``tests/frameworks/test_constraints.py``.
"""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction

from assessments.models import (
    Answer,
    Membership,
    OrganisationType,
    Partner,
    Partnership,
    PartnershipKind,
    RespondentRole,
    Response,
    ResponseStatus,
    Round,
    RoundFramework,
    RoundStatus,
    hash_token,
)
from partnership_site.roles import PartnershipRole
from tests.assessments import constraint_cases_invitations as more_cases
from tests.assessments import constraint_cases_people as people_cases
from tests.assessments import constraint_cases_plans as plan_cases
from tests.assessments import constraint_cases_results as result_cases
from tests.constraint_cases import (
    ConstraintCases,
    assert_constraints_in_schema,
    assert_every_constraint_covered,
    assert_violated,
    update,
)
from tests.factories import (
    AnswerFactory,
    FrameworkFactory,
    ItemFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
)

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
DAY = date(2026, 3, 2)
DAY_BEFORE = date(2026, 3, 1)

CASES = ConstraintCases()

# Partnership ---------------------------------------------------------------------------------


def update_partnership(**fields):
    update(PartnershipFactory(), **fields)


CASES.add(
    Partnership,
    "partnership_kind_valid",
    write=update_partnership,
    bad={"unknown": {"kind": "ccg"}, "empty": {"kind": ""}},
    good={"longest-value": {"kind": PartnershipKind.INTEGRATION_AUTHORITY}},
)
CASES.add(
    Partnership,
    "partnership_population_positive",
    write=update_partnership,
    bad={"zero": {"population": 0}},
    good={"one": {"population": 1}, "unknown": {"population": None}},
)

# Partner -------------------------------------------------------------------------------------


def write_second_partner(*, same_partnership, name):
    first = PartnerFactory(name="Riverside Surgery")
    partnership = first.partnership if same_partnership else PartnershipFactory()
    PartnerFactory(partnership=partnership, name=name)


CASES.add(
    Partner,
    "partner_name_unique",
    write=write_second_partner,
    bad={"same-partnership": {"same_partnership": True, "name": "Riverside Surgery"}},
    good={
        "other-name": {"same_partnership": True, "name": "Hillside Surgery"},
        "other-partnership": {"same_partnership": False, "name": "Riverside Surgery"},
    },
)
CASES.add(
    Partner,
    "partner_type_valid",
    write=lambda **fields: update(PartnerFactory(), **fields),
    bad={"unknown": {"organisation_type": "hospice"}, "empty": {"organisation_type": ""}},
    good={"vcse": {"organisation_type": OrganisationType.VCSE}},
)
CASES.add(
    Partner,
    "partner_people_invited_positive",
    write=lambda **fields: update(PartnerFactory(), **fields),
    bad={"zero": {"people_invited": 0}},
    good={"one": {"people_invited": 1}, "unknown": {"people_invited": None}},
)

# Membership ----------------------------------------------------------------------------------


def write_second_membership(*, same_partnership):
    first = MembershipFactory(role=PartnershipRole.MANAGER)
    partnership = first.partnership if same_partnership else PartnershipFactory()
    MembershipFactory(user=first.user, partnership=partnership, role=PartnershipRole.MEMBER)


CASES.add(
    Membership,
    "membership_unique",
    write=write_second_membership,
    bad={"same-partnership": {"same_partnership": True}},
    good={"other-partnership": {"same_partnership": False}},
)
CASES.add(
    Membership,
    "membership_role_valid",
    write=lambda **fields: update(MembershipFactory(), **fields),
    bad={"unknown": {"role": "owner"}, "empty": {"role": ""}},
    good={"facilitator": {"role": PartnershipRole.FACILITATOR}},
)

# Round ---------------------------------------------------------------------------------------


def write_second_round(*, same_partnership, title):
    first = RoundFactory(title="Spring 2026")
    partnership = first.partnership if same_partnership else PartnershipFactory()
    RoundFactory(partnership=partnership, title=title)


def update_round(**fields):
    update(RoundFactory(), **fields)


CASES.add(
    Round,
    "round_title_unique",
    write=write_second_round,
    bad={"same-partnership": {"same_partnership": True, "title": "Spring 2026"}},
    good={
        "other-title": {"same_partnership": True, "title": "Autumn 2026"},
        "other-partnership": {"same_partnership": False, "title": "Spring 2026"},
    },
)
CASES.add(
    Round,
    "round_closes_after_opening",
    write=update_round,
    bad={"closes-day-before": {"opens_on": DAY, "closes_on": DAY_BEFORE}},
    good={"closes-same-day": {"opens_on": DAY, "closes_on": DAY}},
)
CASES.add(
    Round,
    "round_status_valid",
    write=update_round,
    bad={"unknown": {"status": "archived"}, "empty": {"status": ""}},
    good={"closed": {"status": RoundStatus.CLOSED, "closed_at": WHEN}},
)
CASES.add(
    Round,
    "round_closed_at_paired_with_closed",
    write=update_round,
    bad={
        "closed-without-time": {"status": RoundStatus.CLOSED, "closed_at": None},
        "open-with-time": {"status": RoundStatus.OPEN, "closed_at": WHEN},
    },
    good={
        "closed-with-time": {"status": RoundStatus.CLOSED, "closed_at": WHEN},
        "draft-without-time": {"status": RoundStatus.DRAFT, "closed_at": None},
    },
)
CASES.add(
    Round,
    "round_anonymity_threshold_range",
    write=update_round,
    bad={
        "zero": {"anonymity_threshold": 0},
        "one": {"anonymity_threshold": 1},
        "51": {"anonymity_threshold": 51},
    },
    good={"two": {"anonymity_threshold": 2}, "50": {"anonymity_threshold": 50}},
)

# RoundFramework ------------------------------------------------------------------------------


def write_second_round_framework(*, same_framework=False, same_position=False):
    round_, framework = RoundFactory(), FrameworkFactory()
    RoundFramework.objects.create(round=round_, framework=framework, position=1)
    second = framework if same_framework else FrameworkFactory()
    RoundFramework.objects.create(
        round=round_, framework=second, position=1 if same_position else 2
    )


CASES.add(
    RoundFramework,
    "round_framework_unique",
    write=write_second_round_framework,
    bad={"same-framework": {"same_framework": True}},
    good={"other-framework": {"same_framework": False}},
)
CASES.add(
    RoundFramework,
    "round_framework_position_unique",
    write=write_second_round_framework,
    bad={"same-position": {"same_position": True}},
    good={"next-position": {"same_position": False}},
)
CASES.add(
    RoundFramework,
    "round_framework_position_positive",
    write=lambda **fields: RoundFramework.objects.create(
        round=RoundFactory(), framework=FrameworkFactory(), **fields
    ),
    bad={"zero": {"position": 0}},
    good={"one": {"position": 1}},
)

# Response ------------------------------------------------------------------------------------


def write_second_response(*, vary):
    """A second response like the first, except in what ``vary`` names."""
    guests = vary == "guests"
    first = ResponseFactory(
        respondent=None if guests else UserFactory(),
        resume_token_hash=hash_token("first-guest") if guests else None,
    )
    ResponseFactory(
        round=RoundFactory(partnership=first.round.partnership) if vary == "round" else first.round,
        framework=FrameworkFactory() if vary == "framework" else first.framework,
        respondent=first.respondent,
        resume_token_hash=hash_token("second-guest") if guests else None,
    )


def update_response(**fields):
    """A signed-in person's response, in progress, then changed."""
    update(ResponseFactory(), **fields)


CASES.add(
    Response,
    "response_one_per_person_per_framework_per_round",
    write=write_second_response,
    bad={"same-person": {"vary": None}},
    good={
        "other-round": {"vary": "round"},
        "other-framework": {"vary": "framework"},
        "two-guests": {"vary": "guests"},
    },
)
CASES.add(
    Response,
    "response_submitted_at_paired_with_status",
    write=update_response,
    bad={
        "submitted-without-date": {"status": ResponseStatus.SUBMITTED, "submitted_at": None},
        "in-progress-with-date": {"status": ResponseStatus.IN_PROGRESS, "submitted_at": WHEN},
        "unknown-status": {"status": "abandoned", "submitted_at": None},
    },
    good={
        "submitted-with-date": {"status": ResponseStatus.SUBMITTED, "submitted_at": WHEN},
        "in-progress-without-date": {"status": ResponseStatus.IN_PROGRESS, "submitted_at": None},
    },
)
CASES.add(
    Response,
    "response_respondent_role_valid",
    write=update_response,
    bad={"partnership-role": {"respondent_role": PartnershipRole.MANAGER}},
    good={
        "blank": {"respondent_role": ""},
        "community": {"respondent_role": RespondentRole.COMMUNITY},
    },
)

# Answer --------------------------------------------------------------------------------------


def write_second_answer(*, vary):
    first_item = ItemFactory()
    # Made before any response uses the framework, which then freezes it.
    other_item = ItemFactory(dimension=first_item.dimension)
    first = AnswerFactory(item=first_item)
    response = first.response
    if vary == "response":
        response = ResponseFactory(round=response.round, framework=response.framework)
    item = other_item if vary == "item" else first.item
    Answer.objects.create(response=response, item=item, value=4)


def update_answer(**fields):
    """A scale answer of 3, then changed."""
    update(AnswerFactory(), **fields)


CASES.add(
    Answer,
    "answer_one_per_item",
    write=write_second_answer,
    bad={"same-item": {"vary": None}},
    good={"other-response": {"vary": "response"}, "other-item": {"vary": "item"}},
)
CASES.add(
    Answer,
    "answer_value_range",
    write=update_answer,
    bad={"above-ceiling": {"value": 11}},
    good={"floor": {"value": 0}, "ceiling": {"value": 10}, "not-applicable": {"value": None}},
)
CASES.add(
    Answer,
    "answer_value_or_text_not_both",
    write=update_answer,
    bad={"both": {"value": 3, "text": "We share a plan."}},
    good={
        "text-only": {"value": None, "text": "We share a plan."},
        "value-only": {"value": 3, "text": ""},
    },
)

CASES.cases += more_cases.CASES.cases
CASES.cases += people_cases.CASES.cases
CASES.cases += plan_cases.CASES.cases
CASES.cases += result_cases.CASES.cases

COVERED_CONSTRAINTS = CASES.names


# Tests ---------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "fields"), CASES.params("bad"))
def test_database_rejects_bad_row(case, fields):
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        case.write(**fields)
    assert_violated(raised.value, case.model, case.name)


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "fields"), CASES.params("good"))
def test_database_accepts_good_row(case, fields):
    case.write(**fields)


def test_every_assessment_constraint_has_a_test():
    assert_every_constraint_covered("assessments", COVERED_CONSTRAINTS)


@pytest.mark.django_db
def test_every_assessment_constraint_is_in_the_database():
    assert_constraints_in_schema("assessments")
