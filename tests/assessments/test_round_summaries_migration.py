"""Migration 0013 (ADR 0035): every round already closed has its summary filled in, folded
from its stored counts exactly as closing folds it."""

import importlib

import pytest
from django.apps import apps

from assessments import services
from assessments.models import RespondentRole, RoundResult, RoundStatus
from tests.assessments.reports.test_round_report import framework, respond  # noqa: F401
from tests.factories import PartnerFactory, RoundFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("assessments.migrations.0013_round_summaries")
SUMMARY = (
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


@pytest.mark.strict_results
def test_the_data_step_fills_in_what_closing_stores(partnership, manager, framework):  # noqa: F811
    rounds = []
    for size in (7, 2):  # one published, one below the threshold
        round_ = RoundFactory(partnership=partnership, frameworks=[framework])
        partners = [PartnerFactory(partnership=partnership) for _ in range(2)]
        for n in range(size):
            respond(
                round_,
                framework,
                partners[n % 2],
                {"i1": 1 + n % 5, "i2": 2 + n % 3, "i3": 4},
                role=RespondentRole.CLINICAL,
            )
        services.set_round_status(actor=manager, round_=round_, status=RoundStatus.CLOSED)
        rounds.append(round_)
    closed = {r.pk: r for r in RoundResult.objects.all()}
    assert {r.suppressed for r in closed.values()} == {True, False}
    # As the rows stood after migration 0012: counts only, the summary at its defaults.
    RoundResult.objects.update(
        suppressed=True,
        overall_score=None,
        overall_shown=None,
        band_label="",
        split_dimensions=None,
        concern_dimensions=None,
        round_overall=None,
        round_overall_shown=None,
        dimension_scores={},
    )

    migration.summarise_closed_rounds(apps, None)

    for pk, before in closed.items():
        after = RoundResult.objects.get(pk=pk)
        assert [getattr(after, f) for f in SUMMARY] == [getattr(before, f) for f in SUMMARY]
