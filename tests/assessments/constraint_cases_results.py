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

# The summary folded at close (ADR 0035).
SCORED = {
    "suppressed": False,
    "overall_score": 62.5,
    "overall_shown": 63,
    "band_label": "Developing",
    "split_dimensions": 1,
    "concern_dimensions": 0,
}
CASES.add(
    RoundResult,
    "round_result_overall_score_in_range_with_shown",
    write=write_result,
    bad={
        "score without shown": {**SCORED, "overall_shown": None},
        "above 100": {**SCORED, "overall_score": 100.5, "overall_shown": 100},
        "below 0": {**SCORED, "overall_score": -1.0, "overall_shown": 0},
        "shown without score": {"overall_shown": 40},
    },
    good={"scored": SCORED, "no score": {}, "full marks": {**SCORED, "overall_score": 100.0}},
)
CASES.add(
    RoundResult,
    "round_result_no_score_no_band_or_flags",
    write=write_result,
    bad={
        "band without score": {"suppressed": False, "band_label": "Developing"},
        "split without score": {"suppressed": False, "split_dimensions": 0},
        "score without flags": {**SCORED, "split_dimensions": None},
    },
    good={"scored": SCORED, "not scored": {"suppressed": False}},
)
CASES.add(
    RoundResult,
    "round_result_suppressed_has_no_score",
    write=write_result,
    bad={"suppressed with a score": {**SCORED, "suppressed": True}},
    good={"suppressed": {"suppressed": True}, "published": SCORED},
)
CASES.add(
    RoundResult,
    "round_result_round_overall_in_range_with_shown",
    write=write_result,
    bad={
        "without shown": {"round_overall": 50.0},
        "shown without score": {"round_overall_shown": 50},
        "above 100": {"round_overall": 101.0, "round_overall_shown": 100},
    },
    good={"both": {"round_overall": 49.5, "round_overall_shown": 50}, "neither": {}},
)

# The response rate frozen at close (ADR 0039).
CASES.add(
    RoundResult,
    "round_result_rate_with_base",
    write=write_result,
    bad={
        "rate without base": {"response_rate": 50},
        "base without rate": {"rate_base": 6},
        "zero base": {"rate_base": 0, "response_rate": 0},
    },
    good={
        "both": {"rate_base": 6, "response_rate": 50},
        "above 100": {"rate_base": 2, "response_rate": 150},
        "neither": {},
    },
)
