"""The round report against figures worked out by hand, anonymity, and its query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Answer, RespondentRole, Response, ResponseStatus, RoundStatus
from assessments.reports.round_report import build_round_report
from assessments.services.results import rebuild_results
from frameworks.models import Dimension, DimensionAdvice
from tests.factories import (
    DimensionFactory,
    FrameworkFactory,
    ItemFactory,
    PartnerFactory,
    PartnershipFactory,
    RoundFactory,
    ScoreBandFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    framework = FrameworkFactory(slug="readiness", title="Readiness")
    bands = [
        ScoreBandFactory(framework=framework, label="Concern", lower_bound=0, colour="red"),
        ScoreBandFactory(framework=framework, label="Developing", lower_bound=50, colour="yellow"),
        ScoreBandFactory(framework=framework, label="Strength", lower_bound=75, colour="green"),
    ]
    d1 = DimensionFactory(framework=framework, key="trust", title="Trust", position=1)
    d2 = DimensionFactory(framework=framework, key="vision", title="Vision", position=2)
    for dimension in (d1, d2):
        for band in bands:
            DimensionAdvice.objects.create(
                dimension=dimension, band=band, text=f"{dimension.title} {band.label} advice"
            )
    ItemFactory(dimension=d1, key="i1", position=1, statement="We trust each other")
    ItemFactory(
        dimension=d1, key="i2", position=2, statement="Partners go it alone", reverse_scored=True
    )
    ItemFactory(dimension=d2, key="i3", position=1, statement="We share a vision")
    return framework


def respond(round_, framework, partner, values, *, comment="", role=RespondentRole.CLINICAL):
    """A submitted guest response with values keyed by item key (None: not applicable)."""
    response = Response.objects.create(
        round=round_,
        framework=framework,
        partner=partner,
        respondent_role=role,
        resume_token_hash=f"{Response.objects.count():064d}",
        status=ResponseStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    items = {
        i.key: i
        for i in framework.dimensions.all().prefetch_related("items")
        for i in i.items.all()
    }
    Answer.objects.bulk_create(
        Answer(
            response=response,
            item=items[key],
            value=value,
            comment=comment if key == "i1" else "",
        )
        for key, value in values.items()
    )
    return response


def test_hand_worked_report(framework):
    partnership = PartnershipFactory()
    alpha = PartnerFactory(partnership=partnership, name="Alpha Surgery", people_invited=4)
    bravo = PartnerFactory(partnership=partnership, name="Bravo Trust")
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    # Each partner's three people give three different answers to i1 and i2: a group of
    # fewer than 11 in which all but one answered alike shows no figures (ADR 0036).
    respond(round_, framework, alpha, {"i1": 5, "i2": 1, "i3": 4}, comment="We meet monthly.")
    respond(round_, framework, alpha, {"i1": 4, "i2": 3, "i3": None})
    respond(round_, framework, alpha, {"i1": 2, "i2": 4, "i3": 2})
    respond(round_, framework, bravo, {"i1": 2, "i2": 4, "i3": 3}, role=RespondentRole.LEADERSHIP)
    respond(round_, framework, bravo, {"i1": 1, "i2": 5, "i3": 1}, role=RespondentRole.LEADERSHIP)
    respond(
        round_, framework, bravo, {"i1": 3, "i2": 3, "i3": None}, role=RespondentRole.LEADERSHIP
    )
    # An unsubmitted response never counts.
    unsubmitted = respond(round_, framework, bravo, {"i1": 5, "i2": 1, "i3": 5})
    Response.objects.filter(pk=unsubmitted.pk).update(
        status=ResponseStatus.IN_PROGRESS, submitted_at=None
    )

    report = build_round_report(round_, framework)

    # i1 (1–5 -> 0–100): 100, 75, 25, 25, 0, 50 -> 275 / 6 = 45.83
    # i2 reversed: 100, 50, 25, 25, 0, 50 -> 250 / 6 = 41.67
    # Trust = (45.83 + 41.67) / 2 = 43.75 -> 44, Concern
    # i3: 75, n/a, 25, 50, 0, n/a -> 150 / 4 = 37.5 -> 38, Concern
    # Overall = (43.75 + 37.5) / 2 = 40.625 -> 41, Concern
    assert report.respondents == 6 and not report.suppressed
    assert (report.overall.shown, report.overall.band.label) == (41, "Concern")
    trust, vision = report.dimensions
    assert trust.score.value == pytest.approx((275 / 6 + 250 / 6) / 2)
    assert (trust.score.shown, trust.score.band.label) == (44, "Concern")
    assert (vision.score.shown, vision.score.band.label) == (38, "Concern")
    assert (trust.answered, trust.not_applicable) == (12, 0)
    assert (vision.answered, vision.not_applicable) == (4, 2)

    # Partners: Alpha Trust = (66.67 + 58.33) / 2 = 62.5 -> 63 Developing; Vision (75 + 25) / 2
    # = 50. Bravo Trust = (25 + 25) / 2 = 25 Concern; Vision (50 + 0) / 2 = 25
    assert [g.label for g in report.groups.groups] == ["Alpha Surgery", "Bravo Trust"]
    assert [(c.shown, c.band.label) for c in trust.cells] == [(63, "Developing"), (25, "Concern")]
    # Vision by partner would be (75 + 25) / 2 = 50 and (50 + 0) / 2 = 25, but in each
    # partner only 2 of the 3 people rated i3 (the others chose "not applicable"): a mean of
    # fewer than the threshold of 3 raters is never shown (disclosure control, ADR 0010).
    assert [c.shown for c in vision.cells] == [None, None]
    assert report.dimensions_not_broken_down == ("Vision",)
    # Trust: partners 63 and 25 -> 38 apart -> split. Vision: no partner figures to compare,
    # spread 27.95 -> not split.
    assert (trust.gap, trust.split) == (38, True)
    assert (vision.gap, vision.spread, vision.split) == (None, 28, False)
    # Trust's twelve answers (mean 43.75): standard deviation 32.48 -> 32.
    assert trust.spread == 32

    # Items: distribution and means.
    i1, i2 = trust.items
    assert [bar.count for bar in i1.bars] == [1, 2, 1, 1, 1]
    # 1, 2, 1, 1 and 1 of 6 by largest remainder: adds to 100 (rounding each gave 101).
    assert [bar.percent for bar in i1.bars] == [17, 33, 17, 17, 16]
    assert (i1.score.shown, i2.score.shown, i2.reverse_scored) == (46, 42, True)
    assert vision.items[0].not_applicable == 2

    # Roles: Clinical 3, Leadership 3: both shown.
    assert [g.label for g in report.role_groups.groups] == ["Clinical", "Leadership or management"]
    assert [c.shown for c in trust.role_cells] == [63, 25]

    # Highlights and suggested actions.
    assert [d.title for d in report.strengths] == []
    assert [d.title for d in report.concerns] == ["Vision", "Trust"]
    assert [d.title for d in report.disagreements] == ["Trust"]
    assert [(a.dimension, a.advice) for a in report.suggested_actions] == [
        ("Vision", "Vision Concern advice"),
        ("Trust", "Trust Concern advice"),
    ]
    assert trust.comments == (("Alpha Surgery", "We meet monthly."),)

    # Response rates: Alpha asked 4 people (3 answered); Bravo has no base recorded.
    rates = {row.partner: (row.responses, row.rate) for row in report.response_rates}
    assert rates == {"Alpha Surgery": (3, 75), "Bravo Trust": (3, None)}
    assert report.response_rate is None


def test_change_since_the_previous_round(framework):
    partnership = PartnershipFactory()
    partner = PartnerFactory(partnership=partnership)
    today = timezone.localdate()
    before = RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=RoundStatus.CLOSED,
        opens_on=today - timedelta(days=100),
        closes_on=today - timedelta(days=90),
    )
    now = RoundFactory(partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED)
    # Answers differ (a group of three all answering alike would be withheld, ADR 0036); the
    # means are those of the middle person: before all 50, now trust 62.5 and vision 25.
    for shift in (-1, 0, 1):
        respond(before, framework, partner, {"i1": 3 + shift, "i2": 3 + shift, "i3": 3 + shift})
        respond(now, framework, partner, {"i1": 4 + shift, "i2": 3 + shift, "i3": 2 + shift})

    report = build_round_report(now, framework)

    assert report.previous_round == before
    trust, vision = report.dimensions
    assert (trust.change.points, trust.change.text) == (13, "Up 13")  # 63 - 50
    assert (vision.change.points, vision.change.text) == (-25, "Down 25")
    assert report.overall_change.points == 44 - 50
    assert report.radar is not None or len(report.dimensions) < 3


def test_a_partner_below_the_threshold_shows_no_cell_and_no_comments(framework):
    partnership = PartnershipFactory()
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    charlie = PartnerFactory(partnership=partnership, name="Charlie")
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    # No group of fewer than 11 has all but one of its raters answering alike (ADR 0036):
    # Alpha 5, 5, 5, 4, 3; Bravo with Charlie 3, 3, 3, 2, 1, 1.
    for _ in range(3):
        respond(round_, framework, alpha, {"i1": 5, "i2": 1, "i3": 5})
    respond(round_, framework, alpha, {"i1": 4, "i2": 2, "i3": 4})
    respond(round_, framework, alpha, {"i1": 3, "i2": 3, "i3": 3})
    for _ in range(3):
        respond(round_, framework, bravo, {"i1": 3, "i2": 3, "i3": 3})
    respond(round_, framework, bravo, {"i1": 2, "i2": 4, "i3": 2})
    respond(round_, framework, charlie, {"i1": 1, "i2": 5, "i3": 1}, comment="Charlie's secret")
    respond(round_, framework, charlie, {"i1": 1, "i2": 5, "i3": 1})

    report = build_round_report(round_, framework)

    # Charlie (2) alone would be too small, so Bravo, the smallest shown partner, joins it:
    # subtracting Alpha from the overall figure gives Bravo and Charlie together, never Charlie.
    labels = [g.label for g in report.groups.groups]
    assert labels == ["Alpha", "Other partners"]
    assert report.groups.merged_labels == ("Bravo", "Charlie")
    trust = report.dimensions[0]
    # Alpha: i1 = (3 × 100 + 75 + 50) / 5 = 85, i2 the same. Other partners: i1 = (3 × 50 +
    # 25 + 2 × 0) / 6 = 29.17; i2 the same -> 29
    assert [c.shown for c in trust.cells] == [85, 29]
    assert all(group != "Charlie" for group, _ in trust.comments)
    assert ("Other partners", "Charlie's secret") in trust.comments


def test_too_few_responses_hide_the_whole_report(framework):
    round_ = RoundFactory(frameworks=[framework], status=RoundStatus.CLOSED)
    partner = PartnerFactory(partnership=round_.partnership)
    respond(round_, framework, partner, {"i1": 5, "i2": 1, "i3": 5}, comment="Only me")
    respond(round_, framework, partner, {"i1": 5, "i2": 1, "i3": 5})

    report = build_round_report(round_, framework)

    assert report.suppressed and report.respondents == 2
    assert report.dimensions == () and report.overall.value is None


@pytest.mark.parametrize("threshold", [3, 5])
@pytest.mark.strict_results
def test_query_count_does_not_grow_with_respondents(framework, threshold):
    def queries_for(respondents: int) -> int:
        partnership = PartnershipFactory()
        partners = [PartnerFactory(partnership=partnership) for _ in range(4)]
        round_ = RoundFactory(
            partnership=partnership,
            frameworks=[framework],
            status=RoundStatus.CLOSED,
            anonymity_threshold=threshold,
        )
        for n in range(respondents):
            respond(
                round_,
                framework,
                partners[n % 4],
                {"i1": 1 + n % 5, "i2": 1 + n % 3, "i3": None if n % 7 == 0 else 1 + n % 4},
                comment=f"Comment {n}" if n % 3 == 0 else "",
            )
        rebuild_results(round_ids=[round_.pk])  # as closing the round would (ADR 0031)
        with CaptureQueriesContext(connection) as captured:
            report = build_round_report(round_, framework)
        assert not report.suppressed
        return len(captured)

    # The framework's structure (4, the first time: then it is cached, ADR 0043), partners,
    # the round's stored counts (one read), members per partner, actions with whether their
    # owners are still members, the previous round, comments, and targets with agreed
    # positions (one UNION): 11, then 7.
    assert queries_for(5 if threshold == 3 else 20) == 11
    assert queries_for(200) == 7


def test_the_page_names_only_dimensions_whose_group_scores_it_shows(framework):
    """A local context dimension's group scores are not in the page's heatmaps, so the note
    under them does not name it (the analyst CSV, which has its group scores, still does)."""
    Dimension.objects.filter(framework=framework, key="vision").update(local_context=True)
    partnership = PartnershipFactory()
    alpha = PartnerFactory(partnership=partnership, name="Alpha Surgery")
    bravo = PartnerFactory(partnership=partnership, name="Bravo Trust")
    round_ = RoundFactory(
        partnership=partnership, frameworks=[framework], status=RoundStatus.CLOSED
    )
    # As in the hand-worked report: Vision's i3 is rated by two of each partner's three.
    for partner, i3 in ((alpha, (4, None, 2)), (bravo, (3, 1, None))):
        for n, value in enumerate(i3):
            respond(round_, framework, partner, {"i1": 1 + 2 * n, "i2": 5 - n, "i3": value})

    report = build_round_report(round_, framework)

    assert [d.title for d in report.local_dimensions] == ["Vision"]
    assert report.dimensions_not_broken_down == ("Vision",)
    assert report.shared_not_broken_down == ()
