"""Migration 0017: every stored summary is folded again under today's disclosure rules, so
none keeps a figure from before the "all but one" amendment to ADR 0036."""

import importlib

import pytest
from django.apps import apps

from assessments import services
from assessments.models import RoundResult, RoundStatus
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.assessments.test_round_summaries_migration import SUMMARY
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "assessments.migrations.0017_refold_summaries_for_homogeneity_rules"
)


@pytest.mark.strict_results
def test_the_data_step_gives_every_summary_what_closing_gives_today(
    partnership,
    manager,
    framework,  # noqa: F811
):
    alpha = PartnerFactory(partnership=partnership, name="Alpha")
    bravo = PartnerFactory(partnership=partnership, name="Bravo")
    round_ = RoundFactory(partnership=partnership, frameworks=[framework])
    answers = [
        (alpha, {"i1": 4, "i2": 2, "i3": 5}),
        (alpha, {"i1": 2, "i2": 3, "i3": 1}),
        (alpha, {"i1": 5, "i2": 1, "i3": 3}),
        (bravo, {"i1": 1, "i2": 4, "i3": 2}),
        (bravo, {"i1": 3, "i2": 5, "i3": 4}),
        (bravo, {"i1": 4, "i2": 2, "i3": 5}),
    ]
    for partner, values in answers:
        respond(round_, framework, partner, values)
    services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
    stored = RoundResult.objects.get(round=round_)
    at_close = {field: getattr(stored, field) for field in SUMMARY}
    assert at_close["overall_shown"] is not None  # a summary with figures to lose

    # A summary folded under older rules: other figures than today's fold gives.
    RoundResult.objects.filter(pk=stored.pk).update(
        overall_score=12.5,
        overall_shown=13,
        split_dimensions=9,
        round_overall=99.0,
        round_overall_shown=99,
        dimension_scores={"stale": 1},
    )
    migration.summaries.summarise_closed_rounds(apps, None)
    stored.refresh_from_db()
    assert {field: getattr(stored, field) for field in SUMMARY} == at_close


def test_the_migration_runs_the_summary_fold():
    (operation,) = migration.Migration.operations
    assert operation.code is migration.summaries.summarise_closed_rounds
