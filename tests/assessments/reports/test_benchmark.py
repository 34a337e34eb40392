"""Cohort benchmarks against figures worked out by hand; hidden below five partnerships."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import RoundStatus
from assessments.reports.benchmark import (
    BENCHMARK_MINIMUM,
    cohort_benchmarks,
    spread_of,
)
from assessments.reports.disclosure import HOMOGENEITY_FLOOR
from assessments.reports.round_report import build_round_report
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import (
    CohortFactory,
    DimensionFactory,
    ItemFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def readiness(framework):  # noqa: F811
    """The report tests' framework: Trust (i1, i2 reverse-scored) and Vision (i3)."""
    return framework


def scored_round(
    readiness, partnership, trust, vision, *, people=HOMOGENEITY_FLOOR, days_ago=10, **round_fields
):
    """A round in which ``people`` respondents all answer so that Trust scores ``trust`` and
    Vision ``vision`` (each a multiple of 25): i1 = value, i2 (reversed) = 6 - value. As many
    as the homogeneity floor, so that everyone answering alike may be shown (ADR 0036)."""
    today = timezone.localdate()
    fields = {
        "status": RoundStatus.CLOSED,
        "opens_on": today - timedelta(days=days_ago + 30),
        "closes_on": today - timedelta(days=days_ago),
        **round_fields,
    }
    round_ = RoundFactory(partnership=partnership, frameworks=[readiness], **fields)
    partner = partnership.partners.first() or PartnerFactory(partnership=partnership)
    t, v = trust // 25 + 1, vision // 25 + 1
    for _ in range(people):
        respond(round_, readiness, partner, {"i1": t, "i2": 6 - t, "i3": v})
    return round_


# Trust and Vision per partnership; overall is their mean.
SCORES = [(0, 0), (25, 50), (50, 50), (75, 100), (100, 75)]


def make_cohort(readiness):
    partnerships = [PartnershipFactory(name=f"Cohort member {n}") for n in range(5)]
    rounds = [
        scored_round(readiness, p, trust, vision)
        for p, (trust, vision) in zip(partnerships, SCORES, strict=True)
    ]
    cohort = CohortFactory(name="Test programme", partnerships=partnerships)
    cohort.rounds = rounds
    return cohort


@pytest.fixture
def cohort(readiness):
    return make_cohort(readiness)


def test_spread_of_five_scores():
    spread = spread_of([80, 40, 60, 50, 70])
    assert (spread.count, spread.mean, spread.median) == (5, 60, 60)
    assert (spread.lower_quartile, spread.upper_quartile) == (50, 70)


def test_spread_of_six_scores_interpolates():
    # Sorted 10, 20, 30, 40, 55, 90: quartile positions 1.25, 2.5 and 3.75 (from 0).
    spread = spread_of([90, 10, 20, 30, 40, 55])
    assert spread.mean == pytest.approx(245 / 6)
    assert spread.lower_quartile == pytest.approx(22.5)  # 20 + 0.25 × 10
    assert spread.median == pytest.approx(35)
    assert spread.upper_quartile == pytest.approx(51.25)  # 40 + 0.75 × 15
    assert (spread.mean_shown, spread.lower_shown, spread.upper_shown) == (41, 23, 51)


def test_spread_needs_five_scores():
    assert BENCHMARK_MINIMUM == 5
    assert spread_of([10, 20, 30, 40]) is None


def test_hand_worked_cohort_benchmark(readiness, cohort):
    (benchmark,) = cohort_benchmarks([cohort.pk])[cohort.pk]

    assert (benchmark.slug, benchmark.with_results, benchmark.shown) == ("readiness", 5, True)
    # Overall 0, 37.5, 50, 87.5, 87.5: mean 52.5, quartiles 37.5, 50, 87.5.
    overall = benchmark.overall
    assert (overall.mean, overall.lower_quartile, overall.median, overall.upper_quartile) == (
        52.5,
        37.5,
        50,
        87.5,
    )
    trust, vision = benchmark.dimensions
    # Trust 0, 25, 50, 75, 100: mean 50, quartiles 25, 50, 75.
    assert (trust.key, trust.spread.mean, trust.spread.lower_quartile) == ("trust", 50, 25)
    assert (trust.spread.median, trust.spread.upper_quartile) == (50, 75)
    # Vision 0, 50, 50, 75, 100: mean 55, quartiles 50, 50, 75.
    assert (vision.spread.mean, vision.spread.lower_quartile) == (55, 50)
    assert (vision.spread.median, vision.spread.upper_quartile) == (50, 75)


