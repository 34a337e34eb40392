# ruff: noqa: F811  (the framework fixture is imported from the round report tests)
"""The spiral (issue 12, acceptance 1): a round, targets, a consensus workshop and actions
after it, then a second round whose report shows, beside each dimension's change, the
actions raised for it with their status, the target and whether it was met. All through the
pages, as a manager and a facilitator would use them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from assessments.models import ActionItem, ActionStatus, ConsensusRecord, DimensionTarget
from assessments.reports import charts
from assessments.reports.round_report import build_round_report
from assessments.reports.trends import build_trends
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

HIGH = {"i1": 5, "i2": 1, "i3": 5}  # 100 everywhere
LOW = {"i1": 1, "i2": 5, "i3": 1}  # 0 everywhere
GOOD = {"i1": 4, "i2": 2, "i3": 3}  # Trust 75, Vision 50
NEAR_HIGH = {"i1": 4, "i2": 2, "i3": 4}  # 75 everywhere
NEAR_LOW = {"i1": 2, "i2": 4, "i3": 2}  # 25 everywhere
MIDDLE = {"i1": 3, "i2": 3, "i3": 3}  # 50 everywhere


def _closed(partnership, framework, title, closes_on):
    return RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status="closed",
        title=title,
        opens_on=closes_on - timedelta(days=20),
        closes_on=closes_on,
        closed_at=datetime.combine(closes_on, datetime.min.time(), tzinfo=UTC),
    )


def _date(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def two_rounds(partnership, framework):
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    first = _closed(partnership, framework, "Baseline", date(2026, 3, 31))
    # Each partner's three give three different answers: a small group in which all but one
    # answered alike would be withheld (ADR 0036). Alpha (100 + 75 + 50) / 3 = 75, Bravo
    # (0 + 25 + 50) / 3 = 25 everywhere; everyone 50.
    for high, low in ((HIGH, LOW), (NEAR_HIGH, NEAR_LOW), (MIDDLE, MIDDLE)):
        respond(first, framework, alpha, high)
        respond(first, framework, bravo, low)
    second = _closed(partnership, framework, "Review", date(2026, 10, 31))
    return first, second, (alpha, bravo)


def test_second_report_shows_actions_targets_and_whether_met(
    client, manager, facilitator, framework, two_rounds
):
    first, second, (alpha, bravo) = two_rounds
    trust = framework.dimensions.get(key="trust")
    vision = framework.dimensions.get(key="vision")

    # After the first round: targets (manager), a workshop (facilitator), actions (manager).
    client.force_login(manager)
    url = reverse("round_targets", args=[first.pk, framework.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"target_{trust.pk}": "60", f"target_{vision.pk}": "90"})
    assert response.status_code == 302

    client.force_login(facilitator)
    workshop = client.get(reverse("workshop", args=[first.pk, framework.slug])).content.decode()
    assert workshop.index("1. Trust") < workshop.index("Discuss first") + 2000  # split first
    assert "Partners differ by 50 points".lower() in workshop.lower()
    record = reverse("workshop_record", args=[first.pk, framework.slug, trust.pk])
    response = client.post(record, {f"d{trust.pk}-score": "40", f"d{trust.pk}-rationale": "Lower"})
    assert response.status_code == 302
    agenda = client.get(reverse("workshop_agenda", args=[first.pk, framework.slug]))
    assert "Trust (to discuss: partners differ by 50 points" in agenda.content.decode()

    client.force_login(manager)
    create = reverse("action_create", args=[first.partnership_id])
    for dimension, title in ((trust, "Monthly partners' meeting"), (vision, "Write a vision")):
        response = client.post(
            f"{create}?round={first.pk}&dimension={dimension.pk}",
            {
                "title": title,
                "dimension": dimension.pk,
                "owner_choice": "named",
                "owner": "PCN manager",
                "status": ActionStatus.PLANNED,
                **_date("due_on", date(2026, 9, 1)),
            },
        )
        assert response.status_code == 302
    meeting = ActionItem.objects.get(title="Monthly partners' meeting")
    response = client.post(
        reverse("action_edit", args=[first.partnership_id, meeting.pk]),
        {
            "title": meeting.title,
            "dimension": trust.pk,
            "owner_choice": "named",
            "owner": "PCN manager",
            "status": ActionStatus.DONE,
            **_date("due_on", date(2026, 9, 1)),
        },
    )
    assert response.status_code == 302
    ActionItem.objects.filter(pk=meeting.pk).update(completed_on=date(2026, 8, 20))
    ActionItem.objects.filter(title="Write a vision").update(status=ActionStatus.IN_PROGRESS)

    # The second round: Trust 75 (target 60 met), Vision 50 (target 90 not met).
    for partner in (alpha, bravo):
        for shift in (-1, 0, 1):  # the means of GOOD, from answers that differ
            respond(second, framework, partner, {k: v + shift for k, v in GOOD.items()})

    report = build_round_report(second, framework)
    rows = {d.key: d for d in report.dimensions}
    assert (rows["trust"].change.points, rows["trust"].plan.previous_target) == (25, 60)
    assert rows["trust"].plan.target_met is True
    assert [(a.title, a.status) for a in rows["trust"].plan.actions] == [
        ("Monthly partners' meeting", ActionStatus.DONE)
    ]
    assert (rows["vision"].plan.previous_target, rows["vision"].plan.target_met) == (90, False)
    assert [(a.title, a.status) for a in rows["vision"].plan.actions] == [
        ("Write a vision", ActionStatus.IN_PROGRESS)
    ]

    page = client.get(reverse("round_report", args=[second.pk])).content.decode()
    table = page[page.index('id="dimensions"') : page.index("</table>")]
    trust_row = table[
        table.index('href="#dimension-trust"') : table.index('href="#dimension-vision"')
    ]
    vision_row = table[table.index('href="#dimension-vision"') :]
    assert "Up 25" in trust_row and "Target 60" in trust_row and ">Met<" in trust_row
    assert "Monthly partners&#x27; meeting" in trust_row and ">Done<" in trust_row
    assert "Target 90" in vision_row and ">Not met<" in vision_row
    assert "Write a vision" in vision_row and ">In progress<" in vision_row

    # The first report shows the agreed position beside the survey score, and its target.
    first_page = client.get(reverse("round_report", args=[first.pk])).content.decode()
    first_table = first_page[first_page.index('id="dimensions"') : first_page.index("</table>")]
    assert "Agreed position" in first_table and "<strong>40</strong>" in first_table
    assert "Target for next round" in first_table

    # Trends mark the round by which an action was completed.
    trends = build_trends(first.partnership, framework.slug, user=manager)
    assert [r.actions_completed for r in trends.rounds] == [0, 1]


# Permission matrix for targets and agreed positions: refusals are 403 and change nothing.
TARGETS = {"manager": 302, "member": 403, "facilitator": 403, "outsider": 404}
CONSENSUS = {"manager": 302, "member": 403, "facilitator": 302, "outsider": 404}


@pytest.mark.parametrize("role", TARGETS)
def test_who_may_set_targets_and_record_agreed_positions(
    request, client, framework, two_rounds, role
):
    first, _, _ = two_rounds
    trust = framework.dimensions.get(key="trust")
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        reverse("round_targets", args=[first.pk, framework.slug]), {f"target_{trust.pk}": "70"}
    )
    assert response.status_code == TARGETS[role]
    assert DimensionTarget.objects.exists() is (TARGETS[role] == 302)

    response = client.post(
        reverse("workshop_record", args=[first.pk, framework.slug, trust.pk]),
        {f"d{trust.pk}-score": "55", f"d{trust.pk}-rationale": "Agreed"},
    )
    assert response.status_code == CONSENSUS[role]
    assert ConsensusRecord.objects.exists() is (CONSENSUS[role] == 302)

    readable = 404 if role == "outsider" else 200
    for name in ("workshop", "workshop_agenda"):
        url = reverse(name, args=[first.pk, framework.slug])
        assert client.get(url).status_code == readable


@pytest.mark.parametrize("score", ["101", "-1", "4.5", ""])
def test_agreed_scores_outside_the_scale_are_refused(client, manager, framework, two_rounds, score):
    first, _, _ = two_rounds
    trust = framework.dimensions.get(key="trust")
    client.force_login(manager)
    response = client.post(
        reverse("workshop_record", args=[first.pk, framework.slug, trust.pk]),
        {f"d{trust.pk}-score": score, f"d{trust.pk}-rationale": "Agreed"},
    )
    assert response.status_code == 200 and not ConsensusRecord.objects.exists()
    assert "nhsuk-error-message" in response.content.decode()


def test_targets_outside_the_scale_are_refused_all_or_nothing(
    client, manager, framework, two_rounds
):
    first, _, _ = two_rounds
    trust = framework.dimensions.get(key="trust")
    vision = framework.dimensions.get(key="vision")
    client.force_login(manager)
    response = client.post(
        reverse("round_targets", args=[first.pk, framework.slug]),
        {f"target_{trust.pk}": "70", f"target_{vision.pk}": "120"},
    )
    assert response.status_code == 200 and not DimensionTarget.objects.exists()
    assert "The score must be 100 or less" in response.content.decode()


def test_the_radar_shows_targets_as_squares():
    chart = charts.radar_chart(
        ["Trust", "Vision", "Voice"],
        [
            charts.Series("Review", [50, 60, 70]),
            charts.Series("Target for the next round", [70, None, 80], markers_only=True),
        ],
        title="Scores",
        description="Scores and targets",
        chart_id="radar-test",
    )
    assert chart.count("<rect") == 3  # two targets and the legend's sample
    assert "Target for the next round" in chart
    assert chart.count("<polygon") == 1 + 4  # the scores only, over the four grid rings
