"""Each closed round's summary (ADR 0035) is folded at close by the report's own code, on
every close route, equals a fresh fold for every demo round, agrees with the round report,
and is rebuilt by ``rebuild_results``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import services
from assessments.models import (
    ROLE_LABELS,
    Partner,
    RespondentRole,
    RoundFramework,
    RoundResult,
    RoundStatus,
)
from assessments.reports.published import NO_PARTNER_LABEL
from assessments.reports.round_report import build_round_report
from assessments.reports.structure import framework_spec
from assessments.reports.summary import stored_summary
from assessments.selectors import live_counts
from assessments.services.results import rebuild_results, summary_fields
from assessments.services.rounds import close_due_rounds
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def stored(round_, framework) -> dict:  # noqa: F811
    result = RoundResult.objects.get(round=round_, framework=framework)
    return {field: getattr(result, field) for field in _FIELDS}


def fresh(round_, framework) -> dict:  # noqa: F811
    """The summary folded now from the answers, with the report's code."""
    labels = {
        **dict(Partner.objects.filter(partnership=round_.partnership).values_list("pk", "name")),
        None: NO_PARTNER_LABEL,
    }
    summary = stored_summary(
        framework_spec(framework),
        live_counts.answer_count_cells(round_id=round_.pk, framework_id=framework.pk),
        live_counts.respondents_by_cell(round_id=round_.pk, framework_id=framework.pk),
        partner_labels=labels,
        role_labels=ROLE_LABELS,
        threshold=round_.anonymity_threshold,
    )
    return summary_fields(summary)


_FIELDS = (
    "suppressed",
    "overall_score",
    "overall_shown",
    "band_label",
    "split_dimensions",
    "concern_dimensions",
    "round_overall",
    "round_overall_shown",
    "dimension_scores",
)


def agrees_with_the_report(round_, framework) -> None:  # noqa: F811
    """What the dashboard and benchmarks read is what the report of the round shows."""
    report = build_round_report(round_, framework, include_comments=False)
    summary = RoundResult.objects.get(round=round_, framework=framework)
    assert summary.suppressed == report.suppressed
    assert summary.respondents == report.respondents
    if report.suppressed or not report.overall.has_score:
        assert summary.overall_score is None and summary.band_label == ""
        return
    assert summary.overall_score == report.overall.value
    assert summary.overall_shown == report.overall.shown
    assert summary.band_label == report.overall.band.label
    assert summary.split_dimensions == sum(1 for d in report.dimensions if d.split)
    concern = min(report.bands, key=lambda b: b.lower_bound).label
    assert summary.concern_dimensions == sum(
        1 for d in report.dimensions if d.score.band and d.score.band.label == concern
    )
    assert summary.dimension_scores == {
        d.key: d.score.value for d in report.dimensions if d.score.value is not None
    }


@pytest.fixture
def answered(partnership, framework):  # noqa: F811
    """An open round with seven submitted responses from two partners and two roles."""
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    for n in range(7):
        respond(
            round_,
            framework,
            alpha if n % 2 else bravo,
            {"i1": 1 + n % 5, "i2": None if n == 3 else 2, "i3": 4},
            role=RespondentRole.CLINICAL if n < 4 else RespondentRole.LEADERSHIP,
        )
    return round_


@pytest.mark.strict_results
def test_closing_by_a_manager_stores_the_summary(answered, manager, framework):  # noqa: F811
    services.set_round_status(actor=manager, round_=answered, status=RoundStatus.CLOSED)
    summary = stored(answered, framework)
    assert summary == fresh(answered, framework)
    assert summary["suppressed"] is False and summary["overall_shown"] is not None
    agrees_with_the_report(answered, framework)


@pytest.mark.strict_results
def test_closing_by_date_stores_the_summary(answered, framework):  # noqa: F811
    answered.closes_on = timezone.localdate() - timedelta(days=1)
    answered.opens_on = answered.closes_on - timedelta(days=5)
    answered.save()
    close_due_rounds()
    assert stored(answered, framework) == fresh(answered, framework)


@pytest.mark.strict_results
def test_a_round_below_its_threshold_stores_no_score(partnership, manager, framework):  # noqa: F811
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    partner = PartnerFactory(partnership=partnership)
    for _ in range(2):
        respond(round_, framework, partner, {"i1": 4, "i2": 2, "i3": 4})
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    summary = stored(round_, framework)
    assert summary["suppressed"] is True
    assert summary["overall_score"] is summary["round_overall"] is None
    assert summary["dimension_scores"] == {} and summary["band_label"] == ""
    agrees_with_the_report(round_, framework)


@pytest.mark.strict_results
def test_rebuild_results_recomputes_a_damaged_summary(answered, manager, framework):  # noqa: F811
    services.set_round_status(actor=manager, round_=answered, status=RoundStatus.CLOSED)
    good = stored(answered, framework)
    RoundResult.objects.update(overall_score=1.0, overall_shown=1, split_dimensions=9)
    out = StringIO()
    call_command("rebuild_results", stdout=out)
    assert stored(answered, framework) == good
    assert rebuild_results(round_ids=[answered.pk]) == [answered.pk]


@pytest.mark.strict_results
def test_every_demo_round_stores_the_summary_a_fresh_fold_gives():
    """seed_demo closes its past rounds through the service: each stored summary equals
    the summary folded from answers now, and agrees with the round's report."""
    call_command("load_frameworks", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    links = RoundFramework.objects.filter(round__status=RoundStatus.CLOSED).select_related(
        "round__partnership", "framework"
    )
    assert links.count() >= 3
    shown = 0
    for link in links:
        assert stored(link.round, link.framework) == fresh(link.round, link.framework)
        agrees_with_the_report(link.round, link.framework)
        shown += stored(link.round, link.framework)["overall_shown"] is not None
    assert shown >= 3  # not only suppressed rounds
