from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import RoundStatus
from assessments.reports.trends import build_trends
from assessments.services.results import rebuild_results
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db


def _round(partnership, framework, days_ago, status=RoundStatus.CLOSED):  # noqa: F811
    today = timezone.localdate()
    return RoundFactory(
        partnership=partnership,
        frameworks=[framework],
        status=status,
        opens_on=today - timedelta(days=days_ago + 10),
        closes_on=today - timedelta(days=days_ago),
    )


def test_each_dimension_across_closed_rounds(partnership, manager, framework):  # noqa: F811
    partner = PartnerFactory(partnership=partnership)
    first = _round(partnership, framework, 300)
    small = _round(partnership, framework, 200)
    last = _round(partnership, framework, 100)
    still_open = _round(partnership, framework, -10, status=RoundStatus.OPEN)
    # Three different answers to each item in each round (a small group in which all but
    # one answered alike is withheld, ADR 0036).
    for shift, last_values in zip(
        (-1, 0, 1),
        ({"i1": 5, "i2": 1, "i3": 4}, {"i1": 4, "i2": 2, "i3": 3}, {"i1": 3, "i2": 3, "i3": 1}),
        strict=True,
    ):
        respond(first, framework, partner, {"i1": 3 + shift, "i2": 3 + shift, "i3": 3 + shift})
        # Last: trust (100 + 75 + 50) / 3 = 75 on both items; vision (75 + 50 + 0) / 3 = 41.67.
        respond(last, framework, partner, last_values)
        respond(still_open, framework, partner, {"i1": 1, "i2": 5, "i3": 1})
    respond(small, framework, partner, {"i1": 1, "i2": 5, "i3": 1})  # below the threshold

    trends = build_trends(partnership, None, user=manager)

    assert [r.round for r in trends.rounds] == [first, small, last]
    assert [r.suppressed for r in trends.rounds] == [False, True, False]
    assert [r.overall.shown for r in trends.rounds] == [50, None, 58]  # (75 + 41.67) / 2
    trust, vision = trends.lines
    assert [s.shown if s else None for s in trust.scores] == [50, None, 75]
    assert [s.shown if s else None for s in vision.scores] == [50, None, 42]
    assert 'role="img"' in trends.chart


def test_query_count_does_not_grow_with_rounds(partnership, manager, framework):  # noqa: F811
    partner = PartnerFactory(partnership=partnership)

    def count():
        rebuild_results()  # as closing the rounds would (ADR 0031)
        user = type(manager).objects.get(pk=manager.pk)  # no cached roles
        with CaptureQueriesContext(connection) as captured:
            build_trends(partnership, None, user=user)
        return len(captured)

    for days in (400, 300):
        r = _round(partnership, framework, days)
        for _ in range(3):
            respond(r, framework, partner, {"i1": 3, "i2": 3, "i3": 3})
    two = count()
    for days in (200, 100, 50):
        r = _round(partnership, framework, days)
        for _ in range(3):
            respond(r, framework, partner, {"i1": 4, "i2": 3, "i3": 3})
    assert count() == two
