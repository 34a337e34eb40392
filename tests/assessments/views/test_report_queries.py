"""The round report's query count through the whole Django stack (session, sign-in, loader,
presenter, template): at most 15 (issue 15), the same whatever the number of respondents, of
the round's frameworks or of the partnerships in its cohort (ADR 0035: the cohort benchmark
reads one stored summary row per partnership). Measured through the views.

A frozen framework version's structure is read once and then kept in the cache (ADR 0043,
``structure.answered_spec``): the counts below are for a warm cache (a page read once before), and
the first read of a version costs ``SPEC_QUERIES`` more, still within 15."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Partnership, Round, RoundStatus
from assessments.services.results import rebuild_results
from partnership_site.roles import PartnershipRole
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.assessments.views.test_dashboard import (  # noqa: F401
    _bulk_portfolio,
    cohort,
    facilitator_user,
    readiness,
)
from tests.factories import (
    ActionItemFactory,
    CohortFactory,
    DimensionFactory,
    FrameworkFactory,
    ItemFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# With the session and sign-in queries, for a facilitator through a cohort, on a round with a
# previous round: as FACILITATOR_REPORT_QUERIES (below; the previous round costs nothing
# more), within the ceiling of 15, and the same whatever the size of the cohort.
REPORT_QUERIES = 10
# A framework version's bands, dimensions, items and advice (structure.framework_spec), read
# the first time the version's structure is asked for; then it is in the cache.
SPEC_QUERIES = 4


@pytest.mark.strict_results
def test_the_report_costs_the_same_for_a_cohort_of_3_and_of_30(
    client, readiness, facilitator_user, cohort
):
    client.force_login(facilitator_user)
    _bulk_portfolio(readiness, cohort, 0, 3, latest=RoundStatus.CLOSED)
    first = Partnership.objects.get(name="Bulk 0000")
    round_ = Round.objects.filter(partnership=first).order_by("-closes_on").first()
    url = reverse("round_report", args=[round_.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert not any("assessments_answer" in q["sql"] for q in captured.captured_queries)
        return len(captured), response

    cold, response = queries()
    few, response = queries()
    _bulk_portfolio(readiness, cohort, 3, 27, latest=RoundStatus.CLOSED)
    many, response = queries()
    benchmarks = response.context["report"].benchmarks
    assert benchmarks and benchmarks[0].partnerships == 30  # the cohort's benchmark is shown
    assert few == many == REPORT_QUERIES
    assert cold == REPORT_QUERIES + SPEC_QUERIES <= 15


# -- The whole stack, signed in as the manager and as a facilitator (issue 15: at most 15) --

# Session and user (2); the round with the user's roles and the header's dashboard flag (1,
# permissions.with_roles); the round's frameworks with their stored counts and previous round
# (1, rounds.report_frameworks); the framework's bands, dimensions, items and advice (0 with
# a warm cache, else SPEC_QUERIES); partners, members per partner, actions with whether
# their owners are still members (3);
# targets and agreed positions (1, one UNION); the cohorts with their partnerships and the
# cohort's stored summaries (2). The manager also reads comments (1, from answers: text is
# not stored). No query depends on the number of respondents or of the round's frameworks.
MANAGER_REPORT_QUERIES = 11
FACILITATOR_REPORT_QUERIES = 10
# A previous closed round of the same framework comes with the round's frameworks
# (rounds.report_frameworks): no query of its own.
PREVIOUS_ROUND_QUERIES = 0
# The figures CSV: no comments and no benchmarks (the cohort's two reads).
CSV_QUERIES = MANAGER_REPORT_QUERIES - 1 - 2


def _closed_round(partnership, frameworks, respondents, *, days_ago=10, title="Spring"):
    """A round closed ``days_ago`` days ago, ``respondents`` people answering each framework
    (values varied, so nothing is withheld), its results stored as closing stores them."""
    today = timezone.localdate()
    round_ = RoundFactory(
        partnership=partnership,
        frameworks=frameworks,
        status=RoundStatus.CLOSED,
        title=title,
        opens_on=today - timedelta(days=days_ago + 30),
        closes_on=today - timedelta(days=days_ago),
    )
    _answer(round_, frameworks, respondents)
    return round_


def _answer(round_, frameworks, respondents, *, start=0):
    partners = list(round_.partnership.partners.order_by("pk"))
    for version in frameworks:
        for n in range(start, start + respondents):
            respond(
                round_,
                version,
                partners[n % len(partners)],
                {"i1": 1 + n % 5, "i2": 1 + (n * 2) % 5, "i3": 1 + (n * 3) % 5},
                comment=f"Comment {n}" if n % 2 == 0 else "",
            )
    rebuild_results(round_ids=[round_.pk])


def _readiness_copy(n):
    """Another framework with the report tests' shape (three items in two dimensions)."""
    framework = FrameworkFactory(slug=f"other-{n}", title=f"Other {n}")
    trust = DimensionFactory(framework=framework, key="trust", title="Trust", position=1)
    vision = DimensionFactory(framework=framework, key="vision", title="Vision", position=2)
    ItemFactory(dimension=trust, key="i1", position=1)
    ItemFactory(dimension=trust, key="i2", position=2)
    ItemFactory(dimension=vision, key="i3", position=1)
    return framework


