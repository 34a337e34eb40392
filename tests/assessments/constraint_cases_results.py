"""Constraint cases for stored round results (part of tests/assessments/test_constraints.py,
which runs them)."""

from django.utils import timezone

from assessments.models import RoundResult, RoundStatus
from tests.constraint_cases import ConstraintCases
from tests.factories import FrameworkFactory, RoundFactory

CASES = ConstraintCases()


def write_result(*, twice=False, **fields):
    framework = FrameworkFactory()
    round_ = RoundFactory(status=RoundStatus.CLOSED, frameworks=[framework])
    values = {"respondents": 3, "open_link_responses": 0, **fields}
    for _ in range(2 if twice else 1):
        RoundResult.objects.create(
            round=round_, framework=framework, computed_at=timezone.now(), **values
        )


CASES.add(
    RoundResult,
    "round_result_unique",
    write=write_result,
    bad={"twice": {"twice": True}},
    good={"once": {}},
)
CASES.add(
    RoundResult,
    "round_result_open_link_within_respondents",
    write=write_result,
    bad={"more than everyone": {"respondents": 2, "open_link_responses": 3}},
    good={"all": {"respondents": 3, "open_link_responses": 3}, "none": {}},
)