def test_each_partnership_counts_once_with_its_latest_closed_round(readiness, cohort):
    first = cohort.partnerships.get(name="Cohort member 0")
    # An older closed round (ignored), and an open round (ignored: not closed).
    scored_round(readiness, first, 100, 100, days_ago=200, title="Long ago")
    scored_round(readiness, first, 100, 100, days_ago=-5, status=RoundStatus.OPEN, title="Now")
    # A sixth partnership whose round has too few responses to count at all.
    small = PartnershipFactory(name="Small")
    scored_round(readiness, small, 100, 100, people=2)
    cohort.partnerships.add(small)

    (benchmark,) = cohort_benchmarks([cohort.pk])[cohort.pk]

    assert benchmark.with_results == 5
    assert benchmark.overall.mean == 52.5


def test_local_context_never_enters_the_benchmark(readiness):
    local = DimensionFactory(
        framework=readiness, key="local", title="Local", position=3, local_context=True
    )
    ItemFactory(dimension=local, key="i4", position=1)
    cohort = make_cohort(readiness)

    (benchmark,) = cohort_benchmarks([cohort.pk])[cohort.pk]

    assert [d.key for d in benchmark.dimensions] == ["trust", "vision"]


def test_hidden_with_four_partnerships(readiness, cohort):
    cohort.partnerships.remove(cohort.partnerships.get(name="Cohort member 4"))

    (benchmark,) = cohort_benchmarks([cohort.pk])[cohort.pk]

    assert (benchmark.with_results, benchmark.shown, benchmark.overall) == (4, False, None)
    assert all(d.spread is None for d in benchmark.dimensions)
    report = build_round_report(cohort.rounds[1], readiness, with_benchmarks=True)
    assert report.benchmarks == ()


def test_the_report_shows_its_position(readiness, cohort):
    report = build_round_report(cohort.rounds[1], readiness, with_benchmarks=True)

    (position,) = report.benchmarks
    assert (position.cohort, position.partnerships) == ("Test programme", 5)
    # This partnership: Trust 25, Vision 50, overall 37.5 -> 38.
    overall = position.overall
    assert (overall.yours.shown, overall.spread.mean_shown) == (38, 53)
    assert (overall.spread.lower_shown, overall.spread.upper_shown) == (38, 88)
    assert overall.placing == "Within the middle half"
    trust, vision = position.dimensions
    assert (trust.label, trust.yours.shown, trust.placing) == (
        "Trust",
        25,
        "Within the middle half",
    )
    assert (vision.yours.shown, vision.placing) == (50, "Within the middle half")
    lowest = build_round_report(cohort.rounds[0], readiness, with_benchmarks=True)
    assert lowest.benchmarks[0].overall.placing == "Below the middle half"


def test_a_partnership_outside_any_cohort_has_no_position(readiness):
    round_ = scored_round(readiness, PartnershipFactory(), 50, 50)
    report = build_round_report(round_, readiness, with_benchmarks=True)
    assert report.benchmarks == ()


def test_report_page_shows_the_comparison(client, readiness, cohort):
    round_ = cohort.rounds[1]
    manager = MembershipFactory(partnership=round_.partnership, role=PartnershipRole.MANAGER)
    client.force_login(manager.user)

    html = client.get(reverse("round_report", args=[round_.pk])).content.decode()

    assert "Compared with Test programme" in html
    assert "This round's score 38; cohort mean 53, middle half 38 to 88; 5 partnerships" in html


def test_benchmark_page_for_the_cohorts_facilitators_only(client, readiness, cohort):
    facilitator = UserFactory()
    cohort.facilitators.add(facilitator)
    client.force_login(facilitator)

    response = client.get(reverse("cohort_benchmark", args=[cohort.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "5 partnerships have results" in html
    assert "38 to 88" in html  # overall middle half

    other = UserFactory()
    CohortFactory(facilitators=[other])
    manager = MembershipFactory(
        partnership=cohort.partnerships.first(), role=PartnershipRole.MANAGER
    ).user
    for outsider in (other, manager):
        client.force_login(outsider)
        assert client.get(reverse("cohort_benchmark", args=[cohort.pk])).status_code == 404


def test_benchmark_page_explains_when_too_few(client, readiness, cohort):
    cohort.partnerships.remove(cohort.partnerships.get(name="Cohort member 4"))
    facilitator = UserFactory()
    cohort.facilitators.add(facilitator)
    client.force_login(facilitator)

    html = client.get(reverse("cohort_benchmark", args=[cohort.pk])).content.decode()

    assert "Only 4 partnerships have results" in html
    assert "38 to 88" not in html