@pytest.fixture
def setting(partnership, manager, facilitator, framework):  # noqa: F811
    """A partnership with two partners, an action owned by its manager, and a cohort (with
    a facilitator of its own) of this and four other partnerships."""
    PartnerFactory.create_batch(2, partnership=partnership)
    ActionItemFactory(partnership=partnership, owner_user=manager, owner="")
    others = PartnershipFactory.create_batch(4)
    CohortFactory(partnerships=[partnership, *others], facilitators=[UserFactory()])
    return {"manager": manager, "facilitator": facilitator}


def _count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    return len(sqls), sum("assessments_answer" in sql for sql in sqls), response


@pytest.mark.strict_results
@pytest.mark.parametrize(
    ("who", "expected", "answer_reads"),
    [("manager", MANAGER_REPORT_QUERIES, 1), ("facilitator", FACILITATOR_REPORT_QUERIES, 0)],
)
def test_the_report_page_costs_the_same_for_3_and_30_respondents(
    client,
    partnership,
    framework,  # noqa: F811
    setting,
    who,
    expected,
    answer_reads,
):
    round_ = _closed_round(partnership, [framework], 3)
    client.force_login(setting[who])
    url = reverse("round_report", args=[round_.pk])
    # The session's first renewal is not the page's cost; the version's structure is read.
    cold, _, _ = _count(client, url)
    few, few_answer_reads, response = _count(client, url)
    assert cold - few == SPEC_QUERIES  # the structure is read once, then cached
    assert cold <= 15
    assert response.context["report"].respondents == 3
    _answer(round_, [framework], 27, start=3)
    many, many_answer_reads, response = _count(client, url)
    assert response.context["report"].respondents == 30
    assert not response.context["report"].suppressed
    assert few == many == expected <= 15
    # Figures come from the stored results; only comments (text) are read from answers.
    assert few_answer_reads == many_answer_reads == answer_reads


@pytest.mark.strict_results
def test_the_report_page_costs_the_same_for_1_and_3_frameworks(
    client,
    partnership,
    framework,  # noqa: F811
    setting,
):
    one = _closed_round(partnership, [framework], 3, days_ago=40, title="One")
    others = [_readiness_copy(n) for n in range(2)]
    elsewhere = PartnershipFactory()
    PartnerFactory.create_batch(2, partnership=elsewhere)
    MembershipFactory(partnership=elsewhere, user=setting["manager"], role=PartnershipRole.MANAGER)
    three = _closed_round(elsewhere, [framework, *others], 3, days_ago=10, title="Three")
    client.force_login(setting["manager"])
    counts = []
    for round_ in (one, three):
        url = reverse("round_report", args=[round_.pk, framework.slug])
        client.get(url)
        counts.append(_count(client, url)[0])
    assert [f.slug for f in _count(client, url)[2].context["frameworks"]] == [
        framework.slug,
        *(f.slug for f in others),
    ]
    # The second partnership is in no cohort: no cohort summaries to read.
    assert counts == [MANAGER_REPORT_QUERIES, MANAGER_REPORT_QUERIES - 1]


@pytest.mark.strict_results
def test_a_previous_round_adds_a_fixed_number_of_queries(
    client,
    partnership,
    framework,  # noqa: F811
    setting,
):
    _closed_round(partnership, [framework], 3, days_ago=200, title="Autumn")
    round_ = _closed_round(partnership, [framework], 3, days_ago=10)
    client.force_login(setting["manager"])
    url = reverse("round_report", args=[round_.pk])
    client.get(url)
    few, _, response = _count(client, url)
    assert response.context["report"].previous_round.title == "Autumn"
    assert response.context["report"].previous_overall is not None
    _answer(round_, [framework], 27, start=3)
    many, _, _ = _count(client, url)
    assert few == many == MANAGER_REPORT_QUERIES + PREVIOUS_ROUND_QUERIES


@pytest.mark.strict_results
def test_the_figures_csv_costs_the_same_for_3_and_30_respondents(
    client,
    partnership,
    framework,  # noqa: F811
    setting,
):
    round_ = _closed_round(partnership, [framework], 3)
    client.force_login(setting["manager"])
    url = reverse("round_report_csv", args=[round_.pk, framework.slug])
    client.get(url)
    few, few_answer_reads, _ = _count(client, url)
    _answer(round_, [framework], 27, start=3)
    many, many_answer_reads, _ = _count(client, url)
    assert few == many == CSV_QUERIES
    assert few_answer_reads == many_answer_reads == 0


# The Excel workbook: session and user, the round with the roles, its frameworks with their
# stored counts (4); then each framework's report without comments or benchmarks: partners,
# members per partner, actions, targets and agreed positions (4; its structure is cached).
WORKBOOK_BASE_QUERIES = 4
WORKBOOK_QUERIES_PER_FRAMEWORK = 4


@pytest.mark.strict_results
@pytest.mark.parametrize("frameworks", [1, 3])
def test_the_workbook_costs_a_fixed_number_per_framework_whatever_the_respondents(
    client,
    partnership,
    framework,  # noqa: F811
    setting,
    frameworks,
):
    versions = [framework, *(_readiness_copy(n) for n in range(frameworks - 1))]
    round_ = _closed_round(partnership, versions, 3)
    client.force_login(setting["manager"])
    url = reverse("round_report_xlsx", args=[round_.pk])
    client.get(url)
    few, few_answer_reads, _ = _count(client, url)
    _answer(round_, versions, 27, start=3)
    many, many_answer_reads, _ = _count(client, url)
    expected = WORKBOOK_BASE_QUERIES + WORKBOOK_QUERIES_PER_FRAMEWORK * frameworks
    assert few == many == expected
    assert few_answer_reads == many_answer_reads == 0
